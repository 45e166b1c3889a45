"""The full chat page's defences in headless Chromium: markup in articles and questions renders as
text, the page works under its own CSP and that CSP is really enforced, and the page fetches
nothing from anywhere but our own server."""

from __future__ import annotations

from typing import Any

import pytest

from tests.service.web.e2e import skip_without_browser
from tests.service.web.harness import HOSPITAL_Q, ROOT, XSS_Q, Env, ask, last_turn, wait_done

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


def test_markup_in_articles_and_questions_renders_as_text(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    page.evaluate(f"""(() => {{  // remember any element of a dangerous kind that ever enters the widget
        window.__inserted = [];
        new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => {{
            if (n.nodeType === 1 && n.matches('script, img, iframe, object, embed, svg image, [onerror]'))
                window.__inserted.push(n.tagName);
        }}))).observe({ROOT}, {{ childList: true, subtree: true }});
    }})()""")
    ask(page, XSS_Q)
    turn = wait_done(page)
    answer = turn.locator(".answer").text_content() or ""
    assert "<script>alert('xss')</script>" in answer
    assert '<img src=x onerror="window.__xss=1">' in answer
    turn.locator("button.cite").first.click()
    page.locator("ragqa-chat .context mark").wait_for()
    assert "<img src=x onerror" in (page.locator("ragqa-chat .context").text_content() or "")
    tab.shot("desktop-zh-markup-as-text")
    page.keyboard.press("Escape")

    question = '<img src=x onerror="window.__xss=2"><b>粗体</b>'
    ask(page, question)
    wait_done(page)
    assert last_turn(page).locator(".bubble").text_content() == "你的问题：" + question
    assert page.evaluate("window.__inserted") == []
    assert page.evaluate("window.__xss") is None
    assert page.evaluate(f"{ROOT}.querySelectorAll('script, img, b').length") == 0
    tab.assert_clean()


def test_the_page_works_under_its_csp_and_the_csp_is_enforced(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    response = page.request.get(env.server.url + "/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    ask(page, HOSPITAL_Q)
    last_turn(page).locator("button.cite").first.click(timeout=15_000)
    page.locator("ragqa-chat .context mark").wait_for()
    assert page.evaluate("window.__csp") == [], "the widget itself needs nothing the CSP forbids"
    tab.assert_clean()

    # the policy is really in force: inline code and inline styles are refused (and reported)
    page.evaluate("""(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.append(s);
        document.body.setAttribute('style', 'background: red');
    })()""")
    page.wait_for_function("() => window.__csp.length >= 2")
    assert page.evaluate("window.__inline") is None
    assert set(page.evaluate("window.__csp")) >= {"script-src-elem", "style-src-attr"}


def test_page_fetches_nothing_from_elsewhere(env: Env, open_tab: Any) -> None:
    """Offline-ready: every request the page makes goes to our own server (no CDN, no web fonts)."""
    tab = open_tab(env.server.url + "/")
    tab.page.locator("ragqa-chat .tagline").filter(has_text="3").wait_for()
    ask(tab.page, HOSPITAL_Q)
    wait_done(tab.page).locator("button.cite").first.click()
    tab.page.locator("ragqa-chat .context mark").wait_for()
    assert tab.requests and all(url.startswith(env.server.url + "/") for url in tab.requests), tab.requests
    paths = {url.removeprefix(env.server.url).split("?")[0] for url in tab.requests}
    assert paths == {
        "/",
        "/widget.js",
        "/page.css",
        "/favicon.svg",
        "/readyz",
        "/v1/ask",
        "/v1/documents/hospital.txt/text",
    }
    fonts = tab.page.evaluate("[...document.fonts].length")
    assert fonts == 0, "no web fonts: system fonts only"
    tab.assert_clean()
