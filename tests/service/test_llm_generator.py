"""The ``openai`` answer backend end to end: our app (create_app, real HTTP on 127.0.0.1) asking a
scripted OpenAI-compatible server (tests/service/llm/fake_openai.py, also on 127.0.0.1), then
verifying the model's citations before anything reaches the caller."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openai import APIError, OpenAI

from embeddings.errors import ModelError
from service.answering.llm_generator import LLMGenerator
from service.app import create_app
from service.config import Settings
from service.llm import OpenAIChatClient, refusal_phrase, system_prompt
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, make_runtime
from tests.service.llm.fake_openai import (
    Behaviour,
    FakeOpenAI,
    RawBody,
    RawStream,
    RecordedRequest,
    Reply,
    Respond,
    Sleep,
    Status,
)
from tests.service.test_api import check_contract, sse_events

pytestmark = pytest.mark.integration

QUESTION = "临河县计划接种多少剂流感疫苗？"
GOLD = "4.5万"
EVIDENCE = "4.5万剂"  # only the 临河县 passage holds it
PASSAGE = re.compile(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', re.S)
READ_TIMEOUT = 2.0  # generous: the machine is shared, and only the timeout test waits for it


def passage_number(request: RecordedRequest, needle: str) -> int:
    """The number the prompt gave to the passage containing ``needle``."""
    user = request.messages[-1]["content"]
    return next(int(n) for n, body in PASSAGE.findall(user) if needle in body)


def answering(template: Callable[[int], str], needle: str = EVIDENCE, parts: int = 3) -> Behaviour:
    """Reply with ``template(n)``, ``n`` being the number of the passage that holds ``needle``."""
    return Respond(lambda request: Reply(template(passage_number(request, needle)), parts=parts))


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(model="fake-model") as server:
        yield server


@pytest.fixture(scope="module")
def llm_live(tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path],
             fake: FakeOpenAI) -> Iterator[Server]:
    settings, _ = fixture_index
    own = settings.model_copy(deep=True)
    own.index.dir = tmp_path_factory.mktemp("llm") / "index"
    shutil.copytree(settings.index.dir, own.index.dir)
    own.llm = own.llm.model_copy(update={
        "backend": "openai", "base_url": fake.base_url, "model": "fake-model",
        "read_timeout": READ_TIMEOUT, "connect_timeout": 1.0, "max_retries": 1,
    })
    with Server(create_app(own, embedder=HashingEmbedder())) as server:
        yield server


@pytest.fixture
def sent(fake: FakeOpenAI) -> Iterator[Callable[[], list[RecordedRequest]]]:
    """The requests the fake received during this test; every scripted behaviour must be used."""
    before = len(fake.requests)
    yield lambda: fake.requests[before:]
    assert not fake._queue, "a scripted behaviour was not consumed"


def ask(server: Server, question: str = QUESTION, **body: Any) -> dict[str, Any]:
    r = httpx.post(server.url + "/v1/ask", json={"question": question, **body}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_llm_answer_is_verified_and_cited(llm_live: Server, fake: FakeOpenAI, sent: Any,
                                          fixtures_dir: Path) -> None:
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


def test_llm_answer_streams_deltas_then_the_verified_answer(llm_live: Server, fake: FakeOpenAI,
                                                             sent: Any, fixtures_dir: Path) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。", parts=4))
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", llm_live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    events = sse_events(r)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and set(kinds[1:-1]) == {"delta"}
    assert len(kinds) >= 4, "the model's deltas are passed on as they arrive"
    streamed = "".join(data["text"] for _, data in events[1:-1])
    n = passage_number(sent()[0], EVIDENCE)
    assert streamed == f"临河县计划免费接种流感疫苗4.5万剂[{n}]。"
    candidates = events[0][1]
    assert EVIDENCE in next(c for c in candidates if c["id"] == n)["text"], "passages by prompt number"
    for c in candidates:  # the passages offered are exact spans too
        original = (fixtures_dir / "articles" / c["source"]).read_text(encoding="utf-8")
        assert re.sub(r"\s", "", original[c["start"] : c["end"]]) == re.sub(r"\s", "", c["text"])
    done = events[-1][1]
    check_contract(done, fixtures_dir / "articles")
    assert done["generator"] == "openai:fake-model" and GOLD in done["answer"]


def test_429_is_retried_then_answered(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Status(429, retry_after="0"), answering(lambda n: f"计划接种流感疫苗4.5万剂[{n}]。"))
    answer = ask(llm_live)
    assert answer["generator"] == "openai:fake-model" and GOLD in answer["answer"]
    assert len(sent()) == 2


@pytest.mark.parametrize(
    ("behaviours", "reason"),
    [
        ((Status(500), Status(500)), "HTTP 500"),
        ((Sleep(READ_TIMEOUT * 3),), "read timeout"),
        ((RawBody("<html>gateway</html>", content_type="text/html"),), "[DONE]"),
        ((RawStream(("data: {not json\n\n",)),), "malformed JSON"),
    ],
    ids=["500", "timeout", "not-sse", "malformed-json"],
)
def test_llm_failures_fall_back_to_extractive_and_say_so(
    llm_live: Server, fake: FakeOpenAI, sent: Any, fixtures_dir: Path, behaviours: tuple[Behaviour, ...],
    reason: str,
) -> None:
    fake.script(*behaviours)
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"].startswith("extractive (fallback: openai:fake-model")
    assert reason in answer["generator"]
    assert answer["answerable"] is True and GOLD in answer["answer"]
    assert len(sent()) == len(behaviours)


def test_fallback_still_streams_deltas(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Status(500), Status(500))
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", llm_live.url + "/v1/ask", json=body, timeout=30) as r:
        r.read()
    events = sse_events(r)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and "delta" in kinds
    done = events[-1][1]
    assert done["generator"].startswith("extractive (fallback")
    assert "".join(d["text"] for k, d in events if k == "delta") == done["answer"]


def test_answer_without_citation_markers_falls_back(llm_live: Server, fake: FakeOpenAI, sent: Any) -> None:
    fake.script(Reply("临河县计划免费接种流感疫苗4.5万剂。"))
    answer = ask(llm_live)
    assert answer["generator"].startswith("extractive (fallback: openai:fake-model answer had no verifiable")
    assert answer["flagged"] == ["临河县计划免费接种流感疫苗4.5万剂。"]
    assert GOLD in answer["answer"]


def test_citations_to_passages_that_do_not_exist_are_dropped(llm_live: Server, fake: FakeOpenAI, sent: Any,
                                                              fixtures_dir: Path) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。全县共设置接种门诊23个[42]。"))
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model"
    assert "[42]" not in answer["answer"] and "23个" not in answer["answer"]
    assert answer["flagged"] == ["全县共设置接种门诊23个[42]。"]
    assert len(answer["citations"]) == 1


def test_unsupported_sentences_are_dropped_and_flagged(llm_live: Server, fake: FakeOpenAI, sent: Any,
                                                        fixtures_dir: Path) -> None:
    fake.script(answering(lambda n: (f"临河县计划免费接种流感疫苗4.5万剂[{n}]。"
                                     f"临河县还将在火星建设疫苗工厂[{n}]。"
                                     f"接种门诊共有99个[{n}]。")))
    answer = ask(llm_live)
    check_contract(answer, fixtures_dir / "articles")
    assert answer["generator"] == "openai:fake-model" and GOLD in answer["answer"]
    assert "火星" not in answer["answer"] and "99" not in answer["answer"]
    assert len(answer["flagged"]) == 2
    assert any("火星" in f for f in answer["flagged"]) and any("99个" in f for f in answer["flagged"])


@pytest.mark.parametrize("said", [refusal_phrase("zh"), "文章中没有找到这个问题的答案",
                                  " the articles do not say"])
def test_llm_refusal_is_passed_on(llm_live: Server, fake: FakeOpenAI, sent: Any, said: str) -> None:
    fake.script(Reply(said))
    answer = ask(llm_live)
    assert answer["answerable"] is False and answer["answer"] == refusal_phrase("zh")
    assert answer["citations"] == []


def test_chat_completions_with_the_llm_backend_carry_verified_citations(llm_live: Server, fake: FakeOpenAI,
                                                                          sent: Any) -> None:
    fake.script(answering(lambda n: f"临河县计划免费接种流感疫苗4.5万剂[{n}]。月球上也有接种点[{n}]。"))
    client = OpenAI(base_url=llm_live.url + "/v1", api_key="unused", max_retries=0)
    messages: Any = [{"role": "user", "content": QUESTION}]
    completion = client.chat.completions.create(model="ragqa", messages=messages)
    message = completion.choices[0].message
    assert message.content == "临河县计划免费接种流感疫苗4.5万剂。[1]"
    (cited,) = (message.model_extra or {})["citations"]
    assert cited["id"] == 1 and EVIDENCE in cited["text"]
    assert (completion.model_extra or {})["generator"] == "openai:fake-model"


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
    generator = LLMGenerator(OpenAIChatClient(Settings().llm.model_copy(update={"base_url": fake.base_url})),
                             HashingEmbedder())
    linhe = next(i for i, p in enumerate(passages, 1) if EVIDENCE in p.chunk.text)
    ward = next(i for i, p in enumerate(passages, 1) if "床位120张" in p.chunk.text)
    text = (f"临河县 plans 4.5万剂 of 流感疫苗 [{linhe}]. 儿童病房 has 床位120张 [{ward}]. "
            f"It cost 1 billion [{ward}].")
    draft = generator.verify(text, passages, "en")
    assert [(p.passage + 1, p.text) for p in draft.parts] == [
        (linhe, "临河县 plans 4.5万剂 of 流感疫苗."), (ward, "儿童病房 has 床位120张."),
    ]
    assert draft.flagged == [f"It cost 1 billion [{ward}]."]
    generator.close()


def test_streamed_chunks_are_what_the_fake_sent(fake: FakeOpenAI) -> None:
    """Guards the helper above: the fake streams when asked to."""
    fake.script(Reply("答案[1]。", parts=2))
    with httpx.stream("POST", fake.base_url + "/chat/completions",
                      json={"model": "m", "messages": [], "stream": True}) as r:
        body = r.read().decode()
    contents = [json.loads(line[6:])["choices"][0]["delta"].get("content", "")
                for line in body.splitlines() if line.startswith("data: {")]
    assert "".join(contents) == "答案[1]。"


# ---- a backend that breaks after the status line was sent ---------------------------------------


class CrashingGenerator:
    """An answer backend with a bug: it says a few words, then raises (an LLM outage falls back
    to extractive instead; a crash like this must still reach the client as an error)."""

    name = "crashing"

    def generate(self, question: str, passages: Any) -> Any:
        raise ModelError("the answer backend crashed")

    def stream(self, question: str, passages: Any) -> Iterator[Any]:
        yield "临河县"
        raise ModelError("the answer backend crashed")


@pytest.fixture(scope="module")
def crashing(fixture_index: tuple[Settings, Path]) -> Iterator[Server]:
    with Server(create_app(fixture_index[0], embedder=HashingEmbedder(), llm=CrashingGenerator())) as server:
        yield server


def test_a_crash_mid_stream_ends_with_an_error_event(crashing: Server) -> None:
    body = {"question": QUESTION, "stream": True}
    with httpx.stream("POST", crashing.url + "/v1/ask", json=body, timeout=30) as r:
        assert r.status_code == 200
        r.read()
    events = sse_events(r)
    assert [kind for kind, _ in events] == ["citations", "delta", "error"]
    assert events[-1][1] == {"error": {"code": "stream_failed", "message": "the answer backend crashed",
                                       "field": None}}
    plain = httpx.post(crashing.url + "/v1/ask", json={"question": QUESTION}, timeout=30)
    assert plain.status_code == 503 and plain.json()["error"]["code"] == "model_unavailable"


def test_a_crash_mid_stream_raises_in_the_openai_sdk(crashing: Server) -> None:
    client = OpenAI(base_url=crashing.url + "/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(model="ragqa", stream=True,
                                            messages=[{"role": "user", "content": QUESTION}])
    with pytest.raises(APIError, match="the answer backend crashed"):
        for _ in stream:
            pass
