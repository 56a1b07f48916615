from checks.checkkit import report, run_check

CHECK = {"type": "title_pattern", "require": ["法治政府建设", r"(19|20)\d{2}", "报告"], "labels": ["法治政府建设", "年度", "报告"],
         "forbid": ["工作总结"]}


def test_a_title_with_every_required_part_passes():
    assert run_check(CHECK, report(("一、主要成效", "略。")), scope="title").status == "pass"


def test_a_summary_titled_as_such_names_what_is_missing_and_what_is_forbidden():
    text = report(("一、主要成效", "略。"), title="某区法治政府建设2023年上半年工作总结")
    result = run_check(CHECK, text, scope="title", message="{problems}")
    assert result.status == "fail" and "报告" in result.message and "工作总结" in result.message


def test_no_title_line_fails():
    result = run_check(CHECK, "一、主要成效\n全年办理复议案件35件。\n", scope="title")
    assert result.status == "fail"
