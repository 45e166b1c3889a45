"""What the ``openai`` answer backend's tests share: the question they ask (only the 临河县 passage
holds its answer), and helpers to script the fake model's reply around the passage numbers that
our prompt gave, and to ask our app."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Server
from tests.service.llm.fake_openai import Behaviour, RecordedRequest, Reply, Respond

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


def ask(server: Server, question: str = QUESTION, **body: Any) -> dict[str, Any]:
    r = httpx.post(server.url + "/v1/ask", json={"question": question, **body}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()
