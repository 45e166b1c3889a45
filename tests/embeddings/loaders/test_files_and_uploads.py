"""Where texts come from: the files found under the given paths (sorted, hidden ones skipped, each
once) and the relative names they get, uploads (a plain file name, whatever path was sent), how a
load error reads, and the user's real corpus loading cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.errors import InputError
from embeddings.loaders import LoadError, iter_files, load_bytes, load_file
from tests.embeddings.loaders.helpers import PNG_HEADER, ZH, only_error, write


def test_iter_files_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in [
        "b.txt",
        "a/z.md",
        "a/deeper/x.HTML",
        "a/feed.jsonl",
        "c.markdown",
        "d.htm",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/y.txt",
        "notes.rtf",
        "image.png",
    ]:
        write(corpus / name, "text")
    pairs = list(iter_files([corpus]))
    assert all(root == corpus for _, root in pairs)
    assert [f.relative_to(corpus).as_posix() for f, _ in pairs] == [
        "a/deeper/x.HTML",
        "a/feed.jsonl",
        "a/z.md",
        "b.txt",
        "c.markdown",
        "d.htm",
    ]


def test_iter_files_single_files_and_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    inner = write(folder / "inner.txt", "x")
    lone = write(tmp_path / "lone.rtf", "x")
    pairs = list(iter_files([lone, folder, inner]))
    # An explicitly named file is kept whatever its type; a file reached twice is yielded once.
    assert pairs == [(lone, tmp_path), (inner, folder)]
    assert "unsupported" in only_error(load_file(*pairs[0])).message


def test_iter_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        iter_files([tmp_path / "nope"])
    assert info.value.field == "paths"


def test_sources_are_relative_posix_paths(tmp_path: Path) -> None:
    write(tmp_path / "root" / "sub" / "dir" / "a.txt", ZH)
    [(path, root)] = list(iter_files([tmp_path / "root"]))
    assert load_file(path, root).texts[0].source == "sub/dir/a.txt"


# --- uploads ---------------------------------------------------------------------------------------


def test_load_bytes_upload() -> None:
    result = load_bytes(ZH.encode("gbk"), "C:\\Users\\me\\新闻.TXT")
    assert result.errors == []
    [text] = result.texts
    assert (text.source, text.text, text.encoding) == ("新闻.TXT", ZH, "gb18030")


def test_load_bytes_strips_directories_and_rejects_binary() -> None:
    error = only_error(load_bytes(PNG_HEADER * 10, "../../etc/photo.txt"))
    assert (error.source, error.message) == ("photo.txt", "binary file, not text")
    assert "unsupported" in only_error(load_bytes(b"x", "archive.zip")).message


def test_load_error_str() -> None:
    assert str(LoadError("f.jsonl", 3, "bad")) == "f.jsonl:3: bad"
    assert str(LoadError("f.txt", None, "bad")) == "f.txt: bad"


# --- the user's corpus -----------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_corpus_loads_cleanly(corpus_dir: Path) -> None:
    results = [load_file(path, root) for path, root in iter_files([corpus_dir])]
    texts = [text for result in results for text in result.texts]
    assert [error for result in results for error in result.errors] == []
    assert len(texts) == 5
    assert all(text.encoding == "utf-8" and text.text.strip() for text in texts)
    assert all("\r" not in text.text and "/" not in text.source for text in texts)
