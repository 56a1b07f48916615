"""fzcheck as a user installs it: the wheel and the sdist are built, the wheel is installed into a
fresh virtual environment (not editable), and every command runs from that install; the
pre-commit hooks are run by pre-commit itself in a temporary git repository."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

NEEDED = ("checker/data/shipped.bin", "checker/packs/core.yaml", "checker/packs/expert.yaml", "checker/specs/dcgd-2019.yaml",
          "checker/schema/rule.schema.json", "checker/schema/spec.schema.json", "checker/schema/report.schema.json",
          "checker/schema/junit.xsd", "checker/templates/report.html.j2", "checker/templates/dashboard.js",
          "checker/profiles/township.yaml", "checker/ingest/data/noise.yaml", "checker/document/data/roles.yaml",
          "checker/patterns/data/jieba_dict.txt", "checker/writers/sarif.py", "checker/rulestools/commands.py")


def _source_modules() -> set[str]:
    """Every module and data file of the source tree, as the wheel should name it."""
    names = set()
    for path in (ROOT / "checker").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            names.add(path.relative_to(ROOT).as_posix())
    for folder, installed in (("rules", "checker/packs"), ("specs", "checker/specs")):
        names.update(f"{installed}/{p.name}" for p in (ROOT / folder).glob("*.yaml"))
    return names


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """A fresh virtual environment with only the wheel (and its dependencies) installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheel = next(dist.glob("fzcheck-*.whl"))
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    return venv / "bin"


def test_wheel_and_sdist_carry_every_module_and_data_file(dist):
    wheel = set(zipfile.ZipFile(next(dist.glob("fzcheck-*.whl"))).namelist())
    missing = sorted(name for name in _source_modules() if name not in wheel and not name.endswith(".pyc"))
    assert not missing, missing
    for needed in NEEDED:
        assert needed in wheel, needed
    with tarfile.open(next(dist.glob("fzcheck-*.tar.gz"))) as sdist:
        names = {Path(*Path(n).parts[1:]).as_posix() for n in sdist.getnames()}
    for needed in ("setup.py", "pyproject.toml", "rules/core.yaml", "specs/dcgd-2019.yaml", "checker/rulestools/diff.py"):
        assert needed in names, needed


def _run(bin_dir: Path, *args, cwd: Path, ok=(0,)):
    proc = subprocess.run([str(bin_dir / "fzcheck"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode in ok, (args, proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    return proc


def test_installed_wheel_runs_every_command(installed, tmp_path, monkeypatch):
    from checker import __version__

    work = tmp_path / "work"
    (work / "corpus").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "corpus" / "sample.txt")
    _make_docx(SAMPLE.read_text("utf-8"), work / "corpus" / "sample_word.docx")
    # The first check after installing: the wheel's shipped data (checker/base/shipped.py) holds every
    # compiled pattern and parsed bundled file it needs, so the empty cache folder stays empty.
    monkeypatch.setenv("FZCHECK_CACHE", str(tmp_path / "fresh-cache"))
    _run(installed, "check", "corpus/sample.txt", "--format", "json", "--output-dir", "first", "--no-server", cwd=work)
    assert sorted(p.name for p in (tmp_path / "fresh-cache").iterdir()) == []
    monkeypatch.setenv("FZCHECK_CACHE", str(tmp_path / "cache"))
    assert _run(installed, "--version", cwd=work).stdout.strip() == f"fzcheck {__version__}"
    # The .docx holds the same text as the .txt: --similar 0, or the batch reports them as copies.
    _run(installed, "check", "corpus", "--format", "json,text,html,sarif,junit", "--output-dir", "out",
         "--fail-on", "never", "--similar", "0", cwd=work)
    for name in ("sample.json", "sample.html", "fzcheck.sarif", "junit.xml", "index.html", "summary.csv"):
        assert (work / "out" / name).is_file(), name
    report = json.loads((work / "out" / "sample.json").read_text("utf-8"))
    assert report["summary"]["verdict"] == "pass"
    from_word = json.loads((work / "out" / "sample_word.json").read_text("utf-8"))
    assert from_word["document"]["format"] == "docx" and from_word["summary"]["verdict"] == "pass"
    assert "结构" in _run(installed, "inspect", "corpus/sample.txt", cwd=work).stdout
    assert "规则有效" in _run(installed, "rules", "validate", cwd=work).stdout
    assert "全部通过" in _run(installed, "rules", "test", cwd=work).stdout
    assert "clause" in _run(installed, "rules", "coverage", "--format", "json", cwd=work).stdout
    _run(installed, "rules", "docs", "--output", "rules.md", cwd=work)
    assert "report.title" in (work / "rules.md").read_text("utf-8")
    packs = subprocess.run([str(installed / "python"), "-c", "from checker.engine.ruleset import default_rules_dir; "
                            "print(default_rules_dir())"], cwd=work, capture_output=True, text=True, check=True).stdout.strip()
    assert "site-packages" in packs
    diff = _run(installed, "rules", "diff", "--base", packs, "--corpus", "corpus", cwd=work)
    assert diff.stdout.strip().splitlines()[-1].startswith("结论：2 份报告，变化 0 处")
    assert "core" in _run(installed, "config", "show", cwd=work).stdout
    _serve_one_request(installed, work)


def _serve_one_request(bin_dir: Path, cwd: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([str(bin_dir / "fzcheck"), "serve", "--port", str(port)], cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200 and "法治政府建设" in response.read().decode("utf-8")
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _make_docx(text: str, target: Path) -> None:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(target)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_pre_commit_runs_the_hooks_from_this_repository(tmp_path, monkeypatch):
    """Every hook of .pre-commit-hooks.yaml, in a provincial rule-pack repository with reports."""
    pytest.importorskip("pre_commit")
    from checker.cli import main
    from test_rule_pack_project import CATALOGUE, CONFIG, LOCAL_PACK

    repo = tmp_path / "pack"
    for folder in ("reports", "rules", "specs"):
        (repo / folder).mkdir(parents=True)
    shutil.copy(SAMPLE, repo / "reports" / "sample.txt")
    (repo / "rules" / "zj.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (repo / "specs" / "zj.yaml").write_text(CATALOGUE, encoding="utf-8")
    (repo / "fzcheck.yaml").write_text(CONFIG, encoding="utf-8")
    (repo / ".gitignore").write_text("reports_out/\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert main(["rules", "docs"]) == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    env.pop("VIRTUAL_ENV", None)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "reports"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--verbose"],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.count("Passed") == 4 and "Traceback" not in proc.stdout
    assert "reports/sample.txt: 基本合格" in proc.stdout and "zj.cases" in proc.stdout  # the project config is used
