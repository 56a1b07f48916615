"""Where the bundled rule packs and clause catalogues are: a wheel installs rules/ and specs/ as
checker/packs and checker/specs (see setup.py); a source checkout, or an editable install, has them
beside ``checker/``.  A module of its own so that light callers (checker/serve/discovery.py) need not import the
rule loader."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable


def bundled(installed: str, folder: str) -> Path:
    here = Path(__file__).resolve().parent.parent  # checker/
    checkout = here.parent / folder
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    return here / installed


def rules_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The digest a rule set carries (its JSON's ``ruleset.sha256``): each file's name and bytes, in
    the order the files are loaded."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()
