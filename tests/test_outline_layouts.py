"""Outline layouts real reports use that the numbered 一、/（一） outline does not cover: bare heading
lines, thematic parts holding the first-responsible sub-item, lead sentences without their colon, one-line
part bodies, reports flattened into one line, and inline items whose 。 was left out.  Each class has an
invented report of that shape and a near miss that must keep its old reading."""
from checker.document import build
from checker.ingest import from_text

from checks.checkkit import run_check

TITLE = "某某县人民政府关于2023年度法治政府建设情况的报告"
LEAD = "2023年，在市委、市政府和县委的坚强领导下，我县深入学习贯彻习近平法治思想，扎实推进法治政府建设，各项工作取得新成效。"


def outline(text: str) -> list[tuple[int, str, str, str]]:
    return [(s.level, s.heading.kind, s.heading.text, s.role) for s in build(from_text(text)).walk()]


def passes(role: str, text: str, **params) -> bool:
    check = {"type": "required_role", "role": role, "levels": [1, 2], **params}
    return run_check(check, text).status == "pass"


# --- bare (unnumbered) level-one headings ---------------------------------------------------------

NAMED_BARE = f"""{TITLE}
{LEAD}现将有关情况报告如下
2023年推进法治政府建设的主要举措和成效
(一)健全依法决策机制。全年审查重大行政决策事项12件，组织听证会3场。
(二)严格规范公正文明执法。开展执法案卷评查2次，评查案卷160卷。
存在的不足和原因
一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。二是普法针对性不强，由于宣传方式单一。
2024年工作安排
一是推进乡镇综合执法队伍建设。二是开展“八五”普法中期评估。
某某县人民政府
2024年2月26日
"""

THEMATIC_BARE = f"""{TITLE}
{LEAD}
完善制度体系 依法决策水平稳步提升
健全决策程序。县政府常务会议审议重大行政决策事项9件，全部经过合法性审查。
规范文件管理。审查行政规范性文件21件，纠正不当条款4处。
强化执法监督 执法规范化持续推进
开展执法评查。抽查执法案卷120卷，发现并整改问题17个。
"""


def test_bare_named_lines_are_the_parts_and_numbered_headings_sit_under_them():
    parts = [(level, kind, role) for level, kind, _, role in outline(NAMED_BARE)]
    assert parts[0] == (1, "bare", "achievements")
    assert [p for p in parts if p[0] == 1] == [(1, "bare", "achievements"), (1, "bare", "shortcomings"),
                                               (1, "bare", "next_year")]
    assert parts[1][:2] == (2, "paren_cn")
    for role in ("achievements", "shortcomings", "next_year"):
        assert passes(role, NAMED_BARE), role


def test_a_series_of_bare_thematic_lines_are_achievements_parts():
    parts = outline(THEMATIC_BARE)
    assert [(level, kind, role) for level, kind, _, role in parts] == [(1, "bare", "achievements")] * 2
    assert parts[0][2] == "完善制度体系 依法决策水平稳步提升"


LONG_BARE = f"""{TITLE}
{LEAD}现将有关情况报告如下
2023年推进法治政府建设的主要举措和成效
(一)健全依法决策机制。全年审查重大行政决策事项12件，组织听证会3场。
存在的不足和原因
一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。
2023年县政府主要负责同志履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
县长主持召开常务会议研究法治议题6次，组织会前学法10次。
2024年工作安排
一是推进乡镇综合执法队伍建设。
"""


def test_a_long_bare_line_that_names_a_part_is_that_part():
    # The full wording of the 第一责任人 part runs past the 40 characters of a bare heading.
    parts = [(kind, role) for level, kind, _, role in outline(LONG_BARE) if level == 1]
    assert parts == [("bare", "achievements"), ("bare", "shortcomings"), ("bare", "first_responsible"), ("bare", "next_year")]


def test_a_long_unpunctuated_line_that_names_no_part_stays_body_near_miss():
    text = LONG_BARE.replace("2023年县政府主要负责同志履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
                             "全县各乡镇各部门坚持问题导向和目标导向统筹推进执法队伍建设和执法监督平台建设工作持续加力见效明显")
    parts = [(kind, role) for level, kind, _, role in outline(text) if level == 1]
    assert parts == [("bare", "achievements"), ("bare", "shortcomings"), ("bare", "next_year")]


def test_bare_heading_near_misses_keep_their_reading():
    # One unnamed short line is a slogan, not a series of parts.
    slogan = f"{TITLE}\n{LEAD}\n坚持依法行政 建设法治政府\n全年审查重大行政决策事项12件，组织听证会3场。\n"
    assert outline(slogan) == []
    # A report that numbers its parts keeps them; a short line inside a part is no heading.
    numbered = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n规范性文件审查情况\n审查行政规范性文件21件，纠正不当条款4处。\n"
                "二、存在的不足和原因\n一是执法力量不足，原因是编制紧张。\n")
    assert [(kind, role) for _, kind, _, role in outline(numbered)] == [("cn", "achievements"), ("cn", "shortcomings")]
    # Page furniture and the 落款 are not headings.
    page = (f"{TITLE}\n发布日期：2024-02-26\n字体：大 中 小\n分享到：\n{LEAD}\n"
            "全年审查重大行政决策事项12件，组织听证会3场。\n某某县人民政府\n2024年2月26日\n")
    assert outline(page) == []
    # A bare line over numbered parts that name the parts themselves is a subtitle, not a part.
    subtitle = (f"{TITLE}\n{LEAD}\n2023年法治政府建设工作情况\n（一）主要举措和成效\n审查规范性文件21件，纠正不当条款4处。\n"
                "（二）存在的问题\n一是执法力量不足，原因是编制紧张。\n")
    assert [(kind, role) for _, kind, _, role in outline(subtitle)] == [("paren_cn", "achievements"),
                                                                       ("paren_cn", "shortcomings")]


# --- a thematic part holding the first-responsible sub-item ---------------------------------------

THEMATIC_WITH_FR = f"""{TITLE}
{LEAD}
一、坚持党的领导，统筹推进依法行政
（一）深入学习贯彻习近平法治思想。县政府常务会议会前学法12次，举办领导干部法治讲座2期。
（二）主要负责人切实履行推进法治建设第一责任人职责。县长主持召开专题会议4次，研究法治政府建设重点任务，带头述法。
二、深化“放管服”改革，优化法治化营商环境
全年取消行政许可事项8项，压减办理时限40%。
"""


def test_a_thematic_part_holding_the_first_responsible_item_is_the_achievements_part():
    doc = build(from_text(THEMATIC_WITH_FR))
    first, second = doc.sections
    assert (first.role, first.role_source, second.role) == ("achievements", "thematic", "achievements")
    inner = first.children[1]
    assert (inner.role, inner.role_source) == ("first_responsible", "inside_achievements")
    assert passes("achievements", THEMATIC_WITH_FR)
    assert passes("first_responsible", THEMATIC_WITH_FR, nested_in=["achievements"])


def test_first_responsible_near_misses_keep_their_roles():
    # A level-one first-responsible part among thematic parts stays the first-responsible part.
    own_part = (f"{TITLE}\n{LEAD}\n一、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开专题会议4次。\n"
                "二、深化“放管服”改革\n全年取消行政许可事项8项。\n")
    assert [role for _, _, _, role in outline(own_part)] == ["first_responsible", "achievements"]
    # An umbrella heading over named parts keeps the named parts.
    umbrella = (f"{TITLE}\n{LEAD}\n一、全县法治政府建设总体概述\n（一）主要举措和成效\n全年取消行政许可事项8项。\n"
                "（二）主要负责人履行第一责任人职责情况\n县长带头述法。\n（三）存在的问题\n一是执法力量不足，原因是编制紧张。\n")
    assert [role for _, _, _, role in outline(umbrella)] == ["none", "achievements", "first_responsible", "shortcomings"]


# --- lead sentences without their colon; parts whose body is one unfinished line ------------------

def test_a_lead_sentence_without_colon_does_not_swallow_the_first_heading():
    for lead in ("现将有关情况报告如下", "现将有关工作情况汇报如下", "现将2023年度法治政府建设情况报告"):
        text = f"{TITLE}\n{LEAD[:-1]}，{lead}\n一、2023年推进法治政府建设的主要举措和成效\n全年审查规范性文件21件。\n"
        assert [role for _, _, _, role in outline(text)] == ["achievements"], lead
    # The lead paragraph merely lost its final 。: the report's first heading still opens the body.
    text = f"{TITLE}\n{LEAD[:-1]}\n一、主要举措和成效\n全年审查规范性文件21件。\n"
    assert [role for _, _, _, role in outline(text)] == ["achievements"]


def test_a_part_whose_body_is_one_unfinished_line_does_not_hide_the_next_part():
    text = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n"
            "全年办理行政复议案件35件，纠错率下降到百分之八，执法人员持证率达到百分之百，全部完成年度任务\n"
            "二、存在的不足和原因\n一是执法力量不足，原因是编制紧张，乡镇执法人员多为兼职，培训不足\n"
            "三、2024年工作安排\n一是加强培训。\n")
    assert [role for _, _, _, role in outline(text)] == ["achievements", "shortcomings", "next_year"]


def test_a_wrapped_line_starting_with_a_number_is_still_not_a_heading():
    text = ("一、主要举措和成效\n全年共开展行政执法检查和专项整治行动，其中第一季度检查12次，第二季度和第三季度共检查20次，第\n"
            "二、三季度检查20次，第四季度检查8次。\n")
    assert [text for _, _, text, _ in outline(text)] == ["主要举措和成效"]


# --- a report flattened into one line ---------------------------------------------------------------

FLAT = (f"{LEAD} 一、法治政府建设主要举措和成效 （一）健全依法决策机制 一是落实重大行政决策程序。全年审查重大行政决策事项12件，"
        "组织听证会3场，公开征求意见事项9项，全部经过合法性审查和集体讨论决定。 二是发挥法律顾问作用。聘请法律顾问5名，"
        "出具法律意见书46份。 （二）严格规范公正文明执法 一是推行行政执法三项制度。开展执法案卷评查2次，评查案卷160卷。"
        " 二、存在的不足和原因 一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。")


def test_a_report_flattened_into_one_line_gets_its_parts_back():
    parts = outline(FLAT)
    assert [(level, text, role) for level, _, text, role in parts] == [
        (1, "法治政府建设主要举措和成效", "achievements"), (2, "健全依法决策机制", "none"),
        (2, "严格规范公正文明执法", "none"), (1, "存在的不足和原因", "shortcomings")]
    runs = [[i.number for i in run.items] for run in build(from_text(FLAT)).item_runs]
    assert runs == [[1, 2], [1], [1]]


def test_a_long_paragraph_with_an_inline_enumeration_stays_one_paragraph():
    text = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n" + "县政府印发实施意见，明确三项任务：（一）健全决策机制；（二）规范执法行为；"
            "（三）强化监督问责。" * 8 + " （一）另起一段的写法也只有一处。\n")
    doc = build(from_text(text))
    assert len(doc.paragraphs) == 4 and [s.heading.text for s in doc.walk()] == ["主要举措和成效"]


# --- run-in headings and inline items whose 。 was left out ----------------------------------------

def test_a_run_in_heading_without_its_full_stop_keeps_its_number():
    body = "街道党工委、办事处把依法行政列入年度重点工作，按季度研究部署，协调解决执法中的难点问题，" * 2
    text = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n（一）完善制度体系，推动依法行政落地见效{body}。\n"
            "（二）优化政府服务。全年办理政务服务事项3万件。\n")
    doc = build(from_text(text))
    assert [(s.heading.number, s.heading.text) for s in doc.sections[0].children] == [(1, "完善制度体系"), (2, "优化政府服务")]
    assert run_check({"type": "numbering"}, text).status == "pass"
    # Out of turn it is a paragraph, not a heading: the author's gap is not hidden.
    gap = text.replace("（一）完善制度体系", "（三）完善制度体系")
    assert [s.heading.number for s in build(from_text(gap)).sections[0].children] == [2]


def test_an_item_marker_after_a_missing_full_stop_continues_its_run():
    text = (f"{TITLE}\n一、主要举措和成效\n（一）强化组织保障。一是召开专题会议4次、组织法治培训4次二是组织全系统干部参加学法考试。"
            "三是将法治经费列入年度预算。\n（二）优化营商环境。着力营造法治化营商环境一是出台优化营商环境措施。二是开展涉企检查备案。\n")
    runs = [[i.number for i in run.items] for run in build(from_text(text)).item_runs]
    assert runs == [[1, 2, 3], [1, 2]]
    assert run_check({"type": "numbering"}, text).status == "pass"


def test_words_ending_in_one_are_not_items_and_a_real_gap_still_shows():
    text = f"{TITLE}\n一、主要举措和成效\n（一）强化监督。一是接受人大监督。坚持执法标准统一是关键。三是全面推进政务公开。\n"
    runs = [[i.number for i in run.items] for run in build(from_text(text)).item_runs]
    assert runs == [[1, 3]]
    result = run_check({"type": "numbering"}, text)
    assert result.status == "fail" and len(result.findings) == 1


def test_numbering_that_runs_on_across_parts_is_not_a_gap():
    text = (f"{TITLE}\n一、主要举措和成效\n（一）依法决策\n1.落实合法性审查。审查事项12件。\n2.推行法律顾问制度。聘请顾问5名。\n"
            "（二）严格执法\n3.推行三项制度。评查案卷160卷。\n4.开展专项整治。整改问题17个。\n")
    assert run_check({"type": "numbering"}, text).status == "pass"
    skipped = text.replace("3.推行", "5.推行").replace("4.开展", "6.开展")
    result = run_check({"type": "numbering"}, skipped)
    assert result.status == "fail" and "应为第三项" in result.findings[0].message


def test_an_unnamed_part_after_a_one_line_body_keeps_its_number():
    text = (f"{TITLE}\n{LEAD}\n一、坚持党的领导，统筹推进依法行政\n"
            "县政府常务会议会前学法12次，举办领导干部法治讲座2期，组织旁听庭审1次，全部完成年度学法计划\n"
            "二、深化“放管服”改革\n全年取消行政许可事项8项。\n")
    assert [(number, role) for number, role in
            ((s.heading.number, s.role) for s in build(from_text(text)).sections)] == [(1, "achievements"), (2, "achievements")]


BARE_WITH_NUMBERED = f"""{TITLE}
{LEAD}
主要举措和成效
一、健全依法决策机制
全年审查重大行政决策事项12件，组织听证会3场。
二、严格规范公正文明执法
开展执法案卷评查2次，评查案卷160卷。
存在的不足和原因
一、基层执法力量薄弱
主要原因是乡镇执法人员多为兼职。
下一步工作安排
一、推进乡镇综合执法队伍建设
开展执法人员轮训。
"""


def test_bare_part_lines_over_their_own_numbered_headings():
    parts = [(level, kind, role) for level, kind, _, role in outline(BARE_WITH_NUMBERED)]
    assert [p for p in parts if p[0] == 1] == [(1, "bare", "achievements"), (1, "bare", "shortcomings"),
                                               (1, "bare", "next_year")]
    assert parts[1] == (2, "cn", "none") and run_check({"type": "numbering"}, BARE_WITH_NUMBERED).status == "pass"
    # One such line alone over a numbered report is not enough to read the report's parts anew.
    single = BARE_WITH_NUMBERED.split("存在的不足和原因")[0]
    assert [kind for _, kind, _, _ in outline(single)] == ["cn", "cn"]


def test_unnamed_lines_after_a_named_part_stay_in_its_body():
    text = (f"{TITLE}\n{LEAD}\n2023年推进法治政府建设的主要举措和成效\n健全依法决策机制\n全年审查重大行政决策事项12件。\n"
            "存在的不足和原因\n执法力量薄弱\n主要原因是乡镇执法人员多为兼职，培训不足。\n普法针对性不强\n由于宣传方式单一，效果不佳。\n"
            "2024年工作安排\n开展执法人员轮训，全年培训2期。\n")
    parts = [(text, role) for _, _, text, role in outline(text)]
    assert parts == [("2023年推进法治政府建设的主要举措和成效", "achievements"), ("存在的不足和原因", "shortcomings"),
                     ("2024年工作安排", "next_year")]


def test_a_text_wrapped_at_a_fixed_width_has_no_bare_headings():
    prose = ("全年审查重大行政决策事项十二件组织听证会三场公开征求意见事项九项全部经过合法性审查和集体讨论决定"
             "聘请法律顾问五名出具法律意见书四十六份开展执法案卷评查两次评查案卷一百六十卷发现并整改问题十七个。") * 3
    wrapped = "\n".join(prose[i:i + 30] for i in range(0, len(prose), 30))
    assert outline(f"{TITLE}\n{LEAD}\n{wrapped}\n") == []


def test_the_duty_named_without_its_holder_is_still_the_first_responsible_item():
    for heading, role in (("（二）压实第一责任，全面推进法治建设", "first_responsible"),
                          ("（二）落实法治政府建设第一责任", "first_responsible"),
                          ("（二）压实部门主体责任", "none")):
        text = THEMATIC_WITH_FR.replace("（二）主要负责人切实履行推进法治建设第一责任人职责。", heading + "。")
        assert build(from_text(text)).sections[0].children[1].role == role, heading


def test_thematic_parts_before_a_closing_other_part_are_achievements():
    text = THEMATIC_WITH_FR + "三、其他需要报告的情况\n无。\n"
    assert [s.role for s in build(from_text(text)).sections] == ["achievements", "achievements", "other"]
    assert passes("achievements", text)


def test_a_heading_run_into_the_previous_paragraph_is_not_a_skipped_number():
    text = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n（一）健全依法决策机制。全年审查重大行政决策事项12件。（二）严格规范公正文明执法。"
            "开展执法案卷评查2次。\n（三）强化行政权力监督。办理行政复议案件35件。\n")
    children = build(from_text(text)).sections[0].children
    assert [(s.heading.number, s.heading.text) for s in children] == [
        (1, "健全依法决策机制"), (2, "严格规范公正文明执法"), (3, "强化行政权力监督")]
    assert run_check({"type": "numbering"}, text).status == "pass"
    # A marker inside a sentence (分为（二）类) is no heading: the gap is still the author's.
    inside = text.replace("。（二）严格规范公正文明执法。", "，分为（二）类执法事项。")
    assert [s.heading.number for s in build(from_text(inside)).sections[0].children] == [1, 3]
    assert run_check({"type": "numbering"}, inside).status == "fail"


# --- parts numbered 1. 2. 3. (Word's list numbering) with (一)(二) under each ----------------------------

LIST_NUMBERED = f"""{TITLE}
{LEAD}现将有关情况报告如下：
1.2023年推进法治政府建设的主要举措和成效
(一)健全依法决策机制。全年审查重大行政决策事项12件，组织听证会3场。
(二)严格规范公正文明执法。开展执法案卷评查2次，评查案卷160卷。
2.党政主要负责人履行推进法治建设第一责任人职责情况
(一)县长主持召开常务会议研究法治政府建设4次。
(二)县长带头开展会前学法12次。
3.存在的不足和原因
(一)基层执法力量薄弱，原因是乡镇执法人员多为兼职。
(二)普法针对性不强，原因是宣传方式单一。
4.2024年工作安排
一是推进乡镇综合执法队伍建设。二是开展“八五”普法中期评估。
某某县人民政府
2024年2月26日
"""

PAREN_PARTS_WITH_LISTS = f"""{TITLE}
{LEAD}
(一)主要举措和成效
1.健全依法决策机制。全年审查重大行政决策事项12件。
2.严格规范公正文明执法。开展执法案卷评查2次。
(二)存在的不足和原因
1.基层执法力量薄弱，原因是乡镇执法人员多为兼职。
2.普法针对性不强，原因是宣传方式单一。
(三)下一步工作打算
1.推进乡镇综合执法队伍建设。
"""


def test_parts_numbered_one_two_three_hold_the_paren_headings_under_them():
    rows = outline(LIST_NUMBERED)
    assert [(level, kind, role) for level, kind, _, role in rows if level == 1] == [
        (1, "num", "achievements"), (1, "num", "first_responsible"), (1, "num", "shortcomings"), (1, "num", "next_year")]
    assert [level for level, kind, _, _ in rows if kind == "paren_cn"] == [2] * 6
    for role in ("achievements", "first_responsible", "shortcomings", "next_year"):
        assert passes(role, LIST_NUMBERED), role


def test_near_miss_lists_under_paren_parts_stay_below_them():
    rows = outline(PAREN_PARTS_WITH_LISTS)
    assert [(level, kind) for level, kind, _, _ in rows] == [
        (1, "paren_cn"), (2, "num"), (2, "num"), (1, "paren_cn"), (2, "num"), (2, "num"), (1, "paren_cn"), (2, "num")]


def test_a_number_typed_before_a_year_is_a_heading_number_not_a_decimal():
    from checker.document.outline import parse_heading
    from checker.document.model import Paragraph

    def kind(line):
        heading = parse_heading(line, Paragraph(0, len(line)))
        return heading and (heading.kind, heading.number)

    assert kind("1.2023年推进法治政府建设的主要举措和成效") == ("num", 1)
    assert kind("1.2亿元专项资金用于智慧执法平台建设。") is None      # a decimal figure
    assert kind("3.2023年度案件数较上年下降。") == ("num", 3)


# --- parts opened without a heading: a lead sentence, or a bare line over parts numbered from 二、 ---

LEAD_OPENED = f"""{TITLE}
一年来，我县坚持以习近平法治思想为指导，扎实推进法治政府建设，主要做了以下工作：
（一）健全依法决策机制。全年审查重大行政决策事项12件，组织听证会3场。
（二）严格规范公正文明执法。开展执法案卷评查2次，评查案卷160卷。
在肯定成绩的同时，我们也清醒地看到，工作中还存在一些问题和不足：
一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。二是普法针对性不强，由于宣传方式单一。
2024年，我县将重点做好以下工作：
一是推进乡镇综合执法队伍建设。二是开展“八五”普法中期评估。
"""

FROM_TWO = f"""{TITLE}
{LEAD}现将有关情况报告如下：
{{opening}}
一是健全依法决策机制，全年审查重大行政决策事项12件。二是严格执法，评查案卷160卷。
二、存在的不足和原因
一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。
三、2024年工作安排
一是推进乡镇综合执法队伍建设。
"""


def test_a_lead_sentence_that_announces_the_work_opens_the_achievements_part():
    parts = [(level, kind, role) for level, kind, _, role in outline(LEAD_OPENED)]
    assert [p for p in parts if p[0] == 1] == [(1, "bare", "achievements"), (1, "bare", "shortcomings"),
                                               (1, "bare", "next_year")]
    assert parts[1][:2] == (2, "paren_cn")
    for role in ("achievements", "shortcomings", "next_year"):
        assert passes(role, LEAD_OPENED), role
    # Inside a lead-opened part, a later 取得了以下成效： is no second achievements part.
    inner = LEAD_OPENED.replace("评查案卷160卷。\n", "评查案卷160卷，取得了以下成效：\n一是整改问题17个。二是执法满意度提升。\n")
    assert [role for level, _, _, role in outline(inner) if level == 1] == ["achievements", "shortcomings", "next_year"]


def test_an_unnumbered_first_part_over_parts_numbered_from_two_is_that_part():
    for opening in ("主要工作举措和成效", "一年来，我县主要做了以下几方面工作："):
        text = FROM_TWO.format(opening=opening)
        parts = [(kind, role) for level, kind, _, role in outline(text) if level == 1]
        assert parts == [("cn", "achievements"), ("cn", "shortcomings"), ("cn", "next_year")], opening
        assert passes("achievements", text), opening
        # The missing 一、 is still the author's to write.
        numbering = run_check({"type": "numbering"}, text)
        assert numbering.status == "fail" and "前面缺少第一项" in numbering.findings[0].message, opening


def test_paragraphs_inside_a_part_that_mention_its_results_open_no_part_near_miss():
    # A colon-ended paragraph inside a numbered part is that part's body.
    numbered = (f"{TITLE}\n{LEAD}\n一、主要举措和成效\n（一）健全依法决策机制。全年审查重大行政决策事项12件。\n"
                "在执法监督方面取得了以下成效：\n一是评查案卷160卷。二是整改问题17个。\n"
                "二、存在的不足和原因\n一是基层执法力量薄弱，原因是乡镇执法人员多为兼职。\n")
    assert [(kind, role) for level, kind, _, role in outline(numbered) if level == 1] == [
        ("cn", "achievements"), ("cn", "shortcomings")]
    # A lead sentence that announces no part (现将有关情况报告如下：) opens none.
    generic = f"{TITLE}\n{LEAD}现将有关情况报告如下：\n（一）健全依法决策机制。审查事项12件。\n（二）严格执法。评查案卷160卷。\n"
    assert [kind for _, kind, _, _ in outline(generic)] == ["paren_cn", "paren_cn"]
    # Deep in the text, with no opening at the top, a colon-ended sentence stays in its sub-part.
    late = (f"{TITLE}\n{LEAD}\n（一）健全依法决策机制。审查事项12件。\n（二）严格执法。评查案卷160卷，但仍存在以下问题：\n"
            "一是执法力量不足。二是培训不够。\n")
    assert [kind for _, kind, _, _ in outline(late)] == ["paren_cn", "paren_cn"]
    # Over parts numbered from 一、 the opening paragraph stays the opening.
    from_one = FROM_TWO.format(opening="一、主要举措和成效").replace("二、存在", "二、存在")
    assert [kind for level, kind, _, _ in outline(from_one) if level == 1] == ["cn", "cn", "cn"]
    assert outline(from_one)[0][2] == "主要举措和成效"


def test_a_lead_sentence_naming_the_first_responsible_duty_opens_that_part():
    text = (f"{TITLE}\n2023年，县长认真履行推进法治建设第一责任人职责，主要做法如下：\n"
            "一是主持召开常务会议研究法治工作5次。二是带头述法。\n二、主要举措和成效\n全年审查规范性文件21件。\n"
            "三、存在的不足和原因\n一是执法力量不足，原因是编制少。\n")
    assert [role for level, _, _, role in outline(text) if level == 1] == ["first_responsible", "achievements", "shortcomings"]
