"""issuer_agreement: the title, the first sentence and the 落款 name one issuer (invented reports)."""
from checks.checkkit import flagged, run_check

CHECK = {"type": "issuer_agreement"}
BODY = "一、主要举措和成效\n全年办理行政复议案件35件。\n"


def test_a_township_report_carrying_the_districts_text_is_flagged_quoting_both():
    text = "某某街道2023年度法治政府建设情况报告\n2023年，区政府坚持依法行政。\n" + BODY
    result = run_check(CHECK, text, message="{other}/{issuer}")
    assert result.status == "fail" and result.message == "“区政府”/某某街道"
    assert flagged(result, text) == ["区政府"]
    assert "某某街道" in result.findings[0].message and "区政府" in result.findings[0].message


def test_a_title_and_a_signature_of_two_places_are_flagged():
    text = "淳安县司法局2023年度法治政府建设情况报告\n2023年，淳安县司法局坚持依法行政。\n" + BODY + "建德市司法局\n2024年2月20日\n"
    result = run_check(CHECK, text)
    assert result.status == "fail" and flagged(result, text) == ["建德市司法局"]


def test_the_superiors_named_in_a_lead_clause_and_a_publisher_stay_quiet():
    text = ("发布机构：淳安县人民政府办公室\n淳安县司法局2023年度法治政府建设情况报告\n"
            "2023年，在县委、县政府的领导下，县司法局坚持依法行政，服务全县发展。\n" + BODY + "淳安县司法局\n2024年2月20日\n")
    assert run_check(CHECK, text).status == "pass"


def test_a_municipality_calls_itself_a_city():
    text = "重庆市人民政府2023年度法治政府建设情况报告\n2023年，我市坚持依法行政。\n" + BODY
    assert run_check(CHECK, text).status == "pass"


def test_no_issuer_is_not_applicable():
    assert run_check(CHECK, "2023年，坚持依法行政。\n" + BODY).status == "not_applicable"
