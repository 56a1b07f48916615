#!/usr/bin/env python3
"""Fuzzing the ingest and document code (CI runs it for a short fixed budget: tests/test_fuzz_smoke.py).

usage: .venv/bin/python fuzz/fuzz_ingest.py [SECONDS]   (default 600)

Hypothesis generates, for as long as asked: arbitrary bytes (as .txt, as a web page, as mutated
.docx, .pdf and OFD containers), arbitrary Unicode text, report-like fragments (up to thousands of
them), tag soup, and structure-aware Word files (many numbering definitions, deep paragraphs,
chains of styles) that reach the complexity paths.  Every input must either be refused with an
InputError or give a document whose spans lie inside the text and map back to it, within
SLOW_SECONDS.  Beyond ingest: reports with control characters and odd file names through every
writer (each XML output must parse, no writer may fail), the web server's request payloads (only
its own 4xx errors and input errors may come out) and the --server client's answer handling (only
FzError may come out).  Anything else is a crash: it is printed with the input that caused it and the
script exits 1.
"""
from __future__ import annotations

import io
import json
import os
import random
import sys
import zipfile
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


def _ofd_container() -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    page = (f'<ofd:Page {ns}><ofd:Content><ofd:Layer>' + "".join(
        f'<ofd:TextObject ID="{i}" Boundary="20 {20 + 8 * i} 150 6"><ofd:TextCode X="0" Y="5">{line}</ofd:TextCode>'
        '</ofd:TextObject>' for i, line in enumerate(("某县2023年法治政府建设年度报告", "一、主要举措和成效", "办理复议案件35件。")))
        + '</ofd:Layer></ofd:Content></ofd:Page>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                                               '</ofd:Pages></ofd:Document>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", page)
    return out.getvalue()


SEEDS = {"docx": _container("docx"), "pdf": _container("pdf"), "ofd": _ofd_container()}
CONTROL = st.sampled_from(["\x0b", "\x0c", "\x1b", "\x07", "\ufffe", "\udcff", "\u2028", "<", "&", "]]>", "="])


def _writers(text: str, name: str) -> None:
    """One report through every writer, as a batch of two; every XML output must parse."""
    import tempfile
    from xml.etree import ElementTree

    from checker.run.outputs import Outputs
    from checker.writers.registry import FORMATS

    COUNT["inputs"] += 1
    try:
        source = from_text(text, name)
    except InputError:
        COUNT["refused"] += 1
        return
    checked = CHECKER.check(source)
    with tempfile.TemporaryDirectory() as folder:
        formats = [f for f in FORMATS if f != "text"]
        outputs = Outputs(folder, formats, [name, "other.txt"])
        outputs.add(name, checked)
        outputs.add("other.txt", checked)
        outputs.finish()
        assert not outputs.writer_failures, outputs.writer_failures
        for path in os.scandir(folder):
            if path.name.endswith((".xlsx", ".docx")):
                with zipfile.ZipFile(path.path) as archive:
                    for part in archive.namelist():
                        if part.endswith(".xml"):
                            ElementTree.fromstring(archive.read(part))
            elif path.name.endswith(".xml"):
                ElementTree.parse(path.path)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)
PAYLOAD_KEYS = ["filename", "content_base64", "text", "year", "issuer_level", "published", "report_only", "page", "docx"]


def _request(payload) -> None:
    from checker.base.errors import FzError
    from checker.serve.app_core import ApiError, check_payload

    COUNT["inputs"] += 1
    try:
        check_payload(CHECKER, payload)
    except (ApiError, FzError):
        COUNT["refused"] += 1


def _answer(status: int, data: bytes) -> None:
    from checker.base.errors import FzError
    from checker.run.remote import answer_outcome, decode_answer

    COUNT["inputs"] += 1
    try:
        answer_outcome("http://127.0.0.1:1", "a.txt", status, decode_answer("http://127.0.0.1:1", status, data))
    except FzError:
        COUNT["refused"] += 1


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

    @settings(max_examples=max(1, examples // 4), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(mutated("ofd"))
    def ofd_mutations(data):
        _run(data, "a.ofd")

    @settings(max_examples=max(1, examples // 30), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(FRAGMENTS) | CONTROL, min_size=1, max_size=200), st.lists(CONTROL, max_size=3).map("".join))
    def writers(parts, odd):
        _writers("某县2021年法治政府建设年度报告\n" + "".join(parts), f"报告{odd}.txt")

    @settings(max_examples=max(1, examples // 6), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.dictionaries(st.sampled_from(PAYLOAD_KEYS), JSON | st.sampled_from(["", "5Lit5paH", "=", "某县"]), max_size=6))
    def requests(payload):
        _request(payload)

    @common
    @given(st.sampled_from([200, 400, 413, 422, 500, 503]),
           st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode())
           | st.fixed_dictionaries({"report": JSON, "text": JSON}).map(lambda v: json.dumps(v).encode()))
    def answers(status, data):
        _answer(status, data)

    random.seed(seed)
    for test in (raw_bytes, encoded_text, report_like, tag_soup, docx_mutations, pdf_mutations, docx_structures,
                 ofd_mutations, writers, requests, answers):
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
