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
MAX_ANSWER = 64 * 1024 ** 2  # a report's JSON with its text is a few MB


def _read_answer(connection, response, deadline: float, url: str) -> bytes:
    """The answer's body, read against one deadline for the whole request (a server that trickles
    its answer byte by byte does not hold the client for longer) and at most MAX_ANSWER bytes."""
    declared = response.getheader("Content-Length") or ""
    if declared.isdigit() and int(declared) > MAX_ANSWER:
        raise FzError(f"检查服务 {url} 的答复超过 {MAX_ANSWER // 2**20} MB，已放弃",
                      f"the answer of the server at {url} is larger than {MAX_ANSWER // 2**20} MB; given up")
    pieces, size = [], 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline")
        if connection.sock is not None:
            connection.sock.settimeout(left)
        piece = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
        if not piece:
            return b"".join(pieces)
        size += len(piece)
        if size > MAX_ANSWER:
            raise FzError(f"检查服务 {url} 的答复超过 {MAX_ANSWER // 2**20} MB，已放弃",
                          f"the answer of the server at {url} is larger than {MAX_ANSWER // 2**20} MB; given up")
        pieces.append(piece)


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
        deadline = time.monotonic() + timeout
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
            status, retry = response.status, response.getheader("Retry-After")
            data = _read_answer(connection, response, deadline, url)
        except TimeoutError as exc:
            raise FzError(f"检查服务 {url} 在 {timeout:g} 秒内没有答完，已放弃",
                          f"the server at {url} did not answer within {timeout:g} s; given up") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FzError(f"无法连接检查服务 {url}：{exc}（先运行 fzcheck serve，或去掉 --server）",
                          f"cannot reach the check server at {url}: {exc} (start fzcheck serve, or drop --server)") from exc
        finally:
            connection.close()
        if status == 503 and retry and attempt + 1 < RETRIES:
            time.sleep(min(float(retry) if retry.isdigit() else 1.0, 5.0))
            continue
        return status, decode_answer(url, status, data)
    raise AssertionError("unreachable")


def decode_answer(url: str, status: int, data: bytes) -> dict:
    """The answer's JSON object; any other bytes are an FzError naming the server."""
    try:
        answer = json.loads(data)
        if not isinstance(answer, dict):
            raise ValueError("object expected")
        return answer
    except (ValueError, RecursionError) as exc:
        raise FzError(f"检查服务 {url} 的答复不是 JSON（HTTP {status}）",
                      f"the server at {url} did not answer with JSON (HTTP {status})") from exc


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
        yield path, answer_outcome(url, path, status, answer)


def answer_outcome(url: str, path: str, status: int, answer: dict) -> Checked | Failure:
    """The checked report or the file's failure from a decoded answer; anything else is an FzError
    naming the server (never a traceback, whatever shape the answer has)."""
    try:
        outcome = _outcome(path, status, answer)
    except Exception as exc:  # noqa: BLE001 - an answer of the wrong shape, whatever breaks on it
        raise FzError(f"检查服务 {url} 的答复格式不对（HTTP {status}，{exc.__class__.__name__}）",
                      f"the server at {url} answered in an unexpected form (HTTP {status}, "
                      f"{exc.__class__.__name__})") from exc
    if outcome is None:
        error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
        raise FzError(f"检查服务 {url} 拒绝了请求（HTTP {status}）：{str(error.get('zh', ''))[:200]}",
                      f"the server at {url} refused the request (HTTP {status}): {str(error.get('en', ''))[:200]}")
    return outcome


def _outcome(path: str, status: int, answer: dict) -> Checked | Failure | None:
    if status == 200:
        return Checked(Report.from_dict(answer["report"]), str(answer["text"]),
                       [tuple(r) for r in answer.get("residue", [])])
    error = answer.get("error") or {}
    reason = error.get("reason") or error
    if status in (400, 413, 422, 503):
        return Failure(path, str(reason.get("zh", f"HTTP {status}"))[:500], str(reason.get("en", f"HTTP {status}"))[:500])
    return None
