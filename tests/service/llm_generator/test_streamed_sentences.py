"""How an LLM's reply is read as it streams in, without HTTP: each sentence is judged once it is
complete and yielded only if verified; lists and lines without a stop are sentences too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.answering.base import AnswerPart, Draft
from service.answering.llm_generator import LLMGenerator
from service.llm.base import ChatMessage
from service.llm.prompting import refusal_phrase
from tests.service.answering.helpers import passage

TEXT = "县医院新增床位两百张。今年全县免费接种流感疫苗4.5万剂。接种门诊共有23个。"


class ScriptedClient:
    """An LLM client that sends ``pieces`` one by one and records how many it has sent."""

    name = "scripted:model"

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces
        self.sent = 0

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        for piece in self.pieces:
            self.sent += 1
            yield piece

    def complete(self, messages: list[ChatMessage]) -> str:
        return "".join(self.stream(messages))

    def close(self) -> None: ...


def read(pieces: list[str], question: str = "全县接种多少剂流感疫苗？") -> tuple[list[AnswerPart], Draft]:
    items = list(LLMGenerator(ScriptedClient(pieces)).stream(question, [passage(TEXT)]))
    *parts, draft = items
    assert all(isinstance(p, AnswerPart) for p in parts) and isinstance(draft, Draft)
    return parts, draft  # type: ignore[return-value]


def test_a_sentence_is_yielded_once_complete_while_the_model_writes_on() -> None:
    client = ScriptedClient(["今年全县免费接种流感", "疫苗4.5万剂。", "[1]", "接种门诊共", "有23个。[1]"])
    stream = LLMGenerator(client).stream("全县接种多少剂流感疫苗？", [passage(TEXT)])
    first = next(stream)
    assert isinstance(first, AnswerPart) and first.text == "今年全县免费接种流感疫苗4.5万剂。"
    assert client.sent == 4, "judged when the next sentence began, not at the reply's end"
    second, draft = list(stream)
    assert isinstance(second, AnswerPart) and second.text == "接种门诊共有23个。"
    assert isinstance(draft, Draft) and draft.parts == [first, second]


@pytest.mark.parametrize(
    ("pieces", "waits_for"),
    [
        (["接种疫苗4.5万剂。", "[", "1]", "其他"], "a marker split across deltas"),
        (["接种疫苗4.5万剂。", " ", "[1]", "其他"], "a space before the marker"),
        (["接种疫苗4.5", "万剂。[1]", "其他"], "a decimal point is no stop"),
    ],
)
def test_a_sentence_is_not_judged_before_its_markers_end(pieces: list[str], waits_for: str) -> None:
    parts, draft = read(pieces)
    assert [p.text for p in parts] == ["接种疫苗4.5万剂。"], waits_for
    assert draft.flagged == ["其他"]


def test_an_unsupported_sentence_is_never_yielded_but_flagged() -> None:
    parts, draft = read(["全县接种疫苗99万剂。[1]", "全县免费接种流感疫苗4.5万剂。[1]"])
    assert [p.text for p in parts] == ["全县免费接种流感疫苗4.5万剂。"]
    assert draft.flagged == ["全县接种疫苗99万剂。[1]"] and draft.answerable


@pytest.mark.parametrize(
    "reply",
    [
        "- 全县免费接种流感疫苗4.5万剂 [1]\n- 接种门诊共有23个 [1]\n",
        "1. 全县免费接种流感疫苗4.5万剂。[1]\n2. 接种门诊共有23个。[1]",
        "（1）全县免费接种流感疫苗4.5万剂[1]\n（2）接种门诊共有23个[1]",
        "全县免费接种流感疫苗4.5万剂\n[1]\n接种门诊共有23个\n[1]",
    ],
)
def test_each_line_of_a_list_is_a_sentence_of_its_own(reply: str) -> None:
    parts, draft = read([reply[:9], reply[9:20], reply[20:]])
    assert [p.text.rstrip("。") for p in parts] == ["全县免费接种流感疫苗4.5万剂", "接种门诊共有23个"]
    assert draft.flagged == []


def test_reading_stops_at_a_refusal() -> None:
    client = ScriptedClient([refusal_phrase("zh"), "全县免费接种流感疫苗4.5万剂。[1]", "更多"])
    items = list(LLMGenerator(client).stream("全县接种多少剂流感疫苗？", [passage(TEXT)]))
    (draft,) = items
    assert isinstance(draft, Draft) and not draft.answerable and draft.refusal == refusal_phrase("zh")
    assert client.sent == 2, "the rest of the reply is not read"


def test_a_backend_failure_keeps_the_sentences_verified_before_it() -> None:
    from embeddings.errors import LLMError

    class Failing(ScriptedClient):
        def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
            yield "全县免费接种流感疫苗4.5万剂。[1]接种"
            raise LLMError("read timed out")

    *parts, draft = LLMGenerator(Failing([])).stream("全县接种多少剂流感疫苗？", [passage(TEXT)])
    assert [p.text for p in parts] == ["全县免费接种流感疫苗4.5万剂。"]  # type: ignore[union-attr]
    assert isinstance(draft, Draft) and draft.stopped == "read timed out" and draft.parts == parts


@pytest.mark.parametrize(
    "echo",
    [
        "段落里没有答案时，只回复：文章中没有找到这个问题的答案。",
        "段落里没有答案时,只回复:文章中没有找到这个问题的答案。",  # ASCII punctuation
        "段落里没有答案时，只回复： 文章中没有找到这个问题的答案！",
        "段落里没有答案时，只回复：\n文章中没有找到这个问题的答案。",  # a sentence of its own
    ],
)
def test_the_instruction_repeated_is_no_refusal_whatever_its_punctuation(echo: str) -> None:
    parts, draft = read([echo, "全县免费接种流感疫苗4.5万剂。[1]"])
    assert draft.answerable and [p.text for p in parts] == ["全县免费接种流感疫苗4.5万剂。"]


def test_the_cannot_answer_sentence_after_the_instruction_repeated_is_a_refusal() -> None:
    echo = "段落里没有答案时，只回复：文章中没有找到这个问题的答案。"
    parts, draft = read([echo, "全县免费接种流感疫苗4.5万剂。[1]", refusal_phrase("zh")])
    assert [p.text for p in parts] == ["全县免费接种流感疫苗4.5万剂。"], "shown before the refusal came"
    assert not draft.answerable and draft.refusal == refusal_phrase("zh")


def test_a_cannot_answer_sentence_split_across_deltas_is_found_once_complete() -> None:
    phrase = refusal_phrase("zh")
    _, draft = read(["全县免费接种流感疫苗4.5万剂。[1]", phrase[:4], phrase[4:]])
    assert not draft.answerable and not draft.parts
