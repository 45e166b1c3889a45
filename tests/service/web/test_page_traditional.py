"""The chat page for a reader whose browser asks for traditional Chinese (zh-TW, zh-HK): its own
words in traditional characters, questions in them answered, and the language button going back to
them from English."""

from __future__ import annotations

from typing import Any

import pytest

from tests.service.web.e2e import skip_without_browser
from tests.service.web.harness import Env, ask, last_turn, wait_done

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e

HOSPITAL_Q_HANT = "青山市人民醫院兒童病房共設置了多少張床位？"
MARS_Q_HANT = "火星上有幾家醫院？"


@pytest.mark.parametrize("locale", ["zh-TW", "zh-HK"])
def test_a_traditional_chinese_browser_gets_the_page_in_traditional_characters(
    env: Env, open_tab: Any, locale: str
) -> None:
    tab = open_tab(env.server.url + "/", locale=locale)
    page = tab.page
    page.locator("ragqa-chat .title").filter(has_text="新聞問答").wait_for()
    assert page.locator("ragqa-chat .root").get_attribute("lang") == "zh-Hant"
    assert "醫院" in (page.locator("ragqa-chat textarea").get_attribute("placeholder") or "")

    ask(page, HOSPITAL_Q_HANT)
    turn = wait_done(page)
    assert "120" in (turn.locator(".answer").text_content() or "")
    assert page.locator("ragqa-chat .sources-title").text_content() == "來源 · 1"
    ask(page, MARS_Q_HANT)
    notice = wait_done(page).locator(".notice.notfound")
    assert "文章中沒有找到這個問題的答案" in (notice.text_content() or ""), "refused in its script"
    tab.shot(f"desktop-{locale}-answers")

    lang = page.locator("ragqa-chat button.lang")
    assert lang.get_attribute("aria-label") == "Switch to English"
    lang.click()
    assert page.locator("ragqa-chat .title").text_content() == "News Q&A"
    assert lang.get_attribute("lang") == "zh-Hant", "the button offers the reader's Chinese back"
    lang.click()
    assert page.locator("ragqa-chat .title").text_content() == "新聞問答"
    assert last_turn(page).get_attribute("data-status") == "done"
    tab.assert_clean()


def test_a_simplified_chinese_browser_keeps_simplified_characters(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/", locale="zh-CN")
    page = tab.page
    page.locator("ragqa-chat .title").filter(has_text="新闻问答").wait_for()
    assert page.locator("ragqa-chat .root").get_attribute("lang") == "zh-CN"
    tab.assert_clean()
