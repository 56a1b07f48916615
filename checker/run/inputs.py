"""Which files a list of command-line paths (files, folders, globs) names."""
from __future__ import annotations

import os

from ..base.vocab import INPUT_SUFFIXES, OTHER_DOCUMENT_SUFFIXES


def skipped_in(paths: list[str], output_dir: str | None = None) -> list[str]:
    """Documents in the given folders that are not checked (spreadsheets, images, archives …), so
    that a batch can list them instead of skipping them silently."""
    out = []
    for raw in paths:
        if os.path.isdir(raw):
            out += [os.path.join(root, n) for root, _, names in _walk(raw, output_dir) for n in sorted(names)
                    if n.lower().endswith(OTHER_DOCUMENT_SUFFIXES)]
    return out


def expand_inputs(paths: list[str], output_dir: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """Files to check (folders searched recursively), paths that do not exist, and folders that
    hold no report file.  A folder search never enters ``output_dir``: checking a folder twice must
    not take the first run's commented .docx files and 通报 for reports (a file named there is still
    checked)."""
    import glob

    files, missing, empty = [], [], []
    for raw in paths:
        matches = glob.glob(raw, recursive=True) if any(ch in raw for ch in "*?[") else [raw]
        if not matches:
            missing.append(raw)
        for path in matches:
            if os.path.isdir(path):
                found = [os.path.join(root, n) for root, dirs, names in _walk(path, output_dir) for n in sorted(names)
                         if n.lower().endswith(INPUT_SUFFIXES)]
                files.extend(found)
                if not found:
                    empty.append(path)
            else:
                files.append(path)
    unique = list(dict.fromkeys(os.path.realpath(f) for f in files))
    by_real = {}
    for path in files:
        by_real.setdefault(os.path.realpath(path), path)
    return [by_real[real] for real in unique], missing, empty


def _walk(path: str, skip: str | None = None):
    skipped = os.path.realpath(skip) if skip else None
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if os.path.realpath(os.path.join(root, d)) != skipped)
        if skipped and os.path.realpath(root) == skipped:
            continue
        yield root, dirs, names
