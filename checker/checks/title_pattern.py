"""``title_pattern``: the report's title line says what the report is.

Parameters
  require   patterns that must all match the title (e.g. 法治政府建设, a year, 报告).
  forbid    patterns that must not match (e.g. 工作总结).
  labels    optional names of the required patterns, for the message (same order as require).

A report with no title line fails.  Placeholders: {title}, {missing}, {forbidden}, {problems} (all
problems in one phrase: 缺少“报告”；使用了“工作总结”).
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, compile_patterns

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
PLACEHOLDERS = ("title", "missing", "forbidden", "problems")


def prepare(params: dict) -> dict:
    return {**params, "_require": compile_patterns(params["require"]), "_forbid": compile_patterns(params["forbid"])}


def _forbidden_matches(ctx: Context, start: int, end: int) -> list:
    """Matches of the forbid patterns, leaving out those inside an earlier, longer one (总结 in 工作总结)."""
    found = [m for c in ctx.params["_forbid"] if (m := c.search(ctx.text, start, end, timeout=ctx.timeout))]
    kept = []
    for m in sorted(found, key=lambda m: (m.start(), -(m.end() - m.start()))):
        if not any(k.start() <= m.start() and m.end() <= k.end() for k in kept):
            kept.append(m)
    return kept


def evaluate(ctx: Context) -> Outcome:
    """Required words are looked for in the title as joined from its lines (a PDF wraps it
    anywhere: …情况报 / 告)."""
    meta = ctx.doc.meta
    if not meta.title_span:
        anchor = ctx.doc.paragraphs[0] if ctx.doc.paragraphs else None
        findings = [Mark(anchor.start, anchor.start, "正文之前没有标题")] if anchor else []
        return Outcome("fail", {"title": "", "missing": "标题", "forbidden": "", "problems": "正文之前没有标题"},
                       findings=findings)
    start, end = meta.title_span
    labels = ctx.params["labels"]
    missing = [labels[i] if i < len(labels) else p for i, (p, c) in
               enumerate(zip(ctx.params["require"], ctx.params["_require"])) if not c.search(meta.title, timeout=ctx.timeout)]
    forbidden = _forbidden_matches(ctx, start, end)
    problems = ([f"标题缺少{'、'.join(missing)}"] if missing else []) + [f"标题使用了“{m.group()}”" for m in forbidden]
    values = {"title": meta.title, "missing": "、".join(missing), "forbidden": "、".join(m.group() for m in forbidden),
              "problems": "；".join(problems)}
    if not problems:
        return Outcome("pass", values, evidence=[Mark(start, end, meta.title)])
    findings = [Mark(m.start(), m.end(), f"标题使用了“{m.group()}”") for m in forbidden]
    if missing:
        findings.append(Mark(start, end, f"标题缺少{values['missing']}"))
    return Outcome("fail", values, findings=sorted(findings, key=lambda f: f.start))
