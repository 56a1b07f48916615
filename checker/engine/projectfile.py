"""Where a project's configuration file is: found without loading anything (the ``--server`` client
needs to know whether there is one before it decides who checks)."""
from __future__ import annotations

from pathlib import Path

CONFIG_NAMES = ("fzcheck.yaml", "fzcheck.yml", ".fzcheck.yaml")


def find_project_config(start: Path | None = None) -> Path | None:
    """fzcheck.yaml (or pyproject.toml with [tool.fzcheck]) in the folder or a parent, not beyond the
    repository root."""
    folder = (start or Path.cwd()).resolve()
    for candidate in [folder, *folder.parents]:
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.fzcheck" in pyproject.read_text("utf-8", errors="replace"):
            return pyproject
        if (candidate / ".git").exists():
            break
    return None
