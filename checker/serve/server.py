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

import json
import socket
import threading
import time
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..base.errors import FzError
from ..base.proof import PROOF_HEADER, new_token, proof
from .discovery import advertise
from ..run.request import RunRequest
from ..base.version import __version__
from .pool import Busy, Timeout, WorkerPool
from ..writers.common import asset, csp, environment

MAX_BODY = 24 * 1024 * 1024       # a base64-encoded upload of up to 16 MB, with room for JSON
REQUEST_SECONDS = 30.0
READ_SECONDS = 15.0               # the longest silence while a client sends its headers and body
REQUEST_READ_SECONDS = 30.0       # all of a connection's headers and bodies: a client trickling a byte at a time is cut
BODY_SLOTS = 4                    # request bodies read at once (each up to MAX_BODY); others wait, then get 503
BACKLOG = 64                      # connections the kernel queues before accept


class App:
    """What the request handler needs: the worker pool and the rendered page."""

    def __init__(self, host: str, port: int, request: RunRequest | None = None, workers: int = 2,
                 allowed_hosts: list[str] | None = None, seconds: float = REQUEST_SECONDS, token: str | None = None):
        self.seconds = seconds
        self.token = token  # the discovery notice's: the server proves it knows it (discovery.py)
        self.bodies = threading.BoundedSemaphore(BODY_SLOTS)
        self.pool = WorkerPool(size=workers, queue=2 * workers, seconds=seconds, request=request)
        self.extra_hosts = list(allowed_hosts or [])
        self.allowed_hosts = _hosts(host, port, self.extra_hosts)
        script, style = asset("report.js") + "\n" + asset("app.js"), asset("report.css") + "\n" + asset("app.css")
        self.csp = csp(script, style) + "; connect-src 'self'"
        self.page = environment().get_template("app.html.j2").render(
            script=script, style=style, csp=self.csp, version=__version__).encode("utf-8")


def _hosts(host: str, port: int, extra: list[str]) -> set[str]:
    names = {host, "127.0.0.1", "localhost", "[::1]", *extra}
    # A name given with --allowed-host is also accepted without a port (behind a reverse proxy).
    return {f"{h}:{port}" for h in names} | set(extra)


def make_handler(app: App):
    class Handler(BaseHTTPRequestHandler):
        server_version = f"fzcheck/{__version__}"
        sys_version = ""
        timeout = READ_SECONDS  # a slow or silent connection is dropped, not kept forever
        # HTTP/1.1 so that a proof of identity and the report it vouches for share one connection;
        # every other answer closes the connection as before.
        protocol_version = "HTTP/1.1"
        keep_open = False

        def setup(self) -> None:
            super().setup()
            self.watchdog = threading.Timer(REQUEST_READ_SECONDS, self._cut)
            self.watchdog.daemon = True
            self.watchdog.start()

        def _cut(self) -> None:
            """The connection took too long to send its request: closed under the reading thread."""
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def finish(self) -> None:
            self.watchdog.cancel()
            try:
                super().finish()
            except OSError:
                pass

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            sys.stderr.write(f"fzcheck serve: {self.address_string()} {format % args}\n")

        def _host_allowed(self) -> bool:
            return (self.headers.get("Host") or "") in app.allowed_hosts

        def _send(self, status: HTTPStatus, body: bytes, content_type: str, extra: dict | None = None,
                  length: int | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            if not self.keep_open:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.keep_open = False
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: HTTPStatus, zh: str, en: str, extra: dict | None = None, reason: dict | None = None) -> None:
            error = {"zh": zh, "en": en, **({"reason": reason} if reason else {})}
            body = json.dumps({"error": error}, ensure_ascii=False).encode("utf-8")
            self._send(status, body, "application/json; charset=utf-8", extra)

        def do_GET(self, head: bool = False) -> None:  # noqa: N802 - http.server's naming
            if not self._host_allowed():
                return self._error(HTTPStatus.FORBIDDEN, "不允许的主机名", "host not allowed")
            path = urlsplit(self.path).path
            if path in ("/", "/index.html"):
                return self._send(HTTPStatus.OK, b"" if head else app.page, "text/html; charset=utf-8",
                                  {"Content-Security-Policy": app.csp}, length=len(app.page))
            if path == "/healthz":
                challenge = parse_qs(urlsplit(self.path).query).get("challenge", [""])[0]
                extra = None
                if app.token and 16 <= len(challenge) <= 128 and challenge.isascii() and challenge.isalnum():
                    extra, self.keep_open = {PROOF_HEADER: proof(app.token, challenge)}, True
                return self._send(HTTPStatus.OK, b"" if head else b"ok", "text/plain", extra, length=2)
            return self._error(HTTPStatus.NOT_FOUND, "没有这个页面", "not found")

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET(head=True)

        def do_OPTIONS(self) -> None:  # noqa: N802
            if not self._host_allowed():
                return self._error(HTTPStatus.FORBIDDEN, "不允许的主机名", "host not allowed")
            # Same-origin only: no CORS headers are granted, the allowed methods are stated.
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS"})

        def _not_allowed(self) -> None:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "不支持的请求方法", "method not allowed")

        do_PUT = do_DELETE = do_PATCH = _not_allowed

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
            raw_length = self.headers.get("Content-Length") or ""
            if not raw_length.isdigit():
                return self._error(HTTPStatus.LENGTH_REQUIRED if not raw_length else HTTPStatus.BAD_REQUEST,
                                   "请求缺少有效的 Content-Length", "a valid Content-Length is required")
            length = int(raw_length)
            if length > MAX_BODY:
                return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"上传内容超过 {MAX_BODY // 2**20} MB 的上限",
                                   f"request larger than {MAX_BODY // 2**20} MB")
            if not app.bodies.acquire(timeout=READ_SECONDS):
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "同时上传的报告太多，请稍后再试", "too many uploads at once; "
                                   "try again shortly", {"Retry-After": "5"})
            try:
                raw = self.rfile.read(length)
                if len(raw) < length:
                    self.close_connection = True
                    return None  # the client left, or was cut for taking too long: nobody to answer
                payload = json.loads(raw or b"{}", parse_constant=_no_constant)
                del raw
                if not isinstance(payload, dict):
                    raise ValueError("object expected")
            except (ValueError, RecursionError):
                return self._error(HTTPStatus.BAD_REQUEST, "请求内容不是有效的 JSON", "invalid JSON")
            finally:
                app.bodies.release()
            self.watchdog.cancel()  # the request is in: the check has its own time limit
            started = time.perf_counter()
            try:
                answer = app.pool.run(payload)
            except Busy:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "正在检查的报告太多，请稍后再试", "busy; try again shortly",
                                   {"Retry-After": "5"})
            except Timeout:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"检查超过 {app.seconds:g} 秒，已停止",
                                   f"the check took longer than {app.seconds:g} s and was stopped", {"Retry-After": "5"})
            if answer[0] != "ok":
                status, zh, en = answer[1:4]
                if status >= 500:
                    sys.stderr.write(f"fzcheck serve: {en}\n")
                return self._error(HTTPStatus(status), zh, en, reason=answer[4] if len(answer) > 4 else None)
            result = answer[1]
            body = json.dumps(result, ensure_ascii=False).encode("utf-8")
            # check: the worker's time; total: the request as the server handled it, encoding included.
            total = (time.perf_counter() - started) * 1000
            self._send(HTTPStatus.OK, body, "application/json; charset=utf-8",
                       {"Server-Timing": f"check;dur={result['seconds'] * 1000:.1f}, total;dur={total:.1f}"})

    return Handler


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def handle_error(self, request, client_address) -> None:
        """A connection that broke (cut for trickling, or the client left): one line, no traceback."""
        error = sys.exc_info()[1]
        sys.stderr.write(f"fzcheck serve: {client_address[0]} connection ended ({error.__class__.__name__})\n")
    app: App

    def server_close(self) -> None:
        super().server_close()
        app = getattr(self, "app", None)  # None when the address could not be bound
        if app is not None:
            app.pool.close()


def create_server(host: str = "127.0.0.1", port: int = 8765, request: RunRequest | None = None, workers: int = 2,
                  allowed_hosts: list[str] | None = None, seconds: float = REQUEST_SECONDS,
                  token: str | None = None) -> ThreadingHTTPServer:
    app = App(host, port, request, workers, allowed_hosts, seconds, token)
    try:
        server = _Server((host, port), make_handler(app))
    except OSError as exc:
        app.pool.close()
        raise FzError(f"无法在 {host}:{port} 上启动网页（{exc.strerror or exc}）：端口可能已被占用，可用 --port 换一个",
                      f"cannot serve on {host}:{port} ({exc.strerror or exc}); the port may be in use: try --port") from exc
    server.app = app
    if port == 0:  # a free port was chosen: allow it in the Host check
        app.allowed_hosts = _hosts(host, server.server_address[1], app.extra_hosts)
    return server


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _stop_on_terminate() -> None:
    """SIGTERM (a service manager, `kill`) ends the server as Ctrl+C does, so it withdraws its notice."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread, or a platform without it
        pass


def serve(host: str, port: int, open_browser: bool, allowed_hosts: list[str] | None = None, workers: int = 2) -> int:
    token = new_token() if host in _LOOPBACK else None
    server = create_server(host, port, workers=workers, allowed_hosts=allowed_hosts, token=token)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
    print(f"fzcheck 网页已启动：{url}（按 Ctrl+C 停止）/ serving on {url}")
    if host not in _LOOPBACK:
        print("注意：服务没有绑定在本机回环地址上，网络中的其他人也能访问 / warning: not bound to loopback", file=sys.stderr)
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    # A loopback server offers itself to `fzcheck check` on this machine (checker/serve/discovery.py).
    withdraw = advertise(url.rstrip("/"), token) if token else (lambda: None)
    _stop_on_terminate()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        withdraw()
        server.server_close()
    return 0
