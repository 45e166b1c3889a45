"""/v1/search over real HTTP on 127.0.0.1: each mode (hybrid, dense, keyword) returns ranked hits
that are exact spans of the original files, with the score of each channel; an unknown mode is
refused by name."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.service.api.contract import squash
from tests.service.conftest import Server

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("mode", ["hybrid", "dense", "keyword"])
def test_search_modes_return_hits_with_channel_scores(live: Server, articles: Path, mode: str) -> None:
    r = httpx.post(live.url + "/v1/search", json={"query": "临河县流感疫苗接种", "top_k": 3, "mode": mode})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert 1 <= len(hits) <= 3
    assert "临河县" in hits[0]["text"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert {"doc_id", "source", "title", "start", "end", "text", "score", "scores"} <= hit.keys()
        original = (articles / hit["source"]).read_text(encoding="utf-8")
        assert squash(original[hit["start"] : hit["end"]]) == squash(hit["text"])
        channels = hit["scores"]
        assert channels.keys() == {"dense", "keyword"}
        if mode == "dense":
            assert channels["dense"] is not None and channels["keyword"] is None
        if mode == "keyword":
            assert channels["keyword"] is not None and channels["dense"] is None
    if mode == "hybrid":
        assert hits[0]["scores"]["dense"] is not None and hits[0]["scores"]["keyword"] is not None


def test_search_rejects_an_unknown_mode(live: Server) -> None:
    r = httpx.post(live.url + "/v1/search", json={"query": "疫苗", "mode": "magic"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "mode"
