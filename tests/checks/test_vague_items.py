from checks.checkkit import flagged, full_report, run_check

PROBLEMS = {"role": "shortcomings"}
CHECK = {"type": "vague_items", "stock": ["有待(进一步)?加强", "个别单位", "能力不足"]}
TEXT = full_report(shortcomings="一是法治意识有待进一步加强。二是个别单位执法能力不足。三是行政复议纠错率22%，高于全市平均。")


def test_items_of_stock_phrases_only_are_flagged_and_a_figure_makes_an_item_specific():
    result = run_check(CHECK, TEXT, scope=PROBLEMS, message="{count}/{total}")
    assert result.status == "fail" and result.message == "2/3"
    assert flagged(result, TEXT) == ["一是法治意识有待进一步加强。", "二是个别单位执法能力不足。"]


def test_a_named_system_makes_an_item_specific():
    text = full_report(shortcomings="一是“双随机、一公开”监管平台应用有待加强。")
    check = {**CHECK, "specific": ["“[^”]{2,12}”\\p{Han}{0,4}平台"]}
    assert run_check(check, text, scope=PROBLEMS).status == "pass"


def test_some_vague_items_may_be_tolerated():
    assert run_check({**CHECK, "max_vague": 2}, TEXT, scope=PROBLEMS).status == "pass"


def test_the_finding_quotes_the_stock_phrase_and_names_the_field_the_item_does_name():
    text = full_report(shortcomings="一是执法规范化水平有待进一步加强。二是法治意识有待加强。")
    check = {**CHECK, "fields": ["执法|复议|普法"]}
    messages = [f.message for f in run_check(check, text, scope=PROBLEMS).findings]
    assert messages[0].endswith("写到执法方面，但只有“执法规范化水平有待进一步加强”这类套话，没有写出具体表现、范围或数据")
    assert messages[1].endswith("只有“法治意识有待加强”这类套话，没有写出具体领域、表现、范围或数据")
