from checks.checkkit import flagged, report, run_check

CHECK = {"type": "law_citations"}


def _text(year: int, achievements: str, plans: str = "一是开展执法人员培训。", ending: str | None = None) -> str:
    kwargs = {"ending": ending} if ending is not None else {}
    return report(("一、主要举措和成效", achievements), (f"二、{year + 1}年工作安排", plans),
                  title=f"某县人民政府关于{year}年度法治政府建设情况的报告",
                  opening=f"现将{year}年度法治政府建设情况报告如下。", **kwargs)


def test_a_revision_year_the_law_never_had():
    text = _text(2022, "严格执行《中华人民共和国行政复议法》（2020年修订），依据2019年修正的行政许可法办理许可。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["行政复议法"]
    assert "没有2020年的修订或修正" in result.findings[0].message


def test_a_wrong_date_of_entry_into_force():
    text = _text(2021, "贯彻自2021年7月1日起施行的新《行政处罚法》，以及《政府信息公开条例》自2019年5月15日起施行的要求。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["行政处罚法"] and "2021年7月15日" in result.findings[0].message


def test_newly_revised_before_the_revision_existed():
    text = _text(2020, "深入贯彻修订后的行政处罚法，规范执法行为。")
    assert run_check(CHECK, text, scope="full_text").status == "fail"
    # The same words in a report on the year of the revision are right.
    assert run_check(CHECK, _text(2021, "深入贯彻修订后的行政处罚法，规范执法行为。"), scope="full_text").status == "pass"


def test_a_plan_may_name_a_revision_passed_before_the_report_was_written():
    text = _text(2020, "办理行政处罚案件20件。", plans="一是全面实施新修订的行政处罚法。",
                 ending="\n某县人民政府\n2021年3月10日\n")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_a_revision_applied_in_the_year_before_it_took_effect():
    text = _text(2023, "依据新修订的行政复议法受理复议申请35件。")
    result = run_check(CHECK, text, scope="full_text")
    assert result.status == "fail" and "2024年1月1日起施行" in result.findings[0].message
    preparing = _text(2023, "组织学习新修订的行政复议法，为施行做好准备。")
    assert run_check(CHECK, preparing, scope="full_text").status == "pass"


def test_implementing_rules_are_other_documents():
    text = _text(2022, "执行《行政复议法实施条例》（2007年）的规定。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_a_rule_adds_its_own_laws():
    law = {"names": ["某省行政执法条例"], "events": [{"year": 2016, "adopted": "2016-05-01", "effective": "2016-07-01",
                                                    "kind": "制定"}], "source": "某省人大常委会2016年通过"}
    text = _text(2022, "贯彻《某省行政执法条例》（2018年修订）。")
    assert run_check({**CHECK, "laws": [law]}, text, scope="full_text").status == "fail"


def test_a_date_of_entry_into_force_written_right_after_the_title():
    text = _text(2021, "新修订的《行政处罚法》2021年1月1日起施行，全县组织学习。")
    assert run_check(CHECK, text, scope="full_text").status == "fail"


def test_a_repealed_law_cited_as_current():
    text = _text(2022, "依据《中华人民共和国合同法》审查政府合同15件，按照《信访条例》办理信访事项。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["合同法"] and "民法典" in result.findings[0].message
    text = _text(2023, "依据《劳动合同法》开展执法检查，宣传《民法典》，合同法、物权法等同时废止。按照《信访条例》办理。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["信访条例"]


def test_a_provinces_own_regulation_of_the_same_name_is_not_the_repealed_one():
    text = _text(2023, "贯彻《某省信访条例》和《信访工作条例》。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"
