from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "each_item", "patterns": ["原因", "由于"]}
PROBLEMS = {"role": "shortcomings"}


def test_every_item_with_a_cause_passes():
    assert run_check(CHECK, full_report(), scope=PROBLEMS).status == "pass"


def test_an_item_without_one_is_flagged_at_its_first_sentence():
    text = full_report(shortcomings="一是行政执法不够规范，原因在于培训不足。二是普法针对性不强。三是复议纠错率偏高，由于审查不严。")
    result = run_check(CHECK, text, scope=PROBLEMS, message="{count}/{total}")
    assert result.status == "fail" and result.message == "1/3"
    assert len(result.findings) == 1 and "普法针对性不强" in flagged(result, text)[0]


def test_a_share_below_one_tolerates_some_items():
    text = full_report(shortcomings="一是行政执法不够规范，原因在于培训不足。二是普法针对性不强。三是复议纠错率偏高，由于审查不严。")
    assert run_check({**CHECK, "min_share": 0.6}, text, scope=PROBLEMS).status == "pass"


def test_too_few_items_do_not_apply():
    text = full_report(shortcomings="一是行政执法不够规范。")
    assert run_check({**CHECK, "min_items": 2}, text, scope=PROBLEMS).status == "not_applicable"
