"""Text layer of a PDF, with the usual layout repairs.

PDF text comes as visual lines: a break at every line end, running headers and footers inside
paragraphs, page numbers, spaces between digits and Han.  The repairs below undo those; a PDF with
no text layer (a scan) is refused because checking it would silently pass nothing.
"""
from __future__ import annotations

from collections import Counter
from typing import BinaryIO
from unicodedata import east_asian_width

from ..patterns import rx
from ..base.errors import InputError
from .bounds import MAX_TEXT_CHARS

MAX_PAGES = 300  # documented: annual reports run to a few dozen pages
_HAN = r"\p{Han}"
_SENTENCE_END = tuple("。！？；：:;!?」』”")
_HEADING_START = rx.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[.．、](?!\d))")
_ITEM_START = rx.compile(r"^[一二三四五六七八九十]{1,3}是")
_PAGE_NUMBER = rx.compile(r"^\s*([-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(\s*[,，/共]\s*共?\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
_SPACE_BETWEEN = rx.compile(rf"(?<=[{_HAN}\d%,，。、;；:：”“》《）)(（])[ \t]+(?=[{_HAN}\d%，。、;；:：”“》《（(）)])")


_SCANNED_PAGE_HAN = 10  # fewer Han characters than this in a page's text layer: read its images


def _han_count(text: str) -> int:
    return len(rx.findall(_HAN, text))


def _read_pages(data: BinaryIO, name: str):
    """(text of each page, the reader)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    # pypdf reports recoverable damage through logging; the user gets our message instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(data)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise FileNotDecryptedError("password required")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise InputError(name, "PDF 已加密，需要密码才能读取", "the PDF is encrypted and needs a password") from exc
        count = len(reader.pages)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise InputError(name, f"PDF 文件已损坏（{exc.__class__.__name__}）", f"broken PDF file ({exc.__class__.__name__}: {exc})") from exc
    if count > MAX_PAGES:
        raise InputError(name, f"PDF 超过 {MAX_PAGES} 页，拒绝处理", f"the PDF has more than {MAX_PAGES} pages; refused")

    pages, failed, chars = [], 0, 0
    for index in range(count):
        try:
            pages.append(reader.pages[index].extract_text() or "")
        except Exception:  # noqa: BLE001 - one damaged page must not lose the others
            failed += 1
            pages.append("")
        chars += len(pages[-1])
        if chars > MAX_TEXT_CHARS:
            raise InputError(name, f"正文超过 {MAX_TEXT_CHARS:,} 字的上限", f"text longer than the {MAX_TEXT_CHARS:,} character limit")
    if count and failed == count:
        raise InputError(name, "PDF 文件已损坏，所有页面都无法读取", "broken PDF file: no page could be read")
    return pages, reader


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Lines on every page of a short PDF, or on at least three pages and half of them, are
    running headers or footers."""
    if len(pages) < 2:
        return [[ln for ln in page if not _PAGE_NUMBER.match(ln)] for page in pages]
    counts = Counter(ln.strip() for page in pages for ln in set(page) if ln.strip())
    limit = min(len(pages), max(3, len(pages) // 2))
    return [[ln for ln in page if counts[ln.strip()] < limit and not _PAGE_NUMBER.match(ln)] for page in pages]


def _visual_width(line: str) -> int:
    """How wide a line is set: a Han character or full-width mark takes two units, a digit, a Latin
    letter or a half-width comma one.  Counting characters, a full line of Han text looked shorter than
    a full line with figures in it, and its paragraph was cut at the wrap."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)


def _full_width(lines: list[str]) -> int:
    """The typical width of a full visual line: lines narrower than it ended their paragraph."""
    widths = sorted(_visual_width(ln.strip()) for ln in lines if ln.strip())
    return widths[int(len(widths) * 0.9)] if widths else 0


def join_visual_lines(lines: list[str]) -> str:
    """Re-joins lines wrapped mid-paragraph; keeps breaks after short lines and before headings."""
    width = _full_width(lines)
    out: list[str] = []
    previous_full = False
    for raw in lines:
        line = raw.strip()
        if not line:
            previous_full = False
            continue
        wrapped = out and previous_full and not out[-1].endswith(_SENTENCE_END) \
            and not _HEADING_START.match(line) \
            and not (_HEADING_START.match(out[-1]) and _ITEM_START.match(line))
        if wrapped:
            out[-1] += line
        else:
            out.append(line)
        # Within a tenth of the full width: a line-breaking rule (no 。 at a line's start) or figures
        # set narrower than half a Han character leave a full line a few units short.
        previous_full = _visual_width(line) >= 0.9 * width
    return "\n".join(out)


def extract_pdf(data: BinaryIO, name: str) -> tuple[str, dict[str, str]]:
    """(text, metadata) of a PDF given as a binary stream (a file or BytesIO); a scan is read by
    OCR when the extra is installed, and the metadata then says so with the recogniser's confidence."""
    from . import ocr

    pages, reader = _read_pages(data, name)
    meta: dict[str, str] = {}
    counts = [_han_count(page) for page in pages]
    scan = sum(counts) < max(20, 10 * len(pages))
    # A scanned page among text pages (the signed and stamped last page, say) is read too when the
    # OCR extra is there; a whole scan without it is refused with the hint.
    sparse = [i for i, count in enumerate(counts) if count < _SCANNED_PAGE_HAN]
    if not ocr.available():
        if scan:
            raise ocr.refuse_scan(name)
    elif sparse:
        pages, confidence = ocr.ocr_pages(reader, pages, sparse)
        if confidence is not None:
            meta = {"ocr": "rapidocr", "ocr_confidence": f"{confidence:.3f}"}
    if scan and sum(_han_count(p) for p in pages) < 20:
        raise InputError(name, "PDF 没有文字层，扫描图像经文字识别（OCR）也没有识别出文字",
                         "the PDF has no text layer and OCR found no text in its images")
    page_lines = drop_running_lines([p.split("\n") for p in pages])
    text = join_visual_lines([ln for page in page_lines for ln in page])
    return _SPACE_BETWEEN.sub("", text), meta
