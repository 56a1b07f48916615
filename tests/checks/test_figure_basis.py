from checks.checkkit import flagged, full_report, run_check

RATES = {"type": "figure_basis", "mode": "rate_base",
         "rates": [{"name": "纠错", "fields": "复议|诉讼|案件"}, {"name": "败诉", "fields": "诉讼|应诉"}]}
LEDGER = {"type": "figure_basis", "mode": "ledger",
          "flows": [{"whole": "受理|收案", "part": "办结|结案", "rest": "在办|审理中"}]}
ACHIEVEMENTS = {"role": "achievements"}


def test_a_rate_with_no_count_of_its_cases():
    text = full_report(achievements="行政复议直接纠错率为8.5%，较上年下降2个百分点。培训执法人员300人次。")
    result = run_check(RATES, text, scope=ACHIEVEMENTS)
    assert flagged(result, text) == ["8.5%"] and "案件数" in result.findings[0].message


def test_a_count_in_the_paragraph_before_backs_the_rate():
    text = full_report(achievements="受理行政复议案件48件，审结45件。\n坚持有错必纠，纠错率12%。")
    assert run_check(RATES, text, scope=ACHIEVEMENTS).status == "pass"


def test_the_field_named_beside_the_rate_decides_which_count_backs_it():
    text = full_report(achievements="查处行政处罚案件200件。行政诉讼纠错率为5%。")
    result = run_check(RATES, text, scope=ACHIEVEMENTS)
    assert flagged(result, text) == ["5%"]


def test_received_less_closed_is_pending_across_sentences():
    text = full_report(achievements="全年受理行政复议案件60件。经审理，办结52件。目前还有6件审理中。")
    result = run_check(LEDGER, text, scope="document")
    assert result.status == "fail" and "应为8件" in result.findings[0].message
    right = full_report(achievements="全年受理行政复议案件60件。经审理，办结52件。目前还有8件审理中。")
    assert run_check(LEDGER, right, scope="document").status == "pass"


def test_a_new_whole_starts_a_new_account():
    text = full_report(achievements="受理复议案件60件，办结52件。收案诉讼案件30件。目前8件在办。")
    assert run_check(LEDGER, text, scope="document").status == "pass"


def test_parts_after_a_total_may_not_exceed_it():
    text = full_report(achievements="共审查规范性文件38件。其中县政府文件25件、部门文件16件。")
    result = run_check(LEDGER, text, scope="document")
    assert result.status == "fail" and "41件" in result.findings[0].message
    fewer = full_report(achievements="共审查规范性文件38件。其中县政府文件12件、部门文件16件。")
    assert run_check(LEDGER, fewer, scope="document").status == "pass"
