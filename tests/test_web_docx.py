"""The web page keeps the author's file: after edits in the text box the Word download is the
uploaded document with those edits as tracked changes (styles, footer, page size and a colleague's
comment kept), or, where an edit cannot be placed, a file of the text under another name and a
note saying why — never a silent substitute."""
import base64
import http.client
import io
import json
import threading
import zipfile

import pytest

from conftest import wait_until

from checker.serve.server import create_server
from checker.writers.docx_edits import EDIT_AUTHOR

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINES = [
    "某县2023年法治政府建设情况的报告",
    "2023年，县政府坚持以习近平法制思想为指导，推进法治政府建设。",
    "一、主要举措和成效",
    "全年办理行政复议案件35件，纠错率12%。",
    "二、存在的不足和原因",
    "一是执法规范化水平还需提高，原因是培训不足。",
    "三、2024年工作安排",
    "一是到2024年6月底前完成执法人员轮训。",
]


@pytest.fixture()
def server(server_port):
    return server_port


def _post(port, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", "/api/check", body=json.dumps(body, ensure_ascii=False).encode(),
                       headers={"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"})
    response = connection.getresponse()
    data = json.loads(response.read())
    connection.close()
    assert response.status == 200, data
    return data


def _authors_docx(numbered_heading: bool = False) -> bytes:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.footer.paragraphs[0].text = "— 1 —"
    style = document.styles.add_style("公文正文", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name, style.font.size = "仿宋_GB2312", Pt(16)
    for line in LINES:
        paragraph = document.add_paragraph(line, style="公文正文")
        if line.startswith("2023年"):
            document.add_comment(paragraph.runs, text="数据请再核对", author="李科员", initials="L")
    if numbered_heading:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "行政复议", "35件"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload_then_download(port, package: bytes, edit) -> tuple[dict, "docx.Document"]:
    upload = {"filename": "县报告.docx", "content_base64": base64.b64encode(package).decode()}
    text = _post(port, upload)["text"]
    data = _post(port, {**upload, "edited_text": edit(text), "docx": True})
    return data, docx.Document(io.BytesIO(base64.b64decode(data["docx_base64"])))


def test_edits_go_into_the_authors_file_as_tracked_changes(server):
    def edit(text):
        lines = text.split("\n")
        lines[3] = lines[3].replace("35件", "36件")                       # a changed word
        lines.insert(4, "全年组织执法人员培训4次，参训120人次。")          # a new paragraph
        del lines[6]                                                       # a removed paragraph
        return "\n".join(lines)

    data, result = _upload_then_download(server, _authors_docx(), edit)
    assert data["docx_name"] == "县报告-批注.docx" and "修订" in data["docx_note"]
    xml = result.element.xml
    assert f'w:author="{EDIT_AUTHOR}"' in xml
    # The author's styles, page, footer and a colleague's comment are all still there.
    assert all(p.style.name == "公文正文" for p in result.paragraphs if p.text.strip())
    assert round(result.sections[0].page_width.mm) == 210 and result.sections[0].footer.paragraphs[0].text == "— 1 —"
    assert [c.text for c in result.comments if c.author == "李科员"] == ["数据请再核对"]
    # fzcheck's own comments are there too, on the edited text.
    assert any(c.author == "fzcheck 自查工具" for c in result.comments)
    # Read back as Word shows it with the edits accepted: the edited text.
    from checker.ingest import load_bytes

    buffer = io.BytesIO()
    result.save(buffer)
    original = _post(server, {"filename": "县报告.docx", "content_base64": base64.b64encode(_authors_docx()).decode()})
    assert load_bytes(buffer.getvalue(), "x.docx").text == edit(original["text"]) == data["text"]


def test_an_edit_that_cannot_be_placed_is_said_and_named_differently(server):
    def edit(text):  # a new table row: the package cannot take it paragraph by paragraph
        return text + "\n行政应诉\t12件"

    data, result = _upload_then_download(server, _authors_docx(numbered_heading=True), edit)
    assert data["docx_name"] == "县报告-修改稿-批注.docx"
    assert "表格" in data["docx_note"] and "新建" in data["docx_note"]
    assert not any(c.author == "李科员" for c in result.comments)  # a file of the text, and the page says so


def test_an_unchanged_upload_comes_back_as_the_authors_file_without_a_note(server):
    data, result = _upload_then_download(server, _authors_docx(), lambda text: text)
    assert data["docx_name"] == "县报告-批注.docx" and data["docx_note"] is None
    assert [c.text for c in result.comments if c.author == "李科员"] == ["数据请再核对"]


def test_in_chromium_edit_an_uploaded_docx_and_download_it_with_the_edits_as_revisions(tmp_path):

    from test_browser import ARTIFACTS, CHROMIUM, DRIVER, chrome

    if not (CHROMIUM and DRIVER):
        pytest.skip("Debian chromium and chromium-driver not installed")
    source = tmp_path / "县报告.docx"
    source.write_bytes(_authors_docx())
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    httpd = create_server("127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    driver = chrome("1500,1100", downloads)

    def wait(predicate, seconds=30):
        return wait_until(predicate, seconds)

    try:
        driver.get(f"http://127.0.0.1:{httpd.server_address[1]}/")
        driver.find_element("id", "file").send_keys(str(source))
        wait(lambda: driver.find_element("id", "text").get_attribute("value").startswith("某县"))
        edited = driver.find_element("id", "text").get_attribute("value").replace("35件", "36件")
        driver.execute_script("const box = document.getElementById('text'); box.value = arguments[0];"
                              "box.dispatchEvent(new Event('input', {bubbles: true}));", edited)
        driver.find_element("id", "download-docx").click()
        saved = wait(lambda: [p for p in downloads.iterdir() if p.suffix == ".docx"])
        notice = wait(lambda: driver.find_element("id", "notice").text)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.execute_script("document.getElementById('notice').scrollIntoView({block: 'center'})")
        driver.save_screenshot(str(ARTIFACTS / "web-docx-download.png"))
    finally:
        driver.quit()
        httpd.shutdown()
        httpd.server_close()
    assert saved[0].name == "县报告-批注.docx" and "修订" in notice
    result = docx.Document(saved[0])
    assert [c.text for c in result.comments if c.author == "李科员"] == ["数据请再核对"]
    xml = zipfile.ZipFile(saved[0]).read("word/document.xml").decode("utf-8")
    assert f'w:author="{EDIT_AUTHOR}"' in xml, notice
    assert "36件" in "".join(p.text for p in result.paragraphs) or "<w:t xml:space=\"preserve\">6</w:t>" in xml


def test_random_edits_are_either_written_exactly_or_refused(tmp_path):
    """Any mix of changed words, new, removed and re-spaced lines: the package read back is the
    edited text, or apply_edits says why it cannot (never a different text)."""
    import random

    from checker.ingest import load_bytes
    from checker.writers.docx_edits import NotApplicable, apply_edits, normalized

    packages = [_authors_docx(), _authors_docx(numbered_heading=True)]
    rng = random.Random(29)
    alphabet = "法治政府建设，。一二三县0123456789"
    written = refused = 0
    for _ in range(60):
        package = rng.choice(packages)
        source = load_bytes(package, "x.docx")
        lines = source.text.split("\n")
        for _ in range(rng.randint(1, 4)):
            choice, index = rng.random(), rng.randrange(len(lines))
            if choice < 0.5:
                line = lines[index]
                start = rng.randrange(len(line) + 1)
                end = min(len(line), start + rng.randint(0, 4))
                lines[index] = line[:start] + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3))) + line[end:]
            elif choice < 0.7:
                lines.insert(index, "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))))
            elif choice < 0.85 and len(lines) > 2:
                del lines[index]
            else:
                lines[index] = "  " + lines[index] + " "
        edited = "\n".join(lines)
        try:
            done = apply_edits(package, source.text, source.anchors, edited)
        except NotApplicable:
            refused += 1
            continue
        assert load_bytes(done.package, "x.docx").text == normalized(edited)
        written += 1
    assert written > 40 and refused > 0
