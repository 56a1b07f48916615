"""--format docx: the author's own Word file comes back with the findings as comments (批注) on the
right paragraphs; other inputs get a .docx of their text; LibreOffice renders the result."""
import shutil

import pytest

from checker.cli import main

from conftest import ROOT, libreoffice_convert

pytest.importorskip("docx")

FLAWED = (ROOT / "tests" / "corpus" / "city_flawed.txt").read_text("utf-8")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchored(path):
    """(paragraph text, comment text) for every comment, by its commentRangeStart."""
    import docx

    document = docx.Document(path)
    texts = {c.comment_id: c.text for c in document.comments}
    out = []
    for start in document.element.body.iter(W + "commentRangeStart"):
        paragraph = start.getparent()
        while paragraph.tag != W + "p":
            paragraph = paragraph.getparent()
        words = "".join(t.text or "" for t in paragraph.iter(W + "t"))
        out.append((words, texts[int(start.get(W + "id"))]))
    return document, out


def test_commented_copy_of_a_numbered_docx_with_a_table_and_a_tracked_change(tmp_path):
    from docx_fixtures import numbered_docx

    source = numbered_docx(FLAWED, tmp_path / "样例市报告.docx", tracked_insertion="（审核人补充）")
    before = source.read_bytes()
    out = tmp_path / "out"
    main(["check", str(source), "--format", "docx,json", "--output-dir", str(out), "--no-config"])
    assert source.read_bytes() == before  # the author's file is never changed
    commented = out / "样例市报告-批注.docx"
    document, anchored = _anchored(commented)
    assert all(c.author == "fzcheck 自查工具" for c in document.comments)
    by_text = {}
    for paragraph, comment in anchored:
        by_text.setdefault(paragraph, []).append(comment)
    title = "样例市2023年法治政府建设工作总结"
    assert any("工作总结" in c and "修改建议" in c for c in by_text[title])
    problems = next(p for p in by_text if p.startswith("一是法治意识"))
    assert any("编号" in c or "跳号" in c for c in by_text[problems])
    assert any("依据：" in c for comments in by_text.values() for c in comments)
    assert len(document.tables) == 1 and "（审核人补充）" in document.element.xml


def test_text_input_gets_a_docx_of_its_text(tmp_path):
    source = tmp_path / "flawed.txt"
    source.write_text(FLAWED, encoding="utf-8")
    main(["check", str(source), "--format", "docx", "--output-dir", str(tmp_path / "out"), "--no-config"])
    document, anchored = _anchored(tmp_path / "out" / "flawed-批注.docx")
    assert document.paragraphs[0].text == "样例市2023年法治政府建设工作总结"
    assert len(anchored) >= 5


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_commented_docx(tmp_path):
    from docx_fixtures import numbered_docx

    source = numbered_docx(FLAWED, tmp_path / "report.docx")
    main(["check", str(source), "--format", "docx", "--output-dir", str(tmp_path), "--no-config"])
    libreoffice_convert(tmp_path / "report-批注.docx", "pdf", tmp_path, keep_as="commented-report.pdf")


def test_both_writers_make_their_tracked_changes_with_one_builder(tmp_path, monkeypatch):
    """The fixes offered with comments and the author's web edits are tracked changes of the same
    make (one builder, checker.writers.revisions): every w:del and w:ins either writer puts in the
    package came from it, with an id no other element of the package has."""
    import io
    import zipfile

    from lxml import etree

    from checker.ingest import load_bytes
    from checker.writers import revisions
    from checker.writers.docx_edits import apply_edits

    made = revisions.Revisions.mark

    def tagged(self, tag):
        element = made(self, tag)
        element.set(W + "builder", "1")   # a mark no other code path sets
        return element

    monkeypatch.setattr(revisions.Revisions, "mark", tagged)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    flawed = tmp_path / "flawed.txt"
    flawed.write_text((ROOT / "examples" / "flawed_report.txt").read_text("utf-8"), encoding="utf-8")
    main(["check", str(flawed), "--format", "docx", "--output-dir", str(tmp_path / "out"), "--no-config",
          "--no-store", "--no-server"])
    commented = (tmp_path / "out" / "flawed-批注.docx").read_bytes()
    source = load_bytes(commented, "x.docx")
    lines = source.text.split("\n")
    lines[2] = lines[2] + "（补充）"
    lines.insert(3, "新增一段。")
    del lines[-1]
    edited = apply_edits(commented, source.text, source.anchors, "\n".join(lines)).package
    for package, authors in ((commented, {"fzcheck 自查工具"}), (edited, {"fzcheck 自查工具", "作者（在 fzcheck 网页中修改）"})):
        body = etree.fromstring(zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml"))
        wrappers = list(body.iter(W + "del", W + "ins"))
        assert wrappers and {w.get(W + "author") for w in wrappers} == authors
        assert all(w.get(W + "builder") == "1" and w.get(W + "date") == "2023-11-14T22:13:20Z" for w in wrappers)
        revision_ids = [w.get(W + "id") for w in wrappers]
        assert len(set(revision_ids)) == len(revision_ids)
        others = {e.get(W + "id") for e in body.iter() if e.get(W + "id") is not None and e.tag not in (W + "del", W + "ins")}
        assert not others & set(revision_ids)
