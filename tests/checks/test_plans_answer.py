from checks.checkkit import flagged, full_report, run_check

PROBLEMS = {"role": "shortcomings"}
CHECK = {"type": "plans_answer"}


def test_problems_answered_by_a_measure_on_the_same_concept_pass_with_the_pairs_as_evidence():
    result = run_check(CHECK, full_report(), scope=PROBLEMS)
    assert result.status == "pass" and len(result.evidence) == 2


def test_a_problem_no_measure_takes_up_is_flagged():
    text = full_report(shortcomings="一是行政执法不够规范，原因在于培训不足。二是行政复议纠错率偏高，由于审查不严。")
    result = run_check(CHECK, text, scope=PROBLEMS, message="{count}/{total}")
    assert result.status == "fail" and result.message == "1/2"
    assert flagged(result, text) == ["二是行政复议纠错率偏高，由于审查不严。"] and "复议" in result.findings[0].message


def test_a_rule_may_add_its_own_concepts():
    text = full_report(shortcomings="一是证明事项清理不彻底，原因在于部门协调不够。",
                       next_year="一是全面推行告知承诺制，年底前公布清单。")
    assert run_check(CHECK, text, scope=PROBLEMS).status == "fail"
    own = {**CHECK, "concepts": {"证明事项": ["证明事项", "告知承诺"]}}
    assert run_check(own, text, scope=PROBLEMS).status == "pass"


def test_without_plans_the_rule_does_not_apply():
    assert run_check(CHECK, full_report(next_year=None), scope=PROBLEMS).status == "not_applicable"
