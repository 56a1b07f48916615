from checks.checkkit import flagged, full_report, run_check

PLANS = {"role": "next_year"}
CHECK = {"type": "concrete_items", "markers": ["年底前", "全覆盖"]}


def test_plans_with_deadlines_and_named_projects_pass():
    assert run_check(CHECK, full_report(), scope=PLANS).status == "pass"


def test_slogan_plans_are_flagged_and_the_share_is_reported():
    text = full_report(next_year="一是持续深化法治政府建设。二是不断提升依法行政水平。三是年底前完成执法人员轮训。")
    result = run_check(CHECK, text, scope=PLANS, message="{count}/{total} {share}")
    assert result.status == "fail" and result.message == "1/3 33"
    assert flagged(result, text) == ["一是持续深化法治政府建设。", "二是不断提升依法行政水平。"]


def test_a_lower_share_can_be_configured():
    text = full_report(next_year="一是持续深化法治政府建设。二是年底前完成执法人员轮训。")
    assert run_check({**CHECK, "min_share": 0.5}, text, scope=PLANS).status == "pass"
    assert run_check({**CHECK, "min_share": 0.75}, text, scope=PLANS).status == "fail"


def test_none_concrete_is_said_as_none_not_as_zero_percent():
    text = full_report(next_year="一是持续深化法治建设。二是不断提升依法行政水平。")
    result = run_check({"type": "concrete_items", "markers": ["年底前", "\\d+[件次个]"]}, text,
                       scope={"role": "next_year"}, message="{portion}")
    assert result.status == "fail" and result.message == "没有一项"
