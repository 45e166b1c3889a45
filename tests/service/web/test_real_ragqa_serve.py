"""The widget in headless Chromium against the real command: ``ragqa ingest`` and ``ragqa serve``
in a subprocess with the real e5 model, on its own page and embedded on an allowed and a refused
origin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.service.web.e2e import HOSPITAL_SPAN, skip_without_browser
from tests.service.web.harness import (
    HOSPITAL_Q,
    MARS_Q,
    Env,
    ask,
    host_page,
    wait_done,
    write_articles,
)
from tests.service.web.real_serve import ragqa_serve

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def real_url(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ragqa ingest`` + ``ragqa serve`` with the real e5 model, the allowed origin in its settings."""
    root = tmp_path_factory.mktemp("real")
    articles = write_articles(root)
    with ragqa_serve(articles, root, [env.allowed.origin]) as url:
        tag = f'<script src="{url}/widget.js" defer></script>'
        env.allowed.pages["/real.html"] = env.refused.pages["/real.html"] = host_page(tag)
        yield url


@pytest.mark.integration
@pytest.mark.slow
def test_against_a_real_ragqa_serve(env: Env, open_tab: Any, real_url: str) -> None:
    tab = open_tab(real_url + "/")
    page = tab.page
    ask(page, HOSPITAL_Q)
    page.wait_for_function("() => window.__deltas.length >= 1")  # it streamed
    turn = wait_done(page)
    assert HOSPITAL_SPAN in (turn.locator(".answer").text_content() or "")
    turn.locator("button.cite").first.click()
    mark = page.locator("ragqa-chat .context mark")
    mark.wait_for()
    assert HOSPITAL_SPAN in (mark.text_content() or "")
    tab.shot("real-serve-source")
    page.keyboard.press("Escape")
    ask(page, MARS_Q)
    assert wait_done(page).locator(".notice.notfound").is_visible()
    tab.assert_clean()

    allowed = open_tab(env.allowed.origin + "/real.html")
    allowed.page.click("ragqa-chat button.launcher")
    ask(allowed.page, HOSPITAL_Q)
    assert HOSPITAL_SPAN in (wait_done(allowed.page).locator(".answer").text_content() or "")
    allowed.assert_clean()

    refused = open_tab(env.refused.origin + "/real.html")
    refused.page.click("ragqa-chat button.launcher")
    ask(refused.page, HOSPITAL_Q)
    assert wait_done(refused.page).get_attribute("data-status") == "error"
    refused.assert_clean(allow=("CORS policy", "net::ERR_FAILED"))
