"""Whether a text visibly breaks off: its last paragraph stops in the middle of a sentence (a page
opening saved on its own, a paste stopped short, a file cut in transfer), or it ends on a heading
with nothing under it.  What a check finds missing from such a text may simply lie past the break,
and its message says so (checker/engine/evaluate.py: ``message_cut``).

A complete report ends on a sentence (。！？；), on its 落款 (taken out of the paragraphs by
checker/document/gongwen.py), or on page furniture after the body (“已归档”, a footer line): none
of these is prose cut short, so only a paragraph that reads as running prose counts.
"""
from __future__ import annotations

from ..patterns import rx
from .model import Paragraph, Section

# What a finished sentence (or a bracketed note, a closing quotation) ends with.
_CLOSED = frozenset("。！？!?；;」”’』）)】.")
# Dots a page puts where it shortened the text (开展“……), not the report's own ending.
_TRAILING_DOTS = rx.compile(r"(?:\.{2,}|…+)$")
# Running prose: a clause mark inside the paragraph.  Page furniture (已归档, 网站标识码：…) has none.
_CLAUSE = rx.compile(r"[，,、。；;]")
# A paragraph that opens an item (一是 / 1. / （1）) is prose however short.
_ITEM_START = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、]|[（(]\d{1,2}[)）])")
# A heading number with nothing after it: （二） on the last line.
_BARE_MARKER = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分)$")
# Footer lines of a published page: never the report's own last sentence.
_FOOTER = rx.compile(r"版权所有|ICP|备案号|网站标识码|主办单位|承办单位|技术支持|联系电话|邮政编码|邮编|"
                     r"上一篇|下一篇|相关链接|打印本页|关闭窗口|分享到|扫一扫|责任编辑|浏览次数|访问量")
# “无”“暂无其他需要报告的情况” under the last heading: a complete answer, not a cut.
_NOTHING = rx.compile(r"^(?:暂?无|没有)\p{Han}{0,12}$")
_PROSE_CHARS = 8  # shorter lines with a clause mark are labels, not running prose


def cut_at(text: str, paragraphs: list[Paragraph], sections: list[Section], signed_at: int | None = None) -> int | None:
    """Where the text breaks off (the end of its last paragraph), or None when it ends complete.
    ``signed_at``: where the 落款 date stands; a text dated after its last paragraph is complete
    however that paragraph ends (a last item written without its 。)."""
    if not paragraphs:
        return None
    last = paragraphs[-1]
    if signed_at is not None and signed_at >= last.end:
        return None
    line = text[last.start:last.end].strip()
    if not line or _FOOTER.search(line):
        return None
    headings = {s.heading.start for s in _walk(sections) if not s.heading.run_in}
    if last.start in headings or _BARE_MARKER.match(line):
        return last.end  # a heading with nothing under it
    line = _TRAILING_DOTS.sub("", line)
    if not line or line[-1] in _CLOSED:
        return None
    under_heading = len(paragraphs) > 1 and paragraphs[-2].start in headings and not _NOTHING.match(line)
    prose = len(line) >= _PROSE_CHARS and bool(_CLAUSE.search(line))
    return last.end if prose or under_heading or _ITEM_START.match(line) else None


def _walk(sections: list[Section]):
    for section in sections:
        yield from section.walk()
