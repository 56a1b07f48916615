#!/usr/bin/env python3
"""Fuzzing the ingest and document code (CI runs it for a short fixed budget: tests/test_fuzz_smoke.py).

usage: .venv/bin/python fuzz/fuzz_ingest.py [SECONDS]   (default 600)

Hypothesis generates, for as long as asked: arbitrary bytes (as .txt, as a web page, as mutated
.docx and .pdf containers), arbitrary Unicode text, report-like fragments (up to thousands of
them), tag soup, and structure-aware Word files (many numbering definitions, deep paragraphs,
chains of styles) that reach the complexity paths.  Every input must either be refused with an
InputError or give a document whose spans lie inside the text and map back to it, within
SLOW_SECONDS.  Anything else is a crash: it is printed with the input that caused it and the
script exits 1.
"""
from __future__ import annotations

import io
import os
import random
import sys
import time

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from checker.document import build  # noqa: E402
from checker.document.serialize import document_dict  # noqa: E402
from checker.base.errors import InputError  # noqa: E402
from checker.ingest import from_text, load_bytes  # noqa: E402
from checker.run.pipeline import Checker  # noqa: E402

CHECKER = Checker(discover_config=False)
FRAGMENTS = ["一、", "（一）", "(二)", "1.", "（1）", "第一部分", "一是", "二是", "三是", "存在的问题", "不足和原因",
             "主要举措和成效", "第一责任人", "2021年", "二〇二一年三月", "7532件", "53.3%", "54亿3528.13万元",
             "百分之九十五", "近1000人次", "\n", "。", "，", "：", "\u3000", "\xa0", "㈠", "⑴", "…", "《", "》", "“", "”",
             "您现在的位置：首页 > ", "分享：", "日期:2021-03-31", "\r\n", "\r", "\ufeff", "\u200b", "★", "秘密★1年",
             "13812345678", "共抽查160卷，优秀84卷", "纠错率", "以来", "累计"]
COUNT = {"inputs": 0, "refused": 0}
SLOW_SECONDS = 10.0  # an input of this size that takes longer is a complexity bug


def _container(kind: str) -> bytes:
    if kind == "docx":
        import docx

        document = docx.Document()
        for line in ("某县2023年法治政府建设年度报告", "一、主要举措和成效", "办理复议案件35件。", "二、存在的问题", "一是力量不足。"):
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(("某县2023年法治政府建设年度报告", "一、主要举措和成效", "办理复议案件35件。") * 3):
        pdf.drawString(40, 800 - 20 * i, line)
    pdf.save()
    return out.getvalue()


SEEDS = {"docx": _container("docx"), "pdf": _container("pdf")}


def _check_document(source) -> None:
    doc = build(source)
    data = document_dict(doc, with_figures=True)
    length = len(source.text)

    def spans(sections):
        for s in sections:
            yield s["start"], s["end"]
            yield from spans(s["children"])

    for start, end in list(spans(data["sections"])) + [(f["start"], f["end"]) for f in data["figures"]]:
        assert 0 <= start <= end <= length, (start, end, length)
    for i, origin in enumerate(doc.norm.origin):
        assert 0 <= origin < length
    CHECKER.check_source(source)


def _run(data: bytes, name: str) -> None:
    COUNT["inputs"] += 1
    started = time.monotonic()
    try:
        source = load_bytes(data, name)
    except InputError:
        COUNT["refused"] += 1
        return
    _check_document(source)
    elapsed = time.monotonic() - started
    assert elapsed < SLOW_SECONDS, f"slow input: {elapsed:.1f} s for {len(data)} bytes as {name}"


def _structured_docx(paragraphs: int, lists: int, levels: int, styles: int) -> bytes:
    """A Word file with many numbering definitions, numbered paragraphs and a chain of styles."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for list_id in range(1, lists + 1):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(list_id))
        for level in range(levels):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting" if level % 2 == 0 else "decimal"),
                               ("w:lvlText", "".join(f"%{k + 1}." for k in range(level + 1)))):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            abstract.append(lvl)
        numbering.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(list_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(list_id))
        num.append(ref)
        numbering.append(num)
    from docx.enum.style import WD_STYLE_TYPE
    base = None
    for index in range(styles):
        style = document.styles.add_style(f"S{index}", WD_STYLE_TYPE.PARAGRAPH)
        if base is not None:
            style.base_style = base
        base = style
    for index in range(paragraphs):
        paragraph = document.add_paragraph(FRAGMENTS[index % len(FRAGMENTS)] + "依法行政工作。")
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", str(index % levels)), ("w:numId", str(index % lists + 1))):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            num_pr.append(el)
        paragraph._p.get_or_add_pPr().append(num_pr)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@st.composite
def mutated(draw, kind):
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 20))):
        pos = draw(st.integers(0, len(data) - 1))
        data[pos] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    return bytes(data)


def run_batch(seed: int, examples: int) -> None:
    common = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                      suppress_health_check=list(HealthCheck))

    @common
    @given(st.binary(max_size=4000), st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf"]))
    def raw_bytes(data, name):
        _run(data, name)

    @common
    @given(st.text(max_size=3000), st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]))
    def encoded_text(text, encoding):
        _run(text.encode(encoding, errors="ignore"), "a.txt")

    @common
    @given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=3000))
    def report_like(parts):
        text = "某县2021年法治政府建设年度报告\n" + "".join(parts)
        COUNT["inputs"] += 1
        _check_document(from_text(text))

    @common
    @given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<table><tr><td>", "</td></tr></table>",
                                     "<script>", "</script>", "<nav>", "<a href='x'>", "</a>", "<meta charset='gbk'>"])
                    | st.sampled_from(FRAGMENTS), max_size=300))
    def tag_soup(parts):
        _run(("<html><body>" + "".join(parts)).encode("utf-8"), "a.html")

    @common
    @given(mutated("docx"))
    def docx_mutations(data):
        _run(data, "a.docx")

    @common
    @given(mutated("pdf"))
    def pdf_mutations(data):
        _run(data, "a.pdf")

    @settings(max_examples=max(1, examples // 10), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(1, 1500), st.integers(1, 40), st.integers(1, 9), st.integers(0, 60))
    def docx_structures(paragraphs, lists, levels, styles):
        _run(_structured_docx(paragraphs, lists, levels, styles), "a.docx")

    random.seed(seed)
    for test in (raw_bytes, encoded_text, report_like, tag_soup, docx_mutations, pdf_mutations, docx_structures):
        test()


def main() -> int:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
    started = time.monotonic()
    rounds = 0
    examples = int(os.environ.get("FUZZ_EXAMPLES", "200"))  # per strategy and round
    while time.monotonic() - started < budget:
        run_batch(rounds, examples)
        rounds += 1
        print(f"{time.monotonic() - started:7.0f}s  rounds {rounds}  inputs {COUNT['inputs']}  "
              f"refused {COUNT['refused']}", flush=True)
    print(f"done: {COUNT['inputs']} inputs in {time.monotonic() - started:.0f}s, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
