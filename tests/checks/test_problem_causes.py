from checks.checkkit import flagged, full_report, run_check

PROBLEMS = {"role": "shortcomings"}
MIXED = full_report(shortcomings="一是行政执法不够规范，原因在于执法人员培训不足。二是普法针对性不强，主要是思想认识不足。"
                                 "三是复议纠错率偏高。")


def causes(mode):
    return {"type": "problem_causes", "mode": mode}


def test_a_part_with_one_stated_cause_passes_the_part_mode():
    assert run_check(causes("part"), MIXED, scope=PROBLEMS).status == "pass"


def test_a_part_whose_only_causes_are_stock_phrases_fails_the_part_mode():
    text = full_report(shortcomings="一是行政执法不够规范，主要是重视程度不够。二是普法针对性不强，主要是思想认识不足。")
    assert run_check(causes("part"), text, scope=PROBLEMS).status == "fail"


def test_each_mode_flags_the_problem_without_any_cause():
    result = run_check(causes("each"), MIXED, scope=PROBLEMS, message="{count}/{total}")
    assert result.status == "fail" and result.message == "1/3" and flagged(result, MIXED) == ["三是复议纠错率偏高。"]


def test_boilerplate_mode_flags_the_stock_cause():
    result = run_check(causes("boilerplate"), MIXED, scope=PROBLEMS, message="{labels}")
    assert result.status == "fail" and flagged(result, MIXED) == ["思想认识不足"] and result.message.endswith("二是")


def test_the_word_cause_in_the_heading_proves_nothing():
    text = full_report(shortcomings="一是行政执法不够规范。二是普法针对性不强。")
    assert run_check(causes("part"), text, scope=PROBLEMS).status == "fail"


def test_stock_words_in_the_problem_itself_are_not_called_its_cause():
    text = full_report(shortcomings="一是思想认识还不够，重视程度不高。二是执法不规范，原因是思想认识不到位。")
    messages = [f.message for f in run_check({"type": "problem_causes", "mode": "boilerplate"}, text,
                                             scope={"role": "shortcomings"}).findings]
    assert len(messages) == 2
    assert "这类笼统说法，没有写出造成问题的具体原因" in messages[0] and "所写原因" not in messages[0]
    assert "所写原因“思想认识不到位”是套话" in messages[1]


def test_the_part_finding_says_which_problems_have_only_stock_causes():
    text = full_report(shortcomings="一是执法不规范。二是普法不深入，原因是思想认识不到位。")
    (finding,) = run_check({"type": "problem_causes", "mode": "part"}, text, scope={"role": "shortcomings"}).findings
    assert finding.message == "2 个问题都没有写出实在的原因（其中二是只有套话）"
