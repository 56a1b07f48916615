"""copied_passages: a batch check type.  What counts as a shared passage (grown to where the texts
agree, official phrases and page furniture left out), what one report's result says, and that one
document alone is not judged."""
from checker.checks import copied_passages as check
from checker.checks.copied_passages import Analysed, compare, judge, masked, shared_passages
from checks.checkkit import full_report, run_check

PASSAGE = ("全县推行行政执法三项制度，建立执法人员资格动态管理台账，每季度抽查执法案卷二十卷，"
           "对发现的文书瑕疵逐案列出整改清单并限期整改，整改结果纳入部门年度法治考核，"
           "全年共抽查案卷八十卷，发现问题三十一个，全部整改到位。")


def test_one_document_alone_is_not_judged():
    assert run_check({"type": "copied_passages"}, full_report(achievements=PASSAGE), scope="batch").status == \
        "not_applicable"


def test_a_passage_two_issuers_share_is_found_on_both_with_its_place():
    a = "甲县报告\n一、主要举措和成效\n甲县的开头不一样。" + PASSAGE + "\n二、存在的不足"
    b = "乙区报告\n一、成效\n乙区另起一句话开头。" + PASSAGE + "\n二、问题"
    found = compare({"a": a, "b": b}, 100)
    assert [item["other"] for item in found["a"]] == ["b"] and [item["other"] for item in found["b"]] == ["a"]
    outcome = judge(a, found["a"])
    assert outcome.status == "fail" and outcome.values["count"] == 1
    (finding,) = outcome.findings
    assert finding.start == a.index(PASSAGE) and a[finding.start:finding.end].startswith(PASSAGE[:-1])
    assert "“b”" in finding.message


def test_nothing_shared_passes():
    assert judge("某县报告。" + PASSAGE, []).status == "pass"


def test_the_same_issuer_is_not_compared_with_itself():
    text = "甲县报告\n" + PASSAGE
    assert compare({"2022": text, "2023": text.replace("2022", "2023")}, 100, {"2022": "甲县", "2023": "甲县"}) == \
        {"2022": [], "2023": []}


def test_page_furniture_is_blanked_and_offsets_stay():
    text = "索引号：000/2024-1 主题分类：政务公开\n报告正文。"
    blanked = masked(text, [(0, text.index("\n"))])
    assert len(blanked) == len(text) and blanked.endswith("报告正文。") and "索引号" not in blanked


def test_official_phrases_do_not_make_or_grow_a_passage():
    official = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，" * 3
    first = Analysed("甲县。" + official + "甲县自己的做法。")
    second = Analysed("乙县。" + official + "乙县另外的做法。")
    assert shared_passages(first, second, check.official_phrases(), 30) == []
