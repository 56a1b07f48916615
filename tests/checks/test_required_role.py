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


FR_CHECK = {"type": "required_role", "role": "first_responsible", "levels": [1, 2], "nested_in": ["achievements"],
            "mentions": ["第一责任人", "主要负责(人|同志).{0,8}(履行|履职)"]}


def test_a_first_responsible_heading_too_deep_to_be_the_part_is_named_as_a_heading():
    text = report(("一、主要举措和成效", "（一）强化组织领导\n1.落实第一责任人职责。县长主持召开专题会议4次。\n2.健全议事机制。"),
                  ("二、存在的不足", "执法不规范，原因是培训不足。"))
    result = run_check(FR_CHECK, text)
    assert result.status == "fail" and len(result.findings) == 1
    assert result.findings[0].message.startswith("只作为三级标题“1.落实第一责任人职责”写到")


def test_one_finding_per_sub_part_however_often_it_mentions_the_subject():
    once = ("（一）统筹推进法治建设。县委、县政府主要负责同志切实履行推进法治建设第一责任人职责。一是召开常委会会议。"
            "二是各单位主要负责人汇报履行第一责任人职责情况。")
    text = report(("一、主要举措和成效", once + "\n（二）严格执法。评查案卷160卷，主要负责人履行第一责任人职责带头述法。"),
                  ("二、存在的不足", "执法不规范，原因是培训不足。"))
    result = run_check(FR_CHECK, text)
    assert result.status == "fail" and len(result.findings) == 2
    assert [f.message[:9] for f in result.findings] == ["仅在“(一)统筹推", "仅在“(二)严格执"]
