"""PDF and Word files: their text in reading order, ready for the cleaner, with the radicals a PDF
font puts in place of characters folded; a scan without a text layer, a file that is not what its
name says and an empty document are each reported as one error naming what to do; a compression
bomb or a file that takes too long fails alone, within the reader's limits."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import docx
import pytest

from embeddings.articles import split_articles
from embeddings.clean import clean_text
from embeddings.document_files import NO_TEXT_LAYER, read_document
from embeddings.errors import UnsupportedFileError
from embeddings.loaders import SUPPORTED_EXTENSIONS, iter_files, load_bytes
from embeddings.radicals import fold_radicals
from tests.embeddings.loaders.helpers import PNG_HEADER, ZH, load_one, only_error, write

RADICALS = re.compile(r"[\u2e80-\u2fdf]")


@pytest.fixture
def pdf(fixtures_dir: Path) -> bytes:
    return (fixtures_dir / "documents" / "page.pdf").read_bytes()


def test_pdf_text_is_read_column_by_column_and_cleans_into_its_paragraphs(pdf: bytes) -> None:
    result = load_bytes(pdf, "page.pdf")
    assert result.errors == []
    (page,) = result.texts
    assert (page.source, page.encoding, page.title) == ("page.pdf", "pdf", None)  # the headline is found
    cleaned = clean_text(page.text).text
    assert cleaned.split("\n")[:2] == ["青山县人民医院开通夜间门诊", "本报记者林晓雨通讯员周明"]
    # the paragraph that runs from the foot of the first column to the head of the second is whole
    assert "患者在夜间即可完成挂号、缴费、取药和抽血化验。据该院院长陈立新介绍" in cleaned
    order = [cleaned.index(s) for s in ("本报讯", "开诊第一周", "据该院院长", "附近社区居民")]
    assert order == sorted(order)
    assert "预约电话为0371-5550123。" in cleaned  # justified lines' spacing removed, figures kept


def test_a_newspaper_page_reads_article_by_article_and_column_by_column(fixtures_dir: Path) -> None:
    (page,) = load_bytes((fixtures_dir / "documents" / "newspaper.pdf").read_bytes(), "newspaper.pdf").texts
    cleaned = clean_text(page.text).text
    in_order = [
        "河东市启动儿童视力筛查\n本报记者赵一鸣\n本报讯9月1日起",
        "计划年底前完成12.6万名学生的筛查任务。",
        "眼科医生为学生检查视力。赵一鸣/摄",
        "去年全市学生近视率为52.3%，比前年下降1.8个百分点。",  # across the column break
        "学生每天户外活动不少于2小时",
        "河西县新建三所乡镇卫生院\n本报讯（通讯员孙丽）",
        "新建的三所乡镇卫生院日前同时投入使用",  # the first box of a column ends mid-word
        "可与县人民医院实时连线。",
        "并组织县级医院专家每周下乡坐诊两次。",
    ]
    found = [cleaned.find(s) for s in in_order]
    assert -1 not in found and found == sorted(found), list(zip(in_order, found, strict=True))
    # no title given (the metadata's names the issue), so the page splits at its headlines
    assert page.title is None
    assert [a.title for a in split_articles(page, clean_text(page.text))] == [
        "河东市启动儿童视力筛查",
        "河西县新建三所乡镇卫生院",
    ]


def test_pdfminers_own_box_order_reads_that_page_row_by_row(fixtures_dir: Path) -> None:
    """Why pdf_layout exists: should pdfminer.six learn to read this page, the XY-cut can go."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    data = (fixtures_dir / "documents" / "newspaper.pdf").read_bytes()
    (page,) = extract_pages(io.BytesIO(data), laparams=LAParams())
    text = clean_text(
        fold_radicals("\n\n".join(b.get_text() for b in page if isinstance(b, LTTextContainer)))
    )
    assert "可与县人民医院今年以来" in text.text  # the end of one column's line runs into the next column


def test_radicals_in_the_pdf_text_layer_are_stored_as_the_characters_shown(pdf: bytes) -> None:
    from pdfminer.high_level import extract_text

    raw = extract_text(io.BytesIO(pdf))
    assert RADICALS.search(raw), "the fixture no longer shows the problem: its font maps glyphs to radicals"
    (page,) = load_bytes(pdf, "page.pdf").texts
    assert not RADICALS.search(page.text) and "青山县人民医院" in page.text
    # one code point for one: the stored text lines up with the text layer character by character
    assert len(page.text.replace("\n", "")) == len(raw.strip().replace("\n", "").replace("\x0c", ""))


def test_a_pdf_without_a_text_layer_says_to_run_ocr(fixtures_dir: Path) -> None:
    scan = (fixtures_dir / "documents" / "scan.pdf").read_bytes()
    error = only_error(load_bytes(scan, "scan.pdf"))
    assert error.message == NO_TEXT_LAYER and "OCR" in error.message


@pytest.mark.parametrize(
    "data", [ZH.encode(), PNG_HEADER, b"%PDF-1.7\n%broken"], ids=["text", "png", "truncated"]
)
def test_a_file_that_is_not_a_pdf_is_one_error(data: bytes) -> None:
    assert "cannot read the PDF" in only_error(load_bytes(data, "x.pdf")).message


def _encrypted(pdf: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_that_needs_a_password_says_so_and_one_locked_only_for_editing_is_read(pdf: bytes) -> None:
    error = only_error(load_bytes(_encrypted(pdf, "secret"), "locked.pdf"))
    assert error.message == "cannot read the PDF: it is encrypted; upload a copy without a password"
    (page,) = load_bytes(_encrypted(pdf, ""), "editing-locked.pdf").texts
    assert "青山县人民医院" in page.text


def _word(path: Path, title: str | None = "夜间门诊") -> Path:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("青山县人民医院开通夜间门诊", level=1)
    document.add_paragraph("本报讯 青山县人民医院自11月1日起开通夜间门诊，每天18时至21时开放。")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "诊室"
    table.cell(0, 2).text = "医生"
    for column, text in enumerate(["内科", "儿科", "主治医师"]):
        table.cell(1, column).text = text
    document.add_paragraph("")
    document.add_heading("社区居民点赞", level=2)
    document.add_paragraph("附近社区居民王女士说，现在下班后带孩子来看病方便多了。")
    document.save(str(path))
    return path


def test_word_paragraphs_headings_and_tables_in_document_order(tmp_path: Path) -> None:
    result = load_one(_word(tmp_path / "night.docx"))
    assert result.errors == []
    (doc,) = result.texts
    assert (doc.source, doc.encoding, doc.title) == ("night.docx", "docx", "夜间门诊")
    assert doc.text.split("\n\n") == [
        "# 青山县人民医院开通夜间门诊",
        "本报讯 青山县人民医院自11月1日起开通夜间门诊，每天18时至21时开放。",
        "| 诊室 | 医生 |\n| 内科 | 儿科 | 主治医师 |",  # the merged cell once
        "# 社区居民点赞",
        "附近社区居民王女士说，现在下班后带孩子来看病方便多了。",
    ]


def test_a_word_file_without_a_title_property_has_none(tmp_path: Path) -> None:
    (doc,) = load_one(_word(tmp_path / "untitled.docx", title=None)).texts
    assert doc.title is None


@pytest.mark.parametrize("data", [ZH.encode(), PNG_HEADER, b"PK\x03\x04broken"], ids=["text", "png", "zip"])
def test_a_file_that_is_not_a_word_document_is_one_error(tmp_path: Path, data: bytes) -> None:
    assert "not a Word .docx file" in only_error(load_one(write(tmp_path / "x.docx", data))).message


def test_an_empty_word_document_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    assert only_error(load_one(path)).message == "the Word document has no text"


def test_a_directory_ingest_picks_up_pdf_and_word_files(tmp_path: Path, pdf: bytes) -> None:
    assert {".pdf", ".docx"} <= SUPPORTED_EXTENSIONS
    write(tmp_path / "corpus" / "page.pdf", pdf)
    _word(tmp_path / "corpus" / "night.docx")
    found = [file.relative_to(root).as_posix() for file, root in iter_files([tmp_path / "corpus"])]
    assert found == ["night.docx", "page.pdf"]


def _pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream is ``inflated`` bytes of zeros, deflated (about 1/1000)."""
    packer, zeros = zlib.compressobj(9), bytes(1 << 24)
    stream = b"".join(packer.compress(zeros) for _ in range(inflated >> 24)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    body = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, 1))
    return body + b"trailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n"


def test_a_compression_bomb_fails_alone_within_the_memory_limit() -> None:
    bomb = _pdf_bomb(1 << 30)  # 1 GiB inflated from about 1 MB
    assert len(bomb) < 2 << 20
    with pytest.raises(UnsupportedFileError, match="more than 256 MiB of memory"):
        read_document("pdf", bomb, memory_limit=256 << 20)


def test_the_limits_leave_room_for_an_ordinary_pdf(pdf: bytes) -> None:
    title, text = read_document("pdf", pdf, memory_limit=256 << 20)
    assert title is None and "0371-5550123" in text


def test_a_file_that_takes_too_long_is_stopped(pdf: bytes) -> None:
    with pytest.raises(UnsupportedFileError, match=r"took longer than 0\.001 s"):
        read_document("pdf", pdf, time_limit=0.001)
