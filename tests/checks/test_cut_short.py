"""A text that visibly breaks off (a saved page opening, a paste stopped short): what a rule finds
missing may lie past the break, so the failing message says so instead of stating that the report
lacks it.  A complete text keeps the plain message."""
from functools import lru_cache

from checker.engine.evaluate import CUT_NOTE, FindingMapper, Options, rule_result
from checker.engine.ruleset import load_ruleset

from checks.checkkit import document, full_report, report, run_check

OPENING = ("某县人民政府关于2023年度法治政府建设情况的报告\n"
           "2023年，我县坚持依法行政，现将有关情况报告如下。\n"
           "一、主要举措和成效\n"
           "（一）健全依法决策机制。全年审查重大行政决策事项12件，组织听证3场，")
CUT_TAIL = "文本在末尾中断（最后一句不完整）"


@lru_cache(maxsize=1)
def bundled():
    return {rule.id: rule for rule in load_ruleset().rules}


def result(rule_id: str, text: str):
    doc = document(text)
    return rule_result(bundled()[rule_id], doc, Options(), FindingMapper(doc))


def test_a_text_stopping_mid_sentence_is_cut_and_a_complete_one_is_not():
    assert document(OPENING).cut_at is not None
    assert document(full_report()).cut_at is None
    # Near misses: page furniture after the body, a closing “无”, a 落款 — none is prose cut short.
    assert document(full_report() + "\n已归档\n").cut_at is None
    assert document(report(("一、主要举措和成效", "办理复议案件35件。"), ("五、其他需要报告的情况", "无"))).cut_at is None
    assert document(report(("一、主要举措和成效", "办理复议案件35件。"), ending="\n特此报告\n")).cut_at is None
    # A last item written without its 。 and then the 落款: the text is complete.
    assert document(report(("一、主要举措和成效", "办理复议案件35件。"), ("二、2024年工作安排", "1.加强执法队伍建设"))).cut_at is None
    assert document(report(("一、主要举措和成效", "办理复议案件35件。"), ("二、2024年工作安排", "1.加强执法队伍建设"),
                           ending="\n")).cut_at is not None
    assert document(full_report() + "\n上一篇：某县召开依法行政工作会议，部署年度工作\n").cut_at is None


def test_a_text_ending_on_a_heading_or_a_few_words_under_one_is_cut():
    assert document(OPENING.rsplit("（一）", 1)[0] + "（一）健全依法决策机制\n").cut_at is not None
    assert document(OPENING.rsplit("（一）", 1)[0] + "（一）健全依法决策机制\n组建\n").cut_at is not None
    assert document(OPENING.rsplit("（一）", 1)[0] + "（一）健全依法决策机制。全年审查事项12件。\n（二）\n").cut_at is not None


def test_missing_parts_of_a_cut_text_are_reported_as_not_in_the_text_so_far():
    cut = result("part.shortcomings", OPENING)
    assert cut.status == "fail"
    assert cut.message.startswith("现有文字中没有“推进法治政府建设存在的不足和原因”部分") and CUT_TAIL in cut.message
    # Near miss: a complete report without the part is told plainly that it lacks it.
    whole = result("part.shortcomings", full_report(shortcomings=None))
    assert whole.status == "fail" and whole.message == "缺少“推进法治政府建设存在的不足和原因”部分"


def test_the_signature_of_a_cut_text_is_said_to_be_out_of_sight_not_missing():
    cut = result("report.signature", OPENING)
    assert cut.status == "fail" and cut.message.startswith(CUT_TAIL)
    assert [f.message for f in cut.findings] == ["文本在此中断，看不到落款署名和落款日期"]
    unsigned = result("report.signature", full_report().replace("\n某县人民政府\n2024年2月20日\n", "\n"))
    assert [f.message for f in unsigned.findings] == ["正文之后没有落款署名和落款日期"]


def test_counts_in_a_part_the_text_breaks_off_in_are_hedged_and_counts_in_a_finished_part_are_not():
    cut = result("outcomes.quantified", OPENING)
    assert cut.status == "fail" and cut.message.startswith("成效部分在文本中断之前只有 2 个数字") and CUT_TAIL in cut.message
    # Near miss: the achievements part is finished before the text breaks off in a later part.
    finished = (OPENING.rsplit("（一）", 1)[0] + "深入推进依法行政。\n"
                "二、存在的不足和原因\n一是执法力量不足，原因是编制紧张，")
    plain = result("outcomes.quantified", finished)
    assert document(finished).cut_at is not None
    assert plain.status == "fail" and plain.message == "成效部分没有数字（至少 5 个），成效缺少数据支撑"


def test_a_rule_without_its_own_cut_message_gets_the_note():
    check = {"type": "figures_count", "min": 5}
    cut = run_check(check, OPENING, scope={"role": "achievements"}, message="数字不足")
    assert cut.status == "fail" and cut.message == "数字不足" + CUT_NOTE
    whole = full_report(achievements="深入推进依法行政，审查规范性文件12件。")
    assert run_check(check, whole, scope={"role": "achievements"}, message="数字不足").message == "数字不足"


def test_a_duties_count_of_nothing_is_said_in_words():
    text = full_report(first_responsible="县长高度重视法治政府建设。")
    assert result("part.first_responsible.duties", text).message == \
        "第一责任人部分的具体履职事项一类也没有写到（至少 3 类），内容空泛"


def test_a_covering_letter_signed_above_the_report_does_not_empty_its_parts():
    text = ("某县司法局2023年度法治政府建设情况报告\n"
            "县委全面依法治县委员会办公室：\n"
            "现将《某县司法局2023年度法治政府建设情况报告》报上，请审阅。\n"
            "某县司法局\n2024年1月15日\n"
            "一、主要举措和成效\n"
            "全年办理行政复议案件35件，审查规范性文件12件，培训执法人员300人次，开展执法检查46次，调解纠纷80件。\n"
            "二、存在的不足和原因\n一是执法力量不足，原因是编制紧张。\n")
    quantified = result("outcomes.quantified", text)
    assert quantified.status == "pass", quantified.message


def test_unnamed_parts_after_the_achievements_of_a_cut_text_carry_on_the_achievements():
    head = ("某市2023年法治政府建设年度报告\n一、坚持党的全面领导，切实履行推进法治政府建设工作职责\n"
            "市政府常务会议研究法治议题6次。\n二、完善政府机构职能体系，推动依法履职\n")
    cut = document(head + "全年取消行政许可事项8项，")
    assert [s.role for s in cut.sections] == ["achievements", "achievements"]
    # Near miss: the same parts in a text that ends complete are left as they are named.
    whole = document(head + "全年取消行政许可事项8项。\n某市人民政府\n2024年3月1日\n")
    assert whole.cut_at is None and whole.sections[1].role == "none"
