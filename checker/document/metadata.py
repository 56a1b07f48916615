"""Report metadata: title, issuer and its level, report year, period and document date."""
from __future__ import annotations

from collections import Counter

from ..patterns import rx
from ..ingest.source import Source
from . import gazetteer
from . import issuer as issuer_mod
from ..base.cnnum import han_to_int
from .gongwen import DATE_LINE, Gongwen
from .issuer import Issuer
from .model import Heading, Metadata, Paragraph

_TITLE_WORDS = rx.compile(r"(报告|总结|情况|要点|年报)$")
_TITLE_HINT = rx.compile(r"法治|依法行政|报告|总结")
_YEAR = rx.compile(r"(?<!\d)((?:19|20)\d{2}|[二][〇○零][一二〇○零三四五六七八九]{2})\s*年")
_HALF = rx.compile(r"上半年|下半年|半年(工作)?(总结|报告)|1[-—至到~]6月|一至六月")
_QUARTER = rx.compile(r"第?[一二三四1-4]季度|前三季度|1[-—至到~][39]月")
_DATE_LINE = DATE_LINE


def _text(norm: str, para: Paragraph) -> str:
    return norm[para.start:para.end]


def _title_like(line: str) -> bool:
    return bool(line) and len(line) <= 60 and not line.endswith(("。", ":", "：", ";", "；", "，", ",")) \
        and not _DATE_LINE.match(line)


def _body_like(line: str) -> bool:
    return len(line) > 80 or line.endswith(("。", "：", ":", "；", ";")) or (len(line) > 40 and "，" in line + line.replace(",", "，"))


_LEADING_NUMBER = rx.compile(r"^\p{Han}{1,12}\s*[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]\s*\d{1,4}\s*号\s*")
_EMBEDDED_TITLE = rx.compile(r"\p{Han}{2,30}?关于(?:19|20)\d{2}\s*年度?\p{Han}{2,30}?(?:报告|总结)")


def _title_text(norm: str, para: Paragraph) -> str:
    """A title line without a 发文字号 printed in front of it (长政发〔2021〕1号长海县…报告)."""
    return _LEADING_NUMBER.sub("", _text(norm, para).lstrip("#*■●◆★☆※ "))


_ORGAN_OR_PLACE_END = rx.compile(r"(?:人民政府|政府|党委|委员会|委|局|厅|办公室|办|中心|省|自治区|市|州|盟|县|区|旗|镇|乡|街道|办事处)$")


def _title_fragment(line: str) -> bool:
    """The first line(s) of a title wrapped over lines: short, all Chinese, not a whole title."""
    return _title_like(line) and not _TITLE_WORDS.search(line) and not rx.search(r"[A-Za-z]", line)


def find_title(norm: str, paragraphs: list[Paragraph], first_heading: Heading | None) -> tuple[str | None, tuple[int, int] | None, int]:
    """(title, span, body_start): the run of short lines nearest before the body that reads as a
    report title (it may be wrapped over two or three lines, or printed twice; the copy nearest the
    body wins), or None."""
    limit = first_heading.start if first_heading else len(norm)
    front = [p for p in paragraphs[:16] if p.start < limit]
    body_index = next((i for i, p in enumerate(front) if _body_like(_text(norm, p))), len(front))
    candidates = front[:body_index]
    for end in range(len(candidates), 0, -1):
        last = _title_text(norm, candidates[end - 1])
        if not _title_like(last):
            continue
        first = end - 1
        # A title wrapped over lines: a PDF breaks it anywhere (…情况报 / 告), a 公文 after the
        # issuer's name (××县人民政府 / 关于…的报告); a short line of any other kind above a
        # complete title is page chrome, not part of it.
        while first > 0 and end - first < 3 and _title_fragment(_title_text(norm, candidates[first - 1])) and (
                not _TITLE_WORDS.search(last) or _ORGAN_OR_PLACE_END.search(_title_text(norm, candidates[first - 1]))):
            first -= 1
        for start in range(first, end):
            lines = candidates[start:end]
            title = "".join(_title_text(norm, p) for p in lines)
            if _TITLE_WORDS.search(title) and _TITLE_HINT.search(title):
                offset = len(_text(norm, lines[0])) - len(_title_text(norm, lines[0]))
                return title, (lines[0].start + offset, lines[-1].end), lines[-1].end
    embedded = _EMBEDDED_TITLE.search(_text(norm, front[0])) if front else None
    if embedded:  # a scraped page that runs title and body together
        return embedded.group(), (front[0].start + embedded.start(), front[0].start + embedded.end()), front[0].start + embedded.end()
    return None, None, paragraphs[0].start if paragraphs else 0


_NUMBER_AND_RANGE = (r"\p{Han}{1,12}\s*[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]\s*\d{1,4}\s*号"
                     r"|(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年")
_CITATION = rx.compile(rf"《[^》]{{0,80}}》|[（(][^）)]{{0,40}}[）)]|{_NUMBER_AND_RANGE}")
_NUMBER_OR_RANGE = rx.compile(_NUMBER_AND_RANGE)


def without_citations(text: str, pattern=_CITATION) -> str:
    """The text with cited titles, brackets, 文号 and year ranges blanked (same length), so that a
    year inside them (《纲要（2023—2027年）》, 〔2024〕3号) is never taken for the year reported on."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _year_of(text: str, pattern=_CITATION) -> int | None:
    m = _YEAR.search(without_citations(text, pattern))
    if not m:
        return None
    raw = m.group(1)
    year = int(raw) if raw.isdigit() else han_to_int(raw.replace("○", "〇"))
    return year if year and 1990 <= year <= 2100 else None


def report_year(title: str | None, opening: str, headings: list[Heading], norm: str,
                page_title: str | None = None) -> tuple[int | None, str | None]:
    """From the title, the page's title field, the first sentence, the level-one headings; never
    from a 发文字号, a citation or a date of publication; the body's most frequent year last."""
    quoted = next((q for q in _QUOTED.findall(opening[:200]) if _TITLE_WORDS.search(q)), "")
    for source, text, pattern in (("title", title or "", _NUMBER_OR_RANGE), ("page", page_title or "", _NUMBER_OR_RANGE),
                                  ("title", quoted, _NUMBER_OR_RANGE), ("opening", opening[:160], _CITATION)):
        year = _year_of(text, pattern)
        if year:
            return year, source
    for heading in headings:
        year = _year_of(heading.text)
        if year:
            # A plan heading names the year after the report year.
            from .roles import role_of_heading
            return (year - 1, "plan_heading") if role_of_heading(heading.text) == "next_year" else (year, "heading")
    counts = Counter(y for y in (_year_of(m.group()) for m in _YEAR.finditer(without_citations(norm))) if y)
    if counts:
        return counts.most_common(1)[0][0], "body"
    return None, None


def report_period(title: str | None, opening: str) -> str:
    probe = title if title else rx.split(r"[。;；]", opening, maxsplit=1)[0]
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


def find_issuer(source: Source, title: str | None, gongwen: Gongwen, opening: str, norm: str,
                headings: list[Heading]) -> Issuer:
    """The strongest source that names a unit: the page's 发布机构, the title, the 发文机关标志,
    the 署名, the first sentence; else a relative self-reference resolved from the document."""
    # Places named near the start disambiguate a short name (金平 beside 红河州); the opening is enough.
    places = {form for _, _, form in gazetteer.find_places(norm[:1500])}
    candidates = [("page", source.meta.get("issuer")), ("title", title), ("page", source.meta.get("title"))]
    mark, signature = gongwen.first("发文机关标志"), gongwen.first("发文机关署名")
    candidates += [("issuer_mark", mark.value if mark else None), ("signature", signature.value if signature else None)]
    relative = None
    for where, text in candidates:
        found = _unit_in(text or "", places)
        if found and found.level:
            return _sourced(found, where)
    first_sentence = rx.split(r"[。；;]", opening, maxsplit=1)[0] if opening else ""
    subject = issuer_mod.subject_of(first_sentence)
    for text in (subject, *_reported_self(first_sentence), *(h.text for h in headings[:1])):
        found = _unit_in(text, places) if text else None
        if found and found.level:
            return _sourced(found, "opening")
        relative = relative or (issuer_mod.relative_unit(text) if text else None)
    if relative is None:
        m = _SELF_REFERENCE.search(opening[:300])
        relative = issuer_mod.relative_unit(m.group()) if m else None
    if relative:
        return _resolve_relative(relative, norm)
    return Issuer()


_SELF_REFERENCE = rx.compile(r"(?:全|我|本)(?:自治区|省|市|州|盟|区|县|旗|镇|乡)")
_QUOTED = rx.compile(r"《([^》]{4,80})》")


def _reported_self(sentence: str) -> list[str]:
    """现将2016年上海市法治政府建设情况… → 上海市…; a quoted report title 《梧州市人民政府2018年度…报告》."""
    out = []
    m = issuer_mod._REPORT_SELF.search(sentence)
    if m:
        out.append(m["rest"])
    out += [q for q in _QUOTED.findall(sentence) if _TITLE_WORDS.search(q)]
    return out


def _unit_in(text: str, places: set[str]) -> Issuer | None:
    """A unit named at the start of a title or organ line, or after its leading year."""
    text = rx.sub(r"^(?:(?:19|20)\d{2}\s*年度?|关于)\s*", "", text.strip())
    return issuer_mod.read_unit(text, places)


def _sourced(found: Issuer, where: str) -> Issuer:
    found.source = where
    found.confidence = issuer_mod._CONFIDENCE[where]
    return found


_TOWNSHIP_SUFFIX = rx.compile(r"(?:镇|乡|街道)")
_NOT_TOWNSHIPS = {"乡镇", "城镇", "城乡"}


def _township_named_most(text: str) -> str | None:
    """下太镇 from 在下太镇落地生根、下太镇委党校: each 镇/乡/街道 votes for the two- and three-character
    names before it; the name that recurs wins."""
    counts: Counter[str] = Counter()
    for m in _TOWNSHIP_SUFFIX.finditer(text):
        for length in (2, 3):
            name = text[max(0, m.start() - length):m.end()]
            if rx.fullmatch(r"\p{Han}+", name) and name not in _NOT_TOWNSHIPS and name[0] not in "全我本各该乡城在和及与的":
                counts[name] += 1
    best = [(n, c) for n, c in counts.most_common(3) if c >= 2]
    return best[0][0] if best else None


def _resolve_relative(relative: Issuer, norm: str) -> Issuer:
    """区政府 / 我县 / 全省: the place of that level the document names most (None if it names none)."""
    kind = relative.place
    if relative.level == "township" or (relative.level == "department" and kind in ("镇", "乡", "街道")):
        name = _township_named_most(norm[:20000])
        return Issuer(name=name, level=relative.level, source="inferred", confidence=0.6 if name else 0.4)
    level = issuer_mod._LEVEL_OF_KIND[kind]
    place = issuer_mod.place_named_most(norm[:20000], level, kind)
    unit = gazetteer.best(place) if place else None
    return Issuer(name=place, level=relative.level, source="inferred", confidence=0.6 if place else 0.4,
                  place=place, region=unit.code if unit else None)


def extract(source: Source, norm: str, paragraphs: list[Paragraph], headings: list[Heading],
            gongwen: Gongwen | None = None) -> tuple[Metadata, int]:
    gongwen = gongwen or Gongwen()
    first_heading = headings[0] if headings else None
    title, title_span, body_start = find_title(norm, paragraphs, first_heading)
    opening_paras = [p for p in paragraphs if p.start >= body_start and (first_heading is None or p.start < first_heading.start)]
    opening = "".join(_text(norm, p) for p in opening_paras[:2]) or (
        _text(norm, paragraphs[0]) if paragraphs else "")
    meta = Metadata(title=title, title_span=title_span, title_source="text" if title else None)
    if title is None and source.meta.get("title"):
        meta.title, meta.title_source = source.meta["title"], "page"
    meta.year, meta.year_source = report_year(title, opening, headings, norm, source.meta.get("title"))
    meta.period = report_period(title, opening)
    issuer = find_issuer(source, title, gongwen, opening, norm, headings)
    meta.issuer, meta.issuer_level = issuer.name, issuer.level
    meta.issuer_source, meta.issuer_confidence = issuer.source, issuer.confidence
    meta.region = issuer.region
    date = gongwen.first("成文日期")
    value = _date_value(_DATE_LINE.match(date.value)) if date else None
    if value:
        meta.date, meta.date_source, meta.date_span = value, "signature", (date.start, date.end)
    else:
        value, span = signature_date(norm, paragraphs)
        if value:
            meta.date, meta.date_source, meta.date_span = value, "signature", span
        elif source.meta.get("written"):
            meta.date, meta.date_source = source.meta["written"], "page_written"
        elif source.meta.get("published"):
            meta.date, meta.date_source = source.meta["published"], "page_published"
    meta.published = source.meta.get("published")
    return meta, body_start
