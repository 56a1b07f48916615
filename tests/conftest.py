import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "sample_report.txt"
SERVER_TOKEN = "5" * 64


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text("utf-8")


def corpus_dir():
    folder = SHARED / "corpus"
    return folder if folder.is_dir() else None


needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason="../shared/corpus not present")


def pytest_configure(config):
    """One cache folder for the session (subprocesses inherit it): tests neither read what an
    earlier run or the user left in the cache nor leave anything there."""
    config._fzcheck_cache = tempfile.mkdtemp(prefix="fzcheck-test-cache-")
    os.environ["FZCHECK_CACHE"] = config._fzcheck_cache
    os.environ["FZCHECK_CACHE_KEY"] = os.path.join(tempfile.mkdtemp(prefix="fzcheck-test-key-"), "cache.key")


def pytest_unconfigure(config):
    folder = getattr(config, "_fzcheck_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_results_store(tmp_path_factory, monkeypatch):
    """Tests never write to the user's results store."""
    monkeypatch.setenv("FZCHECK_STORE", str(tmp_path_factory.mktemp("store") / "results.sqlite"))


@pytest.fixture(scope="module")
def local_server():  # proves it knows SERVER_TOKEN (discovery.py)
    """The address of a `fzcheck serve` on a free loopback port (one worker), for a test module."""
    import threading

    from checker.serve.server import create_server

    httpd = create_server("127.0.0.1", 0, workers=1, token=SERVER_TOKEN)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def libreoffice_convert(source: Path, target_format: str, folder: Path, keep_as: str | None = None) -> Path:
    """Converts with LibreOffice headless in a private profile (as an author's LibreOffice would
    open the file); the result is kept in tests/artifacts under ``keep_as`` for a person to look at."""
    import shutil
    import subprocess

    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", target_format, "--outdir", str(folder / "converted"), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = folder / "converted" / f"{source.stem}.{target_format.split(':')[0]}"
    assert result.is_file() and result.stat().st_size > 1000, result
    if keep_as:
        artifacts = ROOT / "tests" / "artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copy(result, artifacts / keep_as)
    return result


@pytest.fixture(scope="module")
def server_port():
    """The port of a plain `fzcheck serve` (bundled rules, two workers) on a free loopback port, for a
    test module."""
    import threading

    from checker.serve.server import create_server

    httpd = create_server("127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def wait_until(predicate, seconds: float = 60):
    """The predicate's first true value, polled every 0.2 s (a browser test waiting for the page; the
    limit is generous because a loaded CI machine can take many seconds to serve one check)."""
    import time

    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")
