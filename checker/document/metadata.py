"""Report metadata: title, issuer and its level, report year, period and document date."""
from __future__ import annotations

from collections import Counter

from ..patterns import rx
from ..ingest.source import Source
from . import gazetteer
from . import issuer as issuer_mod
from . import publisher as publisher_mod
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


# A line led by a list bullet is an item of the page around the report (a slogan banner, a metadata
# bullet), never the report's first paragraph, however long it is.
_BULLET_LINE = rx.compile(r"^\s*[•·●▪◦∙‧]")


def _body_like(line: str) -> bool:
    return len(line) > 80 or line.endswith(("。", "：", ":", "；", ";")) or (len(line) > 40 and "，" in line + line.replace(",", "，"))


_LEADING_NUMBER = rx.compile(r"^\p{Han}{1,12}\s*[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]\s*\d{1,4}\s*号\s*")
_EMBEDDED_TITLE = rx.compile(r"\p{Han}{2,30}?关于(?:19|20)\d{2}\s*年度?\p{Han}{2,30}?(?:报告|总结)")


def _title_text(norm: str, para: Paragraph) -> str:
    """A title line without a 发文字号 printed in front of it (某政发〔2024〕1号某县…报告)."""
    # A scraped table row leaves its cell borders after the title (…情况报告 | |||).
    return _LEADING_NUMBER.sub("", _text(norm, para).lstrip("#*■●◆★☆※ ").rstrip(" |｜"))


_ORGAN_OR_PLACE_END = rx.compile(r"(?:人民政府|政府|党委|委员会|委|局|厅|办公室|办|中心|省|自治区|市|州|盟|县|区|旗|镇|乡|街道|办事处)$")


def _title_fragment(line: str) -> bool:
    """The first line(s) of a title wrapped over lines: short, all Chinese, not a whole title."""
    # A labelled page line (发布时间：… 信息来源：某乡) is page chrome, never part of a title.
    return _title_like(line) and not _TITLE_WORDS.search(line) and not rx.search(r"[A-Za-z:：]", line)


def _continues_title(above: str, line: str) -> bool:
    """A title wrapped after its year (某市人民政府关于2023年度 / 法治政府建设情况的报告, …2023年法治政府建设 /
    年度报告): the line above holds the year and the line itself does not."""
    return bool(_YEAR.search(above)) and not _YEAR.search(line)


_INNER_SPACE = rx.compile(r"(?<=\p{Han})[ \u3000]+(?=\p{Han})")
_NAME_END = rx.compile(r"(?:人民政府|政府|委员会|委|局|厅|办公室|党委|党工委|办事处|街道|镇|乡)$")


def _close_spaces(title: str) -> str:
    """A space inside a title's words (法治政府 建设) is a typesetting slip; a space after an organ's
    name (two organs reporting together, or the organ before 关于) is kept."""
    def keep(m) -> bool:
        before = title[:m.start()]
        unit = issuer_mod.parse_unit(before) if _NAME_END.search(before) else None
        return bool(unit and unit.length >= len(before) - 1) or title.startswith("关于", m.end())
    return _INNER_SPACE.sub(lambda m: m.group() if keep(m) else "", title)


def find_title(norm: str, paragraphs: list[Paragraph], first_heading: Heading | None) -> tuple[str | None, tuple[int, int] | None, int]:
    """(title, span, body_start): the run of short lines nearest before the body that reads as a
    report title (it may be wrapped over two or three lines, or printed twice; the copy nearest the
    body wins), or None."""
    limit = first_heading.start if first_heading else len(norm)
    front = [p for p in paragraphs[:16] if p.start < limit]
    body_index = next((i for i, p in enumerate(front)
                       if _body_like(_text(norm, p)) and not _BULLET_LINE.match(_text(norm, p))), len(front))
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
                not _TITLE_WORDS.search(last) or _ORGAN_OR_PLACE_END.search(_title_text(norm, candidates[first - 1]))
                or _continues_title(_title_text(norm, candidates[first - 1]), last)):
            first -= 1
        for start in range(first, end):
            lines = candidates[start:end]
            title = _close_spaces("".join(_title_text(norm, p) for p in lines))
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
_QUOTED_OR_BRACKET = rx.compile(r"《[^》]{0,80}》|[（(][^）)]{0,40}[）)]")


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


_RANGE = rx.compile(r"(?<!\d)(?P<a>(?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*(?P<b>(?:19|20)\d{2})\s*年")


def report_period(title: str | None, opening: str) -> str:
    """annual, half_year, quarter, or other: a report on several years (2015—2020年度) outside a citation."""
    probe = title if title else rx.split(r"[。;；]", opening, maxsplit=1)[0]
    span = _RANGE.search(without_citations(probe, _QUOTED_OR_BRACKET))
    if span and int(span["b"]) > int(span["a"]):
        return "other"
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


# Self-references in the opening: 我县、本区、我局, and 全市公安机关 (全 + a sector's bodies); a bare 全省/全市
# is the wider area the report speaks of (为全省发展提供保障), not the report's author.
_SELF_REFERENCE = rx.compile(r"(?:我|本)(?:自治区|省|市|州|盟|区|县|旗|镇|乡|街道)(?:\p{Han}{0,12}?(?:机关|系统|局|委|办))?"
                             r"|全(?:省|市|州|盟|区|县|旗)\p{Han}{1,8}?(?:机关|系统)|(?:我|本)(?:局|委|厅|办|署)")
_QUOTED = rx.compile(r"《([^》]{4,80})》")
_OWN_TITLE = rx.compile(r"(?:法治|依法行政)\p{Han}{0,30}(?:报告|总结)$")
_ADDRESS_LINE = rx.compile(r"^[^。，,]{2,60}[:：]$")


def _unit_text(text: str) -> str:
    """A title or organ line without its leading year, 关于 or 发文字号."""
    text = _LEADING_NUMBER.sub("", text.strip())
    return rx.sub(r"^(?:(?:19|20)\d{2}\s*年度?|关于)\s*", "", text)


def _candidate(zone: str, text: str | None, span, context: set[str], sector_ok: bool = False,
               relative_ok: bool = True) -> list[issuer_mod.Candidate]:
    if not text:
        return []
    body = _unit_text(text)
    unit = issuer_mod.parse_unit(body, context, sector_ok=sector_ok) or (
        issuer_mod.bare_organ(body) if zone == "opening" else None)
    if unit:
        return [issuer_mod.Candidate(zone, text, span, unit=unit)]
    relative = issuer_mod.relative_at(body) if relative_ok else None
    if relative:
        return [issuer_mod.Candidate(zone, text, span, relative=relative)]
    return []


def issuer_candidates(source: Source, title: str | None, title_span, gongwen: Gongwen, opening: str,
                      opening_start: int, norm: str, front: list[tuple[str, tuple[int, int]]],
                      headings: list[Heading] = ()) -> list[issuer_mod.Candidate]:
    """What every zone says about who reports, each with its zone and span."""
    context = {form for _, _, form in gazetteer.find_places(norm[:1500])}
    out: list[issuer_mod.Candidate] = []
    out += _candidate("page", source.meta.get("issuer"), None, context)
    out += _candidate("page", source.meta.get("title"), None, context, relative_ok=False)
    for number in [p for p in gongwen.parts if p.name == "发文字号"][:1]:
        out.append(issuer_mod.Candidate("doc_number", number.value, (number.start, number.end)))
    if source.meta.get("doc_number") and not gongwen.first("发文字号"):
        out.append(issuer_mod.Candidate("doc_number", source.meta["doc_number"], None))
    mark = gongwen.first("发文机关标志")
    if mark:
        out += _candidate("issuer_mark", mark.value, (mark.start, mark.end), context)
    for line, span in front:  # organ lines above the title or a speech (某市人民政府)
        unit = issuer_mod.parse_unit(line, context)
        if unit and unit.length >= len(line.strip()) - 1 and unit.kind != "place":
            out.append(issuer_mod.Candidate("organ_line", line, span, unit=unit))
    if title:
        out += _candidate("title", title, title_span, context)
    for part in gongwen.parts:
        if part.name == "送文函落款":
            out += _candidate("cover_letter", part.value, (part.start, part.end), context, relative_ok=False)
    signature = gongwen.first("发文机关署名")
    if signature:
        out += _candidate("signature", signature.value, (signature.start, signature.end), context, relative_ok=False)
    cover = gongwen.first("送文函")
    quoted_in = norm[cover.start:cover.end] if cover else ""
    first_sentence, sentence_start = _subject_sentence(opening)
    subject = issuer_mod.subject_of(first_sentence)
    span = (opening_start + sentence_start, opening_start + sentence_start + len(first_sentence))
    at = span[1] - len(subject)
    for found in _candidate("opening", subject, None, context, sector_ok=True):
        size = found.unit.length if found.unit else len(found.relative.text)
        found.span = (at, at + size)
        out.append(found)
    m = issuer_mod_report_self(opening[:400])
    if m:
        out += _candidate("opening", m, span, context)
    if headings:  # 一、2023年某市法治政府建设的主要工作 when the report opens with its first part
        out += _candidate("heading", headings[0].text, (headings[0].start, headings[0].end), context, relative_ok=False)
    for quoted in _QUOTED.finditer(quoted_in + opening[:600]):
        if _OWN_TITLE.search(quoted.group(1)):
            out += _candidate("own_title", quoted.group(1), None, context, relative_ok=False)
    for m in _SELF_REFERENCE.finditer(opening[:400]):
        relative = issuer_mod.relative_at(m.group())
        if relative:
            out.append(issuer_mod.Candidate("self_reference", m.group(), (opening_start + m.start(), opening_start + m.end()),
                                            relative=relative))
    return out


_YEAR_LEAD = rx.compile(r"^(?:[^。]{0,240}?[,，]\s*)?(?:19|20)\d{2}\s*年度?(?:以来)?\s*[,，是]")


def _subject_sentence(opening: str) -> tuple[str, int]:
    """The sentence that names who reports: the first one, or the first of the next two that opens
    with the year (法治是……的基石。2023年，全县……)."""
    sentences, position = [], 0
    for sentence in rx.split(r"(?<=[。；;])", opening)[:3]:
        sentences.append((sentence.rstrip("。；;"), position))
        position += len(sentence)
    if not sentences:
        return "", 0
    if not _YEAR_LEAD.match(sentences[0][0]):
        dated = next((s for s in sentences[1:] if _YEAR_LEAD.match(s[0])), None)
        if dated:
            return dated
    return sentences[0]


_REPORT_SELF = rx.compile(r"现将(?:(?:19|20)\d{2}\s*年度?)?\s*(?P<rest>\p{Han}{2,30}?)(?:20\d{2}\s*年度?)?(?:法治政府建设|依法行政|法治建设)")


def issuer_mod_report_self(sentence: str) -> str | None:
    """现将2023年某市法治政府建设情况… → 某市…"""
    m = _REPORT_SELF.search(sentence)
    return m["rest"] if m else None


def find_issuer(source: Source, title: str | None, title_span, gongwen: Gongwen, opening: str, opening_start: int,
                norm: str, front: list[tuple[str, tuple[int, int]]], headings: list[Heading] = ()) -> Issuer:
    candidates = issuer_candidates(source, title, title_span, gongwen, opening, opening_start, norm, front, headings)
    addressee = gongwen.first("主送机关")
    return issuer_mod.resolve(candidates, norm[:20000], addressee.value if addressee else None)


def _opening(norm: str, paragraphs: list[Paragraph], body_start: int, first_heading: Heading | None) -> tuple[str, int]:
    """The first two paragraphs of the body (an addressee line 区委、区政府： left out) and where they start."""
    paras = [p for p in paragraphs if p.start >= body_start and (first_heading is None or p.start < first_heading.start)]
    while len(paras) > 1 and (_ADDRESS_LINE.match(_text(norm, paras[0]).strip()) or _front_line(_text(norm, paras[0]).strip())):
        paras = paras[1:]
    if not paras:
        return (_text(norm, paragraphs[0]), paragraphs[0].start) if paragraphs else ("", 0)
    return "".join(_text(norm, p) for p in paras[:2]), paras[0].start


def _front_line(line: str) -> bool:
    """A short line above the body that is no sentence: an organ's name, a bracketed meeting line."""
    return 2 <= len(line) <= 60 and not line.endswith((":", "：", "。", "；", ";")) and not rx.search(r"[，,]", line)


def _front_lines(norm: str, paragraphs: list[Paragraph], body_start: int, title_span) -> list[tuple[str, tuple[int, int]]]:
    """Short lines above the body outside the title: organ lines (某省人民政府办公厅 above its
    title, 某市人民政府 above a speech)."""
    out = []
    for para in paragraphs[:12]:
        line = _text(norm, para).strip()
        if para.start >= body_start and not _front_line(line) and not _ADDRESS_LINE.match(line):
            break
        if title_span and title_span[0] <= para.start < title_span[1]:
            continue
        if _front_line(line):
            out.append((line, (para.start, para.end)))
    return out


def _dates(source: Source, norm: str, paragraphs: list[Paragraph], gongwen: Gongwen):
    """(value, source, span) of the 成文日期: the report's 落款, else the cover letter's 落款, else the
    page's 成文日期, else its publication date."""
    date = gongwen.first("成文日期")
    value = _date_value(_DATE_LINE.match(date.value)) if date else None
    if value:
        return value, "signature", (date.start, date.end)
    value, span = signature_date(norm, paragraphs)
    if value:
        return value, "signature", span
    cover = gongwen.first("送文函日期")
    value = _date_value(_DATE_LINE.match(cover.value)) if cover else None
    if value:
        return value, "cover_letter", None
    if source.meta.get("written"):
        return source.meta["written"], "page_written", None
    if source.meta.get("published"):
        return source.meta["published"], "page_published", None
    return None, None, None


def extract(source: Source, norm: str, paragraphs: list[Paragraph], headings: list[Heading],
            gongwen: Gongwen | None = None) -> tuple[Metadata, int]:
    gongwen = gongwen or Gongwen()
    first_heading = headings[0] if headings else None
    title, title_span, body_start = find_title(norm, paragraphs, first_heading)
    opening, opening_start = _opening(norm, paragraphs, body_start, first_heading)
    meta = Metadata(title=title, title_span=title_span, title_source="text" if title else None)
    if title is None and source.meta.get("title"):
        meta.title, meta.title_source = source.meta["title"], "page"
    meta.year, meta.year_source = report_year(title, opening, headings, norm, source.meta.get("title"))
    meta.period = report_period(meta.title, opening)
    front = _front_lines(norm, paragraphs, body_start, title_span)
    issuer = find_issuer(source, title, title_span, gongwen, opening, opening_start, norm, front, headings[:1])
    meta.issuer, meta.issuer_level = issuer.name, issuer.level
    meta.issuer_source, meta.issuer_confidence = issuer.source, issuer.confidence
    meta.level_source, meta.level_confidence = issuer.level_source, issuer.level_confidence
    meta.issuer_pattern = issuer.pattern
    meta.issuer_zones = [(c.zone, c.unit.name, c.unit.level) for c in issuer.units]
    meta.issuer_conflicts = [(c.zone, issuer_mod.candidate_name(c), c.span) for c in issuer.conflicts if c.span]
    meta.issuer_evidence = [(c.zone, c.unit.name, c.span) for c in issuer.agreeing if c.span]
    meta.region = issuer.region
    meta.date, meta.date_source, meta.date_span = _dates(source, norm, paragraphs, gongwen)
    if meta.date_source:
        meta.date_confidence = issuer_mod.measured("date", [meta.date_source])
    meta.published = source.meta.get("published")
    meta.published_source = "page" if meta.published else None
    context = {form for _, _, form in gazetteer.find_places(norm[:1500])}
    meta.publisher = publisher_mod.judge(source.publisher, source.page.get("发布机构"), issuer, context)
    return meta, body_start
