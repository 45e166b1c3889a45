"""SIGKILL a real ingest subprocess mid-way: the index must open consistent and a rerun must finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor
from service.config import ChunkingSettings
from tests.conftest import REPO
from tests.embeddings.test_index import assert_consistent, manifest
from tests.fakes import HashingEmbedder

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def make_articles(folder: Path, files: int = 30) -> None:
    folder.mkdir()
    for f in range(files):
        body = "\n\n".join(
            f"## 第{f}号文件第{a}篇报道\n\n本报讯 第{f}家医院第{a}次开展义诊活动，共服务群众{f * 10 + a}人。"
            f"活动持续{a + 1}天，医生讲解了慢性病防治知识。" * 3
            for a in range(3)
        )
        (folder / f"page_{f:02d}.txt").write_text(body, encoding="utf-8")


def run_worker(src: Path, index_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.embeddings.crash_worker", str(src), str(index_dir)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_ingest_leaves_consistent_index_and_rerun_completes(tmp_path: Path) -> None:
    src, index_dir = tmp_path / "src", tmp_path / "idx"
    make_articles(src)
    proc = run_worker(src, index_dir)
    assert proc.stdout is not None
    commits = 0
    for line in proc.stdout:
        commits += line.startswith("committed")
        if commits >= 3:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the worker must be killed before it finished"

    index = NewsIndex.open(index_dir, manifest())
    partial = index.store.counts()["chunks"]
    assert partial > 0
    assert_consistent(index)
    index.close()

    rerun = Ingestor(NewsIndex.open(index_dir, manifest()), HashingEmbedder(), ChunkingSettings())
    rerun.ingest_paths([src])
    clean = Ingestor(NewsIndex.open(tmp_path / "clean", manifest()), HashingEmbedder(), ChunkingSettings())
    clean.ingest_paths([src])
    assert rerun.index.store.counts() == clean.index.store.counts()
    assert rerun.summary.unchanged_files > 0, "committed files are not redone"
    assert_consistent(rerun.index)
    assert np.array_equal(np.sort(rerun.index.vectors.ids()), rerun.index.store.chunk_ids())
