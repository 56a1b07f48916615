"""Small documents and one-rule runs for the per-check-type tests (tests/checks/test_<type>.py)."""
from __future__ import annotations

from checker import checks
from checker.document import Given, build
from checker.engine.evaluate import FindingMapper, Options, rule_result
from checker.ingest import from_text
from checker.results import RuleResult
from checker.engine.ruleset import Rule, prepared_params

TITLE = "某县人民政府关于2023年度法治政府建设情况的报告"
ENDING = "\n某县人民政府\n2024年2月20日\n"


def report(*parts: tuple[str, str], title: str = TITLE, opening: str = "现将我县2023年度法治政府建设情况报告如下。",
           ending: str = ENDING) -> str:
    """A report text: the title, an opening line, each (heading, body) part, the signature and date."""
    body = "\n".join(f"{heading}\n{text}" for heading, text in parts)
    return f"{title}\n{opening}\n{body}{ending}"


def document(text: str, year: int | None = None, level: str | None = None, published: str | None = None):
    return build(from_text(text), Given(year, level, published))


def run_check(check: dict, text_or_doc, scope="document", message: str = "不通过：{count}",
              previous: str | None = None, **meta) -> RuleResult:
    """The result of one rule of this check type (``check``: its ``type`` and parameters)."""
    doc = document(text_or_doc, **meta) if isinstance(text_or_doc, str) else text_or_doc
    module = checks.get(check["type"])
    rule = Rule(id=f"test.{check['type']}", title="测试规则", message=message, severity="warning", spec=[],
                scope=scope, check_type=check["type"], params=prepared_params(module, check), hint="", examples={})
    related = {"previous": build(from_text(previous, "previous.txt"))} if previous else {}
    return rule_result(rule, doc, Options(related=related), FindingMapper(doc))


def flagged(result: RuleResult, text: str) -> list[str]:
    """The original text under each finding."""
    return [text[f.place.start:f.place.end] for f in result.findings]

ACHIEVEMENTS = "一、2023年法治政府建设主要举措和成效"
SHORTCOMINGS = "二、存在的不足和原因"
FIRST_RESPONSIBLE = "三、党政主要负责人履行推进法治建设第一责任人职责情况"
NEXT_YEAR = "四、2024年法治政府建设工作安排"

BODIES = {
    ACHIEVEMENTS: "全年办理行政复议案件35件，纠错8件，纠错率22.9%。审查规范性文件12件，开展执法检查46次。",
    SHORTCOMINGS: "一是行政执法不够规范，原因在于执法人员培训不足。二是普法针对性不强，主要是由于宣传方式单一。",
    FIRST_RESPONSIBLE: "县长亲自部署法治政府建设，主持召开常务会议3次专题研究法治工作，带头学法，年终述法。",
    NEXT_YEAR: "一是开展行政执法人员轮训，年底前实现全覆盖。二是创新普法方式，建设“法治文化阵地”项目。",
}


def full_report(**replaced: str) -> str:
    """The four parts in order with their default bodies; ``replaced`` maps a part name
    (achievements, shortcomings, first_responsible, next_year) to another body, or None to drop it."""
    names = {"achievements": ACHIEVEMENTS, "shortcomings": SHORTCOMINGS, "first_responsible": FIRST_RESPONSIBLE,
             "next_year": NEXT_YEAR}
    parts = []
    for name, heading in names.items():
        body = replaced.get(name, BODIES[heading])
        if body is not None:
            parts.append((heading, body))
    return report(*parts)
