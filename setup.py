"""Package discovery and the data built with the wheel.

Every folder under checker/ is found (data folders are namespace packages, so their files are
picked up by the package-data globs in pyproject.toml). rules/ and specs/ live at the top of the
repository, where rule authors expect them, and are installed as checker/packs and checker/specs;
setuptools' declarative ``packages.find`` cannot discover a folder mapped from outside the tree,
which is why this file exists.

``build_py`` also writes checker/data/shipped.bin into the package it builds: the compiled
patterns and parsed bundled files for the pinned ``regex`` release (checker/base/shipped.py,
made by checker/run/shipdata.py from the built package itself and the example reports), so the
first check after installing does not compile them.  If that step fails the wheel is still
built, without the file (every value is then computed on first use, as before).
"""
import os
import subprocess
import sys
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

MAPPED = {"checker.packs": "rules", "checker.specs": "specs"}
HERE = Path(__file__).resolve().parent


class build_py_with_shipped_data(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout and keeps its values in the cache folder
        build_lib = Path(self.build_lib).resolve()
        target = build_lib / "checker" / "data" / "shipped.bin"
        samples = sorted(str(p) for p in (HERE / "examples").glob("*.txt"))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(build_lib), os.environ.get("PYTHONPATH", "")])}
        done = subprocess.run([sys.executable, "-m", "checker.run.shipdata", str(target), *samples], env=env,
                              cwd=build_lib, capture_output=True, text=True)
        print(done.stdout.strip() or done.stderr.strip()[-2000:])


setup(
    packages=sorted(find_namespace_packages(include=["checker", "checker.*"], exclude=["*.__pycache__"])) + sorted(MAPPED),
    package_dir=MAPPED,
    cmdclass={"build_py": build_py_with_shipped_data},
)
