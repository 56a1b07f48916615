"""What a newcomer and a CI engineer see on the terminal: findings in reading order, counts that
equal the lines above them, where the files went, and GitHub annotations with repository paths."""
import re
from pathlib import Path

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "examples" / "flawed_report.txt"
SAMPLE = ROOT / "examples" / "sample_report.txt"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告|提示) (?P<rule>\S+) ")


def test_findings_in_reading_order_and_counts_equal_the_lines(tmp_path, capsys):
    main(["check", str(FLAWED), "--format", "text", "--output-dir", str(tmp_path), "--no-store", "--no-server"])
    out = capsys.readouterr()
    lines = [LINE.match(line) for line in out.out.splitlines()]
    findings = [m for m in lines if m]
    assert findings
    places = [(int(m["line"]), int(m["col"])) for m in findings]
    assert places == sorted(places)
    summary = out.out.splitlines()[-1]
    for word in ("错误", "警告", "提示"):
        count = sum(1 for m in findings if m["sev"] == word)
        assert f"{word} {count} 条" in summary
    assert f"涉及 {len({m['rule'] for m in findings})} 条规则" in summary


def test_the_run_ends_with_its_summary_and_the_output_paths(tmp_path, capsys):
    main(["check", str(FLAWED), str(SAMPLE), "--format", "text,json,docx", "--output-dir", str(tmp_path),
          "--no-store", "--no-server"])
    out = capsys.readouterr()
    assert out.out.splitlines()[-1].startswith("共检查 2 份：")
    assert f"已写入 2 个 json 文件到 {tmp_path}" in out.err
    assert f"已写入 2 个 docx 文件到 {tmp_path}" in out.err and "-批注.docx" in out.err
    main(["check", str(SAMPLE), "--format", "json", "--output-dir", str(tmp_path / "one"), "--no-store", "--no-server"])
    assert f"已写入 {tmp_path / 'one' / 'sample_report.json'}" in capsys.readouterr().err


def _annotations(text: str) -> list[dict]:
    found = []
    for line in text.splitlines():
        match = re.match(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$", line)
        if match:
            props = dict(p.split("=", 1) for p in match["props"].split(","))
            found.append({"level": match[1], **props, "message": match["message"]})
    return found


def test_github_annotations_use_paths_relative_to_the_workspace(tmp_path, capsys, monkeypatch):
    work = tmp_path / "repo"
    (work / "reports").mkdir(parents=True)
    report = work / "reports" / "县报告.txt"
    report.write_text(FLAWED.read_text("utf-8"), "utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    main(["check", str(report.resolve()), "--format", "github", "--output-dir", str(tmp_path / "o"), "--no-store",
          "--no-server"])
    annotations = _annotations(capsys.readouterr().out)
    assert annotations and {a["file"] for a in annotations} == {"reports/县报告.txt"}
    assert {a["level"] for a in annotations} <= {"error", "warning", "notice"} and "error" in {a["level"] for a in annotations}
    assert all(a["line"].isdigit() and a["col"].isdigit() and a["title"] for a in annotations)
    # In a workflow the workspace is the repository root, whatever the working directory.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    main(["check", "reports/县报告.txt", "--format", "github", "--output-dir", str(tmp_path / "o"), "--no-store",
          "--no-server"])
    assert {a["file"] for a in _annotations(capsys.readouterr().out)} == {"repo/reports/县报告.txt"}


def test_a_path_outside_the_workspace_stays_absolute(tmp_path, monkeypatch):
    from checker.writers.github import workspace_path

    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    assert workspace_path(str(tmp_path / "elsewhere" / "a.txt")) == str(tmp_path / "elsewhere" / "a.txt")
    assert workspace_path(str(tmp_path / "repo" / "a,b:c.txt")) == "a,b:c.txt"


def test_checking_a_folder_again_does_not_check_the_first_runs_outputs(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "a.txt").write_text(FLAWED.read_text("utf-8"), "utf-8")
    monkeypatch.chdir(folder)
    for _ in range(2):
        main(["check", ".", "--format", "json,docx", "--no-store", "--no-server"])
    out = capsys.readouterr()
    assert "批注-批注" not in out.err and not list((folder / "reports_out").glob("*批注-批注*"))
    # A file named explicitly is still checked, wherever it is.
    assert main(["check", "reports_out/a-批注.docx", "--format", "json", "--output-dir", str(tmp_path / "o"),
                 "--no-store", "--no-server"]) in (0, 1)
