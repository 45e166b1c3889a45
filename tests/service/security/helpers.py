"""What the security tests share: settings with security options changed, a real server on
127.0.0.1 over a given index, an Authorization header, and the check of a JSON error response."""

from __future__ import annotations

from pathlib import Path

import httpx

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server

QUESTION = {"question": "儿童病房有多少张床位？"}


def settings_for(index_dir: Path, **security: object) -> Settings:
    settings = Settings()
    settings.index.dir = index_dir
    for name, value in security.items():
        setattr(settings.security, name, value)
    return settings


def serve(index_dir: Path, fixture_settings: Settings, **changes: object) -> Server:
    settings = fixture_settings.model_copy(deep=True)
    settings.index.dir = index_dir
    for dotted, value in changes.items():
        group, name = dotted.split("__")
        setattr(getattr(settings, group), name, value)
    return Server(create_app(settings, embedder=HashingEmbedder()))


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error: dict[str, object] = r.json()["error"]
    assert error["code"] == code and error["message"]
    return error
