"""The widget against a service that needs keys and limits their rate, in headless Chromium:
without a key it says it is not allowed; with its key it answers until the key's rate limit,
then says how long to wait, in the reader's language; each error gives the request id to quote."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from service.app import create_app
from service.config import Settings
from service.security.keys import KeyStore
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, build_index
from tests.service.web.e2e import HOSPITAL_SPAN, skip_without_browser
from tests.service.web.harness import HOSPITAL_Q, Env, ask, host_page, wait_done, write_articles

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def guarded(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with one query key allowed one question a minute; /guarded.html embeds it with the key."""
    root = tmp_path_factory.mktemp("guarded")
    articles = write_articles(root)
    settings = Settings()
    settings.index.dir = root / "index"
    settings.embedding.model = "test/hashing"
    settings.server.cors_origins = [env.allowed.origin]
    settings.security.keys_file = root / "keys.json"
    settings.security.key_burst, settings.security.key_rate_per_minute = 1, 1
    key, _ = KeyStore(settings.security.keys_file).create("query", "widget")
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    with Server(create_app(settings, embedder=HashingEmbedder())) as server:
        tag = f'<script src="{server.url}/widget.js" data-key="{key}" defer></script>'
        env.allowed.pages["/guarded.html"] = host_page(tag)
        yield server.url


def test_without_a_key_the_widget_says_it_is_not_allowed(open_tab: Any, guarded: str) -> None:
    tab = open_tab(guarded + "/")
    ask(tab.page, HOSPITAL_Q)
    turn = wait_done(tab.page)
    assert turn.get_attribute("data-status") == "error"
    assert "没有使用问答服务的权限（HTTP 401）" in (turn.locator(".notice.error").text_content() or "")
    # the reference the reader can quote is the request id the server logged
    assert re.fullmatch(r"参考编号：[0-9a-f]{32}", turn.locator(".notice-ref").text_content() or "")
    tab.assert_clean(allow=("401",))


def test_with_its_key_the_widget_answers_until_the_rate_limit(env: Env, open_tab: Any, guarded: str) -> None:
    tab = open_tab(env.allowed.origin + "/guarded.html")
    page = tab.page
    page.click("ragqa-chat button.launcher")
    ask(page, HOSPITAL_Q)
    assert HOSPITAL_SPAN in (wait_done(page).locator(".answer").text_content() or "")
    ask(page, HOSPITAL_Q)  # the key's one question a minute is used up
    notice = wait_done(page).locator(".notice.error")
    assert notice.locator(".notice-title").text_content() == "提问太频繁了"
    assert re.fullmatch(r"请 \d+ 秒后再试。", notice.locator(".notice-text").text_content() or "")
    assert notice.locator("button.retry").is_visible()
    tab.shot("embed-rate-limited")
    page.locator("ragqa-chat button.lang").click()  # the message follows a language switch
    assert notice.locator(".notice-title").text_content() == "Too many questions at once"
    # read across origins too (CORS exposes X-Request-ID)
    assert re.fullmatch(r"Reference: [0-9a-f]{32}", notice.locator(".notice-ref").text_content() or "")
    tab.assert_clean(allow=("429",))
