"""The widget embedded on somebody else's page, in headless Chromium: on an origin CORS allows
(opening, answering, hostile host CSS kept out, keyboard use, a phone), sending its key when the
page gives it one, on a refused origin (an error, not a hang), and the full page framed by an
allowed origin only."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.service.web.e2e import HOSPITAL_SPAN, skip_without_browser
from tests.service.web.harness import HOSPITAL_Q, PHONE, ROOT, TEST_KEY, Env, ask, focused, wait_done

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


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
    style = page.evaluate(
        f"(s => [s.color, s.fontFamily, s.lineHeight])(getComputedStyle({ROOT}.querySelector('.answer')))"
    )
    assert style[0] != "rgb(204, 0, 0)"
    assert not style[1].startswith('"Times New Roman"')
    assert style[2] != "45px"
    send_bg = page.evaluate(f"getComputedStyle({ROOT}.querySelector('.send')).backgroundColor")
    assert send_bg != "rgb(0, 255, 0)"
    assert (
        page.evaluate("getComputedStyle(document.getElementById('host-button')).backgroundColor")
        == "rgb(0, 255, 0)"
    )
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


def _preflight(env: Env, origin: str) -> httpx.Response:
    """The browser's CORS preflight for a POST to /v1/ask from ``origin``."""
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    with httpx.Client() as client:
        return client.options(env.server.url + "/v1/ask", headers=headers)


def test_widget_on_a_refused_origin_shows_an_error(env: Env, open_tab: Any) -> None:
    # the CORS preflight names an origin the server does not allow: it fails ...
    preflight = _preflight(env, env.refused.origin)
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    # ... while the allowed origin passes
    ok = _preflight(env, env.allowed.origin)
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
