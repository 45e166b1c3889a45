"""The command line: ``ragqa keys create|list|revoke``, and ``ragqa serve`` refusing to bind a public
address while there are no keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from service.security.commands import bind_refusal
from service.security.keys import KeyStore
from tests.service.security.helpers import settings_for


def test_binding_a_public_address_without_keys_is_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    assert bind_refusal(settings, "127.0.0.1") is None
    refusal = bind_refusal(settings, "0.0.0.0")
    assert refusal is not None and "--allow-public-without-keys" in refusal
    KeyStore(tmp_path / "keys.json").create("admin")
    assert bind_refusal(settings, "0.0.0.0") is None
    assert bind_refusal(settings_for(tmp_path / "other", allow_public_without_keys=True), "0.0.0.0") is None


def test_keys_command_creates_lists_and_revokes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["keys", "create", "--role", "query", "--name", "widget", "--index", index]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("rqa_")
    assert main(["keys", "list", "--json", "--index", index]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(k["name"], k["role"]) for k in listed] == [("widget", "query")]
    assert key not in json.dumps(listed)
    assert main(["keys", "revoke", "widget", "--index", index]) == 0
    capsys.readouterr()
    assert main(["keys", "list", "--json", "--index", index]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["keys", "revoke", "widget", "--index", index]) == 2, "revoking twice is an error"


def test_serve_refuses_a_public_bind_without_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--index", str(tmp_path / "index")]) == 2
    assert "refusing to bind 0.0.0.0 without API keys" in capsys.readouterr().err
