"""``fzcheck rules validate``: the schema checks of loading, then checks of meaning.

Meaning: message placeholders the check type cannot fill, patterns that never match or match
everywhere, branches shadowed by earlier ones, list patterns that always match together (so a
distinct count counts one phrase twice), empty ``applies`` ranges, rules without a pass and a fail
example, ``untested`` entries that name no branch.  One line per problem:
``file:line:col rule-id message``.
"""
from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from .. import checks
from ..engine.ruleset import Rule, Ruleset, node_mark
from ..base.yamlsafe import parse_yaml
from .patterns import is_literal, problems as pattern_problems, shadowed_alternatives, top_level_alternatives


@lru_cache(maxsize=32)
def _tree(path: str):
    """The node tree of a rule file, parsed by the same loader that loaded the rules (libyaml and
    the pure-Python parser disagree on a few flow-style edge cases)."""
    return parse_yaml(Path(path).read_text("utf-8"))[0]


def rule_where(rule: Rule, *path) -> str:
    line, col = node_mark(_tree(rule.file), ["rules", rule.index, *path])
    return f"{rule.file}:{line}:{col} {rule.id}"


def _placeholder_problems(rule: Rule) -> list[str]:
    module = checks.get(rule.check_type)
    known = set(module.PLACEHOLDERS) | {"reason"}
    out = []
    for key in ("message", "message_pass", "message_cut"):
        text = getattr(rule, key)
        if not text:
            continue
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            out.append(f"{rule_where(rule, key)} 消息中的花括号不成对 / malformed placeholder: {exc}")
            continue
        for name in fields:
            base = name.split(".")[0].split("[")[0]
            if base not in known:
                out.append(f"{rule_where(rule, key)} 未知的占位符 {{{name}}}（{rule.check_type} 提供：{', '.join(sorted(known))}）"
                           f" / unknown placeholder")
    return out


def rule_patterns(rule: Rule) -> list[tuple[tuple, str]]:
    """(YAML path, pattern) of every pattern a rule carries."""
    out = list(checks.patterns_of(rule.check_type, {k: v for k, v in rule.raw_check.items() if k != "type"}))
    if isinstance(rule.scope, dict) and "heading" in rule.scope:
        out.append((("scope", "heading"), rule.scope["heading"]))
    return out


def _pattern_problems(rule: Rule) -> list[str]:
    out = []
    for path, pattern in rule_patterns(rule):
        for problem in pattern_problems(pattern):
            out.append(f"{rule_where(rule, *path)} 模式“{pattern}”{problem}")
        for later, earlier in shadowed_alternatives(pattern):
            out.append(f"{rule_where(rule, *path)} 分支“{later}”被前面的“{earlier}”遮蔽，永远不会作为匹配结果"
                       f" / branch shadowed by an earlier one")
    listed = [(path, p) for path, p in rule_patterns(rule) if path[0] == "check" and path[1] == "patterns"]
    mode = rule.params.get("mode", "any")
    for j, (path, later) in enumerate(listed):
        for _, earlier in listed[:j]:
            if is_literal(earlier) and is_literal(later) and earlier in later:
                effect = "两者同时命中，会被重复计数" if mode == "at_least" else "只要它命中，前者必然命中，它是多余的"
                out.append(f"{rule_where(rule, *path)} 模式“{later}”包含前面的“{earlier}”：{effect} / overlaps an earlier pattern")
                break
    return out


def _applies_problems(rule: Rule) -> list[str]:
    years = rule.applies.get("years") or {}
    if "from" in years and "to" in years and years["from"] > years["to"]:
        return [f"{rule_where(rule, 'applies', 'years')} 适用年度范围为空（from {years['from']} > to {years['to']}）/ empty year range"]
    return []


def _example_problems(rule: Rule) -> list[str]:
    missing = [kind for kind in ("pass", "fail") if not rule.examples.get(kind)]
    if missing:
        return [f"{rule.file}:{rule.line}:1 {rule.id} 缺少{'和'.join('通过' if k == 'pass' else '不通过' for k in missing)}示例"
                f" / no {' and '.join(missing)} example"]
    return []


def _untested_problems(rule: Rule) -> list[str]:
    branches = {alt for _, p in rule_patterns(rule) for alt in top_level_alternatives(p)} | \
               {p for _, p in rule_patterns(rule)}
    return [f"{rule_where(rule, 'untested', i)} untested 中的“{entry['alternative']}”不是本规则的任何分支 / not a branch of this rule"
            for i, entry in enumerate(rule.untested) if entry["alternative"] not in branches]


def meaning_problems(ruleset: Ruleset) -> list[str]:
    out = []
    for rule in ruleset.rules:
        out += _placeholder_problems(rule)
        out += _pattern_problems(rule)
        out += _applies_problems(rule)
        out += _example_problems(rule)
        out += _untested_problems(rule)
    return out
