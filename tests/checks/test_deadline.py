from checks.checkkit import flagged, full_report, report, run_check

CHECK = {"type": "deadline", "tiers": [
    {"by": "04-01", "severity": "error", "label": "向社会公开的期限"},
    {"by": "03-01", "levels": ["department"], "severity": "warning", "label": "政府部门报送期限"}]}


def dated(day: str) -> str:
    return full_report().replace("2024年2月20日", day)


def test_a_report_dated_before_the_deadline_passes():
    assert run_check(CHECK, dated("2024年3月20日")).status == "pass"


def test_a_report_dated_after_1_april_fails_as_an_error():
    result = run_check(CHECK, dated("2024年4月15日"))
    assert result.status == "fail" and result.severity == "error"


def test_the_department_tier_applies_only_to_departments():
    text = dated("2024年3月10日")
    assert run_check(CHECK, text, level="county").status == "pass"
    result = run_check(CHECK, text, level="department")
    assert result.status == "fail" and result.severity == "warning"


def test_a_publication_date_given_on_the_command_line_is_tested_and_no_date_does_not_apply():
    published = {"type": "deadline", "tiers": [{"by": "04-01", "date": "published", "severity": "error",
                                                 "label": "向社会公开的期限"}]}
    assert run_check(published, dated("2024年3月20日"), published="2024-05-06").status == "fail"
    assert run_check(published, dated("2024年3月20日"), published="2024-03-28").status == "pass"
    # The report's own 成文日期 stays what the 3月1日 tier tests.
    written = {"type": "deadline", "tiers": [{"by": "03-01", "date": "written", "severity": "warning", "label": "报送"}]}
    assert run_check(written, dated("2024年2月20日"), published="2024-05-06").status == "pass"
    undated = report(("一、主要成效", "全年办理复议案件35件。"), ending="\n")
    assert run_check(CHECK, undated).status == "not_applicable"


def test_a_report_dated_inside_its_own_year_is_not_a_full_year():
    check = {"type": "deadline", "not_before": {"month_day": "01-01", "year_offset": 1}}
    assert run_check(check, dated("2023年12月20日")).status == "fail"
    assert run_check(check, dated("2024年1月5日")).status == "pass"


DATED_TIERS = {"type": "deadline", "tiers": [
    {"by": "04-01", "date": "published", "severity": "error", "label": "向社会公开的期限"},
    {"by": "03-01", "date": "written", "levels": ["department"], "severity": "warning", "label": "政府部门报送期限"}]}


def page(posted: str, signed: str | None = None) -> str:
    """A department's report as a web page: the page's posting time, and a 落款 date or none."""
    ending = f"\n某县司法局\n{signed}\n" if signed else "\n"
    return report(("一、主要成效", "全年办理复议案件35件。"), title="某县司法局关于2023年度法治政府建设情况的报告",
                  opening=f"发布时间：{posted}\n现将我局2023年度法治政府建设情况报告如下。", ending=ending)


def test_each_deadline_is_tested_against_its_own_date():
    # Posted on 20 March with no 成文日期: when it was 报送 is not known, and it was published in time.
    assert run_check(DATED_TIERS, page("2024-03-20"), level="department").status == "pass"
    # Signed on 10 March: formed, so 报送, after 1 March.
    late = run_check(DATED_TIERS, page("2024-03-20", "2024年3月10日"), level="department",
                     message="{date_label} {date} 晚于{label}")
    assert late.status == "fail" and late.message == "成文日期 2024-03-10 晚于政府部门报送期限"
    # Posted after 1 April: the publication deadline, named by the page's own date.
    posted_late = run_check(DATED_TIERS, page("2024-04-10", "2024年2月20日"), level="department",
                            message="{date_label} {date} 晚于{label}")
    assert posted_late.status == "fail" and posted_late.message == "网页发布日期 2024-04-10 晚于向社会公开的期限"


def test_a_report_formed_after_the_publication_deadline_fails_it_without_a_page_date():
    result = run_check(DATED_TIERS, page("", "2024年4月20日").replace("发布时间：\n", ""), level="county")
    assert result.status == "fail" and result.severity == "error"


def test_a_covering_letters_date_is_the_day_the_report_was_sent():
    letter = ("某县司法局2023年度法治政府建设情况报告\n县人民政府：\n现将我局2023年度法治政府建设情况报告呈上，请审阅。\n"
              "某县司法局\n2024年3月12日\n某县司法局2023年度法治政府建设情况报告\n一、主要成效\n全年办理复议案件35件。\n")
    result = run_check(DATED_TIERS, letter, level="department", message="{date_label} {date} 晚于{label}")
    assert result.status == "fail" and result.message == "报送函日期 2024-03-12 晚于政府部门报送期限"
    # The finding points at the letter's date, where the author corrects it, not at the report's title.
    assert flagged(result, letter) == ["2024年3月12日"]


PUBLISHED = {"type": "deadline", "tiers": [{"by": "04-01", "date": "published", "severity": "error",
                                            "label": "向社会公开的期限"}]}


def test_a_signature_dated_after_the_page_date_and_the_deadline_fails():
    # The page says it went up on 28 March, but the report was only signed on 12 April.
    result = run_check(PUBLISHED, dated("2024年4月12日"), published="2024-03-28", message="{date_label} {date}")
    assert result.status == "fail" and result.message == "成文日期 2024-04-12"


def test_a_page_date_after_an_earlier_signature_is_still_the_one_tested_near_miss():
    assert run_check(PUBLISHED, dated("2024年3月20日"), published="2024-03-28").status == "pass"
