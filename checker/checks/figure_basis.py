"""``figure_basis``: figures whose basis an auditor looks for beyond one sentence.

Modes
  rate_base   a rate that needs a number of cases behind it (纠错率, 败诉率 …: ``rates``) with no
              count of those cases (件、起、宗 …) near it — in its paragraph or the one before — in a
              sentence that names the rate's field (复议, 诉讼 …: the field named beside the rate,
              else the rate's own ``fields``).  "纠错率12%" alone says nothing of 1 case or 100.
  ledger      a whole, its part and what remains named across the sentences of one paragraph
              (受理行政复议案件52件。……办结45件。……尚有5件在办理中): the whole less the part must
              equal the remainder; parts introduced by 其中 in the sentence after a total (共…) may not
              add up to more than it.  One sentence alone is the business of figure_consistency.

Parameters
  mode     rate_base | ledger
  rates    (rate_base) list of {name: pattern of the rate's name before 率, fields: pattern of its
           field words}
  flows    (ledger) list of {whole, part, rest} patterns of the labels of the three figures

Placeholders: {count} findings.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..patterns import rx
from .base import Context, Mark, Outcome, compile_patterns

TYPE = "figure_basis"
# Its verdict rests on exact figures, which a text recognised from a scan may have misread.
READS_FIGURES = True
_PATTERN = {"type": "string", "minLength": 1}
PARAMS = {"type": "object", "properties": {
    "mode": {"enum": ["rate_base", "ledger"]},
    "rates": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["name", "fields"],
                                         "properties": {"name": _PATTERN, "fields": _PATTERN}}},
    "flows": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                         "required": ["whole", "part", "rest"],
                                         "properties": {"whole": _PATTERN, "part": _PATTERN, "rest": _PATTERN}}},
    "case_units": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
}, "required": ["mode"]}
DEFAULTS = {"rates": [], "flows": [], "case_units": ["件", "起", "宗", "个", "人次", "次", "批次"]}
PLACEHOLDERS = ("count",)
PATTERN_KEYS = ()
_SENTENCE_MARKS = "。；;!！?？\n"
_CLAUSE_MARKS = _SENTENCE_MARKS + ",，、:："
_NOT_HAN = rx.compile(r"[^\p{Han}]")
_TOTAL_WORDS = rx.compile(r"(共|总计|合计|共计|全年)\p{Han}{0,10}$")
_PARTS_LEAD = rx.compile(r"\s*(其中|分别为|分别是)")
_NEAR = 12  # a flow's figures stand within a few figures of each other
_REACH = 1500  # how far from a figure its sentence start or a rate's count is looked for (a pasted table)
_SENTENCE_END = rx.compile(r"[。；;!！?？\n]")


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    out = []
    for i, rate in enumerate(params.get("rates") or []):
        out += [(("check", "rates", i, "name"), rate["name"]), (("check", "rates", i, "fields"), rate["fields"])]
    for i, flow in enumerate(params.get("flows") or []):
        out += [(("check", "flows", i, key), flow[key]) for key in ("whole", "part", "rest")]
    return out


def prepare(params: dict) -> dict:
    rates = [(rx.compile(f"(?:{r['name']})(?:率|比率)\\p{{Han}}{{0,6}}$"),
              rx.compile(r["fields"])) for r in params.get("rates") or []]
    flows = [tuple(compile_patterns([f["whole"], f["part"], f["rest"]])) for f in params.get("flows") or []]
    return {**params, "_rates": rates, "_flows": flows}


def _back_to(text: str, marks: str, floor: int, position: int) -> int:
    for i in range(position - 1, floor - 1, -1):
        if text[i] in marks:
            return i + 1
    return floor


def _forward_to(text: str, marks: str, position: int, ceiling: int) -> int:
    for i in range(position, ceiling):
        if text[i] in marks:
            return i
    return ceiling


def _label(text: str, figure, floor: int) -> str:
    """The Han words of a figure's clause before it (受理行政复议案件 in "，受理行政复议案件52件")."""
    start = _back_to(text, _CLAUSE_MARKS, max(floor, figure.start - 60), figure.start)
    return _NOT_HAN.sub("", text[start:figure.start])


def _words_after(text: str, figure, ceiling: int) -> str:
    """The Han words of a figure's clause after it (在办理中 in "尚有5件在办理中")."""
    end = _forward_to(text, _CLAUSE_MARKS, figure.end, min(ceiling, figure.end + 30))
    return _NOT_HAN.sub("", text[figure.end:end])


def _paragraph_index(ctx: Context, offset: int) -> int:
    starts = ctx.doc.__dict__.setdefault("_paragraph_starts", [p.start for p in ctx.doc.paragraphs])
    return bisect_right(starts, offset) - 1


def evaluate(ctx: Context) -> Outcome:
    if ctx.params["mode"] == "rate_base":
        findings = _rate_base(ctx)
    else:
        findings = _ledger(ctx)
    return Outcome("fail" if findings else "pass", {"count": len(findings)}, findings=findings)


def _rate_base(ctx: Context) -> list[Mark]:
    text, out = ctx.text, []
    paragraphs = ctx.doc.paragraphs
    units = set(ctx.params["case_units"])
    for span_start, span_end in ctx.scope.spans:
        for rate in ctx.doc.figures_in(span_start, span_end):
            if rate.kind != "rate" or rate.unit != "%":
                continue
            label = _label(text, rate, span_start)
            named = next(((m, fields) for name, fields in ctx.params["_rates"] for m in [name.search(label)] if m), None)
            if not named:
                continue
            match, fields = named
            index = _paragraph_index(ctx, rate.start)
            lo = paragraphs[max(0, index - 1)].start if index >= 0 else span_start
            hi = paragraphs[index].end if index >= 0 else span_end
            sentence_start = _back_to(text, _SENTENCE_MARKS, max(lo, rate.start - 200), rate.start)
            own_fields = [f for f in fields.findall(text[sentence_start:rate.start]) if f]
            wanted = rx.compile("|".join(map(regex.escape, dict.fromkeys(own_fields)))) if own_fields else fields
            backed = False
            for count in ctx.doc.figures_in(max(lo, rate.start - _REACH), min(hi, rate.end + _REACH)):
                if count.kind != "count" or count.unit not in units:
                    continue
                start = _back_to(text, _SENTENCE_MARKS, max(lo, count.start - 200), count.start)
                if wanted.search(text, start, count.start):
                    backed = True
                    break
            if not backed:
                name = label[match.start():match.start() + label[match.start():].index("率") + 1]
                out.append(Mark(rate.start, rate.end,
                                   f"{name}{rate.text}没有写明所依据的案件数，看不出是多少件中的比例"))
    return out


def _ledger(ctx: Context) -> list[Mark]:
    text, out = ctx.text, []
    for span_start, span_end in ctx.scope.spans:
        for para in ctx.doc.paragraphs:
            if para.end <= span_start or para.start >= span_end:
                continue
            lo, hi = max(para.start, span_start), min(para.end, span_end)
            figures = [f for f in ctx.doc.figures_in(lo, hi) if f.kind in ("count", "amount") and not f.approx]
            if len(figures) < 2:
                continue
            labelled = [(f, _label(text, f, lo), _back_to(text, _SENTENCE_MARKS, max(lo, f.start - _REACH), f.start))
                        for f in figures]
            out += _flows(ctx, [(f, label + "|" + _words_after(text, f, hi), sentence) for f, label, sentence in labelled])
            out += _parts_after_total(ctx, labelled, hi)
    return out


def _flows(ctx: Context, labelled: list) -> list[Mark]:
    out = []
    for whole_words, part_words, rest_words in ctx.params["_flows"]:
        for i, (whole, whole_label, whole_sentence) in enumerate(labelled):
            if not whole_words.search(whole_label.split("|")[0]):
                continue
            later = []
            for entry in labelled[i + 1:i + 1 + _NEAR]:
                if entry[0].unit == whole.unit and whole_words.search(entry[1].split("|")[0]):
                    break  # another whole of the same kind begins another account
                later.append(entry)
            part = next((e for e in later if e[0].unit == whole.unit and part_words.search(e[1])), None)
            rest = next((e for e in later if e[0].unit == whole.unit and rest_words.search(e[1])), None)
            if not part or not rest or whole_sentence == part[2] == rest[2]:
                continue
            if whole.value - part[0].value != rest[0].value:
                out.append(Mark(whole.start, rest[0].end,
                                   f"{whole_label.split('|')[0][-8:]}{whole.text}，{part[1].split('|')[0][-6:]}{part[0].text}，"
                                   f"{rest[1].split('|')[0][-6:]}{rest[0].text}{rest[1].split('|')[1][:6]}："
                                   f"{whole.text}减去{part[0].text}应为{(whole.value - part[0].value).normalize():f}{whole.unit}，前后不一致"))
    return out


def _parts_after_total(ctx: Context, labelled: list, ceiling: int) -> list[Mark]:
    """A total at the end of one sentence and parts introduced by 其中 in the next."""
    text, out = ctx.text, []
    if not labelled:
        return out
    floor = labelled[0][2]
    # Sentence ends found once per paragraph (a table pasted as one sentence has thousands of figures).
    ends = [m.start() for m in _SENTENCE_END.finditer(text, floor, ceiling)] + [ceiling]
    for i, (total, label, sentence) in enumerate(labelled):
        if total.kind != "count" or not _TOTAL_WORDS.search(label):
            continue
        at = bisect_left(ends, total.end)
        end = ends[at]
        if end >= ceiling or text[end] not in "。；;" or not _PARTS_LEAD.match(text, end + 1):
            continue
        if i + 1 < len(labelled) and labelled[i + 1][0].start < end:
            continue  # the total is not the last figure of its sentence
        next_end = ends[at + 1] if at + 1 < len(ends) else ceiling
        parts = []
        for f, _, _ in labelled[i + 1:]:
            if f.start >= next_end:
                break
            if f.unit == total.unit and f.kind == "count":
                parts.append(f)
        if len(parts) >= 2 and sum(f.value for f in parts) > total.value:
            out.append(Mark(total.start, parts[-1].end,
                               f"其中各项之和为{sum(f.value for f in parts).normalize():f}{total.unit}，"
                               f"超过了前一句的总数{total.text}"))
    return out
