"""The same report as text in several encodings, as a web page, a .docx and a .pdf gives the same
outline and metadata."""
import pytest

from checker.document import build
from checker.document.serialize import document_dict
from checker.ingest import load

from conftest import SAMPLE


def _outline(path):
    data = document_dict(build(load(path)))

    def flat(sections):
        for s in sections:
            yield (s["level"], s["role"], s["title"])
            yield from flat(s["children"])

    meta = {k: data[k] for k in ("title", "issuer", "issuer_level", "year", "period", "date")}
    return meta, list(flat(data["sections"]))


@pytest.fixture(scope="module")
def expected():
    return _outline(SAMPLE)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(tmp_path, expected, encoding):
    text = SAMPLE.read_text("utf-8")
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    assert _outline(path) == expected
    assert load(path).encoding in (encoding.replace("-sig", ""), "gb18030", "utf-16")


def test_big5_is_detected(tmp_path):
    text = "臺北市政府關於2023年度法治政府建設情況的報告\n一、主要舉措和成效\n全年辦理行政復議案件35件，依法行政水平持續提升。\n" * 3
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    source = load(path)
    assert source.encoding == "big5"
    assert "行政復議" in source.text


def test_html_page_with_navigation(tmp_path, expected):
    body = "".join(f"<p>{line}</p>\n" for line in SAMPLE.read_text("utf-8").splitlines() if line.strip())
    page = f"""<!DOCTYPE html><html><head><meta charset="gb2312"><title>示例县人民政府网</title>
    <meta name="PubDate" content="2024-03-20 09:00"></head><body>
    <div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/fzzf">法治政府建设专栏</a></div>
    <div class="breadcrumb">您现在的位置：首页 &gt; 政务公开 &gt; 法治政府</div>
    <div class="info">发布时间：2024-03-20 来源：示例县司法局 字号：大 中 小</div>
    <div class="TRS_Editor">{body}</div>
    <div class="share">分享：微信 微博</div>
    <div class="related"><h3>相关文章</h3><ul><li><a href="#">关于开展法治宣传教育的通知（2023年工作安排）</a></li></ul></div>
    <script>var x = "一、不是正文";</script>
    <div class="footer">主办单位：示例县人民政府办公室 网站标识码：1234567890 ICP备12345678号</div>
    </body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    source = load(path)
    assert source.format == "html"
    assert source.meta["published"] == "2024-03-20"
    assert "首页" not in source.text and "分享" not in source.text and "网站标识码" not in source.text
    assert _outline(path) == expected


def test_docx_with_word_numbering(tmp_path, expected):
    pytest.importorskip("docx")
    from docx_fixtures import numbered_docx

    path = numbered_docx(SAMPLE.read_text("utf-8"), tmp_path / "report.docx")
    source = load(path)
    assert "一、2023年推进法治政府建设" in source.text
    assert "行政复议案件\t58件" in source.text
    meta, outline = _outline(path)
    assert outline == expected[1]
    assert meta == expected[0]


def _wrapped(line: str, width: int) -> list[str]:
    """A line set as a typesetter sets it: ``width`` Han characters a line, a digit or a Latin
    letter taking half as much room."""
    from unicodedata import east_asian_width

    chunks, current, used = [], "", 0
    for ch in line:
        room = 2 if east_asian_width(ch) in "WF" else 1
        if used + room > 2 * width:
            chunks.append(current)
            current, used = "", 0
        current, used = current + ch, used + room
    return chunks + [current] if current else chunks


def test_pdf_text_layer_with_wrapping_and_footer(tmp_path, expected):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width = 22
    y, page = 800, 1

    def footer():
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(250, 30, "示例县人民政府办公室印发")
        pdf.drawString(290, 18, f"- {page} -")

    pdf.setFont("STSong-Light", 12)
    for line in SAMPLE.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        for chunk in _wrapped(line, width):
            if y < 60:
                footer()
                pdf.showPage()
                page += 1
                pdf.setFont("STSong-Light", 12)
                y = 800
            pdf.drawString(40, y, chunk)
            y -= 30
    footer()
    pdf.save()
    source = load(path)
    assert "印发" not in source.text
    assert _outline(path) == expected


def test_a_word_list_number_before_a_year_is_set_off_by_its_tab(tmp_path):
    # Word shows "1." then a tab: read fused, "1.2020年…" would be the figure 1.2020, not a numbered heading.
    import docx
    document = docx.Document()
    document.add_paragraph("某县2023年度法治政府建设情况报告")
    document.add_paragraph("2023年推进法治政府建设的主要举措和成效", style="List Number")
    document.add_paragraph("全年办理行政复议案件35件。")
    document.add_paragraph("加强执法队伍建设", style="List Number")   # near miss: no digit, no tab added
    path = tmp_path / "numbered.docx"
    document.save(path)
    text = load(path).text
    assert "1.\t2023年推进法治政府建设的主要举措和成效" in text
    assert "2.加强执法队伍建设" in text


def test_a_line_is_full_by_the_room_it_takes_not_by_its_characters():
    from checker.ingest.pdf import join_visual_lines

    full_han = "县政府坚持以习近平法治思想为指导推进法治政府建设各项工作取得新成效并且不断深化"  # 40 Han
    lines = [full_han,                                           # full: the paragraph goes on
             "依法行政水平，全年共办理行政复议案件58件，纠错率13.8%，出庭应诉率达到100%的",  # full too, with figures
             "目标。",
             "编号为2023-0001至2023-0415的案卷共415卷",        # many characters, but half the room: it ends here
             "县司法局组织评查。"]
    text = join_visual_lines(lines)
    assert text.split("\n") == [full_han + lines[1] + "目标。", lines[3], "县司法局组织评查。"]
