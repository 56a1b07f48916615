from checks.checkkit import flagged, full_report, report, run_check

CHECK = {"type": "numbering"}


def test_consecutive_headings_and_items_pass():
    assert run_check(CHECK, full_report()).status == "pass"


def test_a_gap_in_the_items_is_flagged_at_the_marker_that_breaks_the_run():
    text = full_report(shortcomings="一是行政执法不够规范，原因在于培训不足。三是普法针对性不强，由于方式单一。")
    result = run_check(CHECK, text)
    assert result.status == "fail" and flagged(result, text) == ["三是"]


def test_a_repeated_heading_number_is_flagged():
    text = report(("一、主要成效", "全年办理复议案件35件。"), ("二、存在的不足", "执法不规范。"), ("二、下一步安排", "加强培训。"))
    result = run_check(CHECK, text)
    assert result.status == "fail" and len(result.findings) == 1 and flagged(result, text)[0].startswith("二")
    # The part under the repeated number is kept, not swallowed by the one before it.
    assert run_check({"type": "required_role", "role": "next_year"}, text).status == "pass"


def test_items_can_be_left_out_by_the_rule():
    text = full_report(shortcomings="一是行政执法不够规范，原因在于培训不足。三是普法针对性不强，由于方式单一。")
    assert run_check({**CHECK, "items": False}, text).status == "pass"


def test_headings_that_start_again_at_one_are_reported_as_a_restart_not_a_gap():
    text = report(("一、主要成效", "（一）依法决策。审查事项12件。\n（二）严格执法。评查案卷160卷。\n"
                   "（一）化解矛盾纠纷。调解纠纷300件。"), ("二、存在的不足", "执法不规范，原因是培训不足。"))
    result = run_check(CHECK, text)
    assert result.status == "fail" and len(result.findings) == 1
    assert "重新开始" in result.findings[0].message and "第三项" in result.findings[0].message


def test_a_heading_line_given_twice_is_named_as_a_doubled_line_not_a_numbering_error():
    doubled = report(("一、强化组织保障", ""), ("一、强化组织保障", "召开专题会议4次。"), ("二、存在的不足", "执法不规范。"))
    result = run_check(CHECK, doubled)
    assert [f.message for f in result.findings] == ["标题“一、强化组织保障”连续出现两次，应删去重复的一行"]
    # Near miss: two different parts under the same number are a numbering error.
    renumbered = report(("一、强化组织保障", "召开专题会议4次。"), ("一、深化放管服改革", "取消许可事项8项。"),
                        ("二、存在的不足", "执法不规范。"))
    assert [f.message for f in run_check(CHECK, renumbered).findings] == ["编号“一、”重复"]


def test_a_sub_heading_number_written_twice_is_reported_once_where_it_is_repeated():
    text = report(("一、主要成效", "（一）依法决策\n1.落实合法性审查。审查事项12件。\n（二）严格执法\n1.推行三项制度。评查案卷160卷。\n"
                   "（二）强化监督\n1.接受人大监督。办理建议30件。\n2.推进政务公开。公开信息800条。\n（四）化解纠纷\n1.调解纠纷300件。"),
                  ("二、存在的不足", "执法不规范，原因是培训不足。"))
    result = run_check(CHECK, text)
    assert [f.message for f in result.findings] == ["编号“(二)”重复"]
    # Its own sub-items stay under it: no restart is reported at its 1.
    assert flagged(result, text) == ["（二）"]


def test_a_gap_after_a_repeat_that_skips_more_is_still_a_gap_near_miss():
    text = report(("一、主要成效", "（一）依法决策。审查事项12件。\n（二）严格执法。评查案卷160卷。\n"
                   "（二）强化监督。办理建议30件。\n（五）化解纠纷。调解纠纷300件。"), ("二、存在的不足", "执法不规范，原因是培训不足。"))
    messages = [f.message for f in run_check(CHECK, text).findings]
    assert any("跳号" in m for m in messages)
