"""Every response carries an X-Request-ID (the caller's when it is sane, else a new one), and each
answer is logged once under it with what was decided, never with the question (a refusal's reason
may name one of its terms)."""

from __future__ import annotations

import logging
import re

import httpx
import pytest

from tests.service.api.contract import GOLD
from tests.service.conftest import Server

pytestmark = pytest.mark.integration


def test_a_new_id_on_every_response_refusals_and_pages_included(live: Server) -> None:
    ids = [
        httpx.get(live.url + "/healthz").headers["x-request-id"],
        httpx.post(live.url + "/v1/ask", json={"question": ""}).headers["x-request-id"],  # a 422
        httpx.get(live.url + "/").headers["x-request-id"],
    ]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and len(set(ids)) == 3


@pytest.mark.parametrize(
    ("sent", "kept"), [("trace-42.a:b", True), ("has space", False), ("x" * 65, False), ("<script>", False)]
)
def test_the_callers_id_is_kept_only_when_sane(live: Server, sent: str, kept: bool) -> None:
    got = httpx.get(live.url + "/healthz", headers={"X-Request-ID": sent}).headers["x-request-id"]
    assert (got == sent) is kept and re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", got)


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/chat/completions"])
def test_each_answer_is_logged_under_its_id(
    live: Server, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    question = GOLD[0][0]
    body = (
        {"question": question} if path == "/v1/ask" else {"messages": [{"role": "user", "content": question}]}
    )
    with caplog.at_level(logging.INFO, logger="ragqa.answers"):
        r = httpx.post(live.url + path, json=body, headers={"X-Request-ID": "case-7"}, timeout=30)
        refused = httpx.post(live.url + "/v1/ask", json={"question": "火星上有多少只企鹅？"}, timeout=30)
    assert r.status_code == 200 and r.headers["x-request-id"] == "case-7"
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "ragqa.answers"]
    assert any(line.startswith(f"case-7 POST {path}: answered, ") for line in lines), lines
    rid = refused.headers["x-request-id"]
    assert any(line.startswith(f"{rid} POST /v1/ask: refused (") for line in lines), lines
    assert not any(question in line for line in lines)  # the question stays out of the log
