"""The fuzz script for a short, fixed budget in every CI run (the long runs are done by hand):
arbitrary and mutated inputs, thousands of report fragments and structure-aware Word files with
many numbering definitions and style chains — every input refused cleanly or read, none slow."""
import os
import subprocess
import sys

import pytest

from conftest import ROOT


def test_fuzz_for_twenty_seconds():
    pytest.importorskip("hypothesis")
    pytest.importorskip("reportlab")
    env = {**os.environ, "FUZZ_EXAMPLES": "60"}
    proc = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_ingest.py"), "20"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "no crash" in proc.stdout
