"""``ragqa keys create|list|revoke`` and the check ``ragqa serve`` makes before binding."""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
import time
from typing import Any

from service.config import Settings
from service.security.auth import keys_path
from service.security.keys import ROLES, KeyStore


def cmd_keys_create(args: argparse.Namespace, settings: Settings) -> int:
    store = KeyStore(keys_path(settings))
    key, record = store.create(args.role, args.name)
    print(key)
    print(
        f"created {record.role} key {record.name!r} (id {record.id}) in {store.path}; "
        "this is the only time the key is shown",
        file=sys.stderr,
    )
    return 0


def cmd_keys_list(args: argparse.Namespace, settings: Settings) -> int:
    store = KeyStore(keys_path(settings))
    records = [r.public() for r in store.records() if args.all or r.active]
    if args.json:
        print(json.dumps(records, indent=2))
        return 0
    if not records:
        print(f"no API keys in {store.path}: the server runs without authentication, on 127.0.0.1 only")
    for r in records:
        state = "active" if r["revoked_at"] is None else f"revoked {_when(r['revoked_at'])}"
        print(f"{r['id']}  {r['role']:<6} {r['name']}  created {_when(r['created_at'])}  {state}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace, settings: Settings) -> int:
    record = KeyStore(keys_path(settings)).revoke(args.key)
    print(f"revoked {record.role} key {record.name!r} (id {record.id})")
    return 0


def _when(stamp: Any) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(float(stamp)))


def add_keys_parser(sub: Any) -> None:
    keys = sub.add_parser("keys", help="manage API keys").add_subparsers(dest="action", required=True)
    p = keys.add_parser("create", help="create a key and print it (once)")
    p.add_argument(
        "--role",
        choices=ROLES,
        required=True,
        help="query: ask, search, chat; admin: also documents and /metrics",
    )
    p.add_argument("--name", help="a label to list and revoke it by")
    p.add_argument("--index", help="index directory (the keys file defaults to <index>/keys.json)")
    p.set_defaults(handler=cmd_keys_create)
    p = keys.add_parser("list", help="list keys (never the keys themselves)")
    p.add_argument("--all", action="store_true", help="include revoked keys")
    p.add_argument("--json", action="store_true")
    p.add_argument("--index")
    p.set_defaults(handler=cmd_keys_list)
    p = keys.add_parser("revoke", help="revoke a key by id or name")
    p.add_argument("key", help="the key's id or name (see `ragqa keys list`)")
    p.add_argument("--index")
    p.set_defaults(handler=cmd_keys_revoke)


def bind_refusal(settings: Settings, host: str) -> str | None:
    """Why ``ragqa serve`` must not bind ``host`` (None when it may), and a start-up notice."""
    if KeyStore(keys_path(settings)).has_keys():
        return None
    if settings.security.allow_public_without_keys or _is_loopback_host(host):
        print(
            f"ragqa: no API keys in {keys_path(settings)}: serving WITHOUT authentication on {host}",
            file=sys.stderr,
        )
        return None
    return (
        f"refusing to bind {host} without API keys: anyone who can reach it could use the API. "
        "Create a key (`ragqa keys create --role admin`), bind 127.0.0.1, or pass "
        "--allow-public-without-keys (RAGQA_SECURITY__ALLOW_PUBLIC_WITHOUT_KEYS=true) if that is meant."
    )


def _is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
