"""Builds the heavy parts (embedder, index) from settings. Called from the CLI and the app lifespan."""

from __future__ import annotations

from pathlib import Path

from embeddings.embedder import Embedder, create_embedder
from embeddings.index import NewsIndex
from embeddings.ingest import Ingestor
from embeddings.manifest import Manifest
from service.config import Settings


def manifest_for(settings: Settings, embedder: Embedder) -> Manifest:
    e, c, i = settings.embedding, settings.chunking, settings.index
    return Manifest(
        embedding_model=e.model,
        dim=embedder.dim,
        query_prefix=e.query_prefix,
        passage_prefix=e.passage_prefix,
        chunking=c.model_dump(),
        vector_backend=i.vector_backend,
        keyword_tokenizer=i.keyword_tokenizer,
    )


def open_index(
    settings: Settings, embedder: Embedder, create: bool, index_dir: Path | None = None
) -> NewsIndex:
    return NewsIndex.open(index_dir or settings.index.dir, manifest_for(settings, embedder), create=create)


def load_embedder(settings: Settings) -> Embedder:
    return create_embedder(settings.embedding)


def make_ingestor(
    settings: Settings, index: NewsIndex, embedder: Embedder, batch_chunks: int = 256
) -> Ingestor:
    """The ingest pipeline as settings ask for it: with ``index.sentence_vectors``, each chunk's
    sentences are embedded for the answerer too (sentences.similarity_texts)."""
    from service.answering.sentences import similarity_texts

    sentences = similarity_texts if settings.index.sentence_vectors else None
    return Ingestor(index, embedder, settings.chunking, batch_chunks, sentences=sentences)
