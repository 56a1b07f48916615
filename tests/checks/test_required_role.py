from checks.checkkit import ACHIEVEMENTS, FIRST_RESPONSIBLE, NEXT_YEAR, flagged, full_report, report, run_check


def test_each_of_the_four_parts_is_found_in_a_complete_report():
    for role in ("achievements", "shortcomings", "first_responsible", "next_year"):
        assert run_check({"type": "required_role", "role": role}, full_report()).status == "pass", role


def test_a_missing_part_fails():
    result = run_check({"type": "required_role", "role": "shortcomings"}, full_report(shortcomings=None))
    assert result.status == "fail"


def test_a_first_responsible_part_nested_in_the_achievements_counts_only_when_allowed():
    text = report((ACHIEVEMENTS, "全年办理复议案件35件。"),
                  ("（一）" + FIRST_RESPONSIBLE.split("、", 1)[1], "县长亲自部署法治政府建设，主持召开常务会议3次。"),
                  (NEXT_YEAR, "开展执法人员轮训。"))
    nested = {"type": "required_role", "role": "first_responsible", "levels": [1, 2], "nested_in": ["achievements"]}
    assert run_check(nested, text).status == "pass"
    assert run_check({**nested, "nested_in": []}, text).status == "fail"


def test_a_missing_part_whose_subject_is_mentioned_elsewhere_is_pointed_at():
    text = full_report(first_responsible=None).replace("纠错率22.9%。", "纠错率22.9%。主要负责同志认真履行第一责任人职责。")
    result = run_check({"type": "required_role", "role": "first_responsible", "mentions": ["第一责任人"]}, text)
    assert result.status == "fail" and flagged(result, text) == ["第一责任人"]
