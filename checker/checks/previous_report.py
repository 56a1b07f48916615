"""``previous_report``: compares the report with the issuer's previous one (``--previous FILE``).

Modes
  repeated      items of ``role`` (problems, plans) repeated almost word for word from last year
                (character similarity at least ``similarity``, default 0.8).
  followed_up   last year's plan items whose content words (jieba) no sentence of this year's
                ``target_role`` (achievements) takes up (``min_shared`` of them): plans not followed up.
  reused        the share of the ``role`` part's text (``document`` for all of it) taken over word for
                word from last year's report (the batch's copied-text fingerprints); fails from
                ``max_share`` on (default 0.3), with the longest reused passage as the finding.

Not applicable without a previous report.  Placeholders: {count}, {total}, {labels}.
"""
from __future__ import annotations

from ..patterns import rx
from ..base.vocab import ROLES

from difflib import SequenceMatcher

from .base import Context, Mark, Outcome, not_applicable
from .items import first_sentence, items_in_scope
from .scope import resolve_scope

TYPE = "previous_report"
_ROLES = {"enum": list(ROLES)}
PARAMS = {"type": "object", "properties": {
    "mode": {"enum": ["repeated", "followed_up", "reused"]},
    "role": {"anyOf": [_ROLES, {"const": "document"}]},
    "target_role": _ROLES,
    "similarity": {"type": "number", "minimum": 0, "maximum": 1},
    "min_shared": {"type": "integer", "minimum": 1},
    "max_share": {"type": "number", "minimum": 0, "maximum": 1},
}, "required": ["mode", "role"]}
DEFAULTS = {"target_role": "achievements", "similarity": 0.8, "min_shared": 2, "max_share": 0.3}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "total", "labels", "share")
_NOISE = rx.compile(r"[\s\p{P}\p{S}\d]+")
_SENTENCE = rx.compile(r"[^。；;!！?？\n]+")


def prepare(params: dict) -> dict:
    return params


def _bare(text: str) -> str:
    return _NOISE.sub("", text)


def _items(ctx: Context, doc, role: str):
    scope = resolve_scope(doc, {"role": role})
    sub = Context(doc, scope, ctx.params, ctx.timeout)
    return sub, (items_in_scope(sub) if scope.found else [])


def _repeated(ctx: Context, previous) -> Outcome:
    _, current = _items(ctx, ctx.doc, ctx.params["role"])
    old_ctx, old = _items(ctx, previous, ctx.params["role"])
    if not current or not old:
        return not_applicable("scope")
    old_texts = [_bare(item.text(old_ctx.text)) for item in old]
    repeated = []
    for item in current:
        body = _bare(item.text(ctx.text))
        if len(body) >= 8 and any(SequenceMatcher(None, body, o, autojunk=False).ratio() >= ctx.params["similarity"]
                                  for o in old_texts):
            repeated.append(item)
    values = {"count": len(repeated), "total": len(current), "labels": "、".join(i.label for i in repeated)}
    findings = [Mark(*first_sentence(ctx.text, i), f"“{i.label}”与上一年度报告几乎相同") for i in repeated]
    return Outcome("fail" if repeated else "pass", values, findings=findings)


def _followed_up(ctx: Context, previous) -> Outcome:
    from ..patterns.tokens import content_words

    old_ctx, plans = _items(ctx, previous, ctx.params["role"])
    target = [(s.start, s.end) for s in ctx.doc.sections if s.role == ctx.params["target_role"]]
    if not plans or not target:
        return not_applicable("scope")
    # A plan counts as reported on when one sentence of this year's part takes up its words.
    sentences = [content_words(m.group()) for s, e in target for m in _SENTENCE.finditer(ctx.text, s, e)]
    missing = [p for p in plans if max((len(content_words(p.text(old_ctx.text)) & words) for words in sentences),
                                       default=0) < ctx.params["min_shared"]]
    labels = "、".join(f"{p.label}（{_bare(p.text(old_ctx.text))[:16]}…）" for p in missing)
    values = {"count": len(missing), "total": len(plans), "labels": labels}
    anchor = [(s.heading.start, s.heading.end) for s in ctx.doc.sections if s.role == ctx.params["target_role"]][:1]
    findings = [Mark(a, b, f"上一年度安排未见落实情况：{labels}") for a, b in anchor] if missing else []
    return Outcome("fail" if missing else "pass", values, findings=findings)


def evaluate(ctx: Context) -> Outcome:
    previous = ctx.related.get("previous")
    if previous is None:
        return not_applicable("no previous report")
    mode = ctx.params["mode"]
    if mode == "reused":
        return _reused(ctx, previous)
    return _repeated(ctx, previous) if mode == "repeated" else _followed_up(ctx, previous)


def _part_text(doc, role: str) -> tuple[str, int]:
    if role == "document":
        return doc.norm.text[doc.body_start:], doc.body_start
    sections = [s for s in doc.sections if s.role == role]
    if not sections:
        return "", 0
    start = sections[0].heading.end  # the heading is the same every year; the content is what counts
    return doc.norm.text[start:sections[-1].end], start


def _reused(ctx: Context, previous) -> Outcome:
    from ..document.fingerprints import fingerprints, reused_passages

    text, offset = _part_text(ctx.doc, ctx.params["role"])
    old, _ = _part_text(previous, ctx.params["role"])
    if not text or not old:
        return not_applicable("scope")
    mine, theirs = fingerprints(text), fingerprints(old)
    share = len(set(mine) & set(theirs)) / len(mine) if mine else 0.0
    values = {"count": 0, "total": len(mine), "labels": "", "share": round(100 * share)}
    if share < ctx.params["max_share"]:
        return Outcome("pass", values)
    passages = reused_passages(text, mine, set(theirs))
    start, end = passages[0] if passages else (0, min(len(text), 60))
    values["count"] = len(passages)
    return Outcome("fail", values, findings=[Mark(offset + start, offset + end,
                                                    f"这一段与上一年度报告相同（{end - start} 字）")])
