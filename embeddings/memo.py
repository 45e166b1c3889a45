"""An embedder that remembers the vectors of recent texts.

At question time the same text is often embedded more than once: retrieval and the answer step
both embed the question, and the sentences of popular articles come back for question after
question. The model's forward pass is the slow part of an answer, so recent vectors are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from embeddings.embedder import Embedder

KINDS = ("query", "passage")


class MemoEmbedder:
    """Wraps an embedder with a least-recently-used memory of ``max_texts`` vectors per kind
    (query or passage); safe to share between threads."""

    def __init__(self, inner: Embedder, max_texts: int = 10_000) -> None:
        if max_texts < 1:
            raise ValueError("max_texts must be at least 1")
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.max_texts = max_texts
        self._memo: dict[str, OrderedDict[str, np.ndarray]] = {kind: OrderedDict() for kind in KINDS}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed("query", texts, self.inner.embed_queries)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed("passage", texts, self.inner.embed_passages)

    def _embed(
        self, kind: str, texts: Sequence[str], compute: Callable[[Sequence[str]], np.ndarray]
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        memo = self._memo[kind]
        with self._lock:
            found = {t: memo[t] for t in texts if t in memo}
            for t in found:
                memo.move_to_end(t)
            missing = [t for t in dict.fromkeys(texts) if t not in found]
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
        if missing:  # computed outside the lock: other threads keep answering meanwhile
            found.update(zip(missing, compute(missing), strict=True))
            with self._lock:
                for t in missing:
                    memo[t] = found[t]
                while len(memo) > self.max_texts:
                    memo.popitem(last=False)
        return np.vstack([found[t] for t in texts]).astype(np.float32, copy=False)
