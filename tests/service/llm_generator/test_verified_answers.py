"""The ``openai`` answer backend end to end when the model answers: our app (create_app, real HTTP
on 127.0.0.1) asks a scripted OpenAI-compatible server (tests/service/llm/fake_openai.py, also on
127.0.0.1), then verifies the model's citations before anything reaches the caller. Supported,
cited sentences are kept; unsupported ones and citations to passages that do not exist are dropped
and flagged; refusals are passed on; streaming and chat completions carry the verified answer.
English answers are checked sentence by sentence, without HTTP."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from openai import OpenAI

from embeddings.script import to_traditional
from service.answering.llm_generator import LLMGenerator
from service.config import Settings
from service.llm import OpenAIChatClient, refusal_phrase, system_prompt
from tests.fakes import HashingEmbedder
from tests.service.api.contract import check_contract, sse_events
from tests.service.conftest import Server, make_runtime
from tests.service.llm.fake_openai import FakeOpenAI, Reply
from tests.service.llm_generator.helpers import EVIDENCE, GOLD, QUESTION, answering, ask, passage_number

pytestmark = pytest.mark.integration


def test_llm_answer_is_verified_and_cited(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path
) -> None:
    fake.script(answering(lambda n: f"临河县计划为60岁以上老年人和在校学生免费接种流感疫苗4.5万剂[{n}]。"))
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model"
    assert answer["answerable"] is True and answer["flagged"] == []
    assert GOLD in answer["answer"] and answer["answer"].endswith("[1]")
    (cited,) = answer["citations"]
    assert EVIDENCE in cited["text"] and cited["source"] == "page_d.txt"
    (request,) = sent()
    assert request.body["model"] == "fake-model" and request.streamed
    assert request.messages[0] == {"role": "system", "content": system_prompt("zh")}
    assert f"<question>\n{QUESTION}\n</question>" in request.messages[1]["content"]


def test_a_streamed_llm_answer_shows_only_what_the_answer_keeps(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path
) -> None:
    """The deltas add up to the final answer, an unsupported sentence is never shown, and every
    marker shown resolves in the latest citations event, numbered as in the final answer: every
    citations event holds the first of the final answer's citations, so an id never changes span."""
    fake.script(
        answering(
            lambda n: (
                f"临河县计划免费接种流感疫苗4.5万剂[{n}]。临河县还将在火星建设疫苗工厂[{n}]。"
                f"流感疫苗需要每年接种，接种后约2周产生保护性抗体[{n}]。"
            ),
            parts=12,
        )
    )
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", llm_live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    events = sse_events(r)
    assert [kind for kind, _ in events] == ["citations", "delta", "citations", "delta", "done"]
    done = events[-1][1]
    check_contract(done, fixtures_dir / "articles")
    assert done["generator"] == "openai:fake-model" and GOLD in done["answer"]
    n = passage_number(sent()[0], EVIDENCE)
    assert done["flagged"] == [f"临河县还将在火星建设疫苗工厂[{n}]。"]
    shown, latest = "", {}
    for kind, data in events[:-1]:
        if kind == "citations":
            assert data == done["citations"][: len(data)], "the final answer's first citations"
            latest = {c["id"]: c for c in data}
        else:
            shown += data["text"]
            assert {int(m) for m in re.findall(r"\[(\d+)\]", shown)} <= latest.keys()
    assert shown == done["answer"] and "火星" not in shown
    assert latest == {c["id"]: c for c in done["citations"]}


def test_citations_to_passages_that_do_not_exist_are_dropped(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path
) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。全县共设置接种门诊23个[42]。"))
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model"
    assert "[42]" not in answer["answer"] and "23个" not in answer["answer"]
    assert answer["flagged"] == ["全县共设置接种门诊23个[42]。"]
    assert len(answer["citations"]) == 1


def test_unsupported_sentences_are_dropped_and_flagged(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path
) -> None:
    fake.script(
        answering(
            lambda n: (
                f"临河县计划免费接种流感疫苗4.5万剂[{n}]。"
                f"临河县还将在火星建设疫苗工厂[{n}]。"
                f"接种门诊共有99个[{n}]。"
            )
        )
    )
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model" and GOLD in answer["answer"]
    assert "火星" not in answer["answer"] and "99" not in answer["answer"]
    assert len(answer["flagged"]) == 2
    assert any("火星" in f for f in answer["flagged"]) and any("99个" in f for f in answer["flagged"])


@pytest.mark.parametrize(
    "said",
    [
        refusal_phrase("zh"),
        "文章中没有找到这个问题的答案",
        " the articles do not say",
        "回答：文章中没有找到这个问题的答案。",  # a colon, but not one of our prompt's lead-ins
    ],
)
def test_llm_refusal_is_passed_on(llm_live: Server, fake: FakeOpenAI, sent: Any, said: str) -> None:
    fake.script(Reply(said))
    answer = ask(llm_live)
    assert answer["answerable"] is False and answer["answer"] == refusal_phrase("zh")
    assert answer["citations"] == []
    assert answer["refusal_reason"] == "the model found no answer in the passages"


def test_a_streamed_llm_refusal_cites_nothing_from_its_first_event(
    llm_live: Server, fake: FakeOpenAI
) -> None:
    fake.script(Reply(refusal_phrase("zh")))
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", llm_live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    events = sse_events(r)
    assert events == [
        ("citations", []),
        ("delta", {"text": refusal_phrase("zh")}),
        ("done", events[-1][1]),
    ]
    assert events[-1][1]["answerable"] is False


# what gemma-3-270m (a base model, through llama-cpp-python's server) replied to a question of the
# dev set: the end of its prompt, instruction and all, which quotes the cannot-answer sentence
ECHOED_PROMPT = (
    f"</question>\n\n<question>\n{QUESTION}\n</question>\n\n"
    "只根据上面的段落回答这个问题，每句话以 [n]结尾；段落里没有答案时，只回复：文章中没有找到这个问题的答案。</a>"
)
ECHOED_SYSTEM_RULE = (
    "3. If the passages do not contain the answer, reply with exactly the following sentence and "
    "nothing else, without citation keys:\nThe articles do not say."
)


@pytest.mark.parametrize("echo", [ECHOED_PROMPT, ECHOED_SYSTEM_RULE])
def test_a_reply_repeating_the_instructions_is_no_refusal(
    llm_live: Server, fake: FakeOpenAI, sent: Any, echo: str
) -> None:
    fake.script(Reply(echo))
    answer = ask(llm_live)
    assert answer["generator"] == "extractive (fallback: openai:fake-model answer had no verifiable citation)"
    assert answer["answerable"] is True and GOLD in answer["answer"]


def test_an_answer_followed_by_the_instructions_is_kept_and_the_echo_flagged(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path
) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。\n" + ECHOED_PROMPT))
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model" and answer["answerable"] is True
    assert GOLD in answer["answer"] and "只回复" not in answer["answer"]
    assert any("只回复" in flagged for flagged in answer["flagged"])


def test_a_traditional_question_reaches_the_llm_as_asked_and_is_refused_in_its_script(
    llm_live: Server, fake: FakeOpenAI, sent: Any
) -> None:
    asked = "臨河縣計劃接種多少劑流感疫苗？"
    fake.script(Reply(to_traditional(refusal_phrase("zh"))))  # the model refuses in the asker's script
    answer = ask(llm_live, asked)
    assert answer["answerable"] is False and answer["answer"] == to_traditional(refusal_phrase("zh"))
    (request,) = sent()
    assert asked in request.messages[-1]["content"]


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        ("您好，" + QUESTION + "谢谢！", QUESTION),  # courtesies off
        ("临河县计划接种的流感疫苗超过4万剂了吗？", "临河县计划接种的流感疫苗超过4万剂了吗？"),  # as asked
    ],
)
def test_the_llm_is_given_the_question_as_meant(
    llm_live: Server, fake: FakeOpenAI, sent: Any, asked: str, given: str
) -> None:
    fake.script(answering(lambda n: f"计划接种流感疫苗4.5万剂[{n}]。"))
    answer = ask(llm_live, asked)
    assert answer["answerable"] and GOLD in answer["answer"]
    (request,) = sent()
    assert f"<question>\n{given}\n</question>" in request.messages[-1]["content"]


def test_chat_completions_with_the_llm_backend_carry_verified_citations(
    llm_live: Server, fake: FakeOpenAI, sent: Any
) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。月球上也有接种点[{n}]。"))
    client = OpenAI(base_url=llm_live.url + "/v1", api_key="unused", max_retries=0)
    messages: Any = [{"role": "user", "content": QUESTION}]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    message = completion.choices[0].message
    assert message.content == "临河县计划免费接种流感疫苗4.5万剂。[1]"
    (cited,) = (message.model_extra or {})["citations"]
    assert cited["id"] == 1 and EVIDENCE in cited["text"]
    assert (completion.model_extra or {})["generator"] == "openai:fake-model"


def test_a_chat_front_end_streaming_the_llm_answer_shows_only_verified_sentences(
    llm_live: Server, fake: FakeOpenAI, sent: Any
) -> None:
    """What an OpenAI chat front end shows is the content it streamed; it never takes it back."""
    fake.script(
        answering(lambda n: f"月球上也有接种点[{n}]。临河县计划免费接种流感疫苗4.5万剂[{n}]。", parts=8)
    )
    client = OpenAI(base_url=llm_live.url + "/v1", api_key="unused", max_retries=0)
    messages: Any = [{"role": "user", "content": QUESTION}]
    chunks = list(client.chat.completions.create(model="ragqa", messages=messages, stream=True))
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert content == "临河县计划免费接种流感疫苗4.5万剂。[1]"
    final = chunks[-1].model_extra or {}
    assert final["answer"] == content and final["generator"] == "openai:fake-model"
    (cited,) = final["citations"]
    assert cited["id"] == 1 and EVIDENCE in cited["text"]
    sent_citations = [(c.model_extra or {})["citations"] for c in chunks if not c.choices]
    assert sent_citations[0] == [cited], "no citation before the text, and none numbered otherwise"
    assert all(each == final["citations"][: len(each)] for each in sent_citations)


# ---- the support check on English answers, without HTTP (the gate judges English questions by
# e5 similarity, which the small fake embedder cannot give) -----------------------------------


@pytest.fixture(scope="module")
def passages(fixture_index: tuple[Settings, Path]) -> Any:
    settings, _ = fixture_index
    runtime = make_runtime(settings)
    found = runtime.retrieve("临河县流感疫苗 青山市人民医院儿童病房床位", 5).passages
    runtime.index.close()
    return found


def test_english_answer_sentences_are_verified_one_by_one(passages: Any, fake: FakeOpenAI) -> None:
    generator = LLMGenerator(
        OpenAIChatClient(Settings().llm.model_copy(update={"base_url": fake.base_url})), HashingEmbedder()
    )
    linhe = next(i for i, p in enumerate(passages, 1) if EVIDENCE in p.chunk.text)
    ward = next(i for i, p in enumerate(passages, 1) if "床位120张" in p.chunk.text)
    text = (
        f"临河县 plans 4.5万剂 of 流感疫苗 [{linhe}]. 儿童病房 has 床位120张 [{ward}]. "
        f"It cost 1 billion [{ward}]."
    )
    draft = generator.verify(text, passages, "en")
    assert [(p.passage + 1, p.text) for p in draft.parts] == [
        (linhe, "临河县 plans 4.5万剂 of 流感疫苗."),
        (ward, "儿童病房 has 床位120张."),
    ]
    assert draft.flagged == [f"It cost 1 billion [{ward}]."]
    generator.close()


def test_streamed_chunks_are_what_the_fake_sent(fake: FakeOpenAI) -> None:
    """Guards the helper above: the fake streams when asked to."""
    fake.script(Reply("答案[1]。", parts=2))
    with httpx.stream(
        "POST", fake.base_url + "/chat/completions", json={"model": "m", "messages": [], "stream": True}
    ) as r:
        body = r.read().decode()
    contents = [
        json.loads(line[6:])["choices"][0]["delta"].get("content", "")
        for line in body.splitlines()
        if line.startswith("data: {")
    ]
    assert "".join(contents) == "答案[1]。"
