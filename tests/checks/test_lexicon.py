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
