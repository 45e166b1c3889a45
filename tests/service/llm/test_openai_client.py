"""OpenAIChatClient against a real HTTP server on 127.0.0.1 (tests/service/llm/fake_openai.py)."""

from __future__ import annotations

import time

import httpx
import pytest
from pydantic import SecretStr

from embeddings.errors import LLMError
from service.config import LLMSettings
from service.llm import ChatMessage, LLMClient, OpenAIChatClient
from tests.service.conftest import refused_port
from tests.service.llm.conftest import MakeClient
from tests.service.llm.fake_openai import (
    DropMidStream,
    FakeOpenAI,
    RawBody,
    RawStream,
    Reply,
    Sleep,
    Status,
)

pytestmark = pytest.mark.integration

MESSAGES: list[ChatMessage] = [
    {"role": "system", "content": "只根据段落回答。"},
    {"role": "user", "content": "华为发布了什么？"},
]
ANSWER = "华为发布了新款手机[1]。售价为5999元[2]。"


class SleepLog(list[float]):
    """Stands in for time.sleep: records the backoff delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_complete_returns_the_answer_and_sends_an_openai_request(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(Reply(f"  {ANSWER}\n"))
    client = make_client(temperature=0.2, max_tokens=300)

    assert client.complete(MESSAGES) == ANSWER
    (request,) = fake_openai.requests
    assert request.path == "/v1/chat/completions"
    assert request.body == {
        "model": "fake-model",
        "messages": MESSAGES,
        "temperature": 0.2,
        "max_tokens": 300,
        "stream": False,
    }
    assert isinstance(client, LLMClient)


@pytest.mark.parametrize("suffix", ["", "/"])
def test_base_url_with_or_without_trailing_slash(
    fake_openai: FakeOpenAI, make_client: MakeClient, suffix: str
) -> None:
    fake_openai.script(Reply(ANSWER))
    make_client(base_url=fake_openai.base_url + suffix).complete(MESSAGES)
    assert fake_openai.requests[0].path == "/v1/chat/completions"


def test_stream_deltas_join_to_the_full_text(fake_openai: FakeOpenAI, make_client: MakeClient) -> None:
    fake_openai.script(Reply(ANSWER, parts=5), Reply(ANSWER))
    client = make_client()

    deltas = list(client.stream(MESSAGES))

    assert len(deltas) == 5
    assert "".join(deltas) == ANSWER == client.complete(MESSAGES)
    assert fake_openai.requests[0].streamed
    assert fake_openai.requests[0].headers["accept"] == "text/event-stream"


def test_stream_tolerates_comments_role_only_deltas_and_usage_chunks(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(
        RawStream(
            (
                ": keep-alive\n\n",
                'event: message\ndata: {"choices": [{"delta": {"role": "assistant"}}]}\n\n',
                'data: {"choices": [{"delta": {"content": null}}]}\n\n',
                'data: {"choices": [{"delta": {"content": "答"}}]}\n\n: ping\n\n',
                'data:{"choices": [{"delta": {"content": "案[1]"}, "finish_reason": null}]}\n\n',
                'data: {"choices": [], "usage": {"total_tokens": 3}}\n\n',
                "data: [DONE]\n\n",
            )
        )
    )
    assert "".join(make_client().stream(MESSAGES)) == "答案[1]"


def test_stream_with_finish_reason_but_no_done_marker_is_complete(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(
        RawStream(('data: {"choices": [{"delta": {"content": "答案[1]"}, "finish_reason": "stop"}]}\n\n',))
    )
    assert list(make_client().stream(MESSAGES)) == ["答案[1]"]


def test_429_with_retry_after_is_retried_after_that_many_seconds(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(Status(429, retry_after="1"), Reply(ANSWER))
    sleeps = SleepLog()

    assert make_client(sleep=sleeps).complete(MESSAGES) == ANSWER
    assert len(fake_openai.requests) == 2
    assert sleeps == [1.0]


def test_retry_after_is_capped(fake_openai: FakeOpenAI, llm_settings: LLMSettings) -> None:
    fake_openai.script(Status(503, retry_after="3600"), Reply(ANSWER))
    sleeps = SleepLog()
    with OpenAIChatClient(llm_settings, max_retry_after=2.5, sleep=sleeps) as client:
        assert client.complete(MESSAGES) == ANSWER
    assert sleeps == [2.5]


def test_server_errors_exhaust_retries_with_growing_backoff(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(*[Status(500, body='{"error": "model crashed"}')] * 3)
    sleeps = SleepLog()

    with pytest.raises(LLMError) as caught:
        make_client(max_retries=2, backoff_base=0.1, sleep=sleeps).complete(MESSAGES)

    assert len(fake_openai.requests) == 3
    assert "HTTP 500" in str(caught.value)
    assert "model crashed" in str(caught.value)
    assert "3 attempts" in str(caught.value)
    assert 0.05 <= sleeps[0] <= 0.1 and 0.1 <= sleeps[1] <= 0.2  # exponential, jittered


def test_client_errors_are_not_retried(fake_openai: FakeOpenAI, make_client: MakeClient) -> None:
    fake_openai.script(Status(400, body='{"error": {"message": "context length exceeded"}}'), Reply(ANSWER))

    with pytest.raises(LLMError, match=r"HTTP 400.*context length exceeded"):
        make_client().complete(MESSAGES)
    assert len(fake_openai.requests) == 1


def test_read_timeout_fails_fast_without_retrying(fake_openai: FakeOpenAI, make_client: MakeClient) -> None:
    fake_openai.script(Sleep(5.0), Sleep(5.0), Sleep(5.0))
    started = time.monotonic()

    with pytest.raises(LLMError, match="read timeout") as caught:
        make_client(read_timeout=0.3, max_retries=2).complete(MESSAGES)

    assert time.monotonic() - started < 2.0
    assert len(fake_openai.requests) == 1
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)  # chained, never raised bare


def test_stall_in_the_middle_of_a_stream_is_an_llm_error(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(Reply(ANSWER, parts=3, pause=1.0))
    with pytest.raises(LLMError, match="stalled"):
        list(make_client(read_timeout=0.3).stream(MESSAGES))


def test_connection_refused_is_retried_then_an_llm_error(make_client: MakeClient) -> None:
    with refused_port() as port:
        client = make_client(base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)
        with pytest.raises(LLMError, match=r"cannot reach LLM server.*2 attempts"):
            client.complete(MESSAGES)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"choices": []}', r"no choices\[0\]\.message\.content"),
        ('{"id": "x"}', r"no choices\[0\]\.message\.content"),
        ('{"choices": [{"message": {"content": null}}]}', r"no choices\[0\]\.message\.content"),
        ('{"choices": [{"message": {"content": "  \\n "}}]}', "empty answer"),
        ("[1, 2]", r"no choices\[0\]\.message\.content"),
    ],
)
def test_unusable_completion_bodies(
    fake_openai: FakeOpenAI, make_client: MakeClient, body: str, message: str
) -> None:
    fake_openai.script(RawBody(body))
    with pytest.raises(LLMError, match=message):
        make_client().complete(MESSAGES)


def test_stream_cut_mid_way_raises_from_the_iterator(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(DropMidStream(ANSWER, parts=4, sent=2))
    received: list[str] = []

    with pytest.raises(LLMError, match="broke off"):
        for delta in make_client().stream(MESSAGES):
            received.append(delta)

    assert received and ANSWER.startswith("".join(received))


@pytest.mark.parametrize(
    ("pieces", "message"),
    [
        (('data: {"choices": [{"delta": {"content": "答"}}]}\n\n',), "no \\[DONE\\]"),
        (("data: {oops\n\n",), "malformed JSON"),
        (('data: {"error": {"message": "overloaded"}}\n\n',), "overloaded"),
        (('data: {"choices": [{"delta": {}}]}\n\n', "data: [DONE]\n\n"), "empty answer"),
    ],
)
def test_broken_streams(
    fake_openai: FakeOpenAI, make_client: MakeClient, pieces: tuple[str, ...], message: str
) -> None:
    fake_openai.script(RawStream(pieces))
    with pytest.raises(LLMError, match=message):
        list(make_client().stream(MESSAGES))


def test_stream_request_is_retried_before_the_first_byte(
    fake_openai: FakeOpenAI, make_client: MakeClient
) -> None:
    fake_openai.script(Status(502, body="bad gateway"), Reply(ANSWER))
    assert "".join(make_client().stream(MESSAGES)) == ANSWER
    assert len(fake_openai.requests) == 2


def test_abandoned_stream_releases_its_connection(fake_openai: FakeOpenAI, make_client: MakeClient) -> None:
    fake_openai.script(Reply(ANSWER, parts=4), Reply(ANSWER))
    client = make_client()
    deltas = client.stream(MESSAGES)
    next(deltas)
    deltas.close()
    assert client.complete(MESSAGES) == ANSWER


@pytest.mark.parametrize(("key", "expected"), [("sk-test", "Bearer sk-test"), ("", None)])
def test_authorization_header_only_when_a_key_is_set(
    fake_openai: FakeOpenAI, make_client: MakeClient, key: str, expected: str | None
) -> None:
    fake_openai.script(Reply(ANSWER))
    make_client(api_key=SecretStr(key)).complete(MESSAGES)
    assert fake_openai.requests[0].headers.get("authorization") == expected


def test_bad_base_url_is_an_llm_error(make_client: MakeClient) -> None:
    with pytest.raises(LLMError, match="bad LLM base_url"):
        make_client(base_url="127.0.0.1:11434/v1").complete(MESSAGES)


def test_client_is_lazy_and_close_is_idempotent(llm_settings: LLMSettings) -> None:
    unreachable = llm_settings.model_copy(update={"base_url": "http://127.0.0.1:9/v1"})  # never called
    client = OpenAIChatClient(unreachable)
    assert client.name == "openai:fake-model"
    client.close()
    client.close()
