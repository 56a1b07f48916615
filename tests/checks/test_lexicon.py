from checks.checkkit import flagged, full_report, run_check

ALWAYS_WRONG = {"form": "习近平法制思想", "correct": "习近平法治思想", "source": "2020年11月确立"}
RENAMED = {"form": "法制办", "correct": "司法局", "valid_to": 2019, "except": "(原|前身)$", "source": "2018年机构改革"}
LATER = {"form": "二十大", "valid_from": 2022, "source": "2022年10月召开"}


def check(*entries, **more):
    return {"type": "lexicon", "entries": list(entries), **more}


def test_a_form_that_is_always_wrong_is_flagged_with_the_right_one():
    text = full_report(achievements="深入学习贯彻习近平法制思想，全年办理复议案件35件。")
    result = run_check(check(ALWAYS_WRONG), text, scope="full_text")
    assert result.status == "fail" and flagged(result, text) == ["习近平法制思想"]
    assert "习近平法治思想" in result.findings[0].message


def test_a_name_abolished_before_the_report_year_is_flagged_unless_told_as_history():
    current = full_report(achievements="县法制办审查规范性文件12件。")
    history = full_report(achievements="县司法局（原法制办）审查规范性文件12件。")
    assert run_check(check(RENAMED), current, scope="full_text").status == "fail"
    assert run_check(check(RENAMED), history, scope="full_text").status == "pass"
    assert run_check(check(RENAMED), current, scope="full_text", year=2017).status == "pass"


def test_an_event_after_the_report_year_cannot_be_cited():
    text = full_report(achievements="深入学习宣传贯彻党的二十大精神。")
    assert run_check(check(LATER), text, scope="full_text", year=2021).status == "fail"
    assert run_check(check(LATER), text, scope="full_text", year=2023).status == "pass"


def test_a_title_close_to_a_known_one_is_corrected_and_a_different_one_is_left_alone():
    titles = [{"title": "法治政府建设实施纲要（2021—2025年）", "source": "中共中央、国务院2021年8月印发"}]
    near = full_report(achievements="贯彻落实《法治政府建设实施纲要（2021-2025）》。")
    other = full_report(achievements="贯彻落实《某县行政执法公示办法》。")
    result = run_check(check(titles=titles), near, scope="full_text")
    assert result.status == "fail" and "2021—2025年" in result.findings[0].message
    assert run_check(check(titles=titles), other, scope="full_text").status == "pass"


OUTLINE = [{"title": "法治政府建设实施纲要（2015—2020年）", "source": "2015年印发"},
           {"title": "法治政府建设实施纲要（2021—2025年）", "source": "2021年印发"},
           {"title": "重大行政决策程序暂行条例", "source": "国务院令"}]


def _titles(achievements: str) -> list[str]:
    text = full_report(achievements=achievements)
    return [f.message for f in run_check(check(titles=OUTLINE), text, scope="full_text").findings]


def test_a_title_naming_a_place_or_body_is_that_bodys_own_document():
    assert _titles("落实《临川区法治政府建设实施纲要（2021—2025年）》。") == []
    assert _titles("落实《全县法治政府建设实施纲要（2021—2025年）》和《某县法治政府建设实施方案》。") == []
    assert _titles("落实《法治临川建设规划（2021—2025年）》。") == []


def test_a_central_title_with_other_years_or_without_its_year_word_is_a_wrong_name():
    (message,) = _titles("落实《法治政府建设实施纲要（2022—2025年）》。")
    assert "名称有误" in message and "年份应为“2021—2025”" in message and "（2021—2025年）" in message
    (message,) = _titles("落实《法治政府建设实施纲要（2016—2020）》。")
    assert "（2015—2020年）" in message


def test_a_slip_of_the_pen_is_caught_but_another_kind_of_document_is_not():
    (message,) = _titles("执行《重大行政决策暂行条例》。")
    assert "名称有误" in message and "重大行政决策程序暂行条例" in message
    assert _titles("执行《重大行政决策程序暂行办法》。") == []


def test_punctuation_counts_only_where_the_page_writes_full_width_marks():
    (message,) = _titles("落实《法治政府建设实施纲要(2021—2025年)》。")
    assert "标点不规范" in message and "括号" in message
    half_width = full_report(achievements="全县落实《法治政府建设实施纲要(2021-2025年)》,推进工作.").replace("，", ",").replace("。", ".")
    assert run_check(check(titles=OUTLINE), half_width, scope="full_text").findings == []


def test_a_traditional_page_citing_the_right_title_is_read_in_simplified_script():
    text = full_report(achievements="本縣對照《法治政府建設實施綱要（2021—2025年）》推進工作，這個規劃為各級機關提供遵循，國家級要求逐項落實。")
    assert run_check(check(titles=OUTLINE), text, scope="full_text").findings == []


BEGINS_2021 = {"form": "八五普法", "valid_from": 2021, "source": "2021年起实施"}
ENDED_2021 = {"form": "七五普法", "valid_to": 2021, "source": "2021年结束"}


def test_a_dated_form_is_judged_by_the_period_its_sentence_speaks_of():
    in_plans = full_report(next_year="一是全面启动八五普法。")
    in_results = full_report(achievements="全面启动八五普法，审查规范性文件12件。")
    named = full_report(achievements="为2021年全面启动八五普法做好准备。")
    assert run_check(check(BEGINS_2021), in_plans, scope="full_text", year=2020).status == "pass"
    assert run_check(check(BEGINS_2021), in_results, scope="full_text", year=2020).status == "fail"
    assert run_check(check(BEGINS_2021), named, scope="full_text", year=2020).status == "pass"
    history = full_report(achievements="2021年完成七五普法总结验收。")
    current = full_report(achievements="深入开展七五普法。")
    assert run_check(check(ENDED_2021), history, scope="full_text", year=2023).status == "pass"
    assert run_check(check(ENDED_2021), current, scope="full_text", year=2023).status == "fail"


DOUBLED = {"form": r"(?P<dup>\p{Han}{2})(?P=dup)", "word_bounded": True, "source": "疑似重复输入"}


def test_a_doubled_pair_counts_only_where_no_word_reaches_across_it():
    doubled = full_report(achievements="搭建搭建政务服务平台，加强党的党的建设。")
    words = full_report(achievements="着力组建共建共享的调解网络。")
    assert flagged(run_check(check(DOUBLED), doubled, scope="full_text"), doubled) == ["搭建搭建", "党的党的"]
    assert run_check(check(DOUBLED), words, scope="full_text").status == "pass"


def test_the_short_form_without_years_is_a_right_citation():
    assert _titles("落实《法治政府建设实施纲要》，对照《重大行政决策程序暂行条例》。") == []
    assert _titles("落实《法治政府建设实施纲要（2021年—2025年）》。") == []


def test_a_page_header_with_one_full_width_colon_is_still_a_half_width_page():
    text = ("某县人民政府2021年法治政府建设年度报告\n发布时间：2022-03-25\n"
            "2021年,县政府对照《法治政府建设实施纲要(2021-2025年)》,全面推进依法行政,审查文件12件.\n")
    assert run_check(check(titles=OUTLINE), text, scope="full_text").findings == []
