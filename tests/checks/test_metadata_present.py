from checks.checkkit import full_report, report, run_check


def test_year_issuer_and_signature_are_found_in_a_complete_report():
    check = {"type": "metadata_present", "fields": ["year", "issuer", "signature", "signature_date"]}
    assert run_check(check, full_report()).status == "pass"


def test_a_report_without_signature_lists_the_missing_fields():
    text = report(("一、主要成效", "全年办理复议案件35件。"), ending="\n")
    result = run_check({"type": "metadata_present", "fields": ["signature", "signature_date"]}, text,
                       message="缺少{missing}")
    assert result.status == "fail" and result.message == "缺少落款署名、落款日期"


def test_a_year_given_on_the_command_line_counts():
    text = "关于法治政府建设情况的报告\n一、主要成效\n全年办理复议案件35件。\n"
    assert run_check({"type": "metadata_present", "fields": ["year"]}, text).status == "fail"
    assert run_check({"type": "metadata_present", "fields": ["year"]}, text, year=2023).status == "pass"


SIGNATURE = {"type": "metadata_present", "fields": ["signature", "signature_date"]}


def test_a_covering_letter_signed_and_dated_signs_the_report_it_sends():
    letter = ("某县发展和改革委员会2023年度法治政府建设情况报告\n县法治政府建设领导小组办公室：\n"
              "现将我委2023年度法治政府建设情况报告呈上，请审阅。\n特此报告。\n"
              "附件：某县发展和改革委员会2023年度法治政府建设情况的报告\n某县发展和改革委员会\n2024年1月17日\n附件\n"
              "一、主要成效\n全年审查规范性文件12件。\n")
    assert run_check(SIGNATURE, letter).status == "pass"
    dated_only = "某县2023年度法治政府建设情况报告\n一、主要成效\n全年审查规范性文件12件。\n2024年1月17日\n"
    result = run_check(SIGNATURE, dated_only, message="缺少{missing}")
    assert result.status == "fail" and result.message == "缺少落款署名"
