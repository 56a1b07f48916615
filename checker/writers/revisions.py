"""The tracked changes (修订) fzcheck writes into a .docx, built in one place: the fixes offered with
comments (``docx_comments``, author “fzcheck 自查工具”) and the author's edits from the web page
(``docx_edits``, author “作者（在 fzcheck 网页中修改）”).

A revision is a ``w:del`` or ``w:ins`` wrapper carrying its id, author and date (WordprocessingML
2006 only): deleted runs are moved into a ``w:del`` and their ``w:t`` become ``w:delText``, new text
is one run in a ``w:ins`` with the run properties of the text it replaces or joins; an empty wrapper
in a paragraph mark's ``w:rPr`` marks the mark itself deleted or inserted.  The date is the run's
moment (``checker.base.ooxml.timestamp``); ids count up from above every ``w:id`` the document
already uses, plus an offset that keeps one writer's ids clear of another's in the same package.
"""
from __future__ import annotations

import copy

from ..base.ooxml import W, W_NS, XML_SPACE, timestamp

WRAPPERS = (W + "ins", W + "del")


def element(tag: str, **attributes):
    """A WordprocessingML element ``w:tag`` with ``w:`` attributes."""
    from lxml import etree

    made = etree.Element(W + tag, nsmap={"w": W_NS})
    for key, value in attributes.items():
        made.set(W + key, value)
    return made


def text_run(text: str, properties=None):
    """A run of ``text`` (spaces kept; the caller makes it text XML can hold), with a copy of
    ``properties`` (a ``w:rPr``) when given."""
    run = element("r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    words = element("t")
    words.text = text
    words.set(XML_SPACE, "preserve")
    run.append(words)
    return run


class Revisions:
    """The tracked changes of one writing, by one author, at one moment."""

    def __init__(self, body, author: str, id_offset: int, date: str | None = None):
        self.author = author
        self.date = date or timestamp()
        used = [int(v) for e in body.iter() if (v := e.get(W + "id")) is not None and v.isdigit()]
        self.next_id = max(used, default=0) + id_offset

    def mark(self, tag: str):
        """An empty ``w:del`` or ``w:ins`` with the next id, the author and the date."""
        self.next_id += 1
        return element(tag, id=str(self.next_id), author=self.author, date=self.date)

    def delete(self, elements: list):
        """Wraps ``elements`` (runs, and markup between them), in place, in one deletion: the
        ``w:del``, put where the first of them was."""
        deleted = self.mark("del")
        elements[0].addprevious(deleted)
        for moved in elements:
            deleted.append(moved)
            for words in moved.iter(W + "t"):
                words.tag = W + "delText"
        return deleted

    def insert(self, text: str, properties=None):
        """An insertion of ``text`` as one run (``properties``: the ``w:rPr`` it takes), not yet
        placed."""
        inserted = self.mark("ins")
        inserted.append(text_run(text, properties))
        return inserted
