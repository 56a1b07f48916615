from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "sample_report.txt"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text("utf-8")


def corpus_dir():
    folder = SHARED / "corpus"
    return folder if folder.is_dir() else None


needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason="../shared/corpus not present")


@pytest.fixture(autouse=True)
def _own_results_store(tmp_path_factory, monkeypatch):
    """Tests never write to the user's results store."""
    monkeypatch.setenv("FZCHECK_STORE", str(tmp_path_factory.mktemp("store") / "results.sqlite"))
