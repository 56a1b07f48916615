"""Scanned PDFs: with the OCR extra the sample report scanned as page images gives the same outline
and metadata as its text, and says it came from OCR; without the extra the refusal names it."""
import io
from pathlib import Path

import pytest

from checker.base.errors import InputError
from checker.ingest import load

from conftest import SAMPLE
from test_ingest_formats import _outline

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def scanned_pdf(text: str, path: Path, lines_per_page: int = 20) -> Path:
    """The text printed on A4 pages as images only (what a scanner gives), at about 150 dpi."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype(str(FONT), 32)
    width, chars = 1240, 28
    wrapped = []
    for line in text.splitlines():
        if not line.strip():
            continue
        wrapped += [line[i:i + chars] for i in range(0, len(line), chars)]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for start in range(0, len(wrapped), lines_per_page):
        image = Image.new("L", (width, 1754), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(wrapped[start:start + lines_per_page]):
            draw.text((100, 120 + row * 76), line, font=font, fill=0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        pdf.drawImage(ImageReader(buffer), 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def scan(tmp_path):
    pytest.importorskip("PIL")
    pytest.importorskip("reportlab")
    if not FONT.exists():
        pytest.skip("no CJK font to print the scan with")
    return scanned_pdf(SAMPLE.read_text("utf-8"), tmp_path / "scan.pdf")


def test_scan_without_the_extra_names_it(scan, monkeypatch):
    from checker.ingest import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError) as caught:
        load(scan)
    assert "fzcheck[ocr]" in caught.value.zh


def test_scan_with_the_extra_reads_like_the_text(scan):
    pytest.importorskip("rapidocr_onnxruntime")
    source = load(scan)
    assert source.meta["ocr"] == "rapidocr" and float(source.meta["ocr_confidence"]) > 0.8
    expected_meta, expected_outline = _outline(SAMPLE)
    meta, outline = _outline(scan)
    assert [(level, role) for level, role, _ in outline] == [(level, role) for level, role, _ in expected_outline]
    assert {k: meta[k] for k in ("issuer", "issuer_level", "year", "period", "date")} == \
        {k: expected_meta[k] for k in ("issuer", "issuer_level", "year", "period", "date")}


def test_figure_rules_on_recognised_text_say_the_figures_may_be_misread():
    from checker.run.pipeline import Checker, load_source

    text = SAMPLE.read_text("utf-8").replace("全年", "截至目前累计", 1)
    plain = Checker(discover_config=False).check_source(load_source(text=text))
    recognised = load_source(text=text)
    recognised.meta.update(ocr="rapidocr", ocr_confidence="0.950")
    scanned = Checker(discover_config=False).check_source(recognised)
    failing = {r["rule_id"]: r["message"] for r in scanned["results"] if r["status"] == "fail"}
    noted = {rule for rule, message in failing.items() if "扫描件识别" in message}
    assert noted and all(r["status"] == "fail" for r in plain["results"] if r["rule_id"] in noted)
    assert all("扫描件识别" not in r["message"] for r in plain["results"])
    assert scanned["document"]["ocr_confidence"] == 0.95


def test_page_images_beyond_the_pixel_limit_are_not_decoded(scan, monkeypatch):
    pytest.importorskip("rapidocr_onnxruntime")
    from checker.ingest import ocr

    monkeypatch.setattr(ocr, "MAX_PIXELS", 1000)
    with pytest.raises(InputError) as caught:
        load(scan)
    assert "OCR" in caught.value.zh and caught.value.path.endswith("scan.pdf")


def test_a_scanned_page_among_text_pages_is_read_too(tmp_path):
    """The signed and stamped last page scanned, the rest exported from Word: the 落款 date comes
    from the scanned page."""
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("PIL")
    pytest.importorskip("reportlab")
    if not FONT.exists():
        pytest.skip("no CJK font to print the scan with")
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    lines = [line for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    body, ending = lines[:-2], lines[-2:]
    assert "2024年3月15日" in ending[-1]
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text_pdf = tmp_path / "text.pdf"
    pdf = canvas.Canvas(str(text_pdf))
    pdf.setFont("STSong-Light", 10)
    y = 800
    for line in body:
        for start in range(0, len(line), 45):
            pdf.drawString(40, y, line[start:start + 45])
            y -= 14
            if y < 60:
                pdf.showPage()
                pdf.setFont("STSong-Light", 10)
                y = 800
    pdf.save()
    scanned = scanned_pdf("\n".join(ending), tmp_path / "last.pdf")
    writer = PdfWriter()
    for part in (text_pdf, scanned):
        for page in PdfReader(part).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    source = load(mixed)
    assert source.meta.get("ocr") == "rapidocr"
    meta, _ = _outline(mixed)
    assert meta["date"] == "2024-03-15"
