"""``deadline``: the report's dates against the reporting calendar.

Three dates are kept apart: the 成文日期 (the 落款, or the page's 成文日期 field), the page's
发布日期 (or ``--published``), and the date a tier tests.  Each tier says which it tests:
``written`` — the 成文日期 or the covering letter's date only (or a date the user gave) (报送 to the 党委/政府 cannot be later than the report was
formed, and a page's posting time says nothing about it); ``published`` — the publication date,
else the 成文日期, and the 成文日期 when it is the later (a report formed after a day was published after it too); ``any`` (default) —
the 成文日期, else the page's date.  Deadlines are month-day in the year after the report year,
per issuer level.

Parameters
  tiers       list of {by: "MM-DD", levels: [...] (omit for all), severity: error|warning|info,
              label: text, date: written|published|any}; the tested date must be on or before
              each tier that applies to the issuer level.
  not_before  {month_day: "MM-DD", year_offset: 1}: the date (``any``) must be on or after this
              day (year_offset counts from the report year; 1-01 of the next year = after the year
              ended).

A page that re-posts the report (a news site, another office's site, a page marked 转载:
document/publisher.py) went up when that page was made, not when the issuer published: its date is
never tested as the 网页发布日期.  The report's own 成文日期 is tested as for a report without a page
date; without one, the re-post's date can only show the report was public by then (a pass, named
转载网页的发布日期), never that it was late.  ``{note}`` says so.

Not applicable without a report year or without any date a tier can test.  Placeholders: {date},
{date_label} (成文日期, 网页发布日期 …: which date was tested), {deadline}, {label}, {note} (empty,
or why the page's date was not tested: the page re-posts the report).
"""
from __future__ import annotations

from datetime import date

from ..base.vocab import DATE_KIND_ZH, REPOST_NOTE_ZH, publisher_words
from .base import Context, Mark, Outcome, not_applicable

TYPE = "deadline"
_MONTH_DAY = {"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
PARAMS = {
    "type": "object",
    "properties": {
        "tiers": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["by"],
            "properties": {"by": _MONTH_DAY, "levels": {"type": "array", "items": {"type": "string"}},
                           "severity": {"enum": ["error", "warning", "info"]}, "label": {"type": "string"},
                           "date": {"enum": ["written", "published", "any"]}}}},
        "not_before": {"type": "object", "additionalProperties": False, "required": ["month_day"],
                       "properties": {"month_day": _MONTH_DAY, "year_offset": {"type": "integer"}}},
    },
}
DEFAULTS = {"tiers": [], "not_before": None}
PATTERN_KEYS = ()
PLACEHOLDERS = ("date", "date_label", "deadline", "label", "note")


def prepare(params: dict) -> dict:
    return params


def _day(year: int, month_day: str) -> date:
    month, day = (int(x) for x in month_day.split("-"))
    if month == 2 and day == 29:
        day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return date(year, month, day)


def _anchor(ctx: Context, kind: str) -> list[Mark]:
    """Where a date finding points: the 落款 date, or the covering letter's, when that was tested,
    else the title."""
    span = ctx.doc.meta.date_span
    if span and kind == "signature":
        return [Mark(span[0], span[1], "")]
    cover = ctx.doc.gongwen.first("送文函日期") if kind == "cover_letter" and ctx.doc.gongwen else None
    if cover is not None:
        return [Mark(cover.start, cover.end, "")]
    if ctx.doc.meta.title_span:
        return [Mark(ctx.doc.meta.title_span[0], ctx.doc.meta.title_span[1], "")]
    return []


# Dates the report's own text or page gives for when it was formed or sent: the 落款, the covering
# letter's date (the day it was 报送), the page's 成文日期 field, or a date the user gave.
_WRITTEN = ("signature", "cover_letter", "page_written", "given")


def _reposted(meta) -> bool:
    """The page's date is a re-post's (and not a date the user gave)."""
    return bool(meta.publisher is not None and getattr(meta.publisher, "reposted", False)
                and meta.published and meta.published_source == "page")


def _dated(meta, which: str) -> tuple[str | None, str | None]:
    """The date a tier tests and what kind of date it is (a key of DATE_KIND_ZH)."""
    # A date given by the user (--published) stands for both: they know which day they mean.
    written = (meta.date, meta.date_source) if meta.date and meta.date_source in _WRITTEN else None
    reposted = _reposted(meta)
    if which == "written":
        return written or (None, None)
    if which == "published":
        if meta.published and meta.date_source != "given" and not reposted:
            # A report is published no earlier than it was formed: a 落款 dated after the page's
            # posting time is the later of the two, and the one that shows lateness.
            if written and written[0] > meta.published:
                return written
            return meta.published, "page_published"
        if written or not reposted:
            return written or (None, None)
        return meta.published, "page_reposted"
    if reposted and meta.date_source == "page_published":
        return meta.date, "page_reposted"
    return meta.date, meta.date_source


def _repost_note(meta) -> str:
    publisher = meta.publisher
    return REPOST_NOTE_ZH.format(by=publisher_words(publisher.zone, publisher.name), date=meta.published)


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    if not meta.year:
        return not_applicable("no year")
    values = {"date": "", "date_label": "", "deadline": "", "label": "",
              "note": ("；" + _repost_note(meta)) if _reposted(meta) else ""}
    findings: list[Mark] = []
    tested = False

    def note(day: str, kind: str) -> None:
        if not values["date"]:
            values["date"], values["date_label"] = day, DATE_KIND_ZH.get(kind, "日期")

    not_before = ctx.params["not_before"]
    if not_before:
        day, kind = _dated(meta, "any")
        if day:
            tested = True
            note(day, kind)
            earliest = _day(meta.year + not_before.get("year_offset", 1), not_before["month_day"])
            values["deadline"] = earliest.isoformat()
            if date.fromisoformat(day) < earliest:
                findings += _anchor(ctx, kind) or [Mark(0, 0, "")]
    failed = False
    for tier in ctx.params["tiers"]:
        if tier.get("levels") and meta.issuer_level not in tier["levels"]:
            continue
        day, kind = _dated(meta, tier.get("date", "any"))
        if not day:
            continue
        latest = _day(meta.year + 1, tier["by"])
        if kind == "page_reposted" and date.fromisoformat(day) > latest:
            continue  # a re-post after the deadline says nothing of when the issuer published
        tested = True
        if not failed:
            note(day, kind)
            values["deadline"] = values["deadline"] or latest.isoformat()
        if date.fromisoformat(day) > latest:
            if not failed:
                values.update(date=day, date_label=DATE_KIND_ZH.get(kind, "日期"), deadline=latest.isoformat(),
                              label=tier.get("label", ""))
                failed = True
            findings += [Mark(f.start, f.end, "", tier.get("severity")) for f in _anchor(ctx, kind)] \
                or [Mark(0, 0, "", tier.get("severity"))]
    if not tested:
        if _reposted(meta):
            return not_applicable(_repost_note(meta) + "；报告没有落款日期，无法判断是否按期公开")
        return not_applicable("no date")
    return Outcome("fail" if findings else "pass", values, findings=findings)
