"""``fzcheck check --server URL``: the files checked by a running ``fzcheck serve``, with the same
files written byte for byte as a local ``--no-config --no-store`` run; what the server decides for
itself is refused on the client with a clear message; an unreadable file stays a file's failure."""
import pytest

from checker.cli import main
from checker.base.errors import EXIT_INPUT, EXIT_USAGE

from conftest import ROOT, SAMPLE

FLAWED = ROOT / "tests" / "corpus" / "city_flawed.txt"


@pytest.fixture(scope="module")
def url(local_server):
    return local_server


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_server_s_files_equal_a_local_run_byte_for_byte(url, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    inputs = [str(SAMPLE), str(FLAWED)]
    local = main(["check", *inputs, "--format", "json,sarif,junit", "--output-dir", "local", "--no-config", "--no-store"])
    local_out = capsys.readouterr().out
    remote = main(["check", *inputs, "--format", "json,sarif,junit", "--output-dir", "remote", "--server", url])
    assert (remote, capsys.readouterr().out) == (local, local_out) and local == 1
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")


def test_options_the_server_decides_are_refused(url, tmp_path, capsys):
    code = main(["check", str(SAMPLE), "--server", url, "--rules", "rules/core.yaml", "--output-dir", str(tmp_path)])
    assert code == EXIT_USAGE and "--rules 不能与 --server 同用" in capsys.readouterr().err


def test_a_project_configuration_must_be_given_up_explicitly(url, tmp_path, monkeypatch, capsys):
    (tmp_path / "fzcheck.yaml").write_text("fail_on: warning\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(SAMPLE), "--server", url, "--output-dir", "out"]) == EXIT_USAGE
    assert "--no-config" in capsys.readouterr().err
    assert main(["check", str(SAMPLE), "--server", url, "--output-dir", "out", "--no-config"]) == 0


def test_an_unreadable_file_is_that_file_s_failure(url, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["check", str(empty), str(SAMPLE), "--server", url, "--output-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and f"无法读取“{empty}”：文件是空的" in err and (tmp_path / "out" / "sample_report.json").exists()


def test_no_server_listening_is_a_usage_error(tmp_path, capsys):
    code = main(["check", str(SAMPLE), "--server", "http://127.0.0.1:9", "--output-dir", str(tmp_path)])
    assert code == EXIT_USAGE and "无法连接检查服务" in capsys.readouterr().err
