"""规范表述: one error of each kind in a report of one's own gives exactly those findings, each
with the right form in its message; a province adds its own names as a rule of its own pack."""
from checker.run.pipeline import Checker

FLAWED = """某县人民政府关于2023年度法治政府建设情况的报告
2023年，县政府坚持以习近平法制思想为指导，深入贯彻党的十九大精神，对照《法治政府建设实施纲要（2021-2025）》推进工作。
一、主要举措和成效
县法制办审查规范性文件38件，深入开展七五普法，落实《法治政府建设与责任落实督查工作规定》，特备是抓好执法监督。
二、存在的不足和原因
一是执法人员不足，原因是编制少。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持常务会议研究法治工作5次。
四、2024年工作安排
一是学习贯彻二十届四中全会精神。
某县人民政府
2024年3月20日
"""
EXPECTED = {
    ("terms.guiding_thought", "习近平法制思想", "习近平法治思想"),
    ("terms.party_congresses", "党的十九大精神", "党的二十大精神"),
    ("terms.documents", "《法治政府建设实施纲要（2021-2025）》", "《法治政府建设实施纲要（2021—2025年）》"),
    ("terms.bodies", "法制办", "司法局"),
    ("terms.documents", "七五普法", "八五普法"),
    ("terms.documents", "《法治政府建设与责任落实督查工作规定》", "《法治政府建设与责任落实督察工作规定》"),
    ("terms.typos", "特备是", "特别是"),
}


def _findings(report, text=FLAWED):
    return {(r["rule_id"], text[f["start"]:f["end"]], f["message"]) for r in report["results"]
            if r["rule_id"].startswith("terms.") for f in r["findings"]}


def test_one_error_of_each_kind_gives_exactly_those_findings():
    found = _findings(Checker(discover_config=False).check_text(FLAWED))
    assert {(rule, excerpt) for rule, excerpt, _ in found} == {(rule, form) for rule, form, _ in EXPECTED}
    for rule, form, right in EXPECTED:
        message = next(m for r, e, m in found if r == rule and e == form)
        assert right in message, message


def test_the_same_text_in_an_earlier_year_is_right():
    earlier = FLAWED.replace("2023", "2019").replace("2024", "2020").replace("习近平法制思想", "习近平法治思想")
    earlier = earlier.replace("《法治政府建设实施纲要（2021-2025）》", "《法治政府建设实施纲要（2015—2020年）》")
    earlier = earlier.replace("督查工作规定", "督察工作规定").replace("特备是", "特别是").replace("二十届四中全会", "十九届四中全会")
    assert _findings(Checker(discover_config=False).check_text(earlier), earlier) == set()


def test_a_province_adds_its_own_names(tmp_path):
    pack = tmp_path / "zj.yaml"
    pack.write_text("""pack: {name: zj, version: '1'}
rules:
  - id: zj.terms
    title: 本省规范表述
    severity: warning
    spec: [practice.proofreading.expressions]
    scope: full_text
    check:
      type: lexicon
      entries:
        - {form: '最多跑一趟', correct: 最多跑一次, source: 浙江省“最多跑一次”改革}
    message: 本省规范表述有误：{found}
    hint: 按本省规范表述改正。
    examples:
      pass: ["推进最多跑一次改革。"]
      fail: ["推进最多跑一趟改革。"]
""", encoding="utf-8")
    checker = Checker(rules=["core", str(pack)], discover_config=False)
    report = checker.check_text(FLAWED.replace("特备是", "推进最多跑一趟改革，特备是"))
    result = next(r for r in report["results"] if r["rule_id"] == "zj.terms")
    assert result["status"] == "fail" and "最多跑一次" in result["findings"][0]["message"]
    assert not any(r["rule_id"].startswith("terms.") for r in report["results"])  # only the packs asked for
