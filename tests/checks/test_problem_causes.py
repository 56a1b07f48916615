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


def _problems(body: str) -> str:
    return full_report(shortcomings=body)


def test_causes_that_name_only_outside_conditions():
    text = _problems("一是基层执法不规范，主要原因是编制紧张、专职人员缺乏。二是普法覆盖面不广，由于财政投入有限，加之群众法律意识淡薄。")
    result = run_check({"type": "problem_causes", "mode": "external"}, text, scope={"role": "shortcomings"})
    assert result.status == "fail" and len(result.findings) == 2
    assert "本单位" in result.findings[0].message


def test_one_failing_of_the_issuers_own_is_enough():
    text = _problems("一是基层执法不规范，主要原因是编制紧张。二是普法覆盖面不广，由于对普法责任制落实的督促检查不到位。")
    assert run_check({"type": "problem_causes", "mode": "external"}, text, scope={"role": "shortcomings"}).status == "pass"


def test_a_symptom_is_not_its_own_cause():
    # "监督不到位" before the introducing words is the symptom; the cause after them is only staffing.
    text = _problems("一是行政执法监督不到位，原因是执法监督人员不足。")
    assert run_check({"type": "problem_causes", "mode": "external"}, text, scope={"role": "shortcomings"}).status == "fail"


def test_no_stated_cause_is_not_applicable_to_whose_cause():
    text = _problems("一是基层执法不规范。二是普法覆盖面不广。")
    assert run_check({"type": "problem_causes", "mode": "external"}, text,
                     scope={"role": "shortcomings"}).status == "not_applicable"


def test_an_achievement_dressed_up_as_a_problem():
    text = _problems("一是复议纠错率偏高，原因是程序审查不严。二是不断深化改革，全县行政复议工作走在全市前列，荣获省级先进集体称号。")
    result = run_check({"type": "problem_causes", "mode": "achievements"}, text, scope={"role": "shortcomings"})
    assert result.status == "fail" and [f.message.split("：")[0] for f in result.findings] == [
        "二、存在的不足和原因 › 二是"]


def test_a_problem_that_weighs_an_achievement_against_a_shortfall_is_a_problem():
    text = _problems("一是虽然多项工作走在全市前列，但在全省有影响的品牌还不多，原因是经验提炼不够。")
    assert run_check({"type": "problem_causes", "mode": "achievements"}, text,
                     scope={"role": "shortcomings"}).status == "pass"


def test_a_stock_cause_with_a_vague_subject_or_manner_is_still_stock():
    text = full_report(shortcomings="一是合法性审查把关不严，根本原因在于个别领导干部规则意识淡薄。"
                                    "二是执法公示不及时，这主要是由于思想上重视不够、工作抓得不紧。"
                                    "三是调解回访不到位，归根结底是工作力度不够。"
                                    "四是案卷质量不高，原因在于执法人员规则意识淡薄。")
    result = run_check(causes("boilerplate"), text, scope=PROBLEMS, message="{count}/{total}")
    assert result.status == "fail" and result.message == "4/4"


def test_a_cause_that_names_who_and_what_is_not_stock_near_miss():
    text = full_report(shortcomings="一是合法性审查把关不严，根本原因在于审查人员只有2名且都是兼职。"
                                    "二是执法公示不及时，主要是由于公示平台年中才上线、思想上重视不够。"
                                    "三是案卷质量不高，原因在于执法人员多为新近转岗。")
    assert run_check(causes("boilerplate"), text, scope=PROBLEMS).status == "pass"


def test_a_part_whose_every_problem_introduces_a_stock_cause_has_formally_analysed_them():
    text = full_report(shortcomings="一是复议纠错率偏高，主要原因是思想认识不到位。二是执法公示不及时，究其原因，还是重视程度不够。")
    assert run_check(causes("part"), text, scope=PROBLEMS).status == "pass"
    assert run_check(causes("boilerplate"), text, scope=PROBLEMS).status == "fail"


def test_one_problem_with_a_bare_stock_phrase_leaves_the_part_unanalysed_near_miss():
    text = full_report(shortcomings="一是复议纠错率偏高，主要原因是思想认识不到位。二是执法公示不及时，主要是重视程度不够。")
    assert run_check(causes("part"), text, scope=PROBLEMS).status == "fail"
