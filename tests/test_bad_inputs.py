"""Whatever arrives, fzcheck answers with a clear bilingual message naming the file, exit code 3,
no traceback and no half-written output, and checks the rest of the batch."""
import builtins
import io
import os
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest import load

from conftest import ROOT, SAMPLE

BAD = ROOT / "tests" / "bad"


def _build(kind: str, folder: Path) -> Path:
    """Bad inputs too large or too specific to keep in the repository."""
    if kind == "nul_bytes":
        path = folder / "nul.txt"
        path.write_bytes(SAMPLE.read_bytes().replace("。".encode(), b"\x00", 5))
    elif kind == "big_text":
        path = folder / "big.txt"
        with open(path, "wb") as handle:
            chunk = SAMPLE.read_bytes()
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(chunk)
    elif kind == "long_line":
        path = folder / "long_line.txt"
        path.write_text("法治政府建设" * (5 * 1024 * 1024 // 18), encoding="utf-8")
    elif kind == "deep_html":
        path = folder / "deep.html"
        path.write_text("<html><body>" + "<div>" * 10000 + "<p>某县2023年法治政府建设年度报告。</p>" + "</div>" * 10000, encoding="utf-8")
    elif kind == "many_tags":
        path = folder / "tags.html"
        path.write_text("<html><body>" + "<span>法</span>" * 1_000_000 + "</body></html>", encoding="utf-8")
    elif kind == "encrypted_docx":
        path = folder / "locked.docx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    elif kind == "zip_bomb":
        path = folder / "bomb.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                block = b"\0" * (16 * 1024 * 1024)
                for _ in range(16):  # 256 MB of zeros in a file of about 250 KB
                    member.write(block)
    elif kind in ("encrypted_pdf", "scanned_pdf", "thousand_pages"):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        path = folder / f"{kind}.pdf"
        pdf = canvas.Canvas(str(path), encrypt="secret" if kind == "encrypted_pdf" else None)
        for _ in range(1000 if kind == "thousand_pages" else 2):
            if kind == "scanned_pdf":
                pdf.rect(50, 50, 400, 600, fill=1)
            else:
                pdf.setFont("STSong-Light", 12)
                pdf.drawString(40, 800, "某县2023年法治政府建设年度报告")
            pdf.showPage()
        pdf.save()
    elif kind == "directory":
        path = folder / "a folder.docx"
        path.mkdir()
    elif kind == "fifo":
        path = folder / "pipe.txt"
        os.mkfifo(path)
    elif kind == "symlink_loop":
        path = folder / "loop.txt"
        os.symlink(folder / "loop2.txt", path)
        os.symlink(path, folder / "loop2.txt")
    else:
        raise ValueError(kind)
    return path


CASES = [
    ("file", "empty.txt", "空"),
    ("file", "whitespace.txt", "空"),
    ("file", "binary.txt", "二进制"),
    ("file", "not_a_zip.docx", "压缩包已损坏"),
    ("file", "broken.pdf", "PDF"),
    ("built", "nul_bytes", "NUL"),
    ("built", "big_text", "16 MB"),
    ("built", "long_line", "1,000,000"),
    ("built", "deep_html", "正文"),
    ("built", "many_tags", "200,000"),
    ("built", "encrypted_docx", "加密"),
    ("built", "zip_bomb", "压缩炸弹"),
    ("built", "encrypted_pdf", "加密"),
    ("built", "scanned_pdf", "OCR"),
    ("built", "thousand_pages", "300 页"),
    ("built", "directory", "文件夹"),
    ("built", "fifo", "不是普通文件"),
    ("built", "symlink_loop", "无法访问"),
    ("missing", "no such file.txt", "不存在"),
]


@pytest.mark.parametrize("origin,name,expected", CASES, ids=[c[1] for c in CASES])
def test_bad_input_is_refused_and_batch_goes_on(tmp_path, capsys, origin, name, expected):
    if origin == "built" and name in ("encrypted_pdf", "scanned_pdf", "thousand_pages"):
        pytest.importorskip("reportlab")
    folder = tmp_path / "in"
    folder.mkdir()
    if origin == "file":
        bad = folder / name
        bad.write_bytes((BAD / name).read_bytes())
    elif origin == "built":
        bad = _build(name, folder)
    else:
        bad = folder / name
    good = folder / "good 报告.txt"
    good.write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["check", str(bad), str(good), "--format", "json,html", "--output-dir", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert str(bad) in err and expected in err, err
    assert "cannot" in err or "not" in err or "larger" in err or "refused" in err  # the English half
    assert "Traceback" not in err
    written = {p.name for p in out.iterdir()}
    assert "good_报告.json" in written and "good_报告.html" in written
    assert not [n for n in written if n.startswith(".") or Path(bad).stem in n]


def test_truncated_utf8_is_read(tmp_path):
    data = SAMPLE.read_bytes()
    path = tmp_path / "cut.txt"
    path.write_bytes(data + "法".encode()[:2])
    assert load(path).text == SAMPLE.read_text("utf-8")


def test_mixed_encodings_are_read_line_by_line(tmp_path):
    lines = SAMPLE.read_text("utf-8").splitlines()
    mixed = b"\n".join(line.encode("gb18030") if i == 5 else line.encode("utf-8") for i, line in enumerate(lines))
    path = tmp_path / "mixed.txt"
    path.write_bytes(mixed)
    source = load(path)
    assert source.encoding == "utf-8+gb18030" and source.text.splitlines() == lines


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    assert main(["check", str(path), "--output-dir", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err
    assert "secret.txt" in err and "Permission denied" in err


def test_odd_file_names(tmp_path, capsys):
    name = tmp_path / "报告 2023\n（终稿）.txt"
    name.write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["check", str(name), "--format", "json,html", "--output-dir", str(out)]) == 0
    produced = sorted(p.name for p in out.iterdir())
    assert produced == ["报告_2023_终稿.html", "报告_2023_终稿.json"]


def test_output_never_overwrites_an_input(tmp_path):
    page = tmp_path / "report.html"
    body = "".join(f"<p>{line}</p>" for line in SAMPLE.read_text("utf-8").splitlines() if line.strip())
    original = f"<html><body><div>{body}</div></body></html>"
    page.write_text(original, encoding="utf-8")
    main(["check", str(page), "--format", "json,html", "--output-dir", str(tmp_path)])
    assert page.read_text("utf-8") == original
    assert (tmp_path / "report-fzcheck.html").exists()


def test_interrupted_write_keeps_the_previous_file(tmp_path, monkeypatch):
    from checker.run import outputs

    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")

    class Boom(io.StringIO):
        pass

    def failing_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs.os, "replace", failing_replace)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_atomic(target, "new content")
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_internal_error_is_contained_and_debug_shows_it(tmp_path, capsys, monkeypatch):
    from checker.run import pipeline

    def broken(source, given=None):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "build", broken)
    assert main(["check", str(SAMPLE), "--output-dir", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "RuntimeError" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        main(["--debug", "check", str(SAMPLE), "--output-dir", str(tmp_path / "o")])


def test_time_limit_stops_a_runaway_parse(tmp_path, capsys, monkeypatch):
    import time

    from checker.run import pipeline

    real_build = pipeline.build

    def slow(source, given=None):
        time.sleep(5)
        return real_build(source, given)

    monkeypatch.setattr(pipeline, "build", slow)
    assert main(["check", str(SAMPLE), "--time-limit", "0.5", "--output-dir", str(tmp_path / "o")]) == 3
    assert "时间上限" in capsys.readouterr().err


def test_yaml_alias_bomb_in_rule_file(tmp_path, capsys):
    rules = tmp_path / "bomb.yaml"
    rules.write_text("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\npack: {name: x, version: '1'}\nrules: []\n",
                     encoding="utf-8")
    assert main(["rules", "validate", str(rules)]) == 2
    assert "别名" in capsys.readouterr().err
