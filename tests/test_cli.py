"""The command line: outputs, exit codes, bad inputs, determinism."""
import json
import os
import subprocess
import sys
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from checker.cli import main

from conftest import ROOT, SAMPLE, corpus_dir, needs_corpus

SCHEMA = json.loads(resources.files("checker").joinpath("schema/report.schema.json").read_text("utf-8"))
FLAWED = "某区法治政府建设2023年上半年工作总结\n一、工作开展情况\n全区依法行政水平持续提升。\n二、存在的问题\n一是执法不规范。三是普法不够。\n"


def _check(tmp_path, *paths, extra=()):
    out = tmp_path / "out"
    code = main(["check", *map(str, paths), "--format", "json", "--output-dir", str(out), *extra])
    return code, out


def test_sample_report_passes_and_validates(tmp_path, capsys):
    code, out = _check(tmp_path, SAMPLE)
    report = json.loads((out / "sample_report.json").read_text("utf-8"))
    Draft202012Validator(SCHEMA).validate(report)
    assert code == 0 and report["summary"]["verdict"] == "pass"
    assert "合格" in capsys.readouterr().out


def test_flawed_report_exit_code_and_findings(tmp_path):
    path = tmp_path / "flawed.txt"
    path.write_text(FLAWED, encoding="utf-8")
    code, out = _check(tmp_path, path)
    report = json.loads((out / "flawed.json").read_text("utf-8"))
    Draft202012Validator(SCHEMA).validate(report)
    status = {r["rule_id"]: r["status"] for r in report["results"]}
    assert code == 1
    assert status["report.annual"] == "fail" and status["part.first_responsible"] == "fail"
    assert status["numbering.sequence"] == "fail"
    gap = next(r for r in report["results"] if r["rule_id"] == "numbering.sequence")["findings"][0]
    assert FLAWED[gap["start"]:gap["end"]] == "三是" and gap["line"] == 5
    assert main(["check", str(path), "--output-dir", str(tmp_path / "o2"), "--fail-on", "never"]) == 0


@pytest.mark.parametrize("content,expected", [
    (b"", "空"), (b"   \n\t  ", "空"), (b"\x00\x01\x02binary\xff\xfe\x00" * 50, "文本"),
    (b"PK\x03\x04 not really a zip", "docx"), (b"%PDF-1.4 truncated", "PDF"),
    (b"only ascii text, no report here", "中文"),
])
def test_bad_inputs_exit_3_with_clear_message(tmp_path, capsys, content, expected):
    bad = tmp_path / "bad file 报告.docx"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    code, out = _check(tmp_path, bad, good)
    err = capsys.readouterr().err
    assert code == 3
    assert str(bad) in err and expected.lower() in err.lower() and "Traceback" not in err
    assert (out / "good.json").exists() and not (out / "bad file 报告.json").exists()


def test_missing_path_and_directory(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.txt"), "--output-dir", str(tmp_path / "o")]) == 3
    assert "不存在" in capsys.readouterr().err


def test_bad_rule_file_exit_2(tmp_path, capsys):
    rules = tmp_path / "bad.yaml"
    rules.write_text("pack: {name: bad, version: '1'}\nrules:\n  - id: x.y\n    title: t\n    message: m\n"
                     "    severity: error\n    spec: [nope.clause]\n    scope: document\n"
                     "    check: {type: phrases, patterns: ['(unclosed']}\n    hint: h\n    examples: {}\n    colour: red\n",
                     encoding="utf-8")
    code = main(["check", str(SAMPLE), "--rules", str(rules), "--output-dir", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{rules}:3:5 x.y" in err and "colour" in err


def test_same_input_gives_identical_json_and_html(tmp_path):
    outputs = []
    for run in range(2):
        out = tmp_path / f"o{run}"
        env = {**os.environ, "PYTHONHASHSEED": str(run + 1), "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run([sys.executable, "-m", "checker", "check", str(SAMPLE), str(ROOT / "tests" / "corpus"),
                        "--format", "json,html", "--output-dir", str(out), "--no-store"], check=False, env=env,
                       capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10


def test_inspect_prints_outline(capsys):
    assert main(["inspect", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "[第一责任人]" in out and "示例县人民政府" in out


def test_jieba_loaded_only_for_token_rules_and_once():
    probe = (
        "import sys, checker, checker.patterns.tokens as t\n"
        "from checker.run.pipeline import Checker\n"
        "core = Checker(rules=[sys.argv[1]], discover_config=False)\n"
        "core.check_path(sys.argv[2])\n"
        "print('core', 'jieba' in sys.modules)\n"
        "full = Checker(discover_config=False)\n"
        "full.check_path(sys.argv[2]); first = t.tokenizer()\n"
        "full.check_path(sys.argv[2])\n"
        "print('full', 'jieba' in sys.modules, t.tokenizer() is first)\n")
    out = subprocess.run([sys.executable, "-c", probe, str(ROOT / "rules" / "core.yaml"), str(SAMPLE)],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    assert out[0] == "core False" and out[1] == "full True True"


@needs_corpus
def test_corpus_outputs_validate(tmp_path):
    code, out = _check(tmp_path, corpus_dir())
    files = sorted(p for p in out.glob("*.json") if p.name != "summary.json")
    assert len(files) == 5
    for path in files:
        Draft202012Validator(SCHEMA).validate(json.loads(path.read_text("utf-8")))


RULE_HEAD = "pack: {name: t, version: '1'}\nrules:\n"
RULE = ("  - id: {id}\n    title: t\n    message: m\n    severity: error\n    spec: [dcgd2019.report.name]\n"
        "    scope: document\n    check: {{type: {type}, patterns: ['法治']}}\n    hint: h\n    examples: {{}}\n")


@pytest.mark.parametrize("body,needle", [
    (RULE.format(id="a.b", type="phrases") + RULE.format(id="a.b", type="phrases"), "duplicate rule id"),
    (RULE.format(id="a.b", type="no_such_check"), "unknown check type: no_such_check"),
    (RULE.format(id="a.b", type="figures_count"), "bad check parameter"),
    ("pack: {name: t, version: '1'}\nrules: [\n", "YAML syntax error"),
])
def test_rule_file_problems(tmp_path, capsys, body, needle):
    rules = tmp_path / "r.yaml"
    rules.write_text(body if body.startswith("pack") else RULE_HEAD + body, encoding="utf-8")
    assert main(["rules", "validate", str(rules)]) == 2
    err = capsys.readouterr().err
    assert needle in err and str(rules) in err


def test_scanned_pdf_is_refused(tmp_path, capsys):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    for _ in range(3):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    assert main(["check", str(path), "--output-dir", str(tmp_path / "o")]) == 3
    assert "OCR" in capsys.readouterr().err
