"""/v1/documents over real HTTP on 127.0.0.1: a document added as JSON or as an upload becomes
answerable and searchable and is gone again once deleted; offsets count code points; deleting a
whole source, an unknown document, and an upload without its file field; PDF and Word uploads
answered and cited in the text extracted from them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import httpx
import pytest

from tests.service.api.contract import ask, squash
from tests.service.conftest import Server

pytestmark = pytest.mark.integration


NEW_ARTICLE = (
    "北辰县新建图书馆对外开放\n\n"
    "本报讯 11月2日，北辰县新建图书馆正式对外开放，馆内藏书9.6万册，\n设有少儿阅览室。\n"
)
NEW_QUESTION = "北辰县新建图书馆藏书多少册？"


@contextmanager
def posted(server: Server, text: str, source: str) -> Iterator[None]:
    """The text added as a document for the block, and deleted after it."""
    r = httpx.post(server.url + "/v1/documents", json={"text": text, "source": source}, timeout=30)
    assert r.status_code == 200, r.text
    try:
        yield
    finally:
        httpx.delete(f"{server.url}/v1/documents/{source}")


def _sentence_vectors(server: Server) -> int:
    return int(httpx.get(server.url + "/readyz").json()["sentence_vectors"])


def _sources(server: Server) -> list[str]:
    r = httpx.get(server.url + "/v1/documents")
    assert r.status_code == 200
    return [d["source"] for d in r.json()]


@pytest.mark.parametrize("how", ["json", "multipart"])
def test_document_lifecycle(live: Server, how: str) -> None:
    source = f"beichen-{how}.txt"
    assert source not in _sources(live)
    assert ask(live, NEW_QUESTION)["answerable"] is False
    sentences = _sentence_vectors(live)
    if how == "json":
        r = httpx.post(live.url + "/v1/documents", json={"text": NEW_ARTICLE, "source": source}, timeout=30)
    else:
        upload = {"file": (source, NEW_ARTICLE.encode(), "text/plain")}
        r = httpx.post(live.url + "/v1/documents", files=upload, timeout=30)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["documents"] == 1 and result["chunks"] >= 1 and result["errors"] == []
    assert source in _sources(live)
    assert _sentence_vectors(live) > sentences  # embedded for the answerer, as `ragqa ingest` does

    answer = ask(live, NEW_QUESTION)
    assert answer["answerable"] is True and "9.6万" in answer["answer"]
    assert {c["source"] for c in answer["citations"]} == {source}
    cited = answer["citations"][0]
    assert squash(NEW_ARTICLE[cited["start"] : cited["end"]]) == squash(cited["text"])
    hits = httpx.post(live.url + "/v1/search", json={"query": "北辰县图书馆", "top_k": 1}).json()["hits"]
    assert hits[0]["source"] == source

    r = httpx.delete(f"{live.url}/v1/documents/{cited['doc_id']}")
    assert r.status_code == 200 and r.json()["chunks_removed"] >= 1
    listed = {d["source"]: d for d in httpx.get(live.url + "/v1/documents").json()}
    assert source not in listed or listed[source]["chunks"] == 0  # its one article is gone
    assert ask(live, NEW_QUESTION)["answerable"] is False
    hits = httpx.post(live.url + "/v1/search", json={"query": "北辰县图书馆"}).json()["hits"]
    assert all(h["source"] != source for h in hits)
    assert _sentence_vectors(live) == sentences


def test_offsets_count_code_points_not_bytes_or_utf16_units(live: Server) -> None:
    text = "𠮷野家快餐店开业\n\n本报讯 😀🎉 5月1日，𠮷野家快餐店在北辰县开业，\n店内共有座位68个。\n"
    with posted(live, text, "astral.txt"):
        answer = ask(live, "𠮷野家快餐店共有多少个座位？")
        assert answer["answerable"] is True and "68" in answer["answer"]
        for c in answer["citations"]:
            if c["source"] == "astral.txt":
                assert squash(text[c["start"] : c["end"]]) == squash(c["text"])
        assert any(c["source"] == "astral.txt" for c in answer["citations"])


def test_deleting_a_whole_source(live: Server) -> None:
    r = httpx.post(live.url + "/v1/documents", json={"text": NEW_ARTICLE, "source": "whole.txt"})
    assert r.status_code == 200, r.text
    r = httpx.delete(live.url + "/v1/documents/whole.txt")
    assert r.status_code == 200 and r.json()["chunks_removed"] >= 1
    assert "whole.txt" not in _sources(live)


def test_deleting_an_unknown_document_is_a_404_json_error(live: Server) -> None:
    r = httpx.delete(live.url + "/v1/documents/no-such-doc")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == "not_found"


def test_document_upload_without_a_file_field_names_it(live: Server) -> None:
    r = httpx.post(live.url + "/v1/documents", files={"attachment": ("a.txt", b"text", "text/plain")})
    assert r.status_code == 400 and r.json()["error"]["field"] == "file"


@pytest.mark.parametrize("name", ["page.pdf", "night.docx"])
def test_a_pdf_or_word_upload_is_answered_and_cited_in_its_extracted_text(
    live: Server, fixtures_dir: Path, tmp_path: Path, name: str
) -> None:
    if name.endswith(".pdf"):
        data = (fixtures_dir / "documents" / name).read_bytes()
    else:
        document = docx.Document()
        document.add_heading("青山县人民医院开通夜间门诊", level=1)
        document.add_paragraph("本报讯 开诊第一周，夜间门诊共接诊患者312人次，其中儿科患者最多。")
        document.save(str(tmp_path / name))
        data = (tmp_path / name).read_bytes()
    r = httpx.post(
        live.url + "/v1/documents", files={"file": (name, data, "application/octet-stream")}, timeout=60
    )
    assert r.status_code == 200, r.text
    assert r.json()["documents"] == 1 and r.json()["errors"] == []
    try:
        listed = {d["source"]: d for d in httpx.get(live.url + "/v1/documents").json()}
        assert listed[name]["encoding"] == name.rsplit(".", 1)[1]
        answer = ask(live, "青山县人民医院夜间门诊开诊第一周共接诊患者多少人次？")
        assert answer["answerable"] is True and "312" in answer["answer"]
        cited = next(c for c in answer["citations"] if c["source"] == name)
        shown = httpx.get(
            f"{live.url}/v1/documents/{name}/text", params={"start": cited["start"], "end": cited["end"]}
        ).json()
        assert squash(shown["span"]) == squash(cited["text"]) and "312" in cited["text"]
    finally:
        httpx.delete(f"{live.url}/v1/documents/{name}")


def test_text_with_radicals_for_characters_is_matched_and_quoted_as_written(live: Server) -> None:
    """Text copied out of a PDF may carry ⻘⼭县 for 青山县: it looks the same and must match the same."""
    text = "⻘⼭县⼈⺠医院开通夜间⻔诊\n\n本报讯 开诊第⼀周，夜间⻔诊共接诊患者312⼈次，其中⼉科患者最多。\n"
    with posted(live, text, "radicals.txt"):
        answer = ask(live, "青山县人民医院夜间门诊开诊第一周共接诊患者多少人次？")
        assert answer["answerable"] is True and "312" in answer["answer"]
        cited = next(c for c in answer["citations"] if c["source"] == "radicals.txt")
        assert "⻔诊" in cited["text"] and squash(text[cited["start"] : cited["end"]]) == squash(
            cited["text"]
        )
        hits = httpx.post(live.url + "/v1/search", json={"query": "青山县门诊", "mode": "keyword"}).json()[
            "hits"
        ]
        assert hits and hits[0]["source"] == "radicals.txt"
