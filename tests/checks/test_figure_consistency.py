from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "figure_consistency"}


def test_parts_that_add_up_pass():
    text = full_report(achievements="共评查案卷160卷，其中优秀84卷，合格54卷，不合格22卷。")
    assert run_check(CHECK, text).status == "pass"


def test_parts_that_do_not_add_up_to_the_total_fail():
    text = full_report(achievements="共评查案卷160卷，其中优秀84卷，合格54卷，不合格32卷。")
    result = run_check(CHECK, text)
    assert result.status == "fail" and flagged(result, text) == ["160卷，其中优秀84卷，合格54卷，不合格32卷"]


def test_a_rate_that_disagrees_with_its_counts_fails():
    good = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率34.46%。")
    bad = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率54.46%。")
    assert run_check(CHECK, good).status == "pass"
    result = run_check(CHECK, bad)
    assert result.status == "fail" and any("54.46%" in t for t in flagged(result, bad))


def test_checks_can_be_chosen():
    bad = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率54.46%。")
    assert run_check({**CHECK, "checks": ["sums"]}, bad).status == "pass"


def test_only_parts_the_text_introduces_are_added_to_a_total():
    siblings = full_report(achievements="共撤销审批事项12项(其中3项为子项)，新增9项、下放权限21项、移交4项。")
    introduced = full_report(achievements="共清理文件40件，包括废止26件、修改19件。")
    colon = full_report(achievements="共办理复议案件30件：维持18件、撤销9件、确认违法6件。")
    respectively = full_report(achievements="共评查案卷100卷，优秀、合格、不合格分别为50卷、40卷、20卷。")
    assert run_check(CHECK, siblings).status == "pass"
    assert run_check(CHECK, introduced).status == "fail"
    assert run_check(CHECK, colon).status == "fail"
    result = run_check(CHECK, respectively)
    assert result.status == "fail" and "优秀50、合格40、不合格20" in result.findings[0].message


def test_a_list_of_parts_ends_where_the_author_moves_on():
    text = full_report(achievements="共评查案卷160卷，其中优秀84卷、合格54卷、不合格22卷，另抽查外单位案卷30卷。")
    assert run_check(CHECK, text).status == "pass"


def test_messages_name_the_rate_without_the_verb_before_it():
    capped = full_report(achievements="执法公示覆盖率达到120%。")
    (finding,) = run_check(CHECK, capped).findings
    assert finding.message == "执法公示覆盖率不可能超过100%，写的是“120%”"
    computed = full_report(achievements="全年收到复议申请177件，纠错61件，纠错率达54.46%。")
    (finding,) = run_check(CHECK, computed).findings
    assert finding.message.startswith("纠错率按 61/177 计算为 34.46%，写的是 54.46%")


def test_a_rate_above_part_over_intake_asks_for_the_concluded_cases_instead_of_correcting_it():
    # 调解 over the cases concluded (not given) can be higher than over all received: say so.
    over_concluded = full_report(achievements="全年受理行政复议申请90件，调解36件，调解率48.0%。")
    result = run_check(CHECK, over_concluded)
    assert result.status == "fail"
    assert [f.message for f in result.findings] == ["调解率按 36/90 计算为 40.0%，写的是 48.0%；若以审结件数为基数，请写明审结件数"]
    # Near miss: a rate below part/total cannot come from a smaller base, and a completion rate is over
    # everything received: both are still corrected outright.
    below = full_report(achievements="全年受理行政复议申请90件，调解36件，调解率30.0%。")
    assert [f.message for f in run_check(CHECK, below).findings] == ["调解率按 36/90 计算应为 40.0%，写的是 30.0%"]
    completion = full_report(achievements="全年受理投诉90件，办结72件，办结率95.0%。")
    assert [f.message for f in run_check(CHECK, completion).findings] == ["办结率按 72/90 计算应为 80.0%，写的是 95.0%"]



def test_parts_that_are_the_categories_the_total_names_must_add_up():
    bad = full_report(achievements="共答复省人大代表建议、省政协委员提案24件，其中省人大代表建议15件，省政协委员提案8件。")
    result = run_check(CHECK, bad)
    assert result.status == "fail" and flagged(result, bad) == ["24件，其中省人大代表建议15件，省政协委员提案8件"]
    good = full_report(achievements="共答复省人大代表建议、省政协委员提案24件，其中省人大代表建议15件，省政协委员提案9件。")
    assert run_check(CHECK, good).status == "pass"


def test_parts_that_are_not_the_named_categories_may_fall_short_near_miss():
    # Of 30 suggestions and proposals, 12 concerned 营商环境 and 9 教育: some of it, not all of it.
    text = full_report(achievements="共办理人大代表建议和政协委员提案30件，其中涉及营商环境12件，涉及教育9件。")
    assert run_check(CHECK, text).status == "pass"
