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


def test_a_forbidden_phrase_is_reported_in_words_not_as_a_bare_quote():
    text = full_report(achievements="截至10月，全县办理复议案件35件；截至目前，审查文件12件。")
    worded = {"type": "phrases", "mode": "none", "patterns": ["截至\\d{1,2}月|截至目前"],
              "finding": "数据统计到“{phrase}”，不是全年数据"}
    result = run_check(worded, text, scope={"role": "achievements"})
    assert [f.message for f in result.findings] == ["数据统计到“截至10月”，不是全年数据", "数据统计到“截至目前”，不是全年数据"]
    plain = {"type": "phrases", "mode": "none", "patterns": ["截至10月"]}
    result = run_check(plain, text, scope={"role": "achievements"}, message="成效数据没有统计到年底（{found}）")
    assert [f.message for f in result.findings] == ["成效数据没有统计到年底（截至10月）"]
