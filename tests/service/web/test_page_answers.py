"""The full chat page answering in headless Chromium: the answer streams in and a citation opens
its source passage, a refusal reads as "not found" rather than as an error, stopping keeps the
partial answer, an answer that breaks off can be retried, and the conversation keeps its history,
language and copy button across reloads."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.service.web.e2e import HOSPITAL_SPAN, HOSPITAL_TITLE, skip_without_browser
from tests.service.web.harness import (
    HOSPITAL_Q,
    MARS_Q,
    REFUSAL,
    ROOT,
    Env,
    PacedRuntime,
    ask,
    ask_and_stop,
    focused,
    last_turn,
    wait_done,
)

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


def test_answer_streams_in_and_a_citation_opens_its_source(
    env: Env, open_tab: Any, paced: PacedRuntime
) -> None:
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


def test_stop_keeps_the_partial_answer_and_retry_completes_it(
    env: Env, open_tab: Any, paced: PacedRuntime
) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    paced.delay = 0.3
    turn = ask_and_stop(page, HOSPITAL_Q)
    assert len(turn.locator(".answer").text_content() or "") > 0
    assert page.locator("ragqa-chat textarea").evaluate("(el) => el.getRootNode().activeElement === el"), (
        "focus goes back to the question box"
    )
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


def test_a_what_about_follow_up_says_which_question_it_answered(env: Env, open_tab: Any) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    sent: list[Any] = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/v1/ask") else None)
    ask(page, HOSPITAL_Q)
    first = wait_done(page)
    assert first.locator(".asked-as").count() == 0  # a question of its own
    ask(page, "那江川市呢？")
    turn = wait_done(page)
    assert sent[-1]["history"] == [HOSPITAL_Q] and sent[0]["history"] == []
    asked_as = turn.locator(".asked-as").text_content()
    assert asked_as == "按“江川市人民医院儿童病房共设置了多少张床位？”回答"
    tab.shot("desktop-zh-follow-up")
    page.locator("ragqa-chat button.lang").click()
    assert (
        turn.locator(".asked-as").text_content() == "Answered as “江川市人民医院儿童病房共设置了多少张床位？”"
    )
    tab.assert_clean()
