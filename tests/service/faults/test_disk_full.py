"""The disk fills up during ingestion (a 2 MB tmpfs): the error is reported clearly (a domain error,
exit 2 from the CLI, a JSON error from the API), and the index that existed before is intact and
opens. Needs root for ``mount``; skipped with the reason otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from embeddings.errors import IndexError_
from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor
from service.app import create_app
from service.components import manifest_for
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server
from tests.service.faults.processes import ragqa

pytestmark = pytest.mark.integration


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of its own."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root")
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except FileNotFoundError:
        pytest.skip("no mount command")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a size-limited tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def fill(disk: Path, leave: int) -> None:
    """Take all but ``leave`` bytes of the disk with a ballast file."""
    free = shutil.disk_usage(disk).free
    with open(disk / "ballast", "wb") as out:
        out.write(b"\0" * max(free - leave, 0))


def many_articles(folder: Path, files: int, articles: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        body = "\n\n".join(
            f"## 第{f}号公告第{a}条\n\n本报讯 "
            + "".join(f"第{f}号公告第{a}条第{s}款规定了第{f * a + s}项细则。" for s in range(30))
            for a in range(articles)
        )
        (folder / f"flood_{f:03d}.txt").write_text(body, encoding="utf-8")
    return folder


def snapshot(index_dir: Path) -> dict[str, str | None]:
    index = NewsIndex.open(index_dir, None, create=False)
    try:
        assert np.array_equal(index.store.chunk_ids(), index.vectors.ids()), "every chunk has its vector"
        return {d.source: index.store.document_text(d.source) for d in index.store.documents()}
    finally:
        index.close()


def copy_fixture_index(fixture_index: tuple[Settings, Path], disk: Path) -> Settings:
    settings = fixture_index[0].model_copy(deep=True)
    settings.index.dir = disk / "index"
    shutil.copytree(fixture_index[0].index.dir, settings.index.dir)
    return settings


def test_ingest_on_a_full_disk_raises_and_keeps_the_index(
    small_disk: Path, tmp_path: Path, fixture_index: tuple[Settings, Path]
) -> None:
    settings = copy_fixture_index(fixture_index, small_disk)
    before = snapshot(settings.index.dir)
    embedder = HashingEmbedder()
    index = NewsIndex.open(settings.index.dir, manifest_for(settings, embedder), create=False)
    ingestor = Ingestor(index, embedder, settings.chunking, batch_chunks=32)
    with pytest.raises(IndexError_, match="disk is full") as caught:
        ingestor.ingest_paths([many_articles(tmp_path / "flood", files=200)])
    assert str(settings.index.dir) in str(caught.value)
    index.close()

    after = snapshot(settings.index.dir)
    assert {s: after[s] for s in before} == before, "the documents indexed before are intact"
    assert len(after) > len(before), "batches committed before the disk filled are kept"


def test_upload_on_a_full_disk_is_a_json_error_and_the_server_keeps_answering(
    small_disk: Path, fixture_index: tuple[Settings, Path]
) -> None:
    settings = copy_fixture_index(fixture_index, small_disk)
    settings.security.address_rate_per_minute = 0
    before = snapshot(settings.index.dir)
    with Server(create_app(settings, embedder=HashingEmbedder())) as live:
        fill(small_disk, leave=16_000)
        text = "\n\n".join(
            f"## 第{a}号通知\n\n本报讯 " + f"第{a}号通知要求各单位做好防汛准备。" * 40 for a in range(40)
        )
        r = httpx.post(live.url + "/v1/documents", json={"source": "flood.txt", "text": text}, timeout=60)
        assert r.status_code == 503, r.text
        error = r.json()["error"]
        assert error["code"] == "index_unavailable" and "disk is full" in error["message"]
        question = {"question": "青山市人民医院儿童病房共设置多少张床位？"}
        ask = httpx.post(live.url + "/v1/ask", json=question, timeout=60)
        assert ask.status_code == 200 and "120" in ask.json()["answer"]
        listed = {d["source"] for d in httpx.get(live.url + "/v1/documents").json()}
        assert listed == set(before)
    (small_disk / "ballast").unlink()
    assert snapshot(settings.index.dir) == before


@pytest.mark.slow
def test_cli_ingest_on_a_full_disk_exits_2_and_the_index_opens(
    small_disk: Path, tmp_path: Path, e5_index: Path
) -> None:
    index_dir = small_disk / "index"
    shutil.copytree(e5_index, index_dir)
    before = snapshot(index_dir)
    fill(small_disk, leave=150_000)
    done = ragqa(
        "ingest",
        str(many_articles(tmp_path / "flood", files=8)),
        "--index",
        str(index_dir),
        "--batch-chunks",
        "4",
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "ragqa: cannot write the index" in done.stderr and "disk is full" in done.stderr, done.stderr
    (small_disk / "ballast").unlink()
    after = snapshot(index_dir)
    assert {s: after[s] for s in before} == before
    info = ragqa("index", "info", "--index", str(index_dir))
    assert info.returncode == 0, info.stderr
