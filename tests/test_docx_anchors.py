"""--format docx puts each comment on the words its finding is about (read back from the XML
ranges), in the paragraph or table cell ingest read them from; fixes with one right form become
tracked changes that LibreOffice accepts; a re-check replaces fzcheck's own comments and revisions
and keeps everybody else's; output files follow the umask."""
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from checker.base.ooxml import AUTHOR

from conftest import ROOT

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FLAWED = (ROOT / "examples" / "flawed_report.txt").read_text("utf-8")

# An invented county report: the same wrong expression once in a body paragraph and once in a
# table cell, a sentence-level finding in a long paragraph, and a fix across two runs.
OPENING = "某县2023年法治政府建设情况的报告"
BODY = [
    "2023年，县政府坚持以习近平法治思想为指导，推进法治政府建设。",
    "一、主要举措和成效",
    "（一）推进数字政府建设。搭建网联网+政务服务平台，推行一网通办。全年办理行政复议案件35件，纠错率12%。",
    "二、存在的不足和原因",
    "一是执法规范化水平还需提高，原因是执法人员培训不足、考核机制不健全。",
    "三、2024年工作安排",
    "一是到2024年6月底前完成执法人员轮训。",
]
CELL_TEXT = "依托网联网+监管平台办理"


def _report_docx(path: Path, colleague_comment: bool = False) -> Path:
    document = docx.Document()
    document.add_paragraph(OPENING)
    for line in BODY:
        paragraph = document.add_paragraph()
        if "网联网" in line:  # the wrong word split over two runs, the first one bold
            head, tail = line.split("网联网")
            paragraph.add_run(head + "网联")
            paragraph.runs[0].bold = True
            paragraph.add_run("网" + tail)
        else:
            paragraph.add_run(line)
        if colleague_comment and line.startswith("2023年"):
            document.add_comment(paragraph.runs, text="请核实", author="王科长", initials="W")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "说明"
    table.cell(1, 0).text, table.cell(1, 1).text = "执法监督", CELL_TEXT
    document.save(path)
    return path


def _ranges(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Comment text → [(covered text, block where the range starts: 'cell' or 'body')]; covered text
    reads deletions and insertions both (the range spans a revision)."""
    with zipfile.ZipFile(path) as archive:
        from lxml import etree

        body = etree.fromstring(archive.read("word/document.xml")).find(W + "body")
        comments = etree.fromstring(archive.read("word/comments.xml"))
    texts = {c.get(W + "id"): "".join(t.text or "" for t in c.iter(W + "t")) for c in comments.iter(W + "comment")}
    open_ranges: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    out: dict[str, list[tuple[str, str]]] = {}
    for element in body.iter():
        if element.tag == W + "commentRangeStart":
            open_ranges[element.get(W + "id")] = []
            ancestors = {a.tag for a in element.iterancestors()}
            where[element.get(W + "id")] = "cell" if W + "tc" in ancestors else "body"
        elif element.tag == W + "commentRangeEnd":
            cid = element.get(W + "id")
            out.setdefault(texts[cid], []).append(("".join(open_ranges.pop(cid)), where[cid]))
        elif element.tag in (W + "t", W + "delText"):
            for words in open_ranges.values():
                words.append(element.text or "")
    return out


def _check(source: Path, out: Path, *extra: str) -> Path:
    main(["check", str(source), "--format", "docx,json", "--output-dir", str(out), "--no-config", "--no-store",
          "--no-server", "--fail-on", "never", *extra])
    return out / f"{source.stem}-批注.docx"


def _comment_for(ranges: dict, needle: str) -> list[tuple[str, str]]:
    return [item for text, items in ranges.items() if needle in text for item in items]


def test_a_table_cell_finding_is_commented_in_that_cell_on_those_words(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out")
    ranges = _ranges(commented)
    typo = _comment_for(ranges, "网联网")
    # Once in the body paragraph, once in the cell: each on the word itself, in its own place.
    assert sorted(typo) == [("网联网互联网", "body"), ("网联网互联网", "cell")]


def test_a_sentence_finding_covers_the_words_not_the_paragraph(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out", "--no-revisions")
    ranges = _ranges(commented)
    typo = _comment_for(ranges, "网联网")
    assert ("网联网", "body") in typo  # exactly the word, across the two runs it was split over
    paragraph = next(p for p in docx.Document(commented).paragraphs if p.text.startswith("（一）推进数字政府"))
    assert all(len(covered) < len(paragraph.text) for items in ranges.values() for covered, _ in items
               if covered and covered in paragraph.text)
    # The split keeps each half's own run properties: the bold run is cut, not merged.
    bold = [r.text for r in paragraph.runs if r.bold]
    assert bold == ["（一）推进数字政府建设。搭建", "网联"]


def test_no_revisions_leaves_the_text_alone(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out", "--no-revisions")
    xml = zipfile.ZipFile(commented).read("word/document.xml").decode("utf-8")
    assert "<w:del " not in xml and "<w:ins " not in xml
    typo = next(c.text for c in docx.Document(commented).comments if "网联网" in c.text)
    assert "改为“互联网”" in typo and "修订" not in typo  # the fix is named, not said to be marked


def test_comments_are_short_and_cite_the_basis_once(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out")
    comments = [c.text for c in docx.Document(commented).comments]
    assert comments and all("条号未核实" not in c and "未核实" not in c for c in comments)
    assert all(c.count("依据：") <= 1 and c.count("修改") <= 1 for c in comments)
    typo = next(c for c in comments if "网联网" in c)
    assert "改为“互联网”" in typo


def test_a_2023_report_is_not_held_to_the_expired_outline(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out")
    outline = [c.text for c in docx.Document(commented).comments if "纲要任务" in c.text]
    assert outline and all("2015" not in c for c in outline)
    assert any("2021—2025" in c for c in outline)


def test_a_recheck_replaces_fzcheck_comments_and_keeps_a_colleagues(tmp_path):
    source = _report_docx(tmp_path / "县报告.docx", colleague_comment=True)
    first = _check(source, tmp_path / "one")
    again = tmp_path / "县报告-改.docx"
    shutil.copy(first, again)
    second = _check(again, tmp_path / "two")
    for path in (first, second):
        comments = docx.Document(path).comments
        assert [c.text for c in comments if c.author == "王科长"] == ["请核实"]
    one, two = _ranges(first), _ranges(second)
    assert one == two and sum(map(len, one.values())) == sum(map(len, two.values()))
    xml_one = zipfile.ZipFile(first).read("word/document.xml").decode("utf-8")
    xml_two = zipfile.ZipFile(second).read("word/document.xml").decode("utf-8")
    assert xml_one.count("<w:del ") == xml_two.count("<w:del ") >= 2
    assert xml_one.count("<w:ins ") == xml_two.count("<w:ins ")


def test_a_colleagues_tracked_insertion_is_read_and_kept(tmp_path):
    from docx_fixtures import numbered_docx

    source = numbered_docx(FLAWED, tmp_path / "样例.docx", tracked_insertion="网联网平台")
    commented = _check(source, tmp_path / "out")
    ranges = _ranges(commented)
    assert any(covered == "网联网" for covered, _ in _comment_for(ranges, "网联网"))
    xml = zipfile.ZipFile(commented).read("word/document.xml").decode("utf-8")
    assert 'w:author="审核人"' in xml  # the colleague's revision stays, no fix is forced into it
    assert xml.count("网联网") == 1


def test_the_comments_part_declares_no_extension_namespaces(tmp_path):
    commented = _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out")
    comments = zipfile.ZipFile(commented).read("word/comments.xml").decode("utf-8")
    assert "w14" not in comments and "wordml\"" not in comments.split(">", 2)[1]
    document = zipfile.ZipFile(commented).read("word/document.xml").decode("utf-8")
    assert "<w14:" not in document


def test_output_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        _check(_report_docx(tmp_path / "县报告.docx"), tmp_path / "out")
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir()}
    assert modes and set(modes.values()) == {0o644}, modes


def test_a_text_input_is_commented_on_its_words(tmp_path):
    source = tmp_path / "flawed.txt"
    source.write_text(FLAWED, encoding="utf-8")
    commented = _check(source, tmp_path / "out")
    ranges = _ranges(commented)
    assert ("习近平法制思想习近平法治思想", "body") in _comment_for(ranges, "习近平法制思想")
    section = docx.Document(commented).sections[0]
    assert round(section.page_width.mm) == 210  # A4, not the template's US Letter


def _accept_all(docx_path: Path, folder: Path) -> str:
    """LibreOffice headless in a private profile: open, accept all tracked changes, save as text."""
    profile = folder / "lo"
    standard = profile / "user" / "basic" / "Standard"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--terminate_after_init"],
                   capture_output=True, timeout=180)
    standard.mkdir(parents=True, exist_ok=True)
    (standard / "Module1.xba").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">\n'
        "Sub AcceptAll(source As String, target As String)\n"
        "  Dim args(0) As New com.sun.star.beans.PropertyValue\n"
        '  args(0).Name = "Hidden"\n  args(0).Value = True\n'
        '  doc = StarDesktop.loadComponentFromURL(source, "_blank", 0, args())\n'
        '  helper = createUnoService("com.sun.star.frame.DispatchHelper")\n'
        '  helper.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, Array())\n'
        "  Dim out(0) As New com.sun.star.beans.PropertyValue\n"
        '  out(0).Name = "FilterName"\n  out(0).Value = "Text (encoded)"\n'
        "  doc.storeToURL(target, out())\n  doc.close(True)\nEnd Sub\n</script:module>\n", encoding="utf-8")
    target = folder / "accepted.txt"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    f'macro:///Standard.Module1.AcceptAll("{docx_path.as_uri()}","{target.as_uri()}")'],
                   capture_output=True, timeout=180)
    return target.read_text("utf-8-sig")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_accepts_the_fixes_of_the_flawed_example(tmp_path):
    from docx_fixtures import numbered_docx

    source = numbered_docx(FLAWED, tmp_path / "flawed.docx")
    commented = _check(source, tmp_path / "out")
    accepted = _accept_all(commented, tmp_path)
    for wrong, right in (("习近平法制思想", "习近平法治思想"), ("县法制办", "县司法局"), ("特备是", "特别是"),
                         ("《法治政府建设实施纲要（2021-2025）》", "《法治政府建设实施纲要（2021—2025年）》")):
        assert wrong not in accepted and right in accepted
    assert "党的十九大精神" in accepted  # named in a comment, not a drop-in replacement: left to the author


def _as_saved_by_word(path: Path, target: Path) -> None:
    """What Word adds when it saves a commented file: a w14:paraId on each comment paragraph and a
    commentsExtended part keyed by it (a colleague's reply to fzcheck's first comment included)."""
    from lxml import etree

    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    with zipfile.ZipFile(path) as source:
        items = {name: source.read(name) for name in source.namelist()}
    comments = etree.fromstring(items["word/comments.xml"])
    entries, parent = [], None
    for number, comment in enumerate(comments.iter(W + "comment")):
        paragraph = comment.find(W + "p")
        paragraph.set(f"{{{w14}}}paraId", f"{number + 1:08X}")
        entries.append(f'<w15:commentEx w15:paraId="{number + 1:08X}" w15:done="0"/>')
        if parent is None and comment.get(W + "author") == AUTHOR:
            parent = f"{number + 1:08X}"
    entries.append(f'<w15:commentEx w15:paraId="7FFFFFFF" w15:paraIdParent="{parent}" w15:done="0"/>')
    items["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    items["word/commentsExtended.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                         f'<w15:commentsEx xmlns:w15="{w15}">{"".join(entries)}</w15:commentsEx>').encode()
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.commentsExtended+xml"/></Types>')
    items["word/_rels/document.xml.rels"] = items["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId900" Type="http://schemas.microsoft.com/office/2011/relationships/'
                             b'commentsExtended" Target="commentsExtended.xml"/></Relationships>')
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in items.items():
            out.writestr(name, data)


def test_a_recheck_of_a_file_saved_by_word_leaves_no_orphan_comment_entries(tmp_path):
    first = _check(_report_docx(tmp_path / "县报告.docx", colleague_comment=True), tmp_path / "one")
    saved = tmp_path / "县报告-已保存.docx"
    _as_saved_by_word(first, saved)
    second = _check(saved, tmp_path / "two")
    with zipfile.ZipFile(second) as archive:
        extended = archive.read("word/commentsExtended.xml").decode("utf-8")
        comments = archive.read("word/comments.xml").decode("utf-8")
    kept = [c for c in docx.Document(second).comments if c.author != AUTHOR]
    assert [c.text for c in kept] == ["请核实"]
    # Only the colleague's entry (and the reply, now a comment of its own) are left.
    import re

    ids = re.findall(r'w15:paraId="([0-9A-F]+)"', extended)
    assert len(ids) == 2 and "7FFFFFFF" in ids and "paraIdParent" not in extended
    assert all(f':paraId="{i}"' in comments for i in ids if i != "7FFFFFFF")
    assert _ranges(second) == _ranges(first)


def test_random_anchors_cover_exactly_their_words_however_the_runs_are_cut():
    """Paragraphs cut into runs at random (bold, tabs, line breaks among them) and comments, some
    with a fix, on random stretches: each range reads back as exactly the anchored words, each fix
    as that stretch deleted and the fix inserted, and the paragraph's text is unchanged."""
    import random

    from checker.base.ooxml import paragraph_text
    from checker.results import DocxRange
    from checker.writers.docx_comments import Note, _Writer

    rng = random.Random(29)
    words = "县政府坚持以习近平法治思想为指导，推进法治政府建设。全年办理行政复议案件35件。"
    for _ in range(40):
        document = docx.Document()
        texts = []
        for _ in range(3):
            paragraph, text = document.add_paragraph(), ""
            for _ in range(rng.randint(1, 6)):
                piece = words[rng.randrange(len(words)):][:rng.randint(1, 8)]
                run = paragraph.add_run(piece)
                run.bold = rng.random() < 0.3
                if rng.random() < 0.2:
                    run.add_tab()
                    piece += "\t"
                text += piece
            texts.append(text)
        writer = _Writer(document, revisions=True)
        expected = {}
        for number in range(rng.randint(1, 5)):
            block = rng.randrange(3)
            start = rng.randrange(len(texts[block]))
            end = rng.randint(start + 1, len(texts[block]))
            fix = "改" * rng.randint(1, 3) if rng.random() < 0.4 else None
            label = f"批注{number}"
            writer.add(Note((DocxRange(f"p{block}", start, end),), label, fix=fix))
            expected[label] = texts[block][start:end]
        body = document.element.body
        assert [paragraph_text(p) for p in body.iter(W + "p")] == texts
        for text, covered in _covered_as_written(document).items():
            assert covered == expected[text.split("\n")[0]], text
        for deleted in body.iter(W + "del"):  # each fix: the stretch deleted, the fix inserted after it
            assert deleted.getnext().tag == W + "ins" and set("".join(deleted.getnext().itertext())) == {"改"}


def _covered_as_written(document) -> dict[str, str]:
    """Comment text → the words its range covers as the author wrote them (fzcheck's insertions
    left out, its deletions read)."""
    from checker.base.ooxml import is_own, piece_text

    texts = {c.comment_id: c.text for c in document.comments}
    open_ranges, out = {}, {}
    for element in document.element.body.iter():
        if element.tag == W + "commentRangeStart":
            open_ranges[element.get(W + "id")] = []
        elif element.tag == W + "commentRangeEnd":
            out[texts[int(element.get(W + "id"))]] = "".join(open_ranges.pop(element.get(W + "id")))
        elif element.getparent() is not None and element.getparent().tag == W + "r":
            if any(a.tag == W + "ins" and is_own(a) for a in element.iterancestors()):
                continue
            for words in open_ranges.values():
                words.append(piece_text(element))
    return out
