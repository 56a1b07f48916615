"""Report metadata: title, issuer and its level, report year, period and document date."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

import regex
import yaml

from ..yamlsafe import SAFE_LOADER

from ..ingest.source import Source
from .cnnum import han_to_int
from .model import Heading, Metadata, Paragraph

_NOT_NAME_START = ("全", "我", "本", "各", "该", "此", "其", "每", "外", "跨")
_TITLE_WORDS = regex.compile(r"(报告|总结|情况|要点|年报)$")
_TITLE_HINT = regex.compile(r"法治|依法行政|报告|总结")
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2}|[二][〇○零][一二〇○零三四五六七八九]{2})\s*年")
_HALF = regex.compile(r"上半年|下半年|半年(工作)?(总结|报告)|1[-—至到~]6月|一至六月")
_QUARTER = regex.compile(r"第?[一二三四1-4]季度|前三季度|1[-—至到~][39]月")
_ANNUAL = regex.compile(r"年度|全年")
_DATE_LINE = regex.compile(
    r"^[(（]?\s*(?P<y>(?:19|20)\d{2}|[二][〇○零][一二〇○零三四五六七八九]{2})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]?$")
_ORGAN = r"(?:人民政府|政府|党委|委员会|委|\p{Han}{1,10}?(?:局|厅|委员会|办公室|署|中心))"
_PLACE = r"\p{Han}{1,8}?(?:省|自治区|自治州|市|州|盟|地区|自治县|县|区|旗|镇|乡|街道)"
_JOINT_RE = regex.compile(rf"(?:中共|中国共产党)?{_PLACE}*委(?:员会)?[、和与及]{_PLACE}*人民政府")
_UNIT_RE = regex.compile(rf"(?:中共|中国共产党)?(?:{_PLACE})+(?![省市州盟县区旗镇乡])(?:{_ORGAN})?")


@lru_cache(maxsize=1)
def _issuer_data():
    raw = yaml.load(Loader=SAFE_LOADER, stream=resources.files("checker.document").joinpath("data/issuers.yaml").read_text("utf-8"))
    return set(raw["provinces"]), set(raw["not_places"]), regex.compile(raw["self_reference"])


def _text(norm: str, para: Paragraph) -> str:
    return norm[para.start:para.end]


def find_title(norm: str, paragraphs: list[Paragraph], first_heading: Heading | None) -> tuple[str | None, tuple[int, int] | None, int]:
    """(title, span, body_start): short lines before the body that read as a report title."""
    limit = first_heading.start if first_heading else len(norm)
    lines: list[Paragraph] = []
    for para in paragraphs[:4]:
        if para.start >= limit:
            break
        text = _text(norm, para)
        if len(text) > 80 or text.endswith(("。", ":", "：", ";", "；")) or _DATE_LINE.match(text):
            break
        lines.append(para)
        if _TITLE_WORDS.search(text):
            break
    while lines and not _TITLE_WORDS.search(_text(norm, lines[-1])):
        lines.pop()
    if not lines:
        return None, None, paragraphs[0].start if paragraphs else 0
    title = "".join(_text(norm, p) for p in lines)
    if not _TITLE_HINT.search(title):
        return None, None, paragraphs[0].start
    return title, (lines[0].start, lines[-1].end), lines[-1].end


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    if not m:
        return None
    raw = m.group(1)
    year = int(raw) if raw.isdigit() else han_to_int(raw.replace("○", "〇"))
    return year if year and 1990 <= year <= 2100 else None


def report_year(title: str | None, opening: str, headings: list[Heading], norm: str) -> tuple[int | None, str | None]:
    for source, text in (("title", title or ""), ("opening", opening[:120])):
        year = _year_of(text)
        if year:
            return year, source
    for heading in headings:
        year = _year_of(heading.text)
        if year:
            # A plan heading names the year after the report year.
            from .roles import role_of_heading
            return (year - 1, "plan_heading") if role_of_heading(heading.text) == "next_year" else (year, "heading")
    counts = Counter(y for y in (_year_of(m.group()) for m in _YEAR.finditer(norm)) if y)
    if counts:
        return counts.most_common(1)[0][0], "body"
    return None, None


def report_period(title: str | None, opening: str) -> str:
    probe = title if title else regex.split(r"[。;；]", opening, maxsplit=1)[0]
    if _HALF.search(probe):
        return "half_year"
    if _QUARTER.search(probe):
        return "quarter"
    return "annual"


def _date_value(m) -> str | None:
    def num(s):
        return int(s) if s.isdigit() else han_to_int(s.replace("○", "〇"))
    year, month, day = num(m.group("y")), num(m.group("m")), num(m.group("d"))
    if not (year and month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def signature_date(norm: str, paragraphs: list[Paragraph]) -> tuple[str | None, tuple[int, int] | None]:
    """The 成文日期 on a line of its own among the last lines (the 落款), or just under the title."""
    candidates = paragraphs[-4:][::-1] + paragraphs[:4]
    for para in candidates:
        m = _DATE_LINE.match(_text(norm, para))
        if m:
            value = _date_value(m)
            if value:
                return value, (para.start, para.end)
    return None, None


def _clean_issuer(name: str) -> str:
    name = regex.sub(r"^(关于|中共|中国共产党)?", lambda m: m.group() if m.group() in ("中共", "中国共产党") else "", name)
    return regex.sub(r"(法治政府建设|关于)$", "", name)


def _unit_names(text: str, need_organ: bool):
    _, not_places, _ = _issuer_data()
    for m in _UNIT_RE.finditer(text):
        name = _clean_issuer(m.group())
        if need_organ and not regex.search(rf"{_ORGAN}$", name):
            continue
        if len(name) >= 2 and name not in not_places and not name.startswith(_NOT_NAME_START):
            yield name


def find_issuer(title: str | None, opening: str, norm: str) -> str | None:
    """From the title; else an organ named in the opening (中共姚安县委、姚安县人民政府); else inferred."""
    for text, need_organ in ((title or "", False), (opening[:200], True)):
        joint = _JOINT_RE.search(text)
        if joint:
            return joint.group()
        name = next(_unit_names(text, need_organ), None)
        if name:
            return name
    return infer_issuer(opening, norm)


def infer_issuer(opening: str, norm: str) -> str | None:
    """The opening says only 全区/我县: the body's most frequent named place of that kind."""
    _, not_places, self_reference = _issuer_data()
    m = self_reference.search(opening[:300]) or self_reference.search(norm[:2000])
    if not m:
        return None
    suffix = m.group(2)
    pattern = regex.compile(rf"(?:\p{{Han}}{{2,4}}?(?:省|市|州|盟))?(?P<name>\p{{Han}}{{2,3}}?{suffix})(?=人民政府|政府|委|党|人大|政协|法院|检察院|司法局|行政|全面|推进|打造|法治|依法)")
    counts = Counter()
    for hit in pattern.finditer(norm):
        name = hit.group("name")
        if name not in not_places and not name.startswith(_NOT_NAME_START):
            counts[hit.group()] += 1
    if not counts:
        return None
    # Prefer the fullest form of the most frequent short name (杭州市临安区 over 临安区).
    best_short = Counter()
    for full, n in counts.items():
        best_short[regex.sub(rf"^\p{{Han}}{{2,4}}?(?:省|市|州|盟)(?=\p{{Han}}{{2,3}}{suffix}$)", "", full)] += n
    short = best_short.most_common(1)[0][0]
    fullest = max((f for f in counts if f.endswith(short)), key=len)
    return fullest


def issuer_level(issuer: str | None) -> str | None:
    if not issuer:
        return None
    provinces, _, _ = _issuer_data()
    first = issuer.split("、")[-1]
    unit = regex.sub(r"^(中共|中国共产党)", "", first)
    if regex.search(r"(局|厅|委员会|办公室|办|中心|署|院)$", unit) and not regex.search(r"(党委|人民政府|政府)$", unit):
        return "department"
    place = regex.sub(r"(人民政府|政府|委员会|党委|委)$", "", unit)
    if regex.search(r"(镇|乡|街道|苏木)$", place):
        return "township"
    if regex.search(r"(县|区|旗|自治县)$", place):
        return "county"
    if place in provinces or regex.search(r"(省|自治区)$", place):
        return "province"
    if regex.search(r"(市|州|盟|地区)$", place):
        return "city"
    return None


def extract(source: Source, norm: str, paragraphs: list[Paragraph], headings: list[Heading]) -> tuple[Metadata, int]:
    first_heading = headings[0] if headings else None
    title, title_span, body_start = find_title(norm, paragraphs, first_heading)
    opening_paras = [p for p in paragraphs if p.start >= body_start and (first_heading is None or p.start < first_heading.start)]
    opening = "".join(_text(norm, p) for p in opening_paras[:2]) or (
        _text(norm, paragraphs[0]) if paragraphs else "")
    meta = Metadata(title=title, title_span=title_span)
    meta.year, meta.year_source = report_year(title, opening, headings, norm)
    meta.period = report_period(title, opening)
    meta.issuer = find_issuer(title, opening, norm)
    meta.issuer_level = issuer_level(meta.issuer)
    date, span = signature_date(norm, paragraphs)
    if date:
        meta.date, meta.date_source, meta.date_span = date, "signature", span
    elif source.meta.get("written"):
        meta.date, meta.date_source = source.meta["written"], "page_written"
    elif source.meta.get("published"):
        meta.date, meta.date_source = source.meta["published"], "page_published"
    meta.published = source.meta.get("published")
    return meta, body_start
