"""The chat widget in real headless Chromium against a real server on 127.0.0.1.

Covers the full page and the widget embedded on other origins (allowed and refused by CORS),
streaming and stopping, citations opening their source passage, refusals, errors and retry,
history, language, keyboard and screen-reader use, a phone-sized screen, the page's CSP, and
article text that contains markup. Every tab also checks that it logged no errors, broke no CSP
rule and sent no request beyond 127.0.0.1. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from service.app import create_app
from service.config import Settings
from service.security.keys import KeyStore
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, build_index
from tests.service.web.harness import (
    ARTICLES,
    CHROMIUM,
    HOSPITAL_Q,
    MARS_Q,
    PHONE,
    REFUSAL,
    ROOT,
    TEST_KEY,
    XSS_Q,
    Env,
    PacedRuntime,
    ask,
    focused,
    host_page,
    last_turn,
    wait_done,
)
from tests.service.web.real_serve import ragqa_serve

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

if not CHROMIUM.exists():
    pytest.skip("headless Chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = pytest.mark.e2e

HOSPITAL_SPAN = "共设置床位120张"
HOSPITAL_TITLE = "青山市人民医院儿童病房正式启用"


# ---- the full page ------------------------------------------------------------------------------


def test_answer_streams_in_and_a_citation_opens_its_source(env: Env, open_tab: Any,
                                                            paced: PacedRuntime) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    assert page.locator("ragqa-chat .empty").is_visible()
    page.locator("ragqa-chat .tagline").filter(has_text="3").wait_for()  # article count from /readyz
    tab.shot("desktop-zh-empty")

    ask(page, HOSPITAL_Q)
    stop = page.locator("ragqa-chat button.stop")
    stop.wait_for(state="visible")
    assert page.locator("ragqa-chat button.send").is_hidden()
    page.wait_for_function("() => window.__deltas.length >= 3")
    tab.shot("desktop-zh-streaming")

    turn = wait_done(page)
    deltas: list[str] = page.evaluate("window.__deltas")  # the answer as shown at each delta
    assert len(deltas) >= 5
    assert 0 < len(deltas[0]) < len(deltas[-1]), "it appeared piece by piece"
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(deltas)), "text only grows"
    assert set(page.evaluate("window.__busy")) == {"true"}, "aria-busy while it streams"
    assert turn.locator(".bot").get_attribute("aria-busy") == "false"
    answer = turn.locator(".answer[data-state='done']")
    assert HOSPITAL_SPAN in (answer.text_content() or "")
    assert stop.is_hidden() and page.locator("ragqa-chat button.send").is_visible()

    cite = turn.locator("button.cite").first
    assert cite.text_content() == "1"
    assert HOSPITAL_TITLE in (cite.get_attribute("aria-label") or "")
    sources = turn.locator(".sources li")
    assert sources.count() >= 1
    assert "hospital.txt" in (sources.first.text_content() or "")
    assert HOSPITAL_TITLE in (sources.first.text_content() or "")
    tab.shot("desktop-zh-answer")

    cite.click()
    dialog = page.locator("ragqa-chat [role='dialog'][aria-modal='true']")
    mark = dialog.locator(".context mark")
    mark.wait_for()
    assert HOSPITAL_SPAN in (mark.text_content() or "")
    context_text = dialog.locator(".context").text_content() or ""
    assert "病房配备了新生儿监护设备" in context_text  # the surrounding text, not just the span
    assert context_text.index(mark.text_content() or "") > 0, "context before the span too"
    assert dialog.locator(".dialog-title").text_content() == HOSPITAL_TITLE
    assert "hospital.txt" in (dialog.locator(".dialog-file").text_content() or "")
    assert focused(page).endswith("dialog-close")
    tab.shot("desktop-zh-source")

    for _ in range(6):  # Tab keeps focus inside the dialog
        page.keyboard.press("Tab")
        assert page.evaluate(f"!!{ROOT}.activeElement && !!{ROOT}.activeElement.closest('.dialog')")
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert "cite" in focused(page).split()

    # the sources list under the answer opens the same passage
    turn.locator(".sources button.source").first.click()
    assert HOSPITAL_SPAN in (dialog.locator(".context mark").text_content() or "")
    dialog.locator("button.dialog-close").click()
    dialog.wait_for(state="detached")
    assert "source" in focused(page).split()
    tab.assert_clean()


def test_refusal_reads_as_not_found_not_as_an_error(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    ask(page, MARS_Q)
    turn = wait_done(page)
    notice = turn.locator(".notice.notfound")
    assert notice.is_visible()
    assert notice.locator(".notice-title").text_content() == "未在文章中找到"
    assert REFUSAL in (notice.text_content() or "")
    assert notice.get_attribute("role") == "note"
    assert turn.get_attribute("data-status") == "done"
    assert turn.locator(".notice.error, [role='alert'], button.retry").count() == 0
    assert turn.locator("button.cite").count() == 0
    assert turn.locator(".sources").count() == 0
    tab.shot("desktop-zh-refusal")

    page.locator("ragqa-chat button.lang").click()
    assert notice.locator(".notice-title").text_content() == "Not found in the articles"
    tab.shot("desktop-en-refusal")
    tab.assert_clean()


def test_stop_keeps_the_partial_answer_and_retry_completes_it(env: Env, open_tab: Any,
                                                                paced: PacedRuntime) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    paced.delay = 0.3
    ask(page, HOSPITAL_Q)
    page.wait_for_function("() => window.__deltas.length >= 1")
    page.click("ragqa-chat button.stop")
    turn = last_turn(page)
    turn.locator(".bot[aria-busy='false']").wait_for()
    assert turn.get_attribute("data-status") == "stopped"
    assert len(turn.locator(".answer").text_content() or "") > 0
    assert page.locator("ragqa-chat textarea").evaluate(
        "(el) => el.getRootNode().activeElement === el"), "focus goes back to the question box"
    paced.delay = 0.0
    turn.locator("button.retry").click()
    page.locator("ragqa-chat .turn[data-status='done']").wait_for()
    assert "120" in (last_turn(page).locator(".answer").text_content() or "")
    assert page.locator("ragqa-chat .turn").count() == 1
    tab.assert_clean()


def test_an_answer_that_breaks_off_can_be_retried(env: Env, open_tab: Any, paced: PacedRuntime) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    paced.delay, paced.fail_after = 0.02, 3  # the server dies after three pieces of the answer
    ask(page, HOSPITAL_Q)
    turn = wait_done(page)
    assert turn.get_attribute("data-status") == "error"
    error = turn.locator(".notice.error")
    assert error.get_attribute("role") == "alert"
    assert error.locator(".notice-title").text_content() == "没能得到回答"
    # the server reports the failure as an SSE error event, or the connection just breaks off
    said = error.locator(".notice-text").text_content()
    assert said in ("生成回答时服务出了问题。", "回答在传输途中中断了。"), said
    tab.shot("desktop-zh-error")

    retry = turn.locator("button.retry")
    retry.click()
    page.locator("ragqa-chat .turn[data-status='done']").wait_for()
    assert HOSPITAL_SPAN in (last_turn(page).locator(".answer").text_content() or "")
    assert page.locator("ragqa-chat .turn").count() == 1, "the retried turn is replaced, not repeated"
    assert "input" in focused(page)
    tab.assert_clean(allow=("ERR_INCOMPLETE_CHUNKED_ENCODING",))


def test_history_language_and_copy(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=env.server.url)
    ask(page, HOSPITAL_Q)
    wait_done(page)
    ask(page, MARS_Q)
    wait_done(page)
    first = page.locator("ragqa-chat .turn").first
    first.locator("button.copy").click()
    page.locator("ragqa-chat [role='status']").filter(has_text="已复制").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert HOSPITAL_SPAN in copied and "hospital.txt" in copied

    page.reload()
    page.wait_for_selector("ragqa-chat .turn")
    assert page.locator("ragqa-chat .turn").count() == 2, "the conversation survives a reload"
    assert "120" in (first.locator(".answer").text_content() or "")
    assert last_turn(page).locator(".notice.notfound").is_visible()
    assert page.locator("ragqa-chat .sources-title").text_content() == "来源 · 1"

    lang = page.locator("ragqa-chat button.lang")
    assert lang.get_attribute("aria-label") == "Switch to English"
    lang.click()
    assert page.locator("ragqa-chat .sources-title").text_content() == "Sources · 1"
    assert "Ask about the news" in (page.locator("ragqa-chat textarea").get_attribute("placeholder") or "")
    assert page.locator("ragqa-chat .root").get_attribute("lang") == "en"
    assert lang.get_attribute("aria-label") == "切换到中文"
    page.reload()
    page.wait_for_selector("ragqa-chat .turn")
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A", "the choice is remembered"

    page.locator("ragqa-chat button.new-chat").click()
    assert page.locator("ragqa-chat .turn").count() == 0
    assert page.locator("ragqa-chat .empty").is_visible()

    other = open_tab(env.server.url + "/")  # a new session starts empty, in the browser's language
    assert other.page.locator("ragqa-chat .empty").is_visible()
    assert other.page.locator("ragqa-chat .title").text_content() == "新闻问答"
    tab.assert_clean()
    other.assert_clean()


def test_keyboard_only(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", locale="en-US")
    page = tab.page
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A"  # follows navigator.language

    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(focused(page).split()[-1])
        if order[-1] == "input":
            break
    assert order == ["new-chat", "lang", "log", "input"], order
    page.keyboard.type(HOSPITAL_Q)
    page.keyboard.press("Enter")
    wait_done(page)
    assert "input" in focused(page), "focus stays in the question box"
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        if "cite" in focused(page):
            break
    assert "cite" in focused(page)
    outline = page.evaluate(f"getComputedStyle({ROOT}.activeElement).outlineStyle")
    assert outline == "solid", "the focused citation shows a focus ring"
    tab.shot("desktop-en-keyboard-focus")
    page.keyboard.press("Enter")
    page.locator("ragqa-chat .context mark").wait_for()
    assert "dialog-close" in focused(page)
    assert page.locator("ragqa-chat .dialog .eyebrow").text_content() == "Source 1"
    tab.shot("desktop-en-source")
    page.keyboard.press("Escape")
    page.locator("ragqa-chat .dialog").wait_for(state="detached")
    assert "cite" in focused(page)

    for _ in range(12):  # back to the language switch, and flip it with the keyboard
        page.keyboard.press("Shift+Tab")
        if "lang" in focused(page):
            break
    page.keyboard.press("Enter")
    assert page.locator("ragqa-chat .title").text_content() == "新闻问答"
    assert "lang" in focused(page), "focus stays on the switch"
    tab.assert_clean()


def test_screen_readers_get_roles_names_and_announcements(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    log = page.get_by_role("log", name="对话记录")
    assert log.get_attribute("aria-live") == "polite"
    box = page.get_by_role("textbox", name="你的问题")
    box.fill(HOSPITAL_Q)
    page.get_by_role("button", name="发送问题").click()
    page.get_by_role("status").filter(has_text="回答已生成。").wait_for()
    assert page.get_by_role("region", name=re.compile("^来源")).count() == 1
    page.get_by_role("button", name=f"查看出处 1：{HOSPITAL_TITLE}").wait_for()
    page.get_by_role("button", name="复制回答").wait_for()
    unnamed = page.evaluate(f"""[...{ROOT}.querySelectorAll('button, textarea, [tabindex]')]
        .filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || e.labels?.length))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == [], "every control has an accessible name"
    hidden_icons = page.evaluate(f"[...{ROOT}.querySelectorAll('svg')].every(s => "
                                 "s.getAttribute('aria-hidden') === 'true')")
    assert hidden_icons

    page.get_by_role("button", name=re.compile("^查看出处 1")).click()
    dialog = page.get_by_role("dialog", name=HOSPITAL_TITLE)
    dialog.locator("mark").wait_for()
    assert dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate(f"{ROOT}.querySelector('.panel').inert"), "the rest is inert behind the dialog"
    tab.assert_clean()


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


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_phone_layout(env: Env, open_tab: Any, locale: str) -> None:
    tab = open_tab(env.server.url + "/", viewport=PHONE, locale=locale)
    page = tab.page
    lang = locale[:2]
    tab.shot(f"phone-{lang}-empty")
    ask(page, HOSPITAL_Q)
    wait_done(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    overflow = page.evaluate(f"[...{ROOT}.querySelectorAll('.log, .turn, .card, .sources, .composer, .head')]"
                             ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)")
    assert overflow == []
    box = page.locator("ragqa-chat .composer").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] + box["height"] <= PHONE["height"], "the question box stays on screen"
    cite = last_turn(page).locator("button.cite").first
    size = cite.bounding_box()
    assert size is not None and size["height"] >= 20, "citations are big enough to tap"
    font = page.evaluate(f"parseFloat(getComputedStyle({ROOT}.querySelector('.answer')).fontSize)")
    assert font >= 15, "answers are readable without zooming"
    tab.shot(f"phone-{lang}-answer")
    cite.tap()
    page.locator("ragqa-chat .context mark").wait_for()
    dialog = page.locator("ragqa-chat .dialog").bounding_box()
    assert dialog is not None and dialog["width"] <= PHONE["width"]
    assert dialog["y"] + dialog["height"] <= PHONE["height"] + 1
    tab.shot(f"phone-{lang}-source")
    page.keyboard.press("Escape")
    page.evaluate(f"{ROOT}.querySelector('.turn').dataset.keep = 'yes'")
    ask(page, MARS_Q)
    wait_done(page)
    # the new turn is appended: earlier messages are not re-rendered (and re-announced by the live log)
    assert page.locator("ragqa-chat .turn").first.get_attribute("data-keep") == "yes"
    assert last_turn(page).locator(".notice.notfound").is_visible()
    tab.shot(f"phone-{lang}-refusal")
    tab.assert_clean()


def test_dark_mode(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", color_scheme="dark")
    page = tab.page
    ask(page, HOSPITAL_Q)
    wait_done(page)
    background = page.evaluate(f"getComputedStyle({ROOT}.querySelector('.card')).backgroundColor")
    assert background == "rgb(23, 25, 30)"
    tab.shot("desktop-zh-dark-answer")
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
    assert paths == {"/", "/widget.js", "/page.css", "/favicon.svg", "/readyz", "/v1/ask",
                     "/v1/documents/hospital.txt/text"}
    fonts = tab.page.evaluate("[...document.fonts].length")
    assert fonts == 0, "no web fonts: system fonts only"
    tab.assert_clean()


# ---- the widget embedded on other sites --------------------------------------------------------


def test_widget_on_an_allowed_origin(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/embed.html")
    page = tab.page
    launcher = page.locator("ragqa-chat button.launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.locator("ragqa-chat .panel").is_hidden()
    tab.shot("embed-closed")
    assert launcher.text_content() == "新闻问答"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert launcher.text_content() == ""  # just the close icon
    assert launcher.get_attribute("aria-label") == "关闭新闻问答"
    panel = page.locator("ragqa-chat .panel")
    assert panel.is_visible()
    assert panel.get_attribute("role") == "dialog"
    assert "input" in focused(page), "opening the panel puts focus in the question box"
    tab.shot("embed-open")
    ask(page, HOSPITAL_Q)  # data-api omitted: the widget talks to where widget.js came from
    turn = wait_done(page)
    assert HOSPITAL_SPAN in (turn.locator(".answer").text_content() or "")

    # the host page's CSS does not reach the widget, and the widget leaves the host alone
    style = page.evaluate(f"(s => [s.color, s.fontFamily, s.lineHeight])"
                          f"(getComputedStyle({ROOT}.querySelector('.answer')))")
    assert style[0] != "rgb(204, 0, 0)"
    assert not style[1].startswith('"Times New Roman"')
    assert style[2] != "45px"
    send_bg = page.evaluate(f"getComputedStyle({ROOT}.querySelector('.send')).backgroundColor")
    assert send_bg != "rgb(0, 255, 0)"
    assert page.evaluate("getComputedStyle(document.getElementById('host-button')).backgroundColor") == \
        "rgb(0, 255, 0)"
    tab.shot("embed-answer")

    turn.locator("button.cite").first.click()
    page.locator("ragqa-chat .context mark").wait_for()
    tab.shot("embed-source")
    page.keyboard.press("Escape")
    page.locator("ragqa-chat .dialog").wait_for(state="detached")
    page.keyboard.press("Escape")  # a second Escape closes the panel and returns to the launcher
    assert panel.is_hidden()
    assert "launcher" in focused(page).split()
    assert launcher.get_attribute("aria-expanded") == "false"
    tab.assert_clean()


def test_widget_keyboard_only_on_a_host_page(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/embed.html")
    page = tab.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "host-button"
    page.keyboard.press("Tab")  # the host's page, then the widget's launcher
    assert "launcher" in focused(page).split()
    page.keyboard.press("Enter")
    assert "input" in focused(page)
    page.keyboard.type(HOSPITAL_Q)
    page.keyboard.press("Enter")
    wait_done(page)
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        if "cite" in focused(page):
            break
    page.keyboard.press("Enter")
    page.locator("ragqa-chat .context mark").wait_for()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.locator("ragqa-chat .panel").is_hidden()
    assert "launcher" in focused(page).split()
    tab.assert_clean()


def test_widget_on_a_phone(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/embed.html", viewport=PHONE)
    page = tab.page
    page.click("ragqa-chat button.launcher")
    page.wait_for_function(f"() => {ROOT}.getAnimations().length === 0")  # the panel's entry animation
    panel = page.locator("ragqa-chat .panel").bounding_box()
    assert panel is not None
    assert (panel["x"], panel["y"]) == (0, 0)
    assert (panel["width"], panel["height"]) == (PHONE["width"], PHONE["height"])
    ask(page, HOSPITAL_Q)
    wait_done(page)
    tab.shot("embed-phone-answer")
    page.click("ragqa-chat button.close")
    assert page.locator("ragqa-chat .panel").is_hidden()
    tab.assert_clean()


def test_widget_sends_its_key_when_given_one(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/keyed.html")
    page = tab.page
    page.click("ragqa-chat button.launcher")
    with page.expect_request(lambda r: r.url.endswith("/v1/ask")) as asked:
        ask(page, HOSPITAL_Q)
    assert asked.value.headers.get("authorization") == f"Bearer {TEST_KEY}"
    turn = wait_done(page)
    with page.expect_request(lambda r: "/text?" in r.url) as opened:
        turn.locator("button.cite").first.click()
    assert opened.value.headers.get("authorization") == f"Bearer {TEST_KEY}"
    tab.assert_clean()


def test_widget_on_a_refused_origin_shows_an_error(env: Env, open_tab: Any) -> None:
    # the CORS preflight names an origin the server does not allow: it fails ...
    with httpx.Client() as client:
        preflight = client.options(env.server.url + "/v1/ask", headers={
            "Origin": env.refused.origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    # ... while the allowed origin passes
    with httpx.Client() as client:
        ok = client.options(env.server.url + "/v1/ask", headers={
            "Origin": env.allowed.origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == env.allowed.origin

    tab = open_tab(env.refused.origin + "/embed.html")
    page = tab.page
    page.click("ragqa-chat button.launcher")
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A"  # data-lang="en"
    ask(page, "How many beds does the new ward have?")
    turn = wait_done(page)
    assert turn.get_attribute("data-status") == "error"
    error = turn.locator(".notice.error")
    assert error.get_attribute("role") == "alert"
    assert "Couldn't reach the answer service" in (error.text_content() or "")
    assert turn.locator("button.retry").is_visible()
    tab.shot("embed-refused")
    # the browser reports the blocked requests; nothing else may go wrong
    tab.assert_clean(allow=("CORS policy", "net::ERR_FAILED"))
    assert any("CORS policy" in e for e in tab.errors)


def test_full_page_may_be_framed_by_an_allowed_origin_only(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.allowed.origin + "/frame.html")
    tab.page.frame_locator("iframe").locator("ragqa-chat .panel").wait_for()
    tab.assert_clean()

    refused = open_tab(env.refused.origin + "/frame.html")
    refused.page.wait_for_load_state("load")  # waits for the frame too, error page or not
    frame = refused.page.frames[1]
    assert frame.url.startswith("chrome-error://")
    assert any("frame-ancestors" in e for e in refused.errors), refused.errors
    refused.assert_clean(allow=("frame-ancestors",))


# ---- the real command ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_url(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ragqa ingest`` + ``ragqa serve`` with the real e5 model, the allowed origin in its settings."""
    root = tmp_path_factory.mktemp("real")
    articles = root / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
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


# ---- a service that needs keys and limits their rate ---------------------------------------------


@pytest.fixture(scope="module")
def guarded(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with one query key allowed one question a minute; /guarded.html embeds it with the key."""
    root = tmp_path_factory.mktemp("guarded")
    articles = root / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
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
    tab.assert_clean(allow=("429",))
