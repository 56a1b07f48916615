"""What one check request of the web page does, apart from HTTP: read the payload (pasted text or
an uploaded file, and metadata the author confirms), check it, and return the report with the
page fragments.  Runs inside a worker process (checker/serve/pool.py)."""
from __future__ import annotations

import base64
import binascii
import re
import time
from http import HTTPStatus

from ..base.given import Given
from ..ingest import from_text, load_bytes
from ..base.vocab import LEVELS


MAX_NAME_CHARS = 1024  # a file name, or the path `fzcheck check --server` reports the file under


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, zh: str, en: str):
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en


def check_payload(checker, payload: dict) -> dict:
    from ..writers import docx_comments, html_report

    started = time.perf_counter()
    source, data = payload_source(payload)
    checked = checker.check(source, Given(*payload_overrides(payload)))
    if payload.get("report_only") is True:
        # `fzcheck check --server`: the report and what its writers need, without the page's pieces.
        return {"report": checked.report.to_dict(), "text": source.text, "residue": [list(r) for r in checked.residue],
                "seconds": round(time.perf_counter() - started, 4)}
    result = {"report": checked.report.to_dict(), "text": source.text, "fragments": html_report.fragments(checked),
              "seconds": round(time.perf_counter() - started, 4)}
    # The standalone page is only rendered when the author asks to download it, not on every keystroke.
    result["page"] = html_report.render(checked) if payload.get("page") is True else None
    # The author's own .docx with the findings as comments, or a .docx of the (edited) text.
    result["docx_base64"] = base64.b64encode(docx_comments.render(checked, data)).decode("ascii") \
        if payload.get("docx") is True else None
    return result


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
    if level is not None and level not in LEVELS:
        raise ApiError(HTTPStatus.BAD_REQUEST, "主体层级无效", "unknown issuer level")
    published = payload.get("published") or None
    if published is not None and not (isinstance(published, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)):
        raise ApiError(HTTPStatus.BAD_REQUEST, "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD")
    return year, level, published
