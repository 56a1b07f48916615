from checks.checkkit import full_report, run_check

CHECK = {"type": "count_matches", "patterns": ["《[^》]{2,30}》"], "min": 2}
ACHIEVEMENTS = {"role": "achievements"}


def test_enough_distinct_matches_pass_and_are_kept_as_evidence():
    text = full_report(achievements="制定《某县重大行政决策程序规定》，修订《某县行政规范性文件管理办法》。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS, message="{count}")
    assert result.status == "pass" and len(result.evidence) == 2


def test_the_same_string_twice_counts_once_unless_distinct_is_off():
    text = full_report(achievements="制定《某县重大行政决策程序规定》，落实《某县重大行政决策程序规定》。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS, message="{count}/{min}")
    assert result.status == "fail" and result.message == "1/2"
    assert run_check({**CHECK, "distinct": False}, text, scope=ACHIEVEMENTS).status == "pass"


def test_matches_outside_the_scope_do_not_count():
    text = full_report(achievements="全年办理复议案件35件。",
                       next_year="一是制定《某县重大行政决策程序规定》。二是修订《某县规范性文件管理办法》。")
    assert run_check(CHECK, text, scope=ACHIEVEMENTS).status == "fail"


def test_found_examples_are_shown_from_a_word_start_and_none_found_says_nothing_after_the_colon():
    check = {"type": "count_matches", "patterns": ["\\p{Han}{2,12}试点", "\\p{Han}{2,12}方案"], "min": 3}
    text = full_report(achievements="推动证明事项告知承诺制和社会公共服务综合标准化试点，抓紧制定省环保督察反馈意见整改方案。")
    result = run_check(check, text, scope={"role": "achievements"}, message="{found}|{found_note}")
    shown = "社会公共服务综合标准化试点、省环保督察反馈意见整改方案"
    assert result.message == f"{shown}|（已举：{shown}）"
    bare = full_report(achievements="深入推进依法行政。")
    assert run_check(check, bare, scope={"role": "achievements"}, message="不足{found_note}").message == "不足"


def test_excluded_matches_do_not_count_as_examples():
    check = {"type": "count_matches", "min": 2, "patterns": ["《[^》]{2,40}》", "\\p{Han}{2,12}(案|案件)(?=[,，。])"],
             "exclude": ["(?:方|预)案$", "无\\p{Han}{0,6}案件?$", "^《\\p{Han}{2,4}》$"]}
    # A plan, a case that did not happen and a document's short name are not examples.
    plans = full_report(achievements="落实《某县依法行政工作规则》（以下简称《规则》），制定工作方案，修订应急预案，全年无败诉案件。")
    result = run_check(check, plans, scope=ACHIEVEMENTS, message="{found}")
    assert result.status == "fail" and result.message == "《某县依法行政工作规则》"
    # Near miss: a real case and a plan named in full still count.
    cases = full_report(achievements="办理某公司不服行政处罚案，出台《某县突发事件应急预案》。")
    assert run_check(check, cases, scope=ACHIEVEMENTS).status == "pass"
