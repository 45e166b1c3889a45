"""The chat page with an LLM behind the answer, in headless Chromium: an answer stopped while the
model still writes keeps its verified sentence, and its citation opens the span that sentence
cites (the citations are renumbered as the answer streams, not left as the passages offered)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from service.answering.base import AnswerPart, Draft
from service.retrieval import Passage
from tests.service.answering.helpers import part_holding
from tests.service.web.e2e import HOSPITAL_SPAN, skip_without_browser
from tests.service.web.harness import HOSPITAL_Q, Env, ask_and_stop

pytest_plugins = ["tests.service.web.harness"]  # the fixtures: env, browser, open_tab, paced

skip_without_browser()

pytestmark = pytest.mark.e2e


class SlowModel:
    """An answer generator that writes the hospital's sentence, then waits (a model still writing)
    until ``finish`` is set."""

    name = "slow"

    def __init__(self) -> None:
        self.finish = threading.Event()

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        raise AssertionError("the page streams")

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        part = part_holding(passages, HOSPITAL_SPAN)
        yield part
        self.finish.wait(timeout=30)
        yield Draft([part], True, "openai:slow")


@pytest.fixture
def slow_model(env: Env) -> Iterator[SlowModel]:
    model = SlowModel()
    env.runtime.llm = model
    try:
        yield model
    finally:
        model.finish.set()
        env.runtime.llm = None


def test_a_stopped_llm_answer_cites_the_span_of_its_sentence(
    env: Env, open_tab: Any, slow_model: SlowModel
) -> None:
    tab = open_tab(env.server.url + "/")
    page = tab.page
    turn = ask_and_stop(page, HOSPITAL_Q)
    assert HOSPITAL_SPAN in (turn.locator(".answer").text_content() or "")

    cite = turn.locator("button.cite").first
    assert cite.text_content() == "1", "numbered as the answer numbers it, not as the prompt did"
    cite.click()
    dialog = page.locator("ragqa-chat [role='dialog'][aria-modal='true']")
    mark = dialog.locator(".context mark")
    mark.wait_for()
    marked = mark.text_content() or ""
    assert HOSPITAL_SPAN in marked
    assert "病房配备了新生儿监护设备" not in marked, "the sentence's span, not the whole passage offered"
    assert "病房配备了新生儿监护设备" in (dialog.locator(".context").text_content() or "")
    tab.assert_clean()
