"""An index knows what built it: the manifest records the embedding model, dimensions, chunking
settings and schema version, and an index is refused when opened with different ones."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from embeddings.errors import IndexError_, IndexMismatchError
from embeddings.keyword import KEYWORD_FORM
from embeddings.sqlite_db import connect

SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
# What manifests written before ``keyword_form`` existed had (no traditional -> simplified folding).
LEGACY_KEYWORD_FORM = "nfkc-lower"


@dataclass(frozen=True)
class Manifest:
    embedding_model: str
    dim: int
    query_prefix: str
    passage_prefix: str
    chunking: dict[str, int]
    vector_backend: str = "flat"
    keyword_tokenizer: str = "rjieba"
    # not checked by check_compatible: NewsIndex.open rebuilds keyword rows of another form
    keyword_form: str = KEYWORD_FORM
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{"keyword_form": LEGACY_KEYWORD_FORM, **{k: v for k, v in data.items() if k in known}})


def read_manifest(index_dir: Path) -> Manifest | None:
    path = index_dir / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise IndexError_(
            f"the index manifest {path} is unreadable ({exc}); restore it or rebuild the index "
            "into a new directory with `ragqa ingest PATH --index NEWDIR`"
        ) from exc


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    path = index_dir / MANIFEST_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(tmp, path)


_ADVICE = {
    "embedding_model": "set RAGQA_EMBEDDING__MODEL={built}",
    "dim": "use the model the index was built with ({built})",
    "query_prefix": "set RAGQA_EMBEDDING__QUERY_PREFIX={built!r}",
    "passage_prefix": "set RAGQA_EMBEDDING__PASSAGE_PREFIX={built!r}",
    "chunking": "set the RAGQA_CHUNKING__* settings back to {built}",
    "vector_backend": "set RAGQA_INDEX__VECTOR_BACKEND={built}",
    "keyword_tokenizer": "set RAGQA_INDEX__KEYWORD_TOKENIZER={built}",
    "schema_version": "this ragqa writes schema {wanted}",
}


def check_compatible(index_dir: Path, built: Manifest, wanted: Manifest) -> None:
    """Raise ``IndexMismatchError`` naming every difference and what to do about it."""
    problems = []
    for name, advice in _ADVICE.items():
        have, want = getattr(built, name), getattr(wanted, name)
        if have != want:
            hint = advice.format(built=have, wanted=want)
            problems.append(f"{name}: index has {have!r}, settings ask for {want!r} ({hint})")
    if problems:
        raise IndexMismatchError(
            f"the index in {index_dir} was built with other settings:\n  - "
            + "\n  - ".join(problems)
            + f"\nEither change the settings as suggested, or build a new index with "
            f"`ragqa ingest PATH --index NEWDIR` (or delete {index_dir} and re-ingest)."
        )


def check_index(index_dir: Path) -> Manifest:
    """A cheap start-up check (manifest and an intact database) to fail before a model loads."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise no_index_error(index_dir)
    connect(index_dir, must_exist=True).close()
    return manifest


def no_index_error(index_dir: Path) -> IndexError_:
    state = "no manifest.json" if index_dir.is_dir() else "no such directory"
    return IndexError_(
        f"no index in {index_dir} ({state}); build one with `ragqa ingest PATH --index {index_dir}`"
    )
