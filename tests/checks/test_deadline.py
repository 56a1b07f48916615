from checks.checkkit import full_report, report, run_check

CHECK = {"type": "deadline", "tiers": [
    {"by": "04-01", "severity": "error", "label": "向社会公开的期限"},
    {"by": "03-01", "levels": ["department"], "severity": "warning", "label": "政府部门报送期限"}]}


def dated(day: str) -> str:
    return full_report().replace("2024年2月20日", day)


def test_a_report_dated_before_the_deadline_passes():
    assert run_check(CHECK, dated("2024年3月20日")).status == "pass"


def test_a_report_dated_after_1_april_fails_as_an_error():
    result = run_check(CHECK, dated("2024年4月15日"))
    assert result.status == "fail" and result.severity == "error"


def test_the_department_tier_applies_only_to_departments():
    text = dated("2024年3月10日")
    assert run_check(CHECK, text, level="county").status == "pass"
    result = run_check(CHECK, text, level="department")
    assert result.status == "fail" and result.severity == "warning"


def test_a_date_given_on_the_command_line_wins_and_no_date_does_not_apply():
    assert run_check(CHECK, dated("2024年3月20日"), published="2024-05-06").status == "fail"
    undated = report(("一、主要成效", "全年办理复议案件35件。"), ending="\n")
    assert run_check(CHECK, undated).status == "not_applicable"


def test_a_report_dated_inside_its_own_year_is_not_a_full_year():
    check = {"type": "deadline", "not_before": {"month_day": "01-01", "year_offset": 1}}
    assert run_check(check, dated("2023年12月20日")).status == "fail"
    assert run_check(check, dated("2024年1月5日")).status == "pass"
