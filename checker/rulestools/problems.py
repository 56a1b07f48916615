"""Problem lines (``file:line:col rule-id message``) printed as text, JSON or GitHub annotations.

Every ``rules`` verb reports problems in the same line form; CI systems read them in their own:
``--format github`` gives workflow commands that GitHub shows on the pull request's diff,
``--format json`` a list a script can read.
"""
from __future__ import annotations

import json
import re
import sys

from ..writers.github import annotation

FORMATS = ("text", "json", "github")
_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+) (?P<rule>\S+) (?P<message>.*)$", re.S)


def parse(problem: str) -> dict:
    match = _LINE.match(problem)
    if not match:
        return {"file": None, "line": None, "column": None, "rule_id": None, "message": problem}
    rule = match["rule"]
    return {"file": match["file"], "line": int(match["line"]), "column": int(match["col"]),
            "rule_id": None if rule == "-" else rule, "message": match["message"]}


def github_annotation(problem: dict, level: str = "error") -> str:
    """A problem as a workflow command, its file relative to the workspace (see writers/github.py)."""
    return annotation(level, problem["message"], problem["file"], problem["line"], problem["column"], problem["rule_id"])


def emit(problems: list[str], fmt: str, summary: dict, verdict: str) -> None:
    """Prints the problems and the closing verdict line in the chosen format.  Text and GitHub
    annotations go to stderr with the verdict on stdout; JSON is one document on stdout."""
    parsed = [parse(p) for p in problems]
    if fmt == "json":
        print(json.dumps({**summary, "ok": not problems, "verdict": verdict, "problems": parsed},
                         ensure_ascii=False, indent=2))
        return
    for problem, raw in zip(parsed, problems):
        print(github_annotation(problem) if fmt == "github" else raw, file=sys.stderr if fmt == "text" else sys.stdout)
    print(verdict)
