"""Hostile inputs against the doors fzcheck opens to other programs and folders: LibreOffice, configured
folders, a discovered server, the cache, the store and the writers.  Every hostile file is made here."""
import base64
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from checker.base.errors import InputError
from checker.ingest import legacy, load_bytes

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _fake_soffice(folder: Path, report: Path) -> Path:
    """A launcher that, like soffice, leaves the real work to a child — here one that never ends."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"""#!/bin/sh
for a in "$@"; do last="$a"; done
echo "$(ulimit -t) $(ulimit -v) $TMPDIR $http_proxy $(dirname "$last")" > "{report}"
sleep 300 &
echo $! >> "{report}"
sleep 300
""")
    script.chmod(0o755)
    return script


def _wait_for_lines(report: Path, count: int, seconds: float = 10.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if report.exists() and len(lines := report.read_text().splitlines()) >= count:
            return lines
        time.sleep(0.05)
    raise AssertionError("the fake converter did not start")


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_libreoffice_runs_confined_and_its_whole_group_dies(tmp_path, monkeypatch):
    report = tmp_path / "report.txt"
    script = _fake_soffice(tmp_path / "bin", report)
    monkeypatch.setattr(legacy, "soffice", lambda: str(script))
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 1)
    with pytest.raises(InputError) as caught:
        load_bytes(OLE + b"\x00" * 4096, "旧.doc")
    assert "秒" in caught.value.zh
    limits, child = _wait_for_lines(report, 2)
    cpu, memory, tmpdir, proxy, folder = limits.split()
    assert int(cpu) <= legacy.CPU_SECONDS and int(memory) * 1024 <= legacy.MEMORY_BYTES
    assert tmpdir.startswith(folder + "/") and proxy == "http://127.0.0.1:9"
    assert not Path(folder).exists()  # its own folder, profile and temporary files removed
    deadline = time.monotonic() + 5
    while _alive(int(child)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(int(child))  # the launcher's child, not only the launcher


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_a_server_worker_stopped_for_time_takes_its_conversion_along(tmp_path, monkeypatch):
    from checker.serve.pool import Timeout, WorkerPool

    report = tmp_path / "report.txt"
    _fake_soffice(tmp_path / "bin", report)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    pool = WorkerPool(size=1, queue=0, seconds=3.0)
    try:
        payload = {"filename": "旧.doc", "content_base64": base64.b64encode(OLE + b"\x00" * 4096).decode()}
        try:  # the worker's own time limit answers, or the pool kills the worker
            assert pool.run(payload)[1] == 503
        except Timeout:
            pass
        _, child = _wait_for_lines(report, 2)
        deadline = time.monotonic() + 5
        while _alive(int(child)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(int(child))
    finally:
        pool.close()


def _doc_with_field(tmp_path: Path, instruction: str) -> bytes:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("示例县人民政府2023年法治政府建设年度报告")
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'w:instr=\'{instruction}\'><w:r><w:t>附件</w:t></w:r></w:fldSimple>'))
    source = tmp_path / "linked.docx"
    document.save(source)
    from conftest import libreoffice_convert
    return libreoffice_convert(source, "doc", tmp_path).read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_doc_whose_fields_fetch_addresses_is_refused_before_libreoffice(tmp_path, monkeypatch):
    data = _doc_with_field(tmp_path, ' INCLUDETEXT "http://127.0.0.1:9/secret.txt" ')
    started = []
    monkeypatch.setattr(legacy.subprocess, "Popen", lambda *a, **k: started.append(a))
    with pytest.raises(InputError) as caught:
        load_bytes(data, "带链接.doc")
    assert "INCLUDETEXT" in caught.value.zh and not started


def test_fetching_fields_are_found_in_either_text_encoding_and_ordinary_text_is_not():
    assert legacy.fetching_field(b"\x13 INCLUDEPICTURE \"http://x/a.png\" \\d \x14")
    assert legacy.fetching_field("\x13 includetext \"\\\\\\\\host\\\\a\"".encode("utf-16-le"))
    assert legacy.fetching_field("\x13LINK Excel.Sheet.8".encode("utf-16-le"))
    # a hyperlink or a plain address in the text is not fetched when the document is converted
    assert not legacy.fetching_field("\x13 HYPERLINK \"http://www.gov.cn\" 网址 http://www.gov.cn".encode("utf-16-le"))
    assert not legacy.fetching_field("LINK INCLUDETEXT 不在域中".encode("utf-16-le"))


SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n"


@pytest.mark.parametrize("folder", ["rules", "specs"])
def test_a_symlink_in_a_configured_folder_is_confined_and_nothing_is_echoed(tmp_path, monkeypatch, capsys, folder):
    from checker.cli import main

    (tmp_path / "home").mkdir()
    secret = tmp_path / "home" / "id_ed25519"
    secret.write_text(SECRET)
    project = tmp_path / "project"
    (project / folder).mkdir(parents=True)
    (project / folder / "x.yaml").symlink_to(secret)
    (project / "fzcheck.yaml").write_text(f"{folder}:\n  - {folder}\n")
    monkeypatch.chdir(project)
    (project / "report.txt").write_text("示例县人民政府2023年法治政府建设年度报告", "utf-8")
    for command in (["rules", "validate"], ["check", "report.txt", "--no-store", "--no-server"]):
        code = main(command)
        out = capsys.readouterr()
        assert code == 2 and "文件夹以外" in out.out + out.err
        assert "PRIVATE KEY" not in out.out + out.err and "b3BlbnNz" not in out.out + out.err


def test_a_schema_error_names_what_was_expected_never_the_content(tmp_path, monkeypatch, capsys):
    from checker.cli import main

    project = tmp_path / "project"
    (project / "rules").mkdir(parents=True)
    (project / "rules" / "x.yaml").write_text(SECRET)  # a secret copied in: a string, not a rule file
    (project / "rules" / "y.yaml").write_text("pack: {name: x, version: '1', secret_token: hunter2-value}\nrules: []\n")
    (project / "fzcheck.yaml").write_text("rules:\n  - rules\n")
    monkeypatch.chdir(project)
    assert main(["rules", "validate"]) == 2
    out = capsys.readouterr()
    text = out.out + out.err
    assert "expected object, found string" in text and "secret_token" in text
    assert "b3BlbnNz" not in text and "hunter2" not in text


# --- the discovered server proves who it is ---------------------------------------------------------------

class _Impostor:
    """Another local user's server on the port a dead fzcheck serve left in its notice: it answers the health
    check and forges a passing result; it records every report sent to it."""

    def __init__(self):
        import http.server
        import threading

        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def do_POST(self):  # noqa: N802
                received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                self.send_response(500)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_stale_notice_on_a_port_someone_else_took_is_removed_and_nothing_is_sent(tmp_path, monkeypatch, capsys):
    from checker.cli import main
    from checker.serve import discovery

    monkeypatch.setenv("FZCHECK_CACHE", str(tmp_path / "cache"))
    impostor = _Impostor()
    try:
        # the notice a server left when it died: this (live) process id, the port now another user's
        discovery.advertise(impostor.url, "a" * 64)
        monkeypatch.setattr(discovery.os, "getpid", os.getpid)
        assert discovery.advertised_server() is None
        assert not (tmp_path / "cache" / discovery.NOTICE).exists()
        discovery.advertise(impostor.url, "a" * 64)
        report = tmp_path / "report.txt"
        report.write_text("示例县人民政府2023年法治政府建设年度报告", "utf-8")
        monkeypatch.chdir(tmp_path)
        main(["check", str(report), "--no-store", "--format", "json", "--output-dir", str(tmp_path / "out")])
        assert "使用本机正在运行的检查服务" not in capsys.readouterr().err
        assert impostor.received == []
    finally:
        impostor.close()


def test_the_client_proves_the_server_before_every_report(tmp_path):
    from checker.base.errors import FzError
    from checker.run.remote import check_files

    impostor = _Impostor()
    report = tmp_path / "report.txt"
    report.write_text("示例县人民政府2023年法治政府建设年度报告", "utf-8")
    try:
        with pytest.raises(FzError) as caught:
            list(check_files(impostor.url, [str(report)], token="0" * 64))
        assert "未能证明" in caught.value.zh and impostor.received == []
    finally:
        impostor.close()


def test_the_real_server_proves_itself_and_a_wrong_token_is_refused(local_server):
    import http.client

    from conftest import SERVER_TOKEN

    from checker.base.proof import prove
    from urllib.parse import urlsplit

    host = urlsplit(local_server).netloc
    for token, expected in ((SERVER_TOKEN, True), ("f" * 64, False)):
        connection = http.client.HTTPConnection(*host.split(":"), timeout=5)
        try:
            assert prove(connection, host, token) is expected
        finally:
            connection.close()


# --- the cache seal is keyed ---------------------------------------------------------------------------------

@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    from checker.base import datacache

    monkeypatch.setenv("FZCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("FZCHECK_CACHE_KEY", str(tmp_path / "config" / "cache.key"))
    monkeypatch.setattr(datacache, "_keys", {})
    return tmp_path / "cache"


def test_a_cache_file_sealed_without_the_key_is_not_trusted(own_cache):
    import hashlib
    import marshal

    from checker.base import datacache

    datacache.store("rules", b"some rule file", ({"forged": False}, [1]))
    assert datacache.load("rules", b"some rule file") == ({"forged": False}, [1])
    forged = marshal.dumps(({"forged": True}, [1]))
    path = own_cache / datacache._name("rules", b"some rule file")
    path.write_bytes(hashlib.sha256(forged).digest() + forged)  # the old unkeyed seal, which anyone could compute
    assert datacache.load("rules", b"some rule file") is None
    key = Path(os.environ["FZCHECK_CACHE_KEY"])
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and own_cache not in key.parents


def test_a_forged_pattern_program_never_reaches_the_regex_engine(own_cache, monkeypatch):
    import hashlib
    import marshal

    from checker.base import datacache

    datacache.store("regex", b"k", {"x": 1})
    name = next(own_cache.glob("regex-*.bin"))
    junk = marshal.dumps({("(a)", 0): ("junk", [0xFFFFFFFF] * 64)})
    name.write_bytes(hashlib.sha256(junk).digest() + junk)
    assert datacache.read_sealed(name) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_folder_or_file_others_may_write_is_refused(own_cache):
    from checker.base import cachedir, datacache

    datacache.store("rules", b"k", ("v",))
    path = own_cache / datacache._name("rules", b"k")
    path.chmod(0o666)
    assert datacache.load("rules", b"k") is None
    path.chmod(0o600)
    assert datacache.load("rules", b"k") == ("v",)
    own_cache.chmod(0o777)
    assert cachedir.cache_folder() is None and datacache.load("rules", b"k") is None
    own_cache.chmod(0o700)
    key = Path(os.environ["FZCHECK_CACHE_KEY"])
    key.chmod(0o644)  # a key others can read seals nothing
    datacache._keys.clear()
    assert datacache.load("rules", b"k") is None


# --- the results store ----------------------------------------------------------------------------------------

RULES = type("Rules", (), {"name": "x", "version": "1", "digest": "d"})()


def _stored_report(tmp_path):
    from checker.ingest import load
    from checker.run.pipeline import Checker

    return Checker(discover_config=False).check(load(Path(__file__).parent.parent / "examples" / "sample_report.txt"))


def test_the_store_is_private_and_its_failures_are_messages(tmp_path, monkeypatch):
    import sqlite3

    from checker.base.errors import FzError
    from checker.store import database
    from checker.store.database import Store

    path = tmp_path / "new" / "store.sqlite"
    store = Store(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    store.close()
    # a schema version that is not a number
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='zwei' WHERE key='schema_version'")
    with pytest.raises(FzError) as caught:
        Store(path)
    assert "结构版本" in caught.value.zh
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    # another run holds the lock longer than the store waits
    monkeypatch.setattr(database, "LOCK_SECONDS", 0.2)
    checked = _stored_report(tmp_path)
    store = Store(path)
    store.start_run(RULES, None, [])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(FzError) as caught:
        store.add_report(checked.report, checked.text)
    assert "占用" in caught.value.zh
    holder.execute("ROLLBACK")
    holder.close()
    # a full disk (the store may grow by no page)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(FzError) as caught:
        store.add_report(checked.report, os.urandom(500_000).hex())
    assert "磁盘已满" in caught.value.zh
    store.db.close()


def test_a_stored_zlib_bomb_is_not_inflated(tmp_path, monkeypatch):
    import sqlite3
    import zlib

    from checker.store import database
    from checker.store.database import Store

    monkeypatch.setattr(database, "MAX_TEXT_BYTES", 1024 ** 2)
    path = tmp_path / "store.sqlite"
    checked = _stored_report(tmp_path)
    store = Store(path)
    store.start_run(RULES, None, [])
    store.add_report(checked.report, checked.text)
    store.close()
    key, year = database.issuer_key(checked.report.document), checked.report.document["year"]
    bomb = zlib.compress(b"\x00" * (64 * 1024 ** 2), 9)  # 64 MB from about 64 KB
    with sqlite3.connect(path) as db:
        db.execute("UPDATE reports SET text=?", (bomb,))
    assert Store(path).previous_report(key, year + 1) is None
    with sqlite3.connect(path) as db:
        db.execute("UPDATE reports SET text=?", (zlib.compress(checked.text.encode()),))
    assert Store(path).previous_report(key, year + 1)["text"] == checked.text


# --- the writers ----------------------------------------------------------------------------------------------

def test_control_characters_in_text_and_file_names_reach_every_writer_safely(tmp_path, capsys):
    import zipfile
    from xml.etree import ElementTree as ET

    from checker.cli import main

    text = (Path(__file__).parent.parent / "examples" / "sample_report.txt").read_text("utf-8")
    hostile = text.replace("。", "。\x0b", 3).replace("，", "，\x0c", 2).replace("法治", "法\x1b治", 2)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "报\x1b告\x0b.txt").write_text(hostile, "utf-8")
    (folder / "plain.txt").write_text(text, "utf-8")
    out = tmp_path / "out"
    code = main(["check", str(folder), "--no-store", "--no-server", "--format", "json,html,docx,sarif,junit,xlsx,memo",
                 "--output-dir", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "无法读取" not in err and "内部错误" not in err
    for name in ("fzcheck.xlsx", "fzcheck-通报.docx", *(p.name for p in out.glob("*-批注.docx"))):
        with zipfile.ZipFile(out / name) as archive:
            for part in archive.namelist():
                if part.endswith(".xml"):
                    ET.fromstring(archive.read(part))
    assert len(list(out.glob("*-批注.docx"))) == 2 and len(list(out.glob("*.html"))) == 3


def test_a_failing_writer_is_that_writers_failure_not_an_unreadable_input(tmp_path, capsys, monkeypatch):
    from checker.cli import main
    from checker.writers import memo, registry

    def broken(*args, **kwargs):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(memo, "render", broken)
    monkeypatch.setattr(registry, "REPORT_WRITERS", tuple(
        registry.ReportWriter(w.format, w.file_name, broken, w.describe) if w.format == "docx" else w
        for w in registry.REPORT_WRITERS))
    from checker.run import outputs
    monkeypatch.setattr(outputs, "REPORT_WRITERS", registry.REPORT_WRITERS)
    text = (Path(__file__).parent.parent / "examples" / "sample_report.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text(text.replace("2023", "2022"), "utf-8")
    out = tmp_path / "out"
    code = main(["check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--no-store", "--no-server",
                 "--format", "json,docx,xlsx,memo", "--output-dir", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "无法读取" not in err
    assert "无法生成“" in err and "docx 输出" in err and "memo 输出" in err
    assert (out / "fzcheck.xlsx").exists() and (out / "a.json").exists() and not (out / "fzcheck-通报.docx").exists()


# --- amplification: every part by its real inflated size ------------------------------------------------------

def _docx_with(tmp_path, parts: dict[str, bytes]) -> bytes:
    """A small real .docx with some parts replaced or added."""
    import io
    import zipfile

    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("示例县人民政府2023年法治政府建设年度报告")
    for index in range(3):
        document.add_paragraph(f"第{index + 1}项工作", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.pop(info.filename, None) or source.read(info))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_numbering_with_thousands_of_lists_on_one_huge_definition_stays_small(tmp_path):
    import tracemalloc

    from checker.ingest.docx import extract_docx
    import io

    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                     for i in range(3000))
    nums = "".join(f'<w:num w:numId="{i}"><w:abstractNumId w:val="0"/></w:num>' for i in range(1, 3000))
    numbering = f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{nums}</w:numbering>'
    data = _docx_with(tmp_path, {"word/numbering.xml": numbering.encode()})
    tracemalloc.start()
    text = extract_docx(io.BytesIO(data), "lists.docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "示例县" in text and peak < 80 * 1024 ** 2  # the old eager table: 9 million entries, gigabytes


@pytest.mark.parametrize("part", ["word/settings.xml", "word/comments.xml", "word/footer9.xml"])
def test_every_xml_part_is_limited_by_its_real_inflated_size(tmp_path, part):
    from checker.ingest.docx import XML_PART_LIMIT, extract_docx
    import io

    padding = b"<!--" + b" " * (XML_PART_LIMIT + 1024) + b"-->"
    root = {"word/settings.xml": "settings", "word/comments.xml": "comments", "word/footer9.xml": "ftr"}[part]
    data = _docx_with(tmp_path, {part: f'<w:{root} {W_NS}>'.encode() + padding + f"</w:{root}>".encode()})
    with pytest.raises(InputError) as caught:
        extract_docx(io.BytesIO(data), "big.docx")
    assert part in caught.value.zh


def _ofd(pages: list[str], page_xml: str, compression: int = 8) -> bytes:
    import io
    import zipfile

    ofd = ('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml'
           '</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    listed = "".join(f'<ofd:Page ID="{i}" BaseLoc="{p}"/>' for i, p in enumerate(pages))
    document = f'<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>{listed}</ofd:Pages></ofd:Document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("OFD.xml", ofd)
        archive.writestr("Doc_0/Document.xml", document)
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", page_xml)
    return out.getvalue()


def _page(text: str, x: str = "10") -> str:
    return ('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
            f'<ofd:TextObject ID="1" Boundary="10 10 100 5"><ofd:TextCode X="{x}" Y="4">{text}</ofd:TextCode>'
            '</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')


def test_an_ofd_page_listed_300_times_is_read_once():
    from checker.ingest.ofd import extract_ofd
    import io

    body = "示例县人民政府2023年法治政府建设年度报告" * 50
    data = _ofd(["Pages/Page_0/Content.xml"] * 300, _page(body))
    text = extract_ofd(io.BytesIO(data), "repeated.ofd")
    assert text.count("示例县人民政府2023年") == 50


@pytest.mark.parametrize("damage", ["coordinate", "crc"])
def test_a_damaged_ofd_is_an_input_error(damage):
    from checker.ingest import load_bytes

    data = _ofd(["Pages/Page_0/Content.xml"], _page("示例县人民政府2023年法治政府建设年度报告", x="1e" if damage == "coordinate" else "10"),
                compression=0)
    if damage == "crc":
        data = data.replace("示例县".encode(), "示范县".encode())  # stored bytes changed: a CRC error while reading
    try:
        source = load_bytes(data, "damaged.ofd")
    except InputError as exc:
        assert "OFD" in exc.zh and "内部错误" not in exc.zh
    else:
        assert damage == "coordinate" and "示例县" in source.text


def test_the_command_line_takes_an_optional_memory_cap(tmp_path):
    import subprocess
    import sys

    sample = Path(__file__).parent.parent / "examples" / "sample_report.txt"
    program = ("import resource, sys; from checker.cli import main; "
               f"code = main(['check', {str(sample)!r}, '--no-store', '--no-server', '--format', 'json', "
               f"'--output-dir', {str(tmp_path / 'o')!r}, '--memory-limit', '1500']); "
               "print(code, resource.getrlimit(resource.RLIMIT_AS)[0] // 1024 ** 2)")
    finished = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert finished.stdout.split()[-2:] in (["0", "1500"], ["1", "1500"]), finished.stderr


def test_a_heading_scope_pattern_has_a_time_limit():
    import time as clock

    from checker.checks.scope import resolve_scope
    from checker.document import build
    from checker.ingest import from_text

    body = "\n".join(f"{n}、{'啊' * 21}！\n本年度完成了各项工作，取得了明显成效。" for n in "一二三四")
    doc = build(from_text(f"示例县人民政府关于2023年法治政府建设情况的报告\n{body}\n", "t.txt"))
    started = clock.monotonic()
    with pytest.raises(TimeoutError):
        resolve_scope(doc, {"heading": "(?:啊|啊)+x$"}, timeout=0.2)  # 2^21 ways to fail, per heading
    assert clock.monotonic() - started < 10  # without a limit: minutes
    assert resolve_scope(doc, {"heading": "^啊+$"}, timeout=0.2).found


def test_check_piped_into_head_finishes_the_batch(tmp_path):
    import subprocess
    import sys

    text = (Path(__file__).parent.parent / "examples" / "sample_report.txt").read_text("utf-8")
    for index in range(4):
        (tmp_path / f"r{index}.txt").write_text(text.replace("2023", str(2019 + index)), "utf-8")
    reader = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE)
    check = subprocess.Popen([sys.executable, "-m", "checker", "check", str(tmp_path), "--no-store", "--no-server",
                              "--format", "text,json", "--output-dir", str(tmp_path / "out")],
                             stdout=reader.stdin, stderr=subprocess.PIPE)
    reader.stdin.close()
    reader.wait()
    _, err = check.communicate(timeout=120)
    assert check.returncode in (0, 1), err.decode()
    assert len(list((tmp_path / "out").glob("r*.json"))) == 4 and b"Traceback" not in err


# --- the --server client -----------------------------------------------------------------------------------------

class _OddServer:
    """A server whose answers are wrong in one way each (by path of the test's choosing)."""

    def __init__(self, mode: str):
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                if mode == "trickle":
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    for _ in range(100):
                        try:
                            self.wfile.write(b" ")
                            self.wfile.flush()
                        except OSError:
                            return
                        time.sleep(0.3)
                    return
                body = {"huge": b"", "list": b"[1, 2]", "shape": b'{"report": 5, "text": 1}',
                        "nested": b"[" * 100000}[mode]
                self.send_header("Content-Length", str(200 * 1024 ** 2 if mode == "huge" else len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("mode", ["trickle", "huge", "list", "shape", "nested"])
def test_the_server_client_has_a_deadline_a_size_cap_and_no_tracebacks(tmp_path, mode):
    from checker.base.errors import FzError
    from checker.run.remote import check_files

    report = tmp_path / "report.txt"
    report.write_text("示例县人民政府2023年法治政府建设年度报告", "utf-8")
    server = _OddServer(mode)
    started = time.monotonic()
    try:
        with pytest.raises(FzError):
            list(check_files(server.url, [str(report)], timeout=2.0))
    finally:
        server.close()
    assert time.monotonic() - started < 8


def test_serve_cuts_a_trickling_client_and_queues_more_connections(local_server, monkeypatch):
    import socket

    from checker.serve import server

    monkeypatch.setattr(server, "REQUEST_READ_SECONDS", 1.5)
    assert server._Server.request_queue_size >= 64
    host, port = local_server.rsplit("/", 1)[-1].split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=10) as client:
        client.sendall(f"POST /api/check HTTP/1.1\r\nHost: {host}:{port}\r\n".encode())
        closed = False
        for _ in range(40):  # one header byte every 0.25 s: never silent for READ_SECONDS, never done
            try:
                client.sendall(b"X")
                time.sleep(0.25)
                client.setblocking(False)
                try:
                    closed = client.recv(1) == b""
                except BlockingIOError:
                    pass
                finally:
                    client.setblocking(True)
            except OSError:
                closed = True
            if closed:
                break
    assert closed and time.monotonic() - started < 6


# --- what a Word file holds outside its body ---------------------------------------------------------------------

def _id_number() -> str:
    from checker.checks.sensitive_data import _CHECK, _WEIGHTS

    base = "11010119900307851"
    return base + _CHECK[sum(int(d) * w for d, w in zip(base, _WEIGHTS)) % 11]


def _report_with_margins(tmp_path, footer: str = "", box: str = "", chunk: str = "") -> Path:
    docx = pytest.importorskip("docx")
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    text = (Path(__file__).parent.parent / "examples" / "sample_report.txt").read_text("utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if box:
        document.paragraphs[1]._p.append(parse_xml(
            f'<w:r {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            f'<w:p><w:r><w:t>{box}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    if chunk:
        part = Part(PackURI("/word/chunk1.html"), "text/html", f"<html><body><p>{chunk}</p></body></html>".encode(),
                    document.part.package)
        rid = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
        document.element.body.insert(2, parse_xml(
            f'<w:altChunk {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
    path = tmp_path / "report.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("where", ["footer", "box", "chunk"])
def test_personal_data_outside_the_body_is_found_and_named_by_its_zone(tmp_path, where):
    from checker.document import build
    from checker.document.serialize import document_dict
    from checker.ingest import load
    from checker.run.pipeline import Checker

    secret = f"联系人身份证号：{_id_number()}" if where != "chunk" else "值班手机13812345678"
    path = _report_with_margins(tmp_path, **{where: secret})
    source = load(path)
    assert secret not in source.text  # the body is the report's text, as before
    zone = {"footer": "footer", "box": "textboxes", "chunk": "altchunk"}[where]
    assert secret in source.zones[zone] and document_dict(build(source))["zones"][zone] == source.zones[zone]
    result = next(r for r in Checker(discover_config=False).check(source).report.results
                  if r.rule_id == "publication.sensitive_data")
    assert result.status == "fail"
    assert {"footer": "页脚", "box": "文本框", "chunk": "嵌入的文档"}[where] in result.findings[0].message


def test_a_security_mark_in_the_header_is_found(tmp_path):
    docx = pytest.importorskip("docx")
    from checker.ingest import load
    from checker.run.pipeline import Checker

    path = _report_with_margins(tmp_path)
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = "秘密★1年"
    document.save(path)
    result = next(r for r in Checker(discover_config=False).check(load(path)).report.results
                  if r.rule_id == "publication.classified_marks")
    assert result.status == "fail" and "页眉中" in result.findings[0].message


def test_a_plain_footer_changes_nothing(tmp_path):
    from checker.ingest import load
    from checker.run.pipeline import Checker

    path = _report_with_margins(tmp_path, footer="示例县人民政府办公室 2024年3月印发 — 1 —")
    results = {r.rule_id: r.status for r in Checker(discover_config=False).check(load(path)).report.results}
    assert results["publication.sensitive_data"] == results["publication.classified_marks"] == "pass"


def test_half_a_surrogate_pair_in_text_or_a_file_name_is_no_crash(tmp_path):
    import json

    from checker.ingest import from_text
    from checker.run.outputs import Outputs
    from checker.run.pipeline import Checker

    text = (Path(__file__).parent.parent / "examples" / "sample_report.txt").read_text("utf-8")
    source = from_text(text + "\n联系人\udcff", "报告\udcff.txt")  # JSON may carry "\udcff"; a non-UTF-8 name gives one
    assert "\ufffd" in source.text and "\udcff" not in source.text
    checked = Checker(discover_config=False).check(source)
    outputs = Outputs(tmp_path, ["json"], ["报告\udcff.txt"])
    outputs.add("报告\udcff.txt", checked)
    written = next(tmp_path.glob("*.json"))
    assert json.loads(written.read_text("utf-8"))["document"]["path"] == "报告\udcff.txt"
