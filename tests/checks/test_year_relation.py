from checks.checkkit import full_report, run_check

CHECK = {"type": "year_relation", "offset": 1}
PLANS = {"role": "next_year"}


def test_plans_for_the_next_year_pass():
    assert run_check(CHECK, full_report(), scope=PLANS).status == "pass"


def test_plans_headed_with_the_report_year_fail_and_name_both_years():
    text = full_report().replace("四、2024年法治政府建设工作安排", "四、2023年法治政府建设工作安排")
    result = run_check(CHECK, text, scope=PLANS, message="{found}/{expected}")
    assert result.status == "fail" and "2023" in result.message and "2024" in result.message


def test_a_heading_without_a_year_passes_unless_the_rule_says_otherwise():
    text = full_report().replace("四、2024年法治政府建设工作安排", "四、下一步工作安排")
    assert run_check(CHECK, text, scope=PLANS).status == "pass"
    assert run_check({**CHECK, "no_year": "fail"}, text, scope=PLANS).status == "fail"


def test_without_the_part_the_rule_does_not_apply():
    assert run_check(CHECK, full_report(next_year=None), scope=PLANS).status == "not_applicable"
