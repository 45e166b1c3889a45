"""Text out of PDF and Word (.docx) files: the text we store, cite and show for them.

PDF: pdfminer.six's layout analysis groups characters into lines and lines into text boxes, and
``pdf_layout.reading_order`` puts the boxes in reading order (bands, then columns), so columns
come out one after the other rather than line by line across; each box ends with a blank line,
and the lines inside it keep their hard breaks, which the cleaner repairs like any other wrapped
column. Radical code points that PDF fonts put in place of characters are
folded (``embeddings.radicals``). A PDF without a text layer (a scan) is refused with what to do.

Word: paragraphs and tables in document order; headings and the title become Markdown headings,
so each heads an article, and a table row becomes one ``| a | b |`` line.

Both formats are compressed, and neither parser bounds what it inflates: a crafted upload of a few
megabytes can expand to gigabytes. So ``read_document`` parses in a child process held to a memory
and a time limit, and such a file fails alone, as one error, instead of taking the server with it.
"""

from __future__ import annotations

import io
import json
import logging
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from typing import Any

from embeddings.errors import UnsupportedFileError
from embeddings.pdf_layout import reading_order
from embeddings.radicals import fold_radicals

MEMORY_LIMIT = 2 << 30  # bytes of address space for the parsing process
TIME_LIMIT_S = 300.0
NO_TEXT_LAYER = (
    "the PDF has no text layer (a scanned image?): run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, "
    "and upload the result"
)


def pdf_text(data: bytes) -> tuple[str | None, str]:
    """No title, and the PDF's text, box by box and page by page.

    A PDF's metadata title names the file or the issue ("健康周报 第3版", "Microsoft Word - 1.doc"),
    not its articles; given as the title, it would keep the page from being split at its headlines.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns per glyph about font metrics
    try:
        pages = [
            "\n\n".join(box.get_text().strip("\n") for box in _boxes_in_order(page, LTTextContainer))
            for page in extract_pages(io.BytesIO(data), laparams=LAParams())
        ]
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many kinds (syntax, encryption, stream errors)
        raise UnsupportedFileError(f"cannot read the PDF: {_reason(exc)}", field="file") from exc
    text = fold_radicals("\n\n".join(p for p in pages if p.strip()))
    if not text.strip():
        raise UnsupportedFileError(NO_TEXT_LAYER, field="file")
    return None, text


def _boxes_in_order(page: Any, kind: type) -> list[Any]:
    boxes = [box for box in page if isinstance(box, kind)]
    return reading_order(boxes, lambda b: (b.x0, b.y0, b.x1, b.y1))


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encryption" in name:
        return "it is encrypted; upload a copy without a password"
    return str(exc) or name


def docx_text(data: bytes) -> tuple[str | None, str]:
    """The title in the document's properties (if any) and its text, block by block."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
        blocks = [
            _table_lines(block) if isinstance(block, Table) else _paragraph_line(block)
            for block in document.iter_inner_content()
        ]
        title = document.core_properties.title
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnsupportedFileError(
            f"not a Word .docx file ({exc}); save a .doc as .docx first", field="file"
        ) from exc
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise UnsupportedFileError("the Word document has no text", field="file")
    return (" ".join(title.split()) or None) if title else None, text


def _paragraph_line(paragraph: Any) -> str:
    text: str = paragraph.text.strip()
    style = paragraph.style.name if paragraph.style is not None else ""
    if text and (style == "Title" or style.startswith("Heading")):
        return "# " + " ".join(text.split())
    return text


def _table_lines(table: Any) -> str:
    rows = []
    for row in table.rows:
        seen, texts = set(), []
        for cell in row.cells:
            if cell._tc not in seen:  # a merged cell is repeated for each column it spans
                seen.add(cell._tc)
                texts.append(" ".join(cell.text.split()))
        if any(texts):
            rows.append("| " + " | ".join(texts) + " |")
    return "\n".join(rows)


READERS: dict[str, Callable[[bytes], tuple[str | None, str]]] = {"pdf": pdf_text, "docx": docx_text}


def read_document(
    kind: str, data: bytes, memory_limit: int = MEMORY_LIMIT, time_limit: float = TIME_LIMIT_S
) -> tuple[str | None, str]:
    """``pdf_text`` or ``docx_text`` (``kind`` "pdf" or "docx") run in a child process that may use
    ``memory_limit`` bytes and ``time_limit`` seconds; raises ``UnsupportedFileError`` past them."""
    command = [sys.executable, "-m", "embeddings.document_files", kind, str(memory_limit)]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=time_limit, check=False)
    except subprocess.TimeoutExpired as exc:
        raise UnsupportedFileError(
            f"reading the file took longer than {time_limit:g} s", field="file"
        ) from exc
    try:
        reply = json.loads(done.stdout)
    except ValueError as exc:
        detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise UnsupportedFileError(f"reading the file failed ({detail[0]})", field="file") from exc
    if "error" in reply:
        raise UnsupportedFileError(reply["error"], field="file")
    return reply["title"], reply["text"]


def _child(kind: str, memory_limit: int) -> dict[str, str | None]:
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    try:
        title, text = READERS[kind](sys.stdin.buffer.read())
    except UnsupportedFileError as exc:
        return {"error": str(exc)}
    except MemoryError:
        return {"error": f"reading the file needs more than {memory_limit >> 20} MiB of memory"}
    return {"title": title, "text": text}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(_child(sys.argv[1], int(sys.argv[2])), ensure_ascii=False))
