"""The local web app over HTTP: checks, uploads, and the safety rules."""
import base64
import http.client
import io
import json
import threading

import pytest

from checker.serve.server import MAX_BODY, create_server

from conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def server(server_port):
    return server_port


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    data = json.dumps(body, ensure_ascii=False).encode() if isinstance(body, dict) else body
    all_headers = {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"}
    all_headers.update(headers or {})
    connection.request(method, path, body=data, headers=all_headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response, payload


def test_page_is_served_with_a_strict_policy(server):
    response, body = request(server, "GET", "/")
    assert response.status == 200
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "法治政府建设年度报告自查" in body.decode("utf-8")


def test_check_pasted_text(server):
    response, body = request(server, "POST", "/api/check", {"text": SAMPLE.read_text("utf-8")})
    data = json.loads(body)
    assert response.status == 200 and data["report"]["summary"]["verdict"] == "pass"
    assert set(data["fragments"]) == {"header", "checklist", "document"} and data["page"] is None
    _, body = request(server, "POST", "/api/check", {"text": SAMPLE.read_text("utf-8"), "page": True})
    assert "<html" in json.loads(body)["page"]
    assert response.getheader("Server-Timing").startswith("check;dur=")


def test_upload_docx_in_memory(server, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in SAMPLE.read_text("utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response, body = request(server, "POST", "/api/check", {
        "filename": "报告.docx", "content_base64": base64.b64encode(buffer.getvalue()).decode(), "year": 2023})
    data = json.loads(body)
    assert response.status == 200 and data["report"]["document"]["format"] == "docx"
    assert "主要举措和成效" in data["text"] and data["docx_base64"] is None


def test_commented_docx_of_an_upload_and_of_edited_text(server):
    docx = pytest.importorskip("docx")
    flawed = (ROOT / "tests" / "corpus" / "city_flawed.txt").read_text("utf-8")
    document = docx.Document()
    for line in flawed.splitlines():
        document.add_paragraph(line)
    document.add_paragraph("作者自己的段落样式保留")
    buffer = io.BytesIO()
    document.save(buffer)
    response, body = request(server, "POST", "/api/check", {
        "filename": "报告.docx", "content_base64": base64.b64encode(buffer.getvalue()).decode(), "docx": True})
    commented = docx.Document(io.BytesIO(base64.b64decode(json.loads(body)["docx_base64"])))
    assert response.status == 200 and len(list(commented.comments)) >= 5
    assert any(p.text == "作者自己的段落样式保留" for p in commented.paragraphs)
    response, body = request(server, "POST", "/api/check", {"text": flawed, "docx": True})
    from_text = docx.Document(io.BytesIO(base64.b64decode(json.loads(body)["docx_base64"])))
    assert from_text.paragraphs[0].text == flawed.splitlines()[0] and list(from_text.comments)


def test_overrides_fill_missing_metadata(server):
    text = "一、主要举措和成效\n全年办理行政复议案件35件。\n"
    response, body = request(server, "POST", "/api/check", {"text": text, "year": 2023, "published": "2024-05-01"})
    results = {r["rule_id"]: r for r in json.loads(body)["report"]["results"]}
    assert results["report.year"]["status"] == "pass" and results["timeliness.deadline"]["status"] == "fail"


@pytest.mark.parametrize("headers,status", [({"Host": "attacker.example:80"}, 403),
                                            ({"Origin": "http://attacker.example"}, 403),
                                            ({"Content-Type": "text/plain"}, 415)])
def test_refused_requests(server, headers, status):
    response, body = request(server, "POST", "/api/check", {"text": "法治"}, headers)
    assert response.status == status and "error" in json.loads(body)


def test_too_large_body_is_refused_before_reading(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.putrequest("POST", "/api/check", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{server}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(MAX_BODY + 1))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413 and "上限" in json.loads(response.read())["error"]["zh"]
    connection.close()


@pytest.mark.parametrize("body,status,needle", [
    (b"not json", 400, "JSON"),
    ({"text": "   "}, 400, "粘贴"),
    ({"content_base64": "%%%", "filename": "a.docx"}, 400, "解码"),
    ({"content_base64": base64.b64encode(b"\x00\x01binary" * 40).decode(), "filename": "a.txt"}, 422, "不是文本文件"),
    ({"text": "法治", "year": "abc"}, 400, "年度"),
    ({"text": "法治", "issuer_level": "galaxy"}, 400, "层级"),
    ({"text": "法治", "issuer_level": ["county"]}, 400, "层级"),
    (b"[" * 100000 + b"]" * 100000, 400, "JSON"),
    ('{"text": "法治", "year": Infinity}'.encode("utf-8"), 400, "JSON"),
    ({"text": "法治", "year": 1e308}, 400, "年度"),
    ({"content_base64": 12345, "filename": "a.docx"}, 400, "base64"),
    ({"text": "法治", "published": ["2024-01-01"]}, 400, "日期"),
])
def test_errors_are_messages_not_tracebacks(server, body, status, needle):
    response, payload = request(server, "POST", "/api/check", body)
    error = json.loads(payload)["error"]
    assert response.status == status and needle in error["zh"] and "Traceback" not in payload.decode()


def test_the_level_is_read_in_english_or_chinese(server):
    text = (ROOT / "tests" / "corpus" / "county_compliant.txt").read_text("utf-8")
    levels = []
    for word in ("county", "县级", "政府部门"):
        response, payload = request(server, "POST", "/api/check", {"text": text, "issuer_level": word})
        assert response.status == 200
        levels.append(json.loads(payload)["report"]["document"]["issuer_level"])
    assert levels == ["county", "county", "department"]


def test_nothing_is_written_to_disk(server, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = (ROOT / "tests" / "corpus" / "province_compliant.txt").read_bytes()
    request(server, "POST", "/api/check", {"filename": "x.txt", "content_base64": base64.b64encode(data).decode()})
    assert not list(tmp_path.iterdir())


def test_unknown_path(server):
    response, _ = request(server, "GET", "/etc/passwd")
    assert response.status == 404


def test_bad_content_length_is_a_client_error(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    connection.putrequest("POST", "/api/check", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{server}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", "-5")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 400 and "Content-Length" in json.loads(response.read())["error"]["en"]
    connection.close()


def test_head_and_options_are_answered(server):
    response, payload = request(server, "HEAD", "/")
    assert response.status == 200 and payload == b"" and int(response.getheader("Content-Length")) > 1000
    response, _ = request(server, "OPTIONS", "/api/check")
    assert response.status == 204 and "POST" in response.getheader("Allow")
    response, _ = request(server, "DELETE", "/api/check")
    assert response.status == 405


def test_a_silent_connection_is_dropped(server, monkeypatch):
    import socket
    import time

    from checker.serve import server as server_module

    sock = socket.create_connection(("127.0.0.1", server), timeout=60)
    sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing
    started = time.monotonic()
    sock.settimeout(server_module.READ_SECONDS + 10)
    try:
        sock.recv(100)  # the server closes the connection (or answers 408) when its read times out
    except ConnectionResetError:
        pass
    assert time.monotonic() - started <= server_module.READ_SECONDS + 5
    sock.close()


def test_a_check_over_its_time_is_stopped_and_the_server_goes_on():
    httpd = create_server("127.0.0.1", 0, workers=1, seconds=0.05)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    try:
        big = (ROOT / "tests" / "corpus" / "province_compliant.txt").read_text("utf-8") * 20
        response, payload = request(port, "POST", "/api/check", {"text": big})
        assert response.status == 503 and "已停止" in json.loads(payload)["error"]["zh"]
        assert response.getheader("Retry-After")
        httpd.app.pool.seconds = 30.0
        response, payload = request(port, "POST", "/api/check", {"text": SAMPLE.read_text("utf-8")})
        assert response.status == 200 and json.loads(payload)["report"]["summary"]["verdict"] == "pass"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_allowed_host_names_for_an_intranet_server():
    httpd = create_server("127.0.0.1", 0, workers=1, allowed_hosts=["fzcheck.sfj.example"])
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    try:
        response, _ = request(port, "GET", "/", headers={"Host": "fzcheck.sfj.example"})
        assert response.status == 200
        response, _ = request(port, "GET", "/", headers={"Host": "evil.example"})
        assert response.status == 403
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_normal_check_is_answered_while_a_heavy_one_runs():
    """Bounded load on loopback: one author's 400,000-character upload keeps one worker busy; another
    author's normal check is answered by the other worker meanwhile, and the server process itself
    stays small (the work happens in the workers)."""
    import resource
    import time

    httpd = create_server("127.0.0.1", 0, workers=2)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    try:
        request(port, "POST", "/api/check", {"text": SAMPLE.read_text("utf-8")})  # both workers warm
        heavy_text = (ROOT / "tests" / "corpus" / "province_compliant.txt").read_text("utf-8")
        heavy_text *= 400_000 // len(heavy_text)
        heavy = threading.Thread(target=request, args=(port, "POST", "/api/check", {"text": heavy_text}))
        heavy.start()
        time.sleep(0.3)
        started = time.monotonic()
        response, payload = request(port, "POST", "/api/check", {"text": SAMPLE.read_text("utf-8")})
        assert response.status == 200 and time.monotonic() - started < 2.0
        heavy.join(60)
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024  # KB: the test process, under 1 GB
        # After the heavy check, every worker (the one that ran it included) is back under 300 MB.
        assert len(httpd.app.pool.idle) == 2
        assert all(_resident_mb(worker.process.pid) < 300 for worker in httpd.app.pool.idle)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _resident_mb(pid: int) -> float:
    import os

    with open(f"/proc/{pid}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
