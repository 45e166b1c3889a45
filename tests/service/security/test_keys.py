"""The key store (units): keys are shown once and stored hashed in a private file, revoked keys
stop working but stay on record, and a damaged keys file fails closed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from service.security.keys import KeysFileError, KeyStore


def test_keys_are_stored_hashed_and_shown_once(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    assert not store.has_keys()
    key, record = store.create("query", "widget")
    assert key.startswith("rqa_") and len(key) > 40
    text = store.path.read_text()
    assert key not in text and key[4:] not in text
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.lookup(key) == record and store.lookup(key + "x") is None
    assert "sha256" not in record.public()
    assert KeyStore(store.path).lookup(key) == record, "another process reads the same file"


def test_revoked_keys_stop_working_and_are_kept_for_the_record(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    key, record = store.create("admin")
    store.revoke(record.name)
    assert store.lookup(key) is None and not store.has_keys()
    assert store.records()[0].revoked_at is not None


def test_a_damaged_keys_file_fails_closed(tmp_path: Path) -> None:
    (tmp_path / "keys.json").write_text("{not json")
    with pytest.raises(KeysFileError):
        KeyStore(tmp_path / "keys.json").has_keys()
