"""Document model: figures, outline details, and properties that hold for any text."""
import unicodedata

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from checker.document import build
from checker.document.figures import find_figures
from checker.document.normalize import normalize
from checker.document.serialize import document_dict
from checker.ingest import from_text, load

from conftest import SHARED, needs_corpus


@pytest.mark.parametrize("text,value,unit,kind,approx", [
    ("办件量7532件", 7532, "件", "count", None),
    ("调解率53.3%", 53.3, "%", "rate", None),
    ("出庭应诉率100 %", 100, "%", "rate", None),
    ("投入54亿3528.13万元", 5435281300, "元", "amount", None),
    ("5.90亿元", 590000000, "元", "amount", None),
    ("培训1000余人次", 1000, "人次", "count", "more_than"),
    ("近1000人次", 1000, "人次", "count", "nearly"),
    ("一千二百件", 1200, "件", "count", None),
    ("百分之九十五", 95, "%", "rate", None),
    ("二〇二〇年", 2020, "年", "year", None),
    ("研究法治议题30余次", 30, "次", "count", "more_than"),
    ("纠错率为８．６％", 8.6, "%", "rate", None),
])
def test_figures(text, value, unit, kind, approx):
    figures = [f.to_dict() for f in find_figures(normalize(text).text)]
    assert len(figures) == 1, figures
    assert (figures[0]["value"], figures[0]["unit"], figures[0]["kind"], figures[0]["approx"]) == (value, unit, kind, approx)


@pytest.mark.parametrize("text", ["落实三项制度", "第一批监督员", "十四五规划", "12345热线"])
def test_not_figures(text):
    assert [f for f in find_figures(text) if f.kind not in ("year", "date")] == []


def test_run_in_heading_and_items():
    doc = build(from_text("一、主要举措和成效\n(一)依法全面履行政府职能。一是推进清单管理。三是深化改革。\n"))
    child = doc.sections[0].children[0]
    assert child.heading.text == "依法全面履行政府职能" and child.heading.run_in
    assert [i.number for run in doc.item_runs for i in run.items] == [1, 3]


def test_wrapped_line_is_not_a_heading():
    text = ("一、主要举措和成效\n全年共审核规范性文件54件，开展清理行动4次，修改、废止区级行政规范性文件，共计清理\n"
            "3.5万字的文件内容，并向社会公布。\n")
    doc = build(from_text(text))
    assert len(doc.sections) == 1 and not doc.sections[0].children


def test_first_responsible_inside_achievements():
    doc = build(from_text("一、2023年度主要工作成效\n(一)党政主要负责人严格履行推进法治建设第一责任人职责。一是带头述法。\n"
                          "(二)依法全面履行政府职能。\n二、存在的问题\n一是力量不足。\n"))
    inner = doc.sections[0].children[0]
    assert inner.role == "first_responsible" and inner.role_source == "inside_achievements"


def test_thematic_headings_are_achievements():
    doc = build(from_text("一、坚持党的领导，压实责任\n内容。\n二、健全依法决策机制\n内容。\n三、存在的问题\n一是不足。\n"))
    assert [s.role for s in doc.sections] == ["achievements", "achievements", "shortcomings"]


def test_chinese_numeral_date_at_the_end():
    doc = build(from_text("某县人民政府2020年法治政府建设年度报告\n一、主要举措和成效\n内容。\n二〇二一年三月三十一日\n"))
    assert doc.meta.date == "2021-03-31"


@needs_corpus
def test_seed_metadata_and_roles():
    seeds = yaml.safe_load((SHARED / "acceptance" / "seeds.yaml").read_text("utf-8"))
    for name, entry in seeds.items():
        data = document_dict(build(load(SHARED / "corpus" / name)))
        meta = entry["meta"]
        assert data["year"] == meta["year"], name
        assert meta["issuer_contains"] in (data["issuer"] or ""), name
        assert data["date"] == meta["date"], name
        tops = {}
        for section in data["sections"]:
            if section["role"] != "none":
                tops.setdefault(section["role"], section["heading"])
        for role, heading in entry["sections"].items():
            if heading is None:
                assert role not in tops, (name, role)
            else:
                assert tops.get(role, "").replace(" ", "") == heading.replace(" ", ""), (name, role)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_builds_and_spans_map_back(text):
    if not text.strip():
        return
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= o < len(text) for o in norm.origin)
    assert norm.origin == sorted(norm.origin)
    try:
        source = from_text(text)
    except Exception as exc:  # no Han text: refused with a clear InputError
        from checker.base.errors import InputError
        assert isinstance(exc, InputError)
        return
    data = document_dict(build(source), with_figures=True)

    def spans(sections):
        for s in sections:
            yield s["start"], s["end"]
            yield from spans(s["children"])

    for start, end in list(spans(data["sections"])) + [(f["start"], f["end"]) for f in data["figures"]]:
        assert 0 <= start <= end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["一、", "(一)", "1.", "一是", "二是", "存在的问题", "2021年", "７５３件", "㈠", "…", "\n",
                                 "。", "法治政府建设", "\u3000", "百分之九十五", "第一部分"]), max_size=60))
def test_report_like_fragments(parts):
    text = "某县2020年法治政府建设报告\n" + "".join(parts)
    doc = build(from_text(text))
    for figure in doc.figures:
        start, end = doc.norm.to_original(figure.start, figure.end)
        assert unicodedata.normalize("NFKC", text[start:end]).replace("\u3000", " ") == figure.text


_ITEM_TEXTS = [
    "一、主要举措\n一是完善制度，二是规范执法。一是加强监督，二是强化问责。\n二、存在的不足\n一是基层力量薄弱。二是培训不足。\n",
    "一、工作成效\n我们做了三件事：一是立规矩；二是建机制；三是抓落实。\n（一）分项\n一是学法；二是用法。\n",
    "一、总体情况\n没有分项的段落。\n",
]


@pytest.mark.parametrize("text", _ITEM_TEXTS)
def test_the_item_at_an_offset_is_the_first_item_in_reading_order_that_holds_it(text):
    doc = build(from_text(text, "items.txt"))
    for offset in range(len(doc.text) + 1):
        expected = next((i for run in doc.item_runs for i in run.items if i.start <= offset < i.end), None)
        assert doc.item_at(offset) is expected, offset


def test_a_section_s_parent_is_the_part_that_holds_it():
    doc = build(from_text("一、工作成效\n（一）制度建设\n1.出台规定。\n（二）执法\n二、存在的不足\n问题。\n", "p.txt"))
    for parent in doc.walk():
        for child in parent.children:
            assert doc.parent_of(child) is parent
    assert all(doc.parent_of(top) is None for top in doc.sections)


def test_part_path_by_binary_search_is_the_first_part_holding_the_offset_at_each_level():
    subsections = "".join(f"（{n}）第{n}项工作\n开展了工作。\n" for n in "一二三四五六七八九十")
    doc = build(from_text(f"一、工作成效\n{subsections}二、存在的不足\n问题。\n三、下一步\n安排。\n", "many.txt"))

    def by_scan(offset):
        path, level = [], doc.sections
        while level:
            section = next((s for s in level if s.start <= offset < s.end), None)
            if section is None:
                break
            path.append(section.heading.marker + section.heading.text)
            level = section.children
        return path

    assert len(doc.sections[0].children) == 10
    for offset in range(len(doc.text) + 1):
        assert doc.part_path(offset) == by_scan(offset), offset
