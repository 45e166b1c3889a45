"""Ingests a directory slowly, in small batches, announcing each commit; killed by test_crash.py."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor
from service.config import ChunkingSettings
from tests.embeddings.test_index import manifest
from tests.fakes import HashingEmbedder


class SlowEmbedder(HashingEmbedder):
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(0.05)
        return super().embed_passages(texts)


def main(src: str, index_dir: str) -> None:
    index = NewsIndex.open(Path(index_dir), manifest())
    ingestor = Ingestor(index, SlowEmbedder(), ChunkingSettings(), batch_chunks=4)
    original_write = index.write

    def announce(*args: object, **kwargs: object) -> None:
        original_write(*args, **kwargs)  # type: ignore[arg-type]
        print("committed", flush=True)

    index.write = announce  # type: ignore[method-assign]
    ingestor.ingest_paths([Path(src)])
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
