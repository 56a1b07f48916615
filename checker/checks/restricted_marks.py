"""``restricted_marks``: markings that bar a text from publication — 密级 marks (秘密★1年, 密级：),
restricted circulation (内部资料，注意保存; 仅供内部参考; 不得外传; 此件不公开) and draft marks
(征求意见稿, 讨论稿) — anywhere in the text, as authors type them (spaces between the characters).

The markings are data (data/restricted_marks.yaml, each with its source).  Words that are a marking
only when they stand as one (``alone``: 不得外传, 注意保存, 讨论稿 …) count on a line of their own, in
brackets, or beside other markings — "涉密文件不得外传" in a sentence about secrecy work and "完成初稿"
are not markings.  A marking inside a cited title 《…》 belongs to that document.

Parameters
  kinds   any of classified, restricted, draft (default all).
  marks   extra markings of the rule's own, in the data file's shape.

Placeholders: {count} markings, {found} the markings as written.
"""
from __future__ import annotations

from functools import lru_cache

from ..patterns import rx
from ..base.yamlsafe import package_data
from ..base.vocab import ZONE_ZH
from .base import Context, Mark, Outcome, outside_zones, zone_anchor

TYPE = "restricted_marks"
KINDS = ("classified", "restricted", "draft")
_MARK = {"type": "object", "additionalProperties": False, "required": ["form", "kind", "source"], "properties": {
    "form": {"type": "string", "minLength": 1}, "kind": {"enum": list(KINDS)}, "alone": {"type": "boolean"},
    "source": {"type": "string", "minLength": 1}}}
PARAMS = {"type": "object", "properties": {
    "kinds": {"type": "array", "items": {"enum": list(KINDS)}, "minItems": 1},
    "marks": {"type": "array", "items": _MARK}}}
DEFAULTS = {"kinds": list(KINDS), "marks": []}
PLACEHOLDERS = ("count", "found")
PATTERN_KEYS = ()
NAMES = {"classified": "密级标志", "restricted": "限制传播的标注", "draft": "稿本标注"}
_OPEN = "（(【[〔"
_CLOSE = "）)】]〕"
_NOT_WORDS = rx.compile(r"[^\p{Han}A-Za-z]+")
_OPEN_TITLE = rx.compile(r"《[^《》\n]*$")
_SPREAD = 24  # how far a bracket around a marking is looked for


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    return [(("check", "marks", i, "form"), mark["form"]) for i, mark in enumerate(params.get("marks") or [])]


@lru_cache(maxsize=1)
def bundled_marks() -> tuple[dict, ...]:
    data = package_data("checks", "restricted_marks")
    return tuple(data["marks"])


def _spaced(form: str) -> str:
    """The form with optional spaces between its Chinese characters (内 部 资 料)."""
    out = []
    for ch, following in zip(form, [*form[1:], ""]):
        out.append(ch)
        if _han(ch) and _han(following):
            out.append("[ \u3000]?")
    return "".join(out)


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def prepare(params: dict) -> dict:
    marks = [m for m in (*bundled_marks(), *(params.get("marks") or [])) if m["kind"] in params["kinds"]]
    pattern = rx.compile("|".join(f"(?P<m{i}>{_spaced(m['form'])})" for i, m in enumerate(marks))) if marks else None
    anything = rx.compile("|".join(f"(?:{_spaced(m['form'])})" for m in (*bundled_marks(), *(params.get("marks") or []))))
    return {**params, "_marks": marks, "_pattern": pattern, "_anything": anything}


def _setting(text: str, start: int, end: int) -> tuple[int, int]:
    """The bracket around [start, end) when there is one nearby on the line, else the line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = max(line_start, start - _SPREAD)
    opening = max(text.rfind(ch, left, start) for ch in _OPEN)
    if opening != -1:
        closers = [i for i in (text.find(ch, end, min(line_end, end + _SPREAD)) for ch in _CLOSE) if i != -1]
        if closers and not any(text.find(ch, opening + 1, start) != -1 for ch in _CLOSE):
            return opening + 1, min(closers)
    return line_start, line_end


def _stands_alone(ctx: Context, start: int, end: int) -> bool:
    lo, hi = _setting(ctx.text, start, end)
    rest = ctx.params["_anything"].sub("", ctx.text[lo:hi])
    return not _NOT_WORDS.sub("", rest)


def evaluate(ctx: Context) -> Outcome:
    findings, found = _scan(ctx)
    # A header or footer is where a 密级 mark is printed: the zones outside the body are read too.
    anchor = zone_anchor(ctx)
    for zone, zone_text in outside_zones(ctx):
        for finding, words in zip(*_scan(zone_text)):
            findings.append(Mark(*anchor, f"{ZONE_ZH.get(zone, zone)}中{finding.message}"))
            found.append(words)
    values = {"count": len(findings), "found": "、".join(dict.fromkeys(found))}
    return Outcome("fail" if findings else "pass", values, findings=findings)


def _scan(ctx) -> tuple[list[Mark], list[str]]:
    """(findings, the words of each) in ctx.text."""
    findings, found = [], []
    pattern = ctx.params["_pattern"]
    if pattern is not None:
        for match in ctx.finditer(pattern):
            mark = ctx.params["_marks"][int(match.lastgroup[1:])]
            if _OPEN_TITLE.search(ctx.text, max(0, match.start() - 60), match.start()):
                continue
            if mark.get("alone") and not _stands_alone(ctx, match.start(), match.end()):
                continue
            findings.append(Mark(match.start(), match.end(),
                                    f"“{match.group()}”是{NAMES[mark['kind']]}，公开发布的报告不能带有（{mark['source']}）"))
            found.append(match.group())
    return findings, found
