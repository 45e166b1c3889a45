"""API keys: created once and shown once, stored only as SHA-256 hashes in a small JSON file.

A key is 32 random bytes (``secrets.token_urlsafe``), so a plain SHA-256 is enough: there is
nothing to brute-force, unlike a password, and it keeps the per-request check cheap.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from embeddings.errors import InputError, NotFoundError, RagqaError

Role = Literal["query", "admin"]
ROLES: tuple[Role, ...] = ("query", "admin")
KEY_PREFIX = "rqa_"


@dataclass(frozen=True)
class KeyRecord:
    id: str
    name: str
    role: Role
    sha256: str
    created_at: float
    revoked_at: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def public(self) -> dict[str, object]:
        """Everything but the hash, for listings."""
        return {k: v for k, v in asdict(self).items() if k != "sha256"}


class KeysFileError(RagqaError):
    """The keys file exists but cannot be read; requests needing a key are refused (503)."""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    """The keys file, re-read when it changes on disk (so `ragqa keys` works on a running server)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._records: list[KeyRecord] = []

    # ---- reading -----------------------------------------------------------------------------
    def records(self) -> list[KeyRecord]:
        with self._lock:
            stamp = self._file_stamp()
            if stamp != self._stamp:
                self._records = self._read() if stamp else []
                self._stamp = stamp
            return list(self._records)

    def active(self) -> list[KeyRecord]:
        return [r for r in self.records() if r.active]

    def has_keys(self) -> bool:
        return bool(self.active())

    def lookup(self, key: str) -> KeyRecord | None:
        """The active record for ``key``; every stored hash is compared in constant time."""
        digest = hash_key(key)
        found = None
        for record in self.active():
            if hmac.compare_digest(digest, record.sha256):
                found = record
        return found

    # ---- writing (the CLI) -------------------------------------------------------------------
    def create(self, role: str, name: str | None = None) -> tuple[str, KeyRecord]:
        """Add a key; returns the key itself (shown once, never stored) and its record."""
        if role not in ROLES:
            raise InputError(f"role must be one of {', '.join(ROLES)}", "role")
        key_id = secrets.token_hex(4)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        record = KeyRecord(key_id, name or f"{role}-{key_id}", role, hash_key(key), time.time())
        self._write([*self.records(), record])
        return key, record

    def revoke(self, id_or_name: str) -> KeyRecord:
        records = self.records()
        matches = [r for r in records if r.active and id_or_name in (r.id, r.name)]
        if not matches:
            raise NotFoundError(f"no active key with id or name {id_or_name!r} in {self.path}")
        if len(matches) > 1:
            raise InputError(f"{len(matches)} keys are named {id_or_name!r}; revoke by id", "key")
        now = time.time()
        revoked = KeyRecord(**{**asdict(matches[0]), "revoked_at": now})
        self._write([revoked if r.id == revoked.id else r for r in records])
        return revoked

    # ---- file --------------------------------------------------------------------------------
    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return st.st_mtime_ns, st.st_size

    def _read(self) -> list[KeyRecord]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [KeyRecord(**item) for item in data["keys"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Failing closed: a damaged keys file must not silently turn authentication off.
            raise KeysFileError(f"cannot read the API keys file {self.path}: {exc}") from exc

    def _write(self, records: list[KeyRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"version": 1, "keys": [asdict(r) for r in records]}, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        with self._lock:
            self._stamp = None  # re-read on next use
