from checks.checkkit import full_report, report, run_check

LAST_YEAR = report(
    ("一、2022年主要成效", "全年办理复议案件30件。"),
    ("二、存在的不足和原因", "一是执法证件管理混乱，原因是制度缺失。二是规范性文件备案迟缓，由于人手不足。"),
    ("三、2023年工作安排", "一是推行全县行政执法证件电子化管理。二是建立规范性文件备案审查季度通报制度。"),
    title="某县人民政府关于2022年度法治政府建设情况的报告", ending="\n某县人民政府\n2023年2月20日\n")
COPY = full_report().replace("2023年度", "2022年度").replace("2024年2月", "2023年2月")


def check(mode, **more):
    return {"type": "previous_report", "mode": mode, **more}


def test_without_a_previous_report_the_rule_does_not_apply():
    result = run_check(check("repeated", role="shortcomings"), full_report(), scope={"role": "shortcomings"})
    assert result.status == "not_applicable" and "上一年度报告" in result.message


def test_problems_repeated_word_for_word_are_flagged():
    scope = {"role": "shortcomings"}
    result = run_check(check("repeated", role="shortcomings"), full_report(), scope=scope, previous=COPY,
                       message="{count}/{total}")
    assert result.status == "fail" and result.message == "2/2"
    assert run_check(check("repeated", role="shortcomings"), full_report(), scope=scope, previous=LAST_YEAR).status == "pass"


def test_last_year_s_plans_not_taken_up_this_year_are_flagged():
    scope = {"role": "achievements"}
    followed = check("followed_up", role="next_year", target_role="achievements")
    assert run_check(followed, full_report(), scope=scope, previous=LAST_YEAR).status == "fail"
    done = full_report(achievements="推行行政执法证件电子化管理，全县发证320张。建立规范性文件备案审查季度通报制度，通报4次。")
    assert run_check(followed, done, scope=scope, previous=LAST_YEAR).status == "pass"


def test_a_report_mostly_reused_from_last_year_fails():
    reused = check("reused", role="document")
    assert run_check(reused, full_report(), previous=COPY).status == "fail"
    assert run_check(reused, full_report(), previous=LAST_YEAR).status == "pass"
