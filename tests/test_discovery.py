"""A running local ``fzcheck serve`` is used by ``fzcheck check`` without being named, and only when
its answer is certainly the local one; otherwise the check runs locally."""
import json
import os
import subprocess
import sys

import pytest

from checker.serve import discovery
from checker.cli import main
from checker.base.datacache import write_sealed
from checker.engine.ruleset import load_ruleset
from checker.base.version import __version__

from conftest import ROOT, SAMPLE, SERVER_TOKEN

NOTE = "使用本机正在运行的检查服务"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FZCHECK_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def server_url(local_server):
    return local_server


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_notice_names_the_rules_a_local_run_would_load():
    assert discovery.bundled_rules_digest() == load_ruleset().digest


def test_an_advertised_server_is_found_and_forgotten_when_withdrawn(cache, server_url):
    withdraw = discovery.advertise(server_url, SERVER_TOKEN)
    assert discovery.advertised_server() == server_url
    withdraw()
    assert discovery.advertised_server() is None and not (cache / discovery.NOTICE).exists()


@pytest.mark.parametrize("change", ["version", "rules", "pid", "url", "seal", "token"])
def test_a_notice_that_does_not_fit_is_ignored(cache, server_url, change):
    notice = {"url": server_url, "pid": os.getpid(), "version": __version__, "rules": discovery.bundled_rules_digest(),
              "token": SERVER_TOKEN}
    if change == "token":
        notice["token"] = "e" * 64  # the server cannot prove it knows this one
    elif change == "version":
        notice["version"] = "0.0.0-other"
    elif change == "rules":
        notice["rules"] = "0" * 64
    elif change == "pid":
        finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        notice["pid"] = int(finished.stdout)
    elif change == "url":
        notice["url"] = "http://127.0.0.1:9"  # nothing listens there
    cache.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(notice).encode()
    write_sealed(cache / discovery.NOTICE, payload)
    if change == "seal":
        (cache / discovery.NOTICE).write_bytes(b"\0" * 32 + payload)
    assert discovery.advertised_server() is None


def test_check_uses_the_running_server_with_the_local_bytes(cache, server_url, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    withdraw = discovery.advertise(server_url, SERVER_TOKEN)
    try:
        args = [str(SAMPLE), str(ROOT / "tests" / "corpus" / "city_flawed.txt"), "--format", "json,sarif,junit", "--no-store"]
        remote = main(["check", *args, "--output-dir", "auto"])
        remote_streams = capsys.readouterr()
        local = main(["check", *args, "--output-dir", "local", "--no-server"])
        local_streams = capsys.readouterr()
    finally:
        withdraw()
    assert NOTE in remote_streams.err and NOTE not in local_streams.err
    assert (remote, remote_streams.out) == (local, local_streams.out)
    assert _files(tmp_path / "auto") == _files(tmp_path / "local")


@pytest.mark.parametrize("extra", [[], ["--rules", "core"], ["--jobs", "2"], ["--time-limit", "5"], ["--config-file"]])
def test_check_stays_local_when_the_server_might_answer_differently(cache, server_url, tmp_path, monkeypatch, capsys, extra):
    """The results store (not --no-store), an option the server decides, local workers, another time
    limit, or a project configuration: the check runs here."""
    monkeypatch.chdir(tmp_path)
    if extra == ["--config-file"]:
        (tmp_path / "fzcheck.yaml").write_text("fail_on: warning\n", "utf-8")
        extra = ["--no-store"]
    elif extra:
        extra = [*extra, "--no-store"]
    withdraw = discovery.advertise(server_url, SERVER_TOKEN)
    try:
        main(["check", str(SAMPLE), "--output-dir", "out", *extra])
    finally:
        withdraw()
    assert NOTE not in capsys.readouterr().err
