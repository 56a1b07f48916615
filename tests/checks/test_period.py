from checks.checkkit import report, run_check

CHECK = {"type": "period", "allowed": ["annual"]}


def test_an_annual_report_passes():
    assert run_check(CHECK, report(("一、主要成效", "略。")), scope="title").status == "pass"


def test_a_half_year_summary_fails_with_its_period_in_chinese():
    text = report(("一、主要成效", "略。"), title="某区2023年上半年法治政府建设情况报告")
    result = run_check(CHECK, text, scope="title", message="本报告是{period}报告")
    assert result.status == "fail" and "半年" in result.message


def test_a_period_may_be_allowed_by_the_rule():
    text = report(("一、主要成效", "略。"), title="某区2023年上半年法治政府建设情况报告")
    assert run_check({**CHECK, "allowed": ["annual", "half_year"]}, text, scope="title").status == "pass"
