"""``fzcheck rules test``: every rule's examples, and which pattern branches they exercise.

A branch (a top-level alternative of a pattern, or a whole list item) is covered when it matches
somewhere in one of the rule's own examples.  A branch no example reaches must be listed under the
rule's ``untested`` with a reason; otherwise it is reported, because a rule that matches nothing
still loads, runs and reports success.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import checks
from ..document.normalize import normalize
from ..engine.examples import ExampleCase, cases, run_case
from ..engine.ruleset import Rule, Ruleset
from .patterns import top_level_alternatives
from .validate import rule_patterns, rule_where


@dataclass
class TestReport:
    failures: list[str]
    uncovered: list[str]
    passed: int
    total: int
    branches: int
    covered: int


def _example_texts(rule: Rule) -> list[str]:
    """The examples, whole and line by line: a title or heading scope ends at its line, so a
    branch anchored with $ is exercised where a line ends."""
    texts = []
    for kind in ("pass", "fail"):
        for example in rule.examples.get(kind, []):
            text = normalize(example if isinstance(example, str) else example["text"]).text
            texts.append(text)
            texts.extend(line for line in text.split("\n") if line.strip())
    return texts


def branch_coverage(rule: Rule) -> tuple[list[tuple[tuple, str]], int]:
    """(uncovered branches with their YAML path, number of branches)."""
    texts = _example_texts(rule)
    exempt = {entry["alternative"] for entry in rule.untested}
    helpers = getattr(checks.get(rule.check_type), "HELPER_PATTERN_KEYS", ())
    uncovered, total = [], 0
    for path, pattern in rule_patterns(rule):
        if any(part in helpers for part in path[1:]):
            continue  # searched in what another pattern found, not in the text: the examples test it
        branches = top_level_alternatives(pattern)
        for branch in branches if len(branches) > 1 else [pattern]:
            total += 1
            if branch in exempt or pattern in exempt:
                continue
            try:
                compiled = regex.compile(branch)
            except regex.error:
                compiled = regex.compile(pattern)
            if not any(compiled.search(text, timeout=1.0) for text in texts):
                uncovered.append((path, branch))
    return uncovered, total


def run(ruleset: Ruleset) -> TestReport:
    failures, passed = [], 0
    all_cases: list[ExampleCase] = cases(ruleset)
    for case in all_cases:
        ok, why = run_case(case)
        if ok:
            passed += 1
        else:
            kind = "通过" if case.expect == "pass" else "不通过"
            failures.append(f"{rule_where(case.rule, 'examples', case.expect, case.index)} {kind}示例 {case.index + 1}"
                            f"{'（' + case.name + '）' if case.name else ''}：{why}")
    uncovered, branches = [], 0
    for rule in ruleset.rules:
        missing, total = branch_coverage(rule)
        branches += total
        for path, branch in missing:
            uncovered.append(f"{rule_where(rule, *path)} 分支“{branch}”没有示例覆盖（请补充示例，或在 untested 中说明原因）"
                             f" / branch not exercised by any example")
    return TestReport(failures, uncovered, passed, len(all_cases), branches, branches - len(uncovered))
