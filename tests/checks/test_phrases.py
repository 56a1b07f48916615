from checks.checkkit import flagged, full_report, run_check


def test_any_mode_passes_on_one_match():
    check = {"type": "phrases", "patterns": ["常务会议", "专题会议"]}
    assert run_check(check, full_report(), scope={"role": "first_responsible"}).status == "pass"


def test_at_least_mode_counts_distinct_patterns():
    check = {"type": "phrases", "mode": "at_least", "min": 3, "patterns": ["亲自部署", "常务会议", "学法", "述法", "督察"]}
    assert run_check(check, full_report(), scope={"role": "first_responsible"}).status == "pass"
    thin = full_report(first_responsible="县长亲自部署法治政府建设。")
    assert run_check(check, thin, scope={"role": "first_responsible"}).status == "fail"


def test_none_mode_flags_each_forbidden_phrase_where_it_stands():
    check = {"type": "phrases", "mode": "none", "patterns": ["截至\\d{1,2}月"]}
    text = full_report(achievements="截至10月，全县办理复议案件35件。")
    result = run_check(check, text, scope={"role": "achievements"})
    assert result.status == "fail" and flagged(result, text) == ["截至10月"]


def test_all_mode_needs_every_pattern():
    check = {"type": "phrases", "mode": "all", "patterns": ["学法", "述职"]}
    assert run_check(check, full_report(), scope={"role": "first_responsible"}).status == "fail"
