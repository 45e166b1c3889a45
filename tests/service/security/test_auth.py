"""Who may call what (units): the deny-by-default access policy by method and path, and, while no
keys exist, only clients on this machine are served."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import HTTPRefusal
from service.security.auth import Guard, required_access
from tests.service.security.helpers import settings_for


@pytest.mark.parametrize(
    ("method", "path", "access"),
    [
        ("GET", "/healthz", "public"),
        ("GET", "/readyz", "public"),
        ("GET", "/", "public"),
        ("GET", "/widget.js", "public"),
        ("OPTIONS", "/v1/ask", "public"),
        ("POST", "/v1/ask", "query"),
        ("POST", "/v1/search", "query"),
        ("POST", "/v1/chat/completions", "query"),
        ("GET", "/v1/documents/a/b.txt/text", "query"),
        ("GET", "/v1/documents", "admin"),
        ("POST", "/v1/documents", "admin"),
        ("DELETE", "/v1/documents/a/text", "admin"),
        ("GET", "/metrics", "admin"),
        ("GET", "/some/new/route", "query"),  # deny by default
    ],
)
def test_access_policy(method: str, path: str, access: str) -> None:
    assert required_access(method, path) == access


def test_without_keys_only_local_clients_are_served(tmp_path: Path) -> None:
    guard = Guard(settings_for(tmp_path))
    assert guard.check("POST", "/v1/ask", None, "127.0.0.1") is None
    assert guard.check("POST", "/v1/ask", None, "::1") is None
    refusal = guard.check("POST", "/v1/ask", None, "203.0.113.7")
    assert isinstance(refusal, HTTPRefusal) and refusal.status_code == 403
    assert (
        Guard(settings_for(tmp_path, allow_public_without_keys=True)).check(
            "POST", "/v1/ask", None, "203.0.113.7"
        )
        is None
    )
