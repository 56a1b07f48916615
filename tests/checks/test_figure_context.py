from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "figure_context", "cumulative": ["累计", "近[一二三四五]年"]}
ACHIEVEMENTS = {"role": "achievements"}


def test_the_year_s_own_figures_pass():
    assert run_check(CHECK, full_report(), scope=ACHIEVEMENTS).status == "pass"


def test_a_cumulative_figure_is_flagged_at_the_figure():
    text = full_report(achievements="全年办理复议案件35件。近五年累计办理复议案件210件。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS)
    assert result.status == "fail" and flagged(result, text) == ["210件"]


def test_a_figure_about_another_year_is_not_the_year_s_result():
    text = full_report(achievements="全年办理复议案件35件。2021年办理复议案件28件。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS, year=2023)
    assert result.status == "fail" and flagged(result, text) == ["28件"]


def test_tolerated_figures_pass():
    text = full_report(achievements="全年办理复议案件35件。近五年累计办理复议案件210件。")
    assert run_check({**CHECK, "max": 1}, text, scope=ACHIEVEMENTS).status == "pass"
