"""The full chat page for everyone in headless Chromium: keyboard-only use, what screen readers
get (roles, names, live announcements, a modal dialog), a phone-sized screen in Chinese and
English, and dark mode."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.service.web.e2e import HOSPITAL_TITLE, skip_without_browser
from tests.service.web.harness import HOSPITAL_Q, MARS_Q, PHONE, ROOT, Env, ask, focused, last_turn, wait_done

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


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
    hidden_icons = page.evaluate(
        f"[...{ROOT}.querySelectorAll('svg')].every(s => s.getAttribute('aria-hidden') === 'true')"
    )
    assert hidden_icons

    page.get_by_role("button", name=re.compile("^查看出处 1")).click()
    dialog = page.get_by_role("dialog", name=HOSPITAL_TITLE)
    dialog.locator("mark").wait_for()
    assert dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate(f"{ROOT}.querySelector('.panel').inert"), "the rest is inert behind the dialog"
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
    overflow = page.evaluate(
        f"[...{ROOT}.querySelectorAll('.log, .turn, .card, .sources, .composer, .head')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)"
    )
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
