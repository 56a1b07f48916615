"""``catalogue``: which entries of a catalogue the scope names — the duties of the 第一责任人, the
task areas of the 纲要 in force for the report year.

Parameters
  catalogues   list of {years: [from, to] (either may be null), note: text, beyond: {after: year,
               note: text added for a report year after it}, entries: [...]}; the
               first whose years contain the report year is used (a report without a year uses
               the last).  Each entry: {name, patterns, min_hits (distinct patterns that must
               match, default 1), clause (optional spec clause id)}.
  min_named    entries that must be named (default: all of them).
  min_by_level issuer level → min_named (departments and townships need fewer).
  figure_window  characters after a match, or before it within its sentence (共936人向委员会述法),
               in which a figure counts as "named with a figure" (default 20).
  min_with_figures  entries that must be named with a figure (a count, not a date): a part that
               recites the duties of a regulation word for word names them all and shows none done.

Placeholders: {named} and {missing} (entry names, 无 when none), {thin} (entries with some evidence
but less than min_hits: "行政决策（只找到“重大行政决策”）"), {absent} (entries with none), {gaps}
(证据不足 and 没有写到 together, each only when it has entries), {shortfall} (what falls short, in
words: "只写到 2/9 项（至少 4 项），没有一项写明次数等数据（至少 2 项）"), {count}, {total}, {min},
{with_figures}, {note} (the chosen catalogue's note, e.g. that no newer 纲要 exists).
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, compile_patterns, not_applicable, reaches_cut, scope_anchor

TYPE = "catalogue"
_ENTRY = {"type": "object", "additionalProperties": False, "required": ["name", "patterns"], "properties": {
    "name": {"type": "string", "minLength": 1},
    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "min_hits": {"type": "integer", "minimum": 1},
    "clause": {"type": "string"},
}}
PARAMS = {"type": "object", "properties": {
    "catalogues": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False, "required": ["entries"], "properties": {
            "years": {"type": "array", "items": {"type": ["integer", "null"]}, "minItems": 2, "maxItems": 2},
            "note": {"type": "string"},
            "beyond": {"type": "object", "additionalProperties": False, "required": ["after", "note"],
                       "properties": {"after": {"type": "integer"}, "note": {"type": "string"}}},
            "entries": {"type": "array", "items": _ENTRY, "minItems": 1}}}},
    "min_named": {"type": "integer", "minimum": 0},
    "min_by_level": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
    "figure_window": {"type": "integer", "minimum": 0},
    "min_with_figures": {"type": "integer", "minimum": 0},
}, "required": ["catalogues"]}
DEFAULTS = {"min_named": None, "min_by_level": {}, "figure_window": 20, "min_with_figures": 0}
PATTERN_KEYS = ()
PLACEHOLDERS = ("named", "missing", "thin", "absent", "gaps", "shortfall", "count", "total", "min", "with_figures", "note")
_MEASURED = ("count", "amount", "rate", "measure", "duration", "multiple")


def prepare(params: dict) -> dict:
    compiled = [[(entry, compile_patterns(entry["patterns"])) for entry in cat["entries"]] for cat in params["catalogues"]]
    return {**params, "_compiled": compiled}


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    """(YAML path, pattern) of every pattern, for validation and branch coverage."""
    return [(("check", "catalogues", c, "entries", e, "patterns", p), pattern)
            for c, cat in enumerate(params["catalogues"]) for e, entry in enumerate(cat["entries"])
            for p, pattern in enumerate(entry["patterns"])]


def _choose(params: dict, year: int | None) -> int:
    for index, cat in enumerate(params["catalogues"]):
        low, high = (cat.get("years") or [None, None])
        if year is not None and (low is None or year >= low) and (high is None or year <= high):
            return index
    return len(params["catalogues"]) - 1


def _note(catalogue: dict, year: int | None) -> str:
    """The catalogue's note, and its ``beyond`` note only for a year past the catalogue's own period."""
    beyond = catalogue.get("beyond")
    extra = beyond["note"] if beyond and year is not None and year > beyond["after"] else ""
    return catalogue.get("note", "") + extra


_SENTENCE_END = "。；;！!？?\n"


def _figures_near(ctx: Context, start: int, end: int, window: int):
    """Figures up to ``window`` characters after a match, or before it in the same sentence."""
    before = max(0, start - window)
    cut = max(ctx.text.rfind(mark, before, start) for mark in _SENTENCE_END)
    yield from ctx.doc.figures_in(max(before, cut + 1), start)
    yield from ctx.doc.figures_in(end, end + window + 1)


def _shortfall(count: int, total: int, required: int, with_figures: int, figures_required: int) -> str:
    """What falls short, in words: too few entries named, too few named with a figure, or both;
    a part that names enough entries and none with a figure lists duties without saying how much was
    done (it may still be concrete: dated meetings are named, not counted)."""
    few = count < required
    bare = with_figures < figures_required
    parts = []
    if count == 0:
        return f"一项也没有写到（共 {total} 项，至少 {required} 项）"
    if few:
        parts.append(f"只写到 {count}/{total} 项（至少 {required} 项）")
    else:
        parts.append(f"写到 {count}/{total} 项")
    if bare:
        parts.append(f"{'没有一项' if with_figures == 0 else f'仅 {with_figures} 项'}写明次数等数据（至少 {figures_required} 项）")
    if bare and not few:
        parts.append("只列举了事项，没有写明各做了多少")
    return "，".join(parts)


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    params = ctx.params
    index = _choose(params, ctx.doc.meta.year)
    catalogue = params["catalogues"][index]
    named, missing, thin, absent, evidence, with_figures = [], [], [], [], [], 0
    for entry, patterns in params["_compiled"][index]:
        hits = [m for p in patterns if (m := ctx.search(p))]
        if 0 < len(hits) < entry.get("min_hits", 1):
            thin.append(f"{entry['name']}（只找到{'、'.join('“' + m.group() + '”' for m in hits)}）")
        elif not hits:
            absent.append(entry["name"])
        if len(hits) >= entry.get("min_hits", 1):
            named.append(entry["name"])
            evidence += [Mark(m.start(), m.end(), entry["name"]) for m in hits]
            # Any mention of the entry may carry its figure (学法常态化，全年会前学法6次), not only the first.
            if any(f.kind in _MEASURED for p in patterns for m in ctx.finditer(p)
                   for f in _figures_near(ctx, m.start(), m.end(), params["figure_window"])):
                with_figures += 1
        else:
            missing.append(entry["name"])
    total = len(named) + len(missing)
    required = params["min_by_level"].get(ctx.doc.meta.issuer_level or "", params["min_named"])
    required = total if required is None else min(required, total)
    values = {"named": "、".join(named) or "无", "missing": "、".join(missing) or "无", "thin": "；".join(thin) or "无",
              "absent": "、".join(absent) or "无", "count": len(named), "total": total,
              "min": required, "with_figures": with_figures, "note": _note(catalogue, ctx.doc.meta.year),
              "shortfall": _shortfall(len(named), total, required, with_figures, params["min_with_figures"]),
              "gaps": "；".join(part for part in (f"证据不足：{'；'.join(thin)}" if thin else "",
                                                 f"没有写到：{'、'.join(absent)}" if absent else "") if part) or "各项都有证据"}
    status = "pass" if len(named) >= required and with_figures >= params["min_with_figures"] else "fail"
    # The clauses of the other catalogues (an expired 纲要) are not what this report is held to.
    other = {entry["clause"] for i, cat in enumerate(params["catalogues"]) if i != index
             for entry in cat["entries"] if entry.get("clause")}
    other -= {entry["clause"] for entry in catalogue["entries"] if entry.get("clause")}
    return Outcome(status, values, findings=[] if status == "pass" else scope_anchor(ctx),
                   evidence=sorted(evidence, key=lambda f: f.start), spec_left_out=other,
                   cut_short=status == "fail" and reaches_cut(ctx))
