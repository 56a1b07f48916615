"""GitHub Actions workflow commands (``::error file=…,line=…,col=…,title=…::message``): the format a
workflow turns into annotations on the pull request's diff.  GitHub attaches an annotation only when
``file`` is relative to the repository, so every path is made relative to the workspace (the
``GITHUB_WORKSPACE`` folder in a workflow, else the working directory) whatever form it was given in
— the move ruff and typos made for the same reason."""
from __future__ import annotations

import os

from ..results import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """``path`` relative to the workspace when it lies inside it, with forward slashes."""
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive
        return absolute.replace(os.sep, "/")
    return (absolute if relative.startswith("..") else relative).replace(os.sep, "/")


def annotation(level: str, message: str, file: str | None = None, line: int | None = None,
               column: int | None = None, title: str | None = None) -> str:
    props = []
    if file:
        props.append(f"file={escape_property(workspace_path(file))}")
        if line:
            props.append(f"line={line}")
        if column:
            props.append(f"col={column}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def to_github(report: Report) -> str:
    """One annotation per finding, in reading order (the same findings as the text output)."""
    from .text import finding_lines

    path = report.document.get("path") or "<text>"
    return "\n".join(annotation(LEVEL[severity], message, path, line, column, rule_id)
                     for line, column, severity, rule_id, message in finding_lines(report))
