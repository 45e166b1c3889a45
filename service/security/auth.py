"""Who may call what: the access policy by path, API-key checks and rate limits.

The policy is deny-by-default: a path is public only if it is listed here, so a route added later
needs a key as soon as keys exist, rather than being open by accident.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from typing import Literal

from service.config import Settings
from service.errors import HTTPRefusal
from service.security.keys import KeyRecord, KeysFileError, KeyStore
from service.security.ratelimit import TokenBuckets, retry_after_header

log = logging.getLogger(__name__)

Access = Literal["public", "query", "admin"]

PUBLIC_PATHS = frozenset(
    {
        "/healthz",
        "/readyz",  # probes
        "/",
        "/widget.js",
        "/page.css",
        "/favicon.svg",  # the chat page and the embeddable widget
        "/openapi.json",
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",  # the contract is not a secret
    }
)
ADMIN_PREFIXES = ("/v1/documents", "/metrics")


def required_access(method: str, path: str) -> Access:
    """The role a request needs. Reading a cited span (the widget does) is a query, not admin."""
    if method == "OPTIONS" or path in PUBLIC_PATHS:
        return "public"  # CORS preflights carry no credentials by design
    if path.startswith("/v1/documents/") and method in ("GET", "HEAD") and path.endswith("/text"):
        return "query"
    if any(path == p or path.startswith(p + "/") for p in ADMIN_PREFIXES):
        return "admin"
    return "query"


def keys_path(settings: Settings) -> Path:
    return settings.security.keys_file or settings.index.dir / "keys.json"


def is_loopback(host: str | None) -> bool:
    """Loopback IPs, and clients without an IP (in-process test clients, Unix sockets)."""
    if not host:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost" or not any(c in host for c in ".:")


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _unauthorized(message: str) -> HTTPRefusal:
    return HTTPRefusal(401, "unauthorized", message, "Authorization", {"WWW-Authenticate": "Bearer"})


def _rate_limited(message: str, wait: float) -> HTTPRefusal:
    return HTTPRefusal(429, "rate_limited", message, None, {"Retry-After": retry_after_header(wait)})


class Guard:
    """Decides each request: ``None`` (anonymous, allowed), the caller's key, or a refusal."""

    def __init__(self, settings: Settings) -> None:
        sec = settings.security
        self.keys = KeyStore(keys_path(settings))
        self.allow_public = sec.allow_public_without_keys
        self.per_key = TokenBuckets(sec.key_rate_per_minute, sec.key_burst)
        self.per_address = TokenBuckets(sec.address_rate_per_minute, sec.address_burst)

    def check(
        self, method: str, path: str, authorization: str | None, client: str | None
    ) -> KeyRecord | HTTPRefusal | None:
        access = required_access(method, path)
        if access == "public":
            return None
        # Counted before authentication, so guessing keys is rate-limited too.
        wait = self.per_address.take(client or "-")
        if wait:
            return _rate_limited(f"too many requests from {client}; retry in {wait:.1f} s", wait)
        try:
            keys_configured = self.keys.has_keys()
        except KeysFileError as exc:
            log.error("%s", exc)
            return HTTPRefusal(503, "auth_unavailable", "the API keys file cannot be read")
        if not keys_configured:
            return self._anonymous(client)
        return self._authenticate(access, authorization)

    def _anonymous(self, client: str | None) -> HTTPRefusal | None:
        if self.allow_public or is_loopback(client):
            return None
        return HTTPRefusal(403, "forbidden", "no API keys are configured, so only local clients are served")

    def _authenticate(self, access: Access, authorization: str | None) -> KeyRecord | HTTPRefusal:
        token = bearer_token(authorization)
        if token is None:
            return _unauthorized("an API key is required: send 'Authorization: Bearer <key>'")
        record = self.keys.lookup(token)
        if record is None:
            return _unauthorized("the API key is not valid (unknown or revoked)")
        if access == "admin" and record.role != "admin":
            return HTTPRefusal(
                403,
                "forbidden",
                f"this needs an admin key; key {record.name!r} has role {record.role!r}",
                "Authorization",
            )
        wait = self.per_key.take(record.id)
        if wait:
            return _rate_limited(f"too many requests with key {record.name!r}; retry in {wait:.1f} s", wait)
        return record
