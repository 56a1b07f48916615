"""``fzcheck check --server URL``: the checks of a running ``fzcheck serve`` instead of this process's.

A check in a warm process skips the interpreter's and the rules' start-up, which is most of the time
of checking one file (an editor or a pre-commit hook running fzcheck file by file).  Each file is
sent as it is on disk, under the path the local run would report, so the JSON is byte for byte the
JSON of ``fzcheck check --no-config --no-store`` with the server's rules.  Imports stay light: this
module runs in the short-lived client.
"""
from __future__ import annotations

import base64
import http.client
import json
import time
from typing import Iterator
from urllib.parse import urlsplit

from ..base.errors import FzError
from ..base.given import Given
from ..results import Checked, Failure, Report

RETRIES = 5  # a busy server answers 503 with Retry-After


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url if "//" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FzError(f"检查服务地址无效：{url}（应为 http://主机:端口）", f"invalid server URL: {url} (http://host:port)")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    return kind(parts.hostname, parts.port, timeout=timeout), parts.netloc


def _post(url: str, payload: dict, timeout: float, token: str | None = None) -> tuple[int, dict]:
    """``token``: a discovered server's (discovery.py), which must prove it knows it on the connection
    before the report is sent over it."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    for attempt in range(RETRIES):
        connection, host = _connection(url, timeout)
        try:
            if token is not None:
                from ..base.proof import prove
                if not prove(connection, host, token):
                    raise FzError(f"本机检查服务 {url} 未能证明它是发布通知的服务，报告未发送（可加 --no-server 在本机检查）",
                                  f"the server at {url} did not prove it is the one that advertised itself; "
                                  f"nothing was sent (--no-server checks locally)")
            connection.request("POST", "/api/check", body, {"Host": host, "Content-Type": "application/json"})
            response = connection.getresponse()
            data, status, retry = response.read(), response.status, response.getheader("Retry-After")
        except OSError as exc:
            raise FzError(f"无法连接检查服务 {url}：{exc}（先运行 fzcheck serve，或去掉 --server）",
                          f"cannot reach the check server at {url}: {exc} (start fzcheck serve, or drop --server)") from exc
        finally:
            connection.close()
        if status == 503 and retry and attempt + 1 < RETRIES:
            time.sleep(min(float(retry) if retry.isdigit() else 1.0, 5.0))
            continue
        try:
            return status, json.loads(data)
        except ValueError as exc:
            raise FzError(f"检查服务 {url} 的答复不是 JSON（HTTP {status}）",
                          f"the server at {url} did not answer with JSON (HTTP {status})") from exc
    raise AssertionError("unreachable")


def check_files(url: str, files: list[str], given: Given | None = None,
                timeout: float = 120.0, token: str | None = None) -> Iterator[tuple[str, Checked | Failure]]:
    """(path, checked report or failure) per file, in order, from the server at ``url``; ``given``:
    metadata stated for every file."""
    given = given or Given()
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            yield path, Failure(path, f"无法打开文件（{exc.strerror or exc}）", f"cannot open the file ({exc.strerror or exc})")
            continue
        payload = {"filename": path, "content_base64": base64.b64encode(data).decode("ascii"), "report_only": True,
                   "year": given.year, "issuer_level": given.issuer_level, "published": given.published}
        status, answer = _post(url, payload, timeout, token)
        if status == 200:
            yield path, Checked(Report.from_dict(answer["report"]), answer["text"],
                                [tuple(r) for r in answer.get("residue", [])])
            continue
        error = answer.get("error") or {}
        reason = error.get("reason") or error
        if status in (400, 413, 422, 503):
            yield path, Failure(path, reason.get("zh", f"HTTP {status}"), reason.get("en", f"HTTP {status}"))
            continue
        raise FzError(f"检查服务 {url} 拒绝了请求（HTTP {status}）：{error.get('zh', '')}",
                      f"the server at {url} refused the request (HTTP {status}): {error.get('en', '')}")
