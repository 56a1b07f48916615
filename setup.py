"""Package discovery for setuptools.

Every folder under checker/ is found (data folders are namespace packages, so their files are
picked up by the package-data globs in pyproject.toml). rules/ and specs/ live at the top of the
repository, where rule authors expect them, and are installed as checker/packs and checker/specs;
setuptools' declarative ``packages.find`` cannot discover a folder mapped from outside the tree,
which is why this file exists.
"""
from setuptools import find_namespace_packages, setup

MAPPED = {"checker.packs": "rules", "checker.specs": "specs"}

setup(
    packages=sorted(find_namespace_packages(include=["checker", "checker.*"], exclude=["*.__pycache__"])) + sorted(MAPPED),
    package_dir=MAPPED,
)
