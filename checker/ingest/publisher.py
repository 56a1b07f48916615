"""What a saved page says about who published it, kept for the document layer to compare with the
report's issuer: a page that re-posts another body's report (a news site, a higher office's site)
carries its own date, which is not the day the issuer published the report.

Each piece of evidence is ``(zone, text)``, in page order:

``source``       来源 / 信息来源 / 文章来源 / 稿源: the body that supplied the text
``author_unit``  作者单位
``site``         the site's own name: ``<meta name="SiteName">`` (the 政府网站发展指引's page metadata),
                 the page title's suffix (标题_某市人民政府网), a name ending in 网/网站 printed beside
                 the page date (2024-03-20 10:00 某某网), the footer's 主办单位 / 版权所有
``host``         the host of an address the file keeps (saved from url=, canonical, an address in the
                 page chrome before the report)
``repost``       a 转载 marker (【转载】, 转载自…, 转自…); the text is the body named, or the marker

The 政务公开 table's 发布机构 stays in ``Source.page`` (pagemeta.py reads it).  Only page chrome is
read: short lines that are no sentence; a 来源 inside the report's text (资金来源：) is not a label.
"""
from __future__ import annotations

from ..patterns import rx
from .pagemeta import bare_date

MAX_LINE = 120
HEAD_LINES = 60   # the page chrome above a report
TAIL_LINES = 40   # the footer below it
HEAD_CHARS = 160  # an address run into the text before the title (a page flattened to one line)

_LABEL_START = r"(?:^|(?<=[\s•·▪|｜【\[]))"
_SOURCE = rx.compile(_LABEL_START + r"(?P<label>信息来源|文章来源|稿件来源|内容来源|稿源|来源)\s*[:：]\s*(?P<value>[^\n]*)")
_AUTHOR_UNIT = rx.compile(_LABEL_START + r"作者单位\s*[:：]\s*(?P<value>[^\n]*)")
_REPOST_FROM = rx.compile(r"(?:转载自|转载来源|转自)\s*[:：]?\s*(?P<value>[^\n]*)")
_REPOST_MARK = rx.compile(r"[【\[（(]\s*转载\s*[】\]）)]|(?:类型|属性|性质)\s*[:：]\s*转载")
_NOT_A_MARK = rx.compile(r"不得转载|禁止转载|请勿转载|严禁转载|转载请|如需转载|未经\p{Han}{0,6}转载|转载须")
_FOOTER = rx.compile(r"(?:^|\s)(?:(?:网站)?主办(?:单位)?\s*[:：]|版权所有\s*[:：]?)\s*(?:[©Ⓒ]\s*)?(?P<value>[^\n]*)")
_COPYRIGHT_AFTER = rx.compile(r"(?:[©Ⓒ]|Copyright\s*[©Ⓒ]?)\s*(?:(?:19|20)\d{2}\s*(?:[-—–]\s*(?:19|20)\d{2})?\s*)?(?P<value>\p{Han}[^\n]*?)\s*版权所有")
_TITLE_SUFFIX = rx.compile(r"^(?P<title>.{6,}?(?:报告|总结))\s*(?:_|\||｜|丨|\s[-–—]\s)\s*(?P<site>[^_|｜丨]{2,30})$")
_SITE_WORD = rx.compile(r"^\p{Han}[\p{Han}·]{0,24}(?:网站|网)$")
_URL = rx.compile(r"saved from url=\(\d+\)(?P<url>\S+)|(?:https?://)(?P<host>[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})"
                  r"|(?<![A-Za-z0-9.@/])(?P<www>www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|cn|cc|gov|edu|info|top)"
                  r"(?:\.cn)?)(?![A-Za-z0-9-])")
_SENTENCE = rx.compile(r"[。，；]")
_TIME = rx.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")


def name_of(value: str) -> str:
    """The name a label's value starts with: up to the first space, the next label or a bracket
    (来源：某县人民政府  发布时间：… → 某县人民政府; 来源：时间：… → '')."""
    value = value.strip().lstrip("【[（(").strip()
    token = rx.split(r"\s|[|｜【\[]", value, maxsplit=1)[0] if value else ""
    if rx.search(r"[:：]", token):
        return ""  # the label had no value: the next label follows it
    return token.strip("，,。；;、）)】]")


def _chrome(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= MAX_LINE and not _SENTENCE.search(stripped)


def _host(m) -> str:
    if m["url"]:
        found = rx.match(r"(?:[a-z]+://)?(?P<host>[A-Za-z0-9.-]+)", m["url"])
        return found["host"].lower() if found else ""
    return (m["host"] or m["www"] or "").lower()


def _dated_site(line: str) -> str | None:
    """The site name printed beside the page date: 2024-03-20 10:00 某某网 / 某某网 发布时间：…"""
    if not bare_date(line) and not rx.search(r"(?:日期|时间)\s*[:：]\s*(?:19|20)\d{2}", line):
        return None
    tokens = rx.sub(r"([:：])", r" \1 ", _TIME.sub(" ", line)).split()
    # A name after a label is that label's value (来源：本网), not the site's name.
    return next((token for i, token in enumerate(tokens) if _SITE_WORD.match(token)
                 and (i == 0 or tokens[i - 1] not in (":", "："))), None)


def read_publisher(text: str, meta: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The publisher evidence of a page: what the container said (``meta``: site, host, source from
    a web page's head), then the chrome lines above the report and the footer below it."""
    meta = meta or {}
    out: list[tuple[str, str]] = []

    def add(zone: str, value: str) -> None:
        value = value.strip()
        if value and (zone, value) not in out:
            out.append((zone, value))

    for zone in ("site", "host", "source"):
        if meta.get(zone):
            add(zone, meta[zone] if zone != "source" else name_of(meta[zone]))
    for m in _URL.finditer(text[:HEAD_CHARS]):
        add("host", _host(m))
    lines = text.split("\n")
    head = lines[:HEAD_LINES]
    tail_start = max(HEAD_LINES, len(lines) - TAIL_LINES)
    for index, line in [*enumerate(head), *((i, lines[i]) for i in range(tail_start, len(lines)))]:
        if not _chrome(line):
            continue
        stripped = line.strip()
        if index < HEAD_LINES:
            for m in _SOURCE.finditer(stripped):
                add("source", name_of(m["value"]))
            for m in _AUTHOR_UNIT.finditer(stripped):
                add("author_unit", name_of(m["value"]))
            if index < 5:
                titled = _TITLE_SUFFIX.match(stripped)
                if titled:
                    add("site", titled["site"])
            site = _dated_site(stripped)
            if site:
                add("site", site)
        if not _NOT_A_MARK.search(stripped):
            for m in _REPOST_FROM.finditer(stripped):
                add("repost", name_of(m["value"]) or "转载")
            if _REPOST_MARK.search(stripped):
                add("repost", "转载")
        footer = _FOOTER.search(stripped) or _COPYRIGHT_AFTER.search(stripped)
        if footer:
            add("site", name_of(footer["value"]))
        for m in _URL.finditer(stripped):
            add("host", _host(m))
    return out


def title_site(title: str) -> str | None:
    """The site's name at the end of a page's <title> (报告标题_某市人民政府 / 标题 - 某某网)."""
    parts = [p.strip() for p in rx.split(r"_|\||｜|丨|\s[-–—]\s", title) if p.strip()]
    return parts[-1] if len(parts) > 1 and 2 <= len(parts[-1]) <= 30 else None
