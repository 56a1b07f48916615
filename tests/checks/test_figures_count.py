from checks.checkkit import full_report, run_check

ACHIEVEMENTS = {"role": "achievements"}


def test_counts_amounts_and_rates_count():
    result = run_check({"type": "figures_count", "min": 4}, full_report(), scope=ACHIEVEMENTS, message="{count}")
    assert result.status == "pass" and len(result.evidence) >= 4


def test_years_dates_and_heading_numbers_never_count():
    text = full_report(achievements="2023年，我县认真贯彻《法治政府建设实施纲要（2021—2025年）》，于3月5日召开会议。")
    result = run_check({"type": "figures_count", "min": 1}, text, scope=ACHIEVEMENTS, message="{count}")
    assert result.status == "fail" and result.message == "0"


def test_a_density_per_thousand_characters_can_be_required():
    padding = "持续推进依法行政，不断提升法治政府建设水平。" * 40
    text = full_report(achievements="全年办理复议案件35件，纠错8件。" + padding)
    check = {"type": "figures_count", "min": 1, "per_kchars": 5}
    assert run_check(check, text, scope=ACHIEVEMENTS).status == "fail"
    assert run_check({**check, "per_kchars": None}, text, scope=ACHIEVEMENTS).status == "pass"


def test_none_is_said_as_none_not_as_only_zero():
    text = full_report(achievements="深入推进依法行政，执法规范化水平明显提升。")
    result = run_check({"type": "figures_count", "min": 5}, text, scope={"role": "achievements"}, message="{how_many}")
    assert result.message == "没有数字"
