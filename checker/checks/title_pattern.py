"""``title_pattern``: the report's title line says what the report is.

Parameters
  require   patterns that must all match the title (e.g. 法治政府建设, a year, 报告).
  forbid    patterns that must not match (e.g. 工作总结).
  labels    optional names of the required patterns, for the message (same order as require).

A report with no title line fails.  Placeholders: {title}, {missing}, {forbidden}.
"""
from __future__ import annotations

from .base import Context, Finding, Outcome, compile_patterns

TYPE = "title_pattern"
PARAMS = {
    "type": "object",
    "properties": {
        "require": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "forbid": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "labels": {"type": "array", "items": {"type": "string"}},
    },
}
DEFAULTS = {"require": [], "forbid": [], "labels": []}
PATTERN_KEYS = ("require", "forbid")


def prepare(params: dict) -> dict:
    return {**params, "_require": compile_patterns(params["require"]), "_forbid": compile_patterns(params["forbid"])}


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    if not meta.title_span:
        anchor = ctx.doc.paragraphs[0] if ctx.doc.paragraphs else None
        findings = [Finding(anchor.start, anchor.start, "正文之前没有标题")] if anchor else []
        return Outcome("fail", {"title": "", "missing": "正文之前没有标题行", "forbidden": ""}, findings=findings)
    start, end = meta.title_span
    labels = ctx.params["labels"]
    missing = [labels[i] if i < len(labels) else p for i, (p, c) in
               enumerate(zip(ctx.params["require"], ctx.params["_require"])) if not c.search(ctx.text, start, end, timeout=ctx.timeout)]
    forbidden = [m for c in ctx.params["_forbid"] if (m := c.search(ctx.text, start, end, timeout=ctx.timeout))]
    values = {"title": meta.title, "missing": "、".join(missing), "forbidden": "、".join(m.group() for m in forbidden)}
    if not missing and not forbidden:
        return Outcome("pass", values, evidence=[Finding(start, end, meta.title)])
    findings = [Finding(m.start(), m.end(), f"标题使用了“{m.group()}”") for m in forbidden]
    if missing:
        findings.append(Finding(start, end, f"标题缺少：{values['missing']}"))
    return Outcome("fail", values, findings=findings)
