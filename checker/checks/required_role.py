"""``required_role``: the report has a part with this role (one of the five content items).

Parameters
  role        achievements | shortcomings | first_responsible | next_year | other
  levels      heading levels at which the part counts (default [1, 2]); a level-2 part counts only
              when it sits inside ``nested_in`` (e.g. first_responsible inside achievements).
  nested_in   roles whose level-2 children may carry this role (default []).
  mentions    patterns; when the part is missing, where the text mentions the subject anyway
              (a passing mention or a 一是-item) is reported as findings, so the author can see
              that a mention is not a part.

Placeholders: {heading} the part's heading, {level}, {mentions} number of mentions found.
"""
from __future__ import annotations

from ..patterns import rx
from ..base.vocab import ROLES

from ..base.cnnum import int_to_han
from .base import Context, Mark, Outcome, compile_patterns

TYPE = "required_role"
PARAMS = {
    "type": "object",
    "properties": {
        "role": {"enum": list(ROLES)},
        "levels": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 5}, "minItems": 1},
        "nested_in": {"type": "array", "items": {"type": "string"}},
        "mentions": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
    "required": ["role"],
}
DEFAULTS = {"levels": [1, 2], "nested_in": [], "mentions": []}
PATTERN_KEYS = ("mentions",)
PLACEHOLDERS = ("heading", "level", "mentions")
MAX_MENTIONS = 5


def prepare(params: dict) -> dict:
    return {**params, "_mentions": compile_patterns(params["mentions"])}


def _qualifying(ctx: Context):
    """Parts with the role: at an allowed level, either top-level (or under an unnamed umbrella
    heading) or nested inside a part whose role is listed in ``nested_in``."""
    params = ctx.params

    def visit(sections, parent):
        for section in sections:
            parent_role = parent.role if parent is not None else "none"
            if section.role == params["role"] and section.level in params["levels"] and \
                    (parent_role == "none" or parent_role in params["nested_in"]):
                yield section
            yield from visit(section.children, section)

    yield from visit(ctx.doc.sections, None)


def evaluate(ctx: Context) -> Outcome:
    part = next(_qualifying(ctx), None)
    if part is not None:
        heading = part.heading
        return Outcome("pass", {"heading": heading.text, "level": part.level, "mentions": 0},
                       evidence=[Mark(heading.start, heading.end, heading.text)])
    mentions: list[Mark] = []
    whole = [(ctx.doc.body_start, len(ctx.text))]
    for pattern in ctx.params["_mentions"]:
        for m in ctx.finditer(pattern, whole):
            if _in_other_part(ctx, m.start()):
                continue
            mentions.append(Mark(m.start(), m.end(), _where(ctx, m.start())))
    mentions = _one_per_place(ctx, _one_per_sentence(ctx.text, sorted(mentions, key=lambda f: f.start)))[:MAX_MENTIONS]
    return Outcome("fail", {"heading": "", "level": 0, "mentions": len(mentions)}, findings=mentions,
                   cut_short=ctx.doc.cut_at is not None)


def _in_other_part(ctx: Context, offset: int) -> bool:
    """A mention inside the problems or the plans part (第一责任人落实不够到位; 压实第一责任人责任) is
    about shortcomings or intentions, not an account of how the duty was performed."""
    role = ctx.params["role"]
    section = ctx.doc.innermost_section(offset)
    while section is not None:
        if section.role not in ("none", role) and section.role in ("shortcomings", "next_year"):
            return True
        section = ctx.doc.parent_of(section)
    return False


def _one_per_place(ctx: Context, mentions: list[Mark]) -> list[Mark]:
    """One finding per part: a sub-part that mentions the subject in its lead sentence and again in
    one of its items is one place, reported at its first mention."""
    seen, kept = set(), []
    for mention in mentions:
        section = ctx.doc.innermost_section(mention.start)
        place = section.start if section is not None else None
        if place not in seen:
            seen.add(place)
            kept.append(mention)
    return kept


_SENTENCE_MARK = rx.compile(r"[。；;!！?？\n]")


def _one_per_sentence(text: str, mentions: list[Mark]) -> list[Mark]:
    """Several patterns often hit the same sentence; one finding per sentence is enough."""
    kept: list[Mark] = []
    for mention in mentions:
        if kept and not _SENTENCE_MARK.search(text, kept[-1].end, mention.start):
            continue
        kept.append(mention)
    return kept


def _level_name(level: int) -> str:
    return f"{int_to_han(level)}级"


def _where(ctx: Context, offset: int) -> str:
    section = ctx.doc.innermost_section(offset)
    if section is None:
        return "在正文开头部分提及，但不是单独的部分"
    item = ctx.doc.item_at(offset)
    place = f"“{section.heading.marker}{section.heading.text}”"
    if section.heading.start <= offset < section.heading.end:
        # The sub-item is about the subject, but as a heading too deep (or under another part) to be the part.
        return f"只作为{_level_name(section.level)}标题{place}写到，不是单独的部分"
    if item is not None:
        return f"仅在{place}下的一个分项（{int_to_han(item.number)}是……）中提及，不是单独的部分"
    return f"仅在{place}中顺带提及，不是单独的部分"
