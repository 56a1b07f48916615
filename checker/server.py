"""``fzcheck serve``: a local web page for report authors.

Built on the standard library's ``http.server``: the app has one page and one JSON endpoint, and
the standard library lets it control exactly what matters here (the Host header, body size, time
per request) without a framework dependency.

Safety: binds to loopback by default; refuses requests whose Host header is not the bound host
(DNS rebinding) and cross-origin POSTs; bodies over ``MAX_BODY`` bytes are refused; each check
has a time limit; errors are JSON messages, never tracebacks.  Uploaded files are read in memory
and never written to disk.
"""
from __future__ import annotations

import base64
import binascii
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from . import __version__
from .errors import FzError
from .ingest import from_text, load_bytes
from .pipeline import Checker
from .writers import html_report
from .writers.common import asset, csp, environment

MAX_BODY = 24 * 1024 * 1024       # a base64-encoded upload of up to 16 MB, with room for JSON
REQUEST_SECONDS = 30.0
from .vocab import LEVELS


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, zh: str, en: str):
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en


class App:
    """What the request handler needs: a warm Checker and the rendered page."""

    def __init__(self, host: str, port: int, checker: Checker | None = None):
        self.checker = checker or Checker(discover_config=False)
        self.allowed_hosts = {f"{h}:{port}" for h in {host, "127.0.0.1", "localhost", "[::1]"}}
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.lock = threading.Lock()  # checks run one at a time: the rule engine is not shared-state safe
        script, style = asset("report.js") + "\n" + asset("app.js"), asset("report.css") + "\n" + asset("app.css")
        self.csp = csp(script, style) + "; connect-src 'self'"
        self.page = environment().get_template("app.html.j2").render(
            script=script, style=style, csp=self.csp, version=__version__).encode("utf-8")

    def check(self, payload: dict) -> dict:
        started = time.perf_counter()
        source = self._source(payload)
        year, level, published = _overrides(payload)
        with self.lock:
            checked = self.checker.finalize(self.checker.run(source, (year, level, published)))
        result = {"report": checked.report, "text": source.text, "fragments": html_report.fragments(checked),
                  "seconds": round(time.perf_counter() - started, 4)}
        # The standalone page is only rendered when the author asks to download it, not on every keystroke.
        result["page"] = html_report.render(checked) if payload.get("page") else None
        return result

    @staticmethod
    def _source(payload: dict):
        name = str(payload.get("filename") or "粘贴的文本.txt")[:200]
        if payload.get("content_base64"):
            try:
                data = base64.b64decode(payload["content_base64"], validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ApiError(HTTPStatus.BAD_REQUEST, "上传的文件内容无法解码", "the uploaded content is not valid base64") from exc
            return load_bytes(data, name)
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(HTTPStatus.BAD_REQUEST, "请粘贴报告文字或选择文件", "paste the report text or choose a file")
        return from_text(text, name)


def _overrides(payload: dict):
    year = payload.get("year") or None
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError) as exc:
            raise ApiError(HTTPStatus.BAD_REQUEST, "年度应为数字", "year must be a number") from exc
        if not 1990 <= year <= 2100:
            raise ApiError(HTTPStatus.BAD_REQUEST, "年度超出范围", "year out of range")
    level = payload.get("issuer_level") or None
    if level is not None and level not in LEVELS:
        raise ApiError(HTTPStatus.BAD_REQUEST, "主体层级无效", "unknown issuer level")
    published = payload.get("published") or None
    if published is not None:
        import re
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published)):
            raise ApiError(HTTPStatus.BAD_REQUEST, "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD")
    return year, level, published


def make_handler(app: App):
    class Handler(BaseHTTPRequestHandler):
        server_version = f"fzcheck/{__version__}"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            sys.stderr.write(f"fzcheck serve: {self.address_string()} {format % args}\n")

        def _host_allowed(self) -> bool:
            return (self.headers.get("Host") or "") in app.allowed_hosts

        def _send(self, status: HTTPStatus, body: bytes, content_type: str, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: HTTPStatus, zh: str, en: str) -> None:
            body = json.dumps({"error": {"zh": zh, "en": en}}, ensure_ascii=False).encode("utf-8")
            self._send(status, body, "application/json; charset=utf-8")

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if not self._host_allowed():
                return self._error(HTTPStatus.FORBIDDEN, "不允许的主机名", "host not allowed")
            path = urlsplit(self.path).path
            if path in ("/", "/index.html"):
                return self._send(HTTPStatus.OK, app.page, "text/html; charset=utf-8",
                                  {"Content-Security-Policy": app.csp})
            if path == "/healthz":
                return self._send(HTTPStatus.OK, b"ok", "text/plain")
            return self._error(HTTPStatus.NOT_FOUND, "没有这个页面", "not found")

        def do_POST(self) -> None:  # noqa: N802
            if not self._host_allowed():
                return self._error(HTTPStatus.FORBIDDEN, "不允许的主机名", "host not allowed")
            origin = self.headers.get("Origin")
            if origin and urlsplit(origin).netloc not in app.allowed_hosts:
                return self._error(HTTPStatus.FORBIDDEN, "不允许跨站请求", "cross-origin request refused")
            if urlsplit(self.path).path != "/api/check":
                return self._error(HTTPStatus.NOT_FOUND, "没有这个接口", "not found")
            if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "请求格式应为 JSON", "JSON expected")
            try:
                length = int(self.headers.get("Content-Length") or "0")
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY:
                return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"上传内容超过 {MAX_BODY // 2**20} MB 的上限",
                                   f"request larger than {MAX_BODY // 2**20} MB")
            try:
                payload = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(payload, dict):
                    raise ValueError("object expected")
            except ValueError:
                return self._error(HTTPStatus.BAD_REQUEST, "请求内容不是有效的 JSON", "invalid JSON")
            future = app.pool.submit(app.check, payload)
            try:
                result = future.result(timeout=REQUEST_SECONDS)
            except FutureTimeout:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"检查超过 {REQUEST_SECONDS:g} 秒，已放弃",
                                   f"the check took longer than {REQUEST_SECONDS:g} s")
            except ApiError as exc:
                return self._error(exc.status, exc.zh, exc.en)
            except FzError as exc:
                return self._error(HTTPStatus.UNPROCESSABLE_ENTITY, exc.zh, exc.en)
            except Exception as exc:  # noqa: BLE001 - never a traceback to the browser
                sys.stderr.write(f"fzcheck serve: internal error: {exc.__class__.__name__}: {exc}\n")
                return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "内部错误，请查看服务器日志",
                                   f"internal error ({exc.__class__.__name__})")
            body = json.dumps(result, ensure_ascii=False).encode("utf-8")
            self._send(HTTPStatus.OK, body, "application/json; charset=utf-8",
                       {"Server-Timing": f"check;dur={result['seconds'] * 1000:.1f}"})

    return Handler


def create_server(host: str = "127.0.0.1", port: int = 8765, checker: Checker | None = None) -> ThreadingHTTPServer:
    app = App(host, port, checker)
    server = ThreadingHTTPServer((host, port), make_handler(app))
    server.daemon_threads = True
    if port == 0:  # a free port was chosen: allow it in the Host check
        app.allowed_hosts = {f"{h}:{server.server_address[1]}" for h in {host, "127.0.0.1", "localhost", "[::1]"}}
    return server


def serve(host: str, port: int, open_browser: bool) -> int:
    server = create_server(host, port)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
    print(f"fzcheck 网页已启动：{url}（按 Ctrl+C 停止）/ serving on {url}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("注意：服务没有绑定在本机回环地址上，网络中的其他人也能访问 / warning: not bound to loopback", file=sys.stderr)
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
