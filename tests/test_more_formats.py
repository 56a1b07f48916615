"""The formats authors file besides .txt/.docx/.pdf: OFD (the national e-government format), legacy
.doc and .wps (through LibreOffice, with an install hint without it), and what a batch skips."""
import io
import shutil
import zipfile

import pytest

from checker.cli import main
from checker.base.errors import InputError
from checker.ingest import load

from conftest import SAMPLE, libreoffice_convert
from test_ingest_formats import _outline

OFD_XML = """<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">
  <ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>
</ofd:OFD>"""


def make_ofd(text: str, path, lines_per_page: int = 12):
    """An OFD of ``text`` as an office would export it: one TextObject per line, several pages, a
    running header and a page number on each page."""
    lines = [line for line in text.splitlines() if line.strip()]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", OFD_XML)
        page_list = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>'
                         f'</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
        for number, page in enumerate(pages):
            objects = ['<ofd:TextObject ID="1" Boundary="20 10 170 6" Font="1" Size="3.5">'
                       '<ofd:TextCode X="0" Y="3">示例县人民政府公文</ofd:TextCode></ofd:TextObject>']
            for row, line in enumerate(page):
                # Long lines are split into two text objects on the same baseline, as writers do.
                half = len(line) // 2
                for part, (start, piece) in enumerate(((0, line[:half]), (half * 4.2, line[half:]))):
                    objects.append(f'<ofd:TextObject ID="{row * 2 + part + 10}" Boundary="{25 + start} {30 + row * 8} 170 6" '
                                   f'Font="1" Size="4.2"><ofd:TextCode X="0" Y="4">{piece}</ofd:TextCode></ofd:TextObject>')
            objects.append(f'<ofd:TextObject ID="900" Boundary="100 280 20 6" Font="1" Size="3.5">'
                           f'<ofd:TextCode X="0" Y="3">— {number + 1} —</ofd:TextCode></ofd:TextObject>')
            archive.writestr(f"Doc_0/Pages/Page_{number}/Content.xml",
                             f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    path.write_bytes(buffer.getvalue())
    return path


def test_ofd_gives_the_same_outline_and_metadata_as_the_text(tmp_path):
    expected = _outline(SAMPLE)
    path = make_ofd(SAMPLE.read_text("utf-8"), tmp_path / "report.ofd")
    source = load(path)
    assert source.format == "ofd" and "示例县人民政府公文" not in source.text and "— 2 —" not in source.text
    assert _outline(path) == expected


def test_broken_ofd_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", OFD_XML)
    with pytest.raises(InputError) as caught:
        load(path)
    assert "Document.xml" in caught.value.zh


def test_doc_without_libreoffice_names_what_to_install(tmp_path, monkeypatch):
    from checker.ingest import legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    with pytest.raises(InputError) as caught:
        load(path)
    assert "LibreOffice" in caught.value.zh and "另存为 .docx" in caught.value.zh


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_doc_through_libreoffice_gives_the_same_outline(tmp_path):
    docx = pytest.importorskip("docx")

    expected = _outline(SAMPLE)
    # Typed heading numbers: LibreOffice's own .doc export turns Word's 一、 auto-numbering into 1、,
    # which says nothing about reading a .doc that Word wrote.
    document = docx.Document()
    for line in SAMPLE.read_text("utf-8").splitlines():
        document.add_paragraph(line)
    source = tmp_path / "report.docx"
    document.save(source)
    doc = libreoffice_convert(source, "doc", tmp_path)
    assert load(doc).format == "doc"
    assert _outline(doc) == expected


def test_batch_lists_what_it_skips(tmp_path, capsys):
    shutil.copy(SAMPLE, tmp_path / "report.txt")
    (tmp_path / "数据表.xlsx").write_bytes(b"PK\x03\x04not really")
    (tmp_path / "扫描件.jpg").write_bytes(b"\xff\xd8\xff")
    main(["check", str(tmp_path), "--format", "json", "--output-dir", str(tmp_path / "out"), "--no-store"])
    err = capsys.readouterr().err
    assert "跳过" in err and "数据表.xlsx" in err and "扫描件.jpg" in err
