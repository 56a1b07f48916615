"""The wheel carries everything an installed fzcheck needs: rule packs, specs, schemas, templates."""
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_contains_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("fzcheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("checker/packs/core.yaml", "checker/specs/dcgd-2019.yaml", "checker/schema/rule.schema.json",
                   "checker/schema/report.schema.json", "checker/schema/junit.xsd", "checker/templates/report.html.j2",
                   "checker/templates/dashboard.js", "checker/profiles/township.yaml", "checker/ingest/data/noise.yaml",
                   "checker/document/data/roles.yaml", "checker/writers/sarif.py"):
        assert needed in names, needed
