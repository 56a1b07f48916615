"""``figure_consistency``: figures in one sentence that must agree.  Precision first: a false
alarm here discredits the tool, so only three unambiguous shapes are checked.

1. Parts of a total: "共抽查160卷，其中优秀84卷，合格54卷，不合格22卷" — figures are parts of a total
   only when the text introduces them as its parts (其中, 包括, 含, a colon, …分别为, or a bracket
   opened by one of these, which then holds them) or when they partition it by their names
   (grades, or X and 不X/未X, or the very categories the total names: 共办理建议、提案11件，其中
   建议6件，提案5件); categories named beside a total (共取消15项，新增17项) are its siblings.  A partition must add up to the total; other parts may not exceed it.  The parts
   are one list: items joined by one kind of mark (、 or ，).
2. A rate and its counts: "收到申请177件，……纠错61件，纠错率34.46%" — the rate's name (纠错率)
   names a count (纠错61件) and an earlier count with the same unit is the total; the rate must
   equal part / total within the rounding of the stated rate.  A stated rate above part / total
   where the total counts cases received (受理, 办理) may be over the cases concluded, which the
   sentence does not give: the finding then gives the computed rate and asks for that base,
   instead of correcting it (a completion rate, 办结率, is over all received and is corrected).
3. Rates that cannot exceed 100%: 出庭应诉率, 办结率, 覆盖率 … above 100% (growth rates, 增长率 …,
   may).

Parameters
  checks        which of sums, rates, caps (default all).
  growth_words  words that mark rates that may exceed 100% (default 增长 增幅 增速 提高 上升 同比 环比).

Each inconsistency is reported on every figure involved.  Placeholders: {count}.
"""
from __future__ import annotations

from decimal import Decimal

from ..patterns import rx
from .base import Context, Mark, Outcome, after_last

TYPE = "figure_consistency"
# Its verdict rests on exact figures, which a text recognised from a scan may have misread.
READS_FIGURES = True
PARAMS = {"type": "object", "properties": {
    "checks": {"type": "array", "items": {"enum": ["sums", "rates", "caps", "differences"]}, "minItems": 1},
    "growth_words": {"type": "array", "items": {"type": "string", "minLength": 1}},
}}
DEFAULTS = {"checks": ["sums", "rates", "caps", "differences"], "growth_words": ["增长", "增幅", "增速", "提高", "上升", "同比", "环比", "下降"]}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count",)
_SENTENCE = rx.compile(r"[^。；;!！?？\n]+")
_GRADES = ("优秀", "良好", "合格", "基本合格", "不合格", "较差", "差")
_TOTAL_WORDS = rx.compile(r"(共|总计|合计|共计)\p{Han}{0,6}$")
# A total that counts what came in (cases received or handled), and rates whose base is all of it.
_INTAKE = rx.compile(r"收到|受理|办理|收案|新收|立案|接收")
_COMPLETION = rx.compile(r"办结|结案|审结|完成|受理|答复|处理")
_RATE_NAME = rx.compile(r"(?P<noun>(\p{Han}{1,8}?)(?:率|比例|占比))(?:为|是|达到|达|约为|约)?$")


def prepare(params: dict) -> dict:
    return params


_NOT_HAN = rx.compile(r"[^\p{Han}]")
_LEAD_WORD = rx.compile(r"^(其中|另有|还有|以及)")
# A total's parts and a rate's numerator and denominator stand within a few figures of it; a
# "sentence" with hundreds of figures (a table pasted as one line) is not searched pair by pair.
_NEAR = 12


def _label(text: str, clause_start: int, figure_start: int) -> str:
    """The Han words between the clause start and a figure: 优秀 in "，优秀84卷"."""
    return _LEAD_WORD.sub("", _NOT_HAN.sub("", text[clause_start:figure_start]))


_CLAUSE_WINDOW = 120  # a label is a few words before its figure; a longer run has no clause marks to find


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    return after_last(text, ",，、:：", max(sentence_start, position - _CLAUSE_WINDOW), position)


def _is_partition(labels: list[str]) -> bool:
    if len(labels) >= 2 and all(label.endswith(_GRADES) for label in labels):
        return True
    bare = {rx.sub(r"^(不|未|非|没有)", "", label) for label in labels}
    return len(labels) == 2 and len(bare) == 1


# What introduces a total's parts right after it: 其中, 包括, 含, a colon; or a bracket opened by one
# of these, which then holds the parts.  Categories named beside a total without one of these
# (共取消15项，新增17项、扩大权限37项) are its siblings, not its parts.
_INTRODUCER = rx.compile(r"^\s*[,，]?\s*(?P<open>[(（])?\s*(?:其中|包括|包含|含)|^\s*[:：]")
_RESPECTIVELY = rx.compile(r"分别(?:为|是)")
_NAME_SEP = rx.compile(r"[、和及与]")
_CLOSE = rx.compile(r"[)）]")
_LIST_MARKS = ",，、"


def _one_list(text: str, parts: list) -> list:
    """The leading figures of ``parts`` that form one list: consecutive items joined by one kind
    of mark (、 or ，), so a list ends where the author moves on (…不合格12卷，对部门…)."""
    out, joint = parts[:1], None
    for previous, part in zip(parts, parts[1:]):
        between = text[previous.end:part.start]
        marks = [c for c in between if c in _LIST_MARKS]
        kind = "、" if marks and marks[-1] == "、" else "，" if marks else None
        if kind is None or joint not in (None, kind):
            break
        joint = kind
        out.append(part)
    return out


def _introduced_parts(ctx: Context, figures, i: int, total, start: int):
    """The parts a sentence introduces for a total, their labels, and whether they are all of it
    (a partition) or some of it: (parts, labels, exhaustive) or None."""
    text = ctx.text
    later = [f for f in figures[i + 1:i + 1 + _NEAR] if f.unit == total.unit and f.kind == "count" and not f.approx]
    if len(later) < 2:
        return None
    gap = text[total.end:later[0].start]
    intro = _INTRODUCER.search(gap)
    respectively = _RESPECTIVELY.search(gap)
    if intro:
        floor = total.end + intro.end()
        if intro.group("open"):
            close = _CLOSE.search(text, floor)
            later = [f for f in later if close is None or f.end <= close.start()]
        parts = _one_list(text, later)
        labels = _labels(text, start, floor, parts)
    elif respectively:
        parts = _one_list(text, later)
        names = [n for n in _NAME_SEP.split(_NOT_HAN.sub("、", gap[:respectively.start()]).strip("、")) if n]
        if len(names) != len(parts):
            return None
        labels = names
    else:
        parts = _one_list(text, later)
        labels = _labels(text, start, total.end, parts)
        if not _is_partition(labels):
            return None
    if len(parts) < 2 or not all(labels):
        return None
    return parts, labels, _is_partition(labels)


def _labels(text: str, start: int, floor: int, parts) -> list[str]:
    """Each part's label: the words between the clause start (or the end of what came before it,
    the introducer or the previous part) and the part's figure."""
    out, boundary = [], floor
    for part in parts:
        out.append(_label(text, max(boundary, _clause_start(text, start, part.start)), part.start))
        boundary = part.end
    return out


# A total that names its categories (共办理人大代表建议、政协委员提案11件): the names after the total word,
# joined by 、和及与, up to the figure.
_NAMED_TOTAL = rx.compile(r"(?:共|总计|合计|共计)(?P<names>[^,，:：。；;]{2,60})$")


def _named_categories(text: str, start: int, total) -> list[str]:
    """The categories a total names before its figure (two or more), else []."""
    phrase_start = after_last(text, ",，:：", max(start, total.start - _CLAUSE_WINDOW), total.start)
    m = _NAMED_TOTAL.search(text, phrase_start, total.start)
    if not m:
        return []
    names = [n for n in _NAME_SEP.split(_NOT_HAN.sub("、", m.group("names"))) if n]
    return names if len(names) >= 2 else []


def _names_match(names: list[str], labels: list[str]) -> bool:
    """Whether the parts are the named categories, one by one in order (建议 ~ 办理人大代表建议)."""
    return len(names) == len(labels) and all(
        label in name or name in label or (len(label) >= 2 and label[:2] in name) for name, label in zip(names, labels))


def _sums(ctx: Context, figures, start: int) -> list[Mark]:
    text, out = ctx.text, []
    for i, total in enumerate(figures):
        if total.kind != "count" or total.approx:
            continue
        clause = _clause_start(text, start, total.start)
        names = _named_categories(text, start, total)
        total_word = _TOTAL_WORDS.search(text[clause:total.start])
        if not total_word and not names:
            continue
        found = _introduced_parts(ctx, figures, i, total, start)
        if found is None:
            continue
        parts, labels, exhaustive = found
        # The parts are all of it when the total itself names them (共办理建议、提案11件，其中建议6件，
        # 提案5件), and the list of parts ends with the last category it names (…，上述11件 is not one).
        if names and _names_match(names, labels[:len(names)]):
            parts, labels, exhaustive = parts[:len(names)], labels[:len(names)], True
        elif not total_word:
            continue
        added = sum(f.value for f in parts)
        if exhaustive and added != total.value or added > total.value:
            message = (f"分项之和为 {added}{total.unit}，与总数 {total.value}{total.unit} 不符"
                       f"（{'、'.join(f'{l}{f.value}' for l, f in zip(labels, parts))}）")
            out.append(_spanning([total, *parts], message))
    return out


def _spanning(figures: list, message: str) -> Mark:
    """One finding per disagreement, from the first figure involved to the last: the author has one
    thing to correct, and sees every figure that enters the sum."""
    return Mark(min(f.start for f in figures), max(f.end for f in figures), message)


def _shown(figure) -> str:
    """A figure as a message quotes it: without a verb the figure pattern took in (达95%)."""
    return figure.text[1:] if figure.text.startswith("达") and figure.approx is None else figure.text


def _decimals(figure) -> int:
    digits = rx.search(r"\.(\d+)", figure.text)
    return len(digits.group(1)) if digits else 0


def _rates(ctx: Context, figures, start: int) -> list[Mark]:
    text, out = ctx.text, []
    for i, rate in enumerate(figures):
        if rate.kind != "rate" or rate.unit != "%" or rate.approx:
            continue
        name = _RATE_NAME.search(_label(text, _clause_start(text, start, rate.start), rate.start))
        if not name:
            continue
        stem = name.group(2)[-2:]
        counts = [f for f in figures[max(0, i - _NEAR):i] if f.kind == "count" and not f.approx]
        parts = [f for f in counts if _label(text, _clause_start(text, start, f.start), f.start).endswith(stem)]
        if len(parts) != 1:
            continue
        part = parts[0]
        totals = [f for f in counts if f.unit == part.unit and f is not part and f.start < part.start and f.value > part.value]
        if len(totals) != 1:
            continue
        total = totals[0]
        expected = part.value * 100 / total.value
        tolerance = Decimal(10) ** -_decimals(rate)
        if abs(expected - rate.value) > tolerance:
            shown = expected.quantize(Decimal(10) ** -max(_decimals(rate), 1))
            noun = name.group("noun")
            if rate.value > expected and _INTAKE.search(_label(text, _clause_start(text, start, total.start), total.start)) \
                    and not _COMPLETION.search(noun):
                # 办理复议案件141件，调解75件，调解率60.5%: the rate may be over the cases concluded
                # (124), which the sentence does not give; only a completion rate is over all received.
                message = f"{noun}按 {part.value}/{total.value} 计算为 {shown}%，写的是 {_shown(rate)}；若以审结件数为基数，请写明审结件数"
            else:
                message = f"{noun}按 {part.value}/{total.value} 计算应为 {shown}%，写的是 {_shown(rate)}"
            out.append(_spanning([total, part, rate], message))
    return out


# A whole, a part of it, and what remains, named in one sentence: 采购预算 − 中标金额 = 节约资金,
# 受理 − 办结 = 在办.  Each triple is (whole, part, remainder) label patterns.
_DIFFERENCES = [(rx.compile(r"预算|概算|送审"), rx.compile(r"中标|成交|审定|审减后|结算"), rx.compile(r"节约|节省|节支|审减")),
                (rx.compile(r"受理|收到|收案|立案|共有"), rx.compile(r"办结|结案|审结|已办"), rx.compile(r"在办|未办结|正在办理|待办"))]


def _as_written(value: Decimal, like) -> str:
    """A value in the scale the report writes it in (150万元, not 1500000元)."""
    for word, scale in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if word in like.text:
            return f"{(value / scale).normalize():f}{word}{like.unit}"
    return f"{value.normalize():f}{like.unit}"


def _differences(ctx: Context, figures, start: int) -> list[Mark]:
    text, out = ctx.text, []
    labelled = [(f, _label(text, _clause_start(text, start, f.start), f.start)) for f in figures
                if f.kind in ("count", "amount") and not f.approx]
    for whole_words, part_words, rest_words in _DIFFERENCES:
        for i, (whole, whole_label) in enumerate(labelled):
            if not whole_words.search(whole_label):
                continue
            later = labelled[i + 1:i + 1 + _NEAR]
            part = next(((f, l) for f, l in later if f.unit == whole.unit and part_words.search(l)), None)
            rest = next(((f, l) for f, l in later if f.unit == whole.unit and rest_words.search(l)), None)
            if not part or not rest:
                continue
            expected = whole.value - part[0].value
            if expected != rest[0].value:
                message = (f"{whole_label[-8:]}{whole.text}减去{part[1][-8:]}{part[0].text}应为{_as_written(expected, whole)}，"
                           f"写的是{rest[1][-8:]}{rest[0].text}")
                out.append(_spanning([whole, part[0], rest[0]], message))
    return out


def _caps(ctx: Context, figures, start: int) -> list[Mark]:
    text, out = ctx.text, []
    for rate in figures:
        # 100%以上 claims more than all of something, as much as 101% does.
        over = rate.value > 100 or rate.value == 100 and rate.approx in ("at_least", "more_than")
        if rate.kind != "rate" or rate.unit != "%" or not over:
            continue
        before = _label(text, _clause_start(text, start, rate.start), rate.start)
        name = _RATE_NAME.search(before)
        if not name or any(word in before for word in ctx.params["growth_words"]):
            continue
        out.append(Mark(rate.start, rate.end, f"{name.group('noun')}不可能超过100%，写的是“{_shown(rate)}”"))
    return out


def evaluate(ctx: Context) -> Outcome:
    findings: list[Mark] = []
    chosen = ctx.params["checks"]
    for span_start, span_end in ctx.scope.spans:
        for sentence in _SENTENCE.finditer(ctx.text, span_start, span_end):
            figures = [f for f in ctx.doc.figures_in(sentence.start(), sentence.end()) if f.end <= sentence.end()]
            if len(figures) < 1:
                continue
            if "sums" in chosen:
                findings += _sums(ctx, figures, sentence.start())
            if "rates" in chosen:
                findings += _rates(ctx, figures, sentence.start())
            if "caps" in chosen:
                findings += _caps(ctx, figures, sentence.start())
            if "differences" in chosen:
                findings += _differences(ctx, figures, sentence.start())
    problems = len({f.message for f in findings})
    return Outcome("fail" if findings else "pass", {"count": problems}, findings=findings)
