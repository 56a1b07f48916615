"""What one check request of the web page does, apart from HTTP: read the payload (pasted text or
an uploaded file, and metadata the author confirms), check it, and return the report with the
page fragments.  Runs inside a worker process (checker/serve/pool.py)."""
from __future__ import annotations

import base64
import binascii
import time
from http import HTTPStatus
from pathlib import PurePath

from ..base.given import Given
from ..ingest import from_text, load_bytes
from ..base.vocab import level_of, unknown_level


MAX_NAME_CHARS = 1024  # a file name, or the path `fzcheck check --server` reports the file under


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, zh: str, en: str):
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en


def check_payload(checker, payload: dict) -> dict:
    from ..writers import docx_comments, html_report

    started = time.perf_counter()
    source, data = payload_source(payload)
    package, docx_name, docx_note = data, None, None
    edited = payload.get("edited_text")
    if edited is not None:
        if not isinstance(edited, str) or not edited.strip() or data is None:
            raise ApiError(HTTPStatus.BAD_REQUEST, "修改后的文字应与上传的文件一起发送",
                           "edited_text must be a non-empty string sent with the uploaded file")
        source, package, docx_name, docx_note = edited_upload(source, data, edited)
    elif data is not None and source.format != "docx" and payload.get("docx") is True:
        docx_note = "上传的文件不是 .docx 格式，下载的是按报告文字生成的 Word 文件。"
    checked = checker.check(source, Given(*payload_overrides(payload)))
    if payload.get("report_only") is True:
        # `fzcheck check --server`: the report and what its writers need, without the page's pieces.
        return {"report": checked.report.to_dict(), "text": source.text, "residue": [list(r) for r in checked.residue],
                "seconds": round(time.perf_counter() - started, 4)}
    result = {"report": checked.report.to_dict(), "text": source.text, "fragments": html_report.fragments(checked),
              "seconds": round(time.perf_counter() - started, 4)}
    # The standalone page is only rendered when the author asks to download it, not on every keystroke.
    result["page"] = html_report.render(checked) if payload.get("page") is True else None
    # The author's own .docx (with the page's edits as tracked changes) and the findings as comments;
    # where that cannot be, a .docx of the text under another name, and the page says so.
    if payload.get("docx") is True:
        result["docx_base64"] = base64.b64encode(docx_comments.render(checked, package)).decode("ascii")
        result["docx_name"], result["docx_note"] = docx_name or f"{_stem(source.path)}{docx_comments.COMMENTED_SUFFIX}", docx_note
    else:
        result["docx_base64"] = None
    return result


def _stem(name: str | None) -> str:
    return PurePath(name or "报告").stem or "报告"


def edited_upload(source, data: bytes, edited: str):
    """The check of an uploaded .docx after edits in the text box: (source, package to comment,
    download name, note for the page).  The edits go into the author's own package as tracked
    changes; where they cannot, the text is checked and commented in a new file named differently,
    and the note says why."""
    from ..writers import docx_comments
    from ..writers.docx_edits import EDIT_AUTHOR, NotApplicable, apply_edits, normalized

    stem = _stem(source.path)
    if source.format == "docx":
        try:
            done = apply_edits(data, source.text, source.anchors, edited)
            revised = load_bytes(done.package, source.path)
            if revised.text == normalized(edited):
                note = (f"网页中的修改已作为修订（作者“{EDIT_AUTHOR}”）写入您上传的 Word 文件（{done.paragraphs} 段），"
                        "原文件的格式和他人的批注都保留。" if done.paragraphs else None)
                return revised, done.package, f"{stem}{docx_comments.COMMENTED_SUFFIX}", note
            reason = "写入原文件后的文字与网页中的文字不一致"
        except NotApplicable as exc:
            reason = str(exc)
        except Exception as exc:  # noqa: BLE001 - an unusual package: the page says so, the text is still checked
            reason = f"写入原文件时出错（{exc.__class__.__name__}）"
    else:
        reason = "上传的文件不是 .docx 格式"
    name = f"{stem}-修改稿{docx_comments.COMMENTED_SUFFIX}"
    note = (f"{reason}，网页中的修改无法以修订方式写入原文件。下载的“{name}”是按网页中的文字新建的 Word 文件，"
            "没有原文件的格式和他人的批注。")
    return from_text(edited, source.path or "报告.txt"), None, name, note


def payload_source(payload: dict):
    """(Source, the uploaded bytes or None)."""
    name = payload.get("filename")
    name = (name if isinstance(name, str) and name.strip() else "粘贴的文本.txt")[:MAX_NAME_CHARS]
    content = payload.get("content_base64")
    # The web page sends "" for "no file chosen"; the --server client sends every file, empty ones too.
    if content is not None and (content != "" or payload.get("report_only") is True):
        if not isinstance(content, str):
            raise ApiError(HTTPStatus.BAD_REQUEST, "上传的文件内容应为 base64 文本", "content_base64 must be a string")
        try:
            data = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ApiError(HTTPStatus.BAD_REQUEST, "上传的文件内容无法解码", "the uploaded content is not valid base64") from exc
        return load_bytes(data, name), data
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(HTTPStatus.BAD_REQUEST, "请粘贴报告文字或选择文件", "paste the report text or choose a file")
    return from_text(text, name), None


def payload_overrides(payload: dict):
    year = payload.get("year") or None
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ApiError(HTTPStatus.BAD_REQUEST, "年度应为数字", "year must be a number") from exc
        if not 1990 <= year <= 2100:
            raise ApiError(HTTPStatus.BAD_REQUEST, "年度超出范围", "year out of range")
    level = payload.get("issuer_level") or None
    if level is not None:
        word, level = level, level_of(level) if isinstance(level, str) else None
        if level is None:
            raise ApiError(HTTPStatus.BAD_REQUEST, *unknown_level(word))
    published = payload.get("published") or None
    if published is not None and not (isinstance(published, str) and Given.valid_date(published)):
        raise ApiError(HTTPStatus.BAD_REQUEST, "日期应为有效的 YYYY-MM-DD", "date must be a valid YYYY-MM-DD")
    return year, level, published
