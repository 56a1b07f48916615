from checks.checkkit import flagged, full_report, run_check

CHECK = {"type": "figure_context", "cumulative": ["累计", "近[一二三四五]年"]}
ACHIEVEMENTS = {"role": "achievements"}


def test_the_year_s_own_figures_pass():
    assert run_check(CHECK, full_report(), scope=ACHIEVEMENTS).status == "pass"


def test_a_cumulative_figure_is_flagged_at_the_figure():
    text = full_report(achievements="全年办理复议案件35件。近五年累计办理复议案件210件。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS)
    assert result.status == "fail" and flagged(result, text) == ["210件"]


def test_a_figure_about_another_year_is_not_the_year_s_result():
    text = full_report(achievements="全年办理复议案件35件。2021年办理复议案件28件。")
    result = run_check(CHECK, text, scope=ACHIEVEMENTS, year=2023)
    assert result.status == "fail" and flagged(result, text) == ["28件"]


def test_tolerated_figures_pass():
    text = full_report(achievements="全年办理复议案件35件。近五年累计办理复议案件210件。")
    assert run_check({**CHECK, "max": 1}, text, scope=ACHIEVEMENTS).status == "pass"


CUMULATIVE = {"type": "figure_context", "cumulative": ["累计", "以来"]}


def test_the_share_of_a_cumulative_total_named_as_the_report_years_is_its_own():
    share = full_report(achievements="2018年以来累计清理文件62件，其中2023年清理18件。")
    result = run_check(CUMULATIVE, share, scope={"role": "achievements"}, year=2023)
    assert [f.message for f in result.findings] == ["这句中的 1 个数字（62件）是“2018年以来”的累计数，不是2023年度本身的成果"]
    stock = full_report(achievements="截至2023年底，累计建成调解室200个。")
    assert run_check(CUMULATIVE, stock, scope={"role": "achievements"}, year=2023).status == "fail"


def test_a_year_inside_a_cited_title_does_not_date_a_figure():
    text = full_report(achievements="制定《某县法治政府建设规划（2021—2025年）》等重要文件10份。")
    assert run_check(CUMULATIVE, text, scope={"role": "achievements"}, year=2023).status == "pass"


def test_the_marker_word_alone_is_not_quoted_as_its_own_reason():
    text = full_report(achievements="全县累计办理复议案件300件。")
    (finding,) = run_check(CUMULATIVE, text, scope={"role": "achievements"}, year=2023).findings
    assert "是累计数，不是2023年度本身的成果" in finding.message


STOCKS = {"type": "figure_context", "cumulative": ["累计"], "stock": ["现有", "持证", "在岗"]}


def test_a_stock_stated_as_a_result_is_not_the_years_own():
    text = full_report(achievements="全县现有律师事务所12家、律师86名。持证执法人员1200名。")
    result = run_check(STOCKS, text, scope={"role": "achievements"})
    assert flagged(result, text) == ["12家、律师86名", "1200名"] and "存量" in result.findings[0].message


def test_what_was_done_to_a_stock_and_what_is_new_are_the_years_own():
    text = full_report(achievements="对现有6名执法人员开展培训，组织在岗教职工500人参加考试。新增持证执法人员30名，持证率达100%。")
    assert run_check(STOCKS, text, scope={"role": "achievements"}).status == "pass"


def test_a_stock_beside_the_years_increase_is_the_years_own():
    text = full_report(achievements="全区现有法律顾问298名，今年新增12名。")
    assert run_check(STOCKS, text, scope={"role": "achievements"}).status == "pass"


def test_since_the_report_year_itself_is_the_year_and_an_earlier_start_is_cumulative():
    own = full_report(achievements="2023年以来，召开常务会议专题学法6次，审查规范性文件40件。")
    assert run_check(CUMULATIVE, own, scope={"role": "achievements"}, year=2023).status == "pass"
    earlier = full_report(achievements="2022年以来，召开常务会议专题学法6次，审查规范性文件40件。")  # near miss
    result = run_check(CUMULATIVE, earlier, scope={"role": "achievements"}, year=2023)
    assert [f.message for f in result.findings] == ["这句中的 2 个数字（6次、40件）是“2022年以来”的累计数，不是2023年度本身的成果"]


def test_a_later_year_in_the_sentence_ends_the_reach_of_a_since_marker():
    text = full_report(achievements="自2022年6月以来，共清理涉企案件9起，2023年全年，共办理复议案件35件、调解12件。")
    result = run_check(CUMULATIVE, text, scope={"role": "achievements"}, year=2023)
    assert [f.message for f in result.findings] == ["这句中的 1 个数字（9起）是“自2022年6月以来”的累计数，不是2023年度本身的成果"]
    # near miss: no later year, so the marker reaches every figure of the sentence
    whole = full_report(achievements="自2022年6月以来，共清理涉企案件9起，共办理复议案件35件。")
    (finding,) = run_check(CUMULATIVE, whole, scope={"role": "achievements"}, year=2023).findings
    assert finding.message.startswith("这句中的 2 个数字（9起、35件）")
