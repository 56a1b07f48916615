from checks.checkkit import flagged, report, run_check

CHECK = {"type": "written_date"}
PART = ("一、主要举措和成效", "全年办理行政复议案件35件。")


def _text(date: str) -> str:
    return report(PART, ending=f"\n某县人民政府\n{date}\n")


def test_arabic_numerals_in_full_pass():
    assert run_check(CHECK, _text("2024年3月5日")).status == "pass"


def test_chinese_numerals_are_flagged_with_the_arabic_form():
    text = _text("二〇二四年三月五日")
    result = run_check(CHECK, text)
    assert result.status == "fail" and flagged(result, text) == ["二〇二四年三月五日"]
    assert "2024年3月5日" in result.findings[0].message


def test_a_leading_zero_is_flagged():
    assert run_check(CHECK, _text("2024年03月05日")).status == "fail"


def test_no_date_is_not_applicable():
    assert run_check(CHECK, report(PART, ending="\n某县人民政府\n")).status == "not_applicable"
