"""The parts of a 公文 laid out per GB/T 9704-2012 around the report's body.

版头 (above the title): 份号, 密级和保密期限, 紧急程度, 发文机关标志 (…文件), 发文字号 (…〔2021〕15号,
also with [] or () brackets), 签发人; below the title the 主送机关 (a line ending in ：; it is the
recipient, never the issuer).  After the body: 附件说明, 发文机关署名, 成文日期, 附注 such as
（此件公开发布）, and the 版记 (抄送, 印发机关和印发日期); page numbers (— 3 —) anywhere.

Each part is kept with its span; the paragraphs they occupy are neither title nor body.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import rx
from .model import Paragraph

_COPY_NUMBER = r"(?:份号\s*[:：]?\s*)?\d{6}"
_SECRECY = r"(?:绝密|机密|秘密)(?:\s*[★☆*]\s*\S{1,8})?"
_URGENCY = r"特急|加急|特提|平急"
_MARK_TOKEN = rx.compile(rf"(?P<份号>{_COPY_NUMBER})|(?P<密级>{_SECRECY})|(?P<紧急程度>{_URGENCY})")
_ISSUER_MARK = rx.compile(r"^(?P<organ>[\p{Han}、（）()\s]{2,60}?)\s*文\s*件$")
DOC_NUMBER = rx.compile(r"\p{Han}{1,12}\s*[〔\[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]\s*\d{1,4}\s*号")
_DOC_NUMBER_LINE = rx.compile(rf"^(?P<number>{DOC_NUMBER.pattern})?\s*(?:签\s*发\s*人\s*[:：]\s*(?P<signer>\S.*))?$")
_ADDRESSEE = rx.compile(r"^(?P<to>[\p{Han}、，,（）()\s]{2,80}?(?:人民政府|政府|党委|委员会|委|局|厅|办公室|办|部门|单位|机构|部|院|会|人大|政协|小组|各位委员|各位代表))\s*[:：]$")
_PAGE_NUMBER = rx.compile(r"^[—\-－–]\s*\d{1,3}\s*[—\-－–]$")
_NOTE = rx.compile(r"^[（(]\s*(此件|本件)[^）)]{0,20}[）)]$")
_ATTACHMENT = rx.compile(r"^附\s*件\s*[:：]?\s*(?:\d+\s*[.．、]\s*)?\S")
_CC = rx.compile(r"^抄\s*送\s*[:：]")
_PRINTED = rx.compile(r"^(?P<office>\p{Han}{2,40}?)\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$")
DATE_LINE = rx.compile(
    r"^[(（]?\s*(?P<y>(?:19|20)\d{2}|[二][〇○零][一二〇○零三四五六七八九]{2})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]?$")
_SIGNATURE = rx.compile(r"^[\p{Han}、（）()\s]{2,60}$")
_ORGAN_END = rx.compile(r"(?:人民政府|政府|党委|委员会|委|局|厅|办公室|办|街道办事处|街道|镇|乡|部|署|院|中心|会)$")


@dataclass
class Part:
    name: str        # 送文函 | 份号 | 密级 | 紧急程度 | 发文机关标志 | 发文字号 | 签发人 | 主送机关 | 附件说明 | 发文机关署名 | 成文日期 | 附注 | 抄送 | 印发 | 页码
    value: str
    start: int
    end: int


@dataclass
class Gongwen:
    parts: list[Part] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)  # indexes of paragraphs that are neither title nor body

    def first(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    def add(self, name: str, value: str, para: Paragraph, index: int, start: int | None = None, end: int | None = None) -> None:
        self.parts.append(Part(name, value, para.start if start is None else start, para.end if end is None else end))
        self.skip.add(index)


def _line(text: str, para: Paragraph) -> str:
    return text[para.start:para.end].strip()


def _front_marks(line: str) -> list[tuple[str, str, int, int]] | None:
    """份号/密级/紧急程度 tokens when they make up the whole line (they may share one line)."""
    tokens = list(_MARK_TOKEN.finditer(line))
    if not tokens or rx.sub(r"\s+", "", _MARK_TOKEN.sub("", line)):
        return None
    return [(token.lastgroup, token.group().strip(), token.start(), token.end()) for token in tokens]


_COVER_END = rx.compile(r"(?:特此报告|请审阅|请审示|请审议|请予审议|请查收|特此报送)[。.]?$")
_REPORT_TITLE = rx.compile(r"(?:法治|依法行政)\p{Han}{0,30}(?:报告|总结)$")


def _closes_cover_letter(line: str) -> bool:
    """The closing phrase, the signature or the date of a cover letter."""
    return bool(_COVER_END.search(line) or DATE_LINE.match(line) or (_SIGNATURE.match(line) and _ORGAN_END.search(line)))


def _cover_letter_end(text: str, paragraphs: list[Paragraph], limit: int = 14) -> int | None:
    """A 送文函 in front of the report: the index of its last line (its 署名 and date included), when
    a report title follows it.  It closes with 特此报告 (or 请审阅 …), or with a 落款 — an organ's name
    over a date — right above the report's title (…现将《…报告》报上。/ 某市某局 / 2024年1月26日)."""
    lines = [_line(text, p) for p in paragraphs[:limit + 6]]

    def title_follows(end: int) -> bool:
        return any(len(line) <= 60 and _REPORT_TITLE.search(line) for line in lines[end + 1:end + 5]) or (
            end + 2 < len(lines) and len(lines[end + 1]) <= 40 and _REPORT_TITLE.search(lines[end + 1] + lines[end + 2]) is not None)

    for index in range(min(limit, len(paragraphs))):
        line = lines[index]
        closing = bool(_COVER_END.search(line))
        signed = (index + 1 < len(lines) and index > 0 and _SIGNATURE.match(line) and _ORGAN_END.search(rx.sub(r"\s+", "", line))
                  and DATE_LINE.match(lines[index + 1]) and any(len(l) > 40 for l in lines[:index]))
        if not (closing or signed):
            continue
        end = index
        while end + 1 < len(paragraphs) and end - index < 4 and _closes_cover_letter(lines[end + 1]):
            end += 1
        if title_follows(end):
            return end
    return None


def parse(text: str, paragraphs: list[Paragraph], front_limit: int = 12) -> Gongwen:
    doc = Gongwen()
    cover_end = _cover_letter_end(text, paragraphs)
    if cover_end is not None:
        first, last = paragraphs[0], paragraphs[cover_end]
        doc.parts.append(Part("送文函", _line(text, first), first.start, last.end))
        doc.skip.update(range(cover_end + 1))
        _parse_front(text, paragraphs[:cover_end + 1], doc)  # the letter's own 发文字号 and 主送机关
        _cover_letter_close(text, paragraphs[:cover_end + 1], doc)
        _parse_front(text, paragraphs[cover_end + 1:cover_end + 1 + front_limit], doc, offset=cover_end + 1)
    else:
        _parse_front(text, paragraphs[:front_limit], doc)
    _parse_back(text, paragraphs, doc)
    for index, para in enumerate(paragraphs):
        if _PAGE_NUMBER.match(_line(text, para)):
            doc.add("页码", _line(text, para), para, index)
    return doc


def _cover_letter_close(text: str, paragraphs: list[Paragraph], doc: Gongwen) -> None:
    """The cover letter's 落款: the organ's name and the date at its end."""
    for index in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 5), -1):
        para = paragraphs[index]
        line = _line(text, para)
        if DATE_LINE.match(line) and not doc.first("送文函日期"):
            doc.parts.append(Part("送文函日期", line, para.start, para.end))
        elif _SIGNATURE.match(line) and _ORGAN_END.search(rx.sub(r"\s+", "", line)) and doc.first("送文函日期"):
            doc.parts.append(Part("送文函落款", rx.sub(r"\s+", "", line), para.start, para.end))
            break


def _parse_front(text: str, paragraphs: list[Paragraph], doc: Gongwen, offset: int = 0) -> None:
    seen_title_area = False
    for index, para in enumerate(paragraphs, start=offset):
        line = _line(text, para)
        marks = _front_marks(line)
        if marks and not seen_title_area:
            for name, value, start, end in marks:
                doc.parts.append(Part(name, value, para.start + start, para.start + end))
            doc.skip.add(index)
            continue
        issuer = _ISSUER_MARK.match(line)
        if issuer and len(line) <= 60:
            doc.add("发文机关标志", rx.sub(r"\s+", "", issuer["organ"]), para, index)
            continue
        number = _DOC_NUMBER_LINE.match(line)
        if number and (number["number"] or number["signer"]):
            if number["number"]:
                doc.add("发文字号", rx.sub(r"\s+", "", number["number"]), para, index)
            if number["signer"]:
                doc.add("签发人", number["signer"].strip(), para, index)
            continue
        addressee = _ADDRESSEE.match(line)
        if addressee and len(line) <= 80:
            doc.add("主送机关", addressee["to"].strip(), para, index)
            return  # the body follows the addressee
        if len(line) > 80 or line.endswith(("。", "；", ";")):
            return  # the body has started
        seen_title_area = True


def _parse_back(text: str, paragraphs: list[Paragraph], doc: Gongwen) -> None:
    """From the end up: 版记, 附注, 成文日期, 署名 (the lines right above the date), 附件说明."""
    index = len(paragraphs) - 1
    lowest = max(0, len(paragraphs) - 14)
    date_index = None
    while index >= lowest:
        para = paragraphs[index]
        line = _line(text, para)
        printed = _PRINTED.match(line)
        if _PAGE_NUMBER.match(line):
            pass
        elif printed:
            doc.add("印发", line, para, index)
        elif _CC.match(line):
            doc.add("抄送", rx.sub(r"^抄\s*送\s*[:：]\s*", "", line), para, index)
        elif _NOTE.match(line):
            doc.add("附注", line, para, index)
        elif DATE_LINE.match(line) and date_index is None:
            doc.add("成文日期", line, para, index)
            date_index = index
        elif date_index is not None and index >= date_index - 2 and _SIGNATURE.match(line) and _ORGAN_END.search(
                rx.sub(r"\s+", "", line)):
            doc.add("发文机关署名", rx.sub(r"\s+", "", line), para, index)
        elif _ATTACHMENT.match(line) and len(line) <= 80:
            doc.add("附件说明", line, para, index)
        else:
            break
        index -= 1
    doc.parts.sort(key=lambda p: p.start)
