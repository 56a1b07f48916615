"""Whose report it is: the issuer read as place + organ from every zone, its level, and the dates
printed on the page.  Each class of mistake has an invented report that must come out right and a
near miss that must not change (all names and texts here are made up for the test)."""
import os
from pathlib import Path

import pytest

from checker.document import build, issuer as issuer_mod
from checker.ingest import from_text

BODY = ("一、主要举措和成效\n全年办理行政复议案件35件，调解12件，培训300人次，审查文件40件，纠错率10%。\n"
        "二、存在的不足和原因\n一是执法力量不足，原因是编制少。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人主持会议研究法治工作5次。\n"
        "四、2024年工作安排\n一是加强执法队伍建设，年内培训执法人员200人次。\n")


def meta(text):
    return build(from_text(text)).meta


# ------------------------------------------------------------------ organ names parsed whole

@pytest.mark.parametrize("title,name,level", [
    ("淳安县人民政府办公室2023年度法治政府建设情况报告", "淳安县人民政府办公室", "department"),
    ("淳安县人民政府2023年度法治政府建设情况报告", "淳安县人民政府", "county"),            # near miss
    ("淳安县发展和改革局2023年度法治政府建设情况报告", "淳安县发展和改革局", "department"),
    ("淳安县人力资源和社会保障局2023年度法治政府建设情况报告", "淳安县人力资源和社会保障局", "department"),
    ("中共淳安县委教育工作委员会2023年度法治政府建设情况报告", "中共淳安县委教育工作委员会", "department"),
    ("中共淳安县委2023年度法治建设情况报告", "中共淳安县委", "county"),                  # near miss
    ("淳安县市场监督管理局关于2023年度法治政府建设情况的报告", "淳安县市场监督管理局", "department"),
    ("淳安县汾口镇人民政府2023年度法治政府建设情况报告", "淳安县汾口镇人民政府", "township"),
])
def test_organ_names_are_kept_whole(title, name, level):
    m = meta(title + "\n2023年，我们坚持依法行政。\n" + BODY)
    assert m.issuer == name and m.issuer_level == level and m.level_source in ("organ", "division", "township")


@pytest.mark.parametrize("opening,name,level", [
    ("2023年，国家税务总局宁波市税务局坚持依法行政。", "国家税务总局宁波市税务局", "department"),
    ("2023年，宁波市公安局交通警察支队坚持依法行政。", "宁波市公安局交通警察支队", "department"),
    ("2023年，宁波市公安局坚持依法行政。", "宁波市公安局", "department"),                       # near miss
    ("2023年，宁波经济技术开发区管委会坚持依法行政。", "宁波经济技术开发区管委会", None),
    ("2023年，宁波市坚持依法行政。", "宁波市", "city"),                                         # near miss
])
def test_vertical_organs_their_units_and_development_zones_are_named_whole(opening, name, level):
    m = meta(opening + "\n" + BODY)
    assert m.issuer == name and m.issuer_level == level


def test_a_joint_title_over_an_organ_line_keeps_both_and_its_space():
    m = meta("中共德清县委 德清县人民政府\n关于2023年度法治建设工作情况的报告\n县委、县政府坚持依法行政。\n" + BODY)
    assert m.issuer == "中共德清县委、德清县人民政府" and m.title.startswith("中共德清县委 德清县人民政府关于")


def test_a_township_calling_itself_we_takes_the_name_it_repeats():
    m = meta("2023年，我镇坚持依法行政。\n" + BODY + "和平镇党委书记带头学法，和平镇全年调解纠纷。\n")
    assert m.issuer == "和平镇" and m.issuer_level == "township"


def test_short_forms_of_organs_agree_with_the_long_form():
    unit = issuer_mod.parse_unit("淳安县发改委")
    assert unit.organ_key == "发展和改革委员会" and unit.level == "department"
    assert issuer_mod.parse_unit("淳安县人社局").organ_key == "人力资源和社会保障局"


def test_an_organ_ends_on_a_word_boundary():
    # 局面 is a word, not the organ 局; 部署 is not the organ 部
    assert issuer_mod.organ_at("司法局面临") is None or issuer_mod.organ_at("司法局面临")[1] != "司法局"
    unit = issuer_mod.parse_unit("淳安县政府部署")
    assert unit.name == "淳安县政府" and unit.level == "county"


def test_joint_report_keeps_both_organs():
    m = meta("中共淳安县委、淳安县人民政府关于2023年度法治政府建设情况的报告\n2023年，县委县政府坚持依法行政。\n" + BODY)
    assert m.issuer == "中共淳安县委、淳安县人民政府" and m.issuer_level == "county"


# ------------------------------------------------------------------ places as words

@pytest.mark.parametrize("opening,name,level", [
    ("2023年，长安街道坚持以习近平法治思想为指导，推进依法行政。", "长安街道", "township"),
    ("2023年，长安区坚持以习近平法治思想为指导，推进依法行政。", "长安区", "county"),       # near miss
    ("2023年，昆山路街道坚持以习近平法治思想为指导，推进依法行政。", "昆山路街道", "township"),
    ("2023年，昆山市坚持以习近平法治思想为指导，推进依法行政。", "昆山市", "county"),       # near miss
])
def test_a_county_name_inside_a_street_office_name_is_not_that_county(opening, name, level):
    m = meta(opening + "\n" + BODY)
    assert m.issuer == name and m.issuer_level == level


def test_a_place_followed_by_an_institution_is_not_a_government():
    assert issuer_mod.parse_unit("北京交通大学2023年度法治工作报告") is None
    assert issuer_mod.parse_unit("淳安县第一中学") is None
    assert issuer_mod.parse_unit("淳安县人民政府").level == "county"  # near miss


def test_a_place_and_a_sector_word_is_a_department_not_the_place():
    m = meta("2023年杭州交通法治工作以习近平法治思想为指导，持续推进依法行政。\n" + BODY)
    assert m.issuer_level == "department" and m.issuer != "杭州"
    near = meta("2023年，杭州市坚持以习近平法治思想为指导，持续推进依法行政。\n" + BODY)
    assert near.issuer == "杭州市" and near.issuer_level == "city"


@pytest.mark.parametrize("title,level", [
    ("黔东南苗族侗族自治州人民政府2023年度法治政府建设情况报告", "city"),
    ("锡林郭勒盟行政公署2023年度法治政府建设情况报告", "city"),
    ("重庆市人民政府2023年度法治政府建设情况报告", "province"),
    ("重庆市渝北区人民政府2023年度法治政府建设情况报告", "county"),
    ("重庆市渝北区司法局2023年度法治政府建设情况报告", "department"),
])
def test_levels_come_from_the_division_data_and_the_organ(title, level):
    m = meta(title + "\n2023年，我们坚持依法行政。\n" + BODY)
    assert m.issuer_level == level


# ------------------------------------------------------------------ self-references and zones that are never the issuer

def test_a_pronoun_is_never_a_name():
    m = meta("2023年，我局坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert m.issuer is None and m.issuer_level == "department"


def test_a_pronoun_takes_its_organ_and_place_from_the_text():
    m = meta("2023年，我局坚持以习近平法治思想为指导，推进依法行政。\n" + BODY +
             "县司法局党组书记带头学法，县司法局全年审查淳安县政府文件40件，指导淳安县各乡镇。\n")
    assert m.issuer == "淳安县司法局" and m.issuer_level == "department" and m.issuer_source == "self_reference"


def test_a_relative_department_resolves_to_organ_and_place_not_the_place_alone():
    m = meta("2023年，市司法局以习近平法治思想为指导，深入贯彻市委、市政府部署。\n" + BODY + "衢州市全年办理复议案件。衢州市司法局指导各县。\n")
    assert m.issuer == "衢州市司法局" and m.issuer_level == "department"


def test_a_whole_sector_of_a_place_is_a_department():
    m = meta("2023年，全市公安机关以习近平法治思想为指引，推进法治公安建设。\n" + BODY + "衢州市公安局全年办理案件。衢州市持续推进。\n")
    assert m.issuer_level == "department" and "公安" in m.issuer and "衢州" in m.issuer


def test_the_subject_may_stand_in_the_sentence_that_opens_with_the_year():
    m = meta("法治是治国理政的基本方式。2023年，在市委、市政府的领导下，全县法治政府建设扎实推进。\n" + BODY
             + "建德市全年办理复议案件。建德市出台办法。\n")
    assert m.issuer == "建德市" and m.issuer_level == "county"


def test_the_wider_area_a_report_serves_is_not_its_author():
    m = meta("衢州市人民政府2023年度法治政府建设情况报告\n2023年，衢州市坚持依法行政，为全省高质量发展提供法治保障。\n" + BODY)
    assert m.issuer == "衢州市人民政府" and "self_reference" not in (m.issuer_pattern or "")


def test_an_addressee_is_never_the_issuer():
    m = meta("省政府、市委、市人大：\n2023年，我市坚持以习近平法治思想为指导，推进依法行政。\n" + BODY + "衢州市全年办理复议案件。衢州市出台办法。\n")
    assert m.issuer_level == "city" and m.issuer == "衢州市"


def test_a_cited_plan_is_never_the_issuer():
    m = meta("区政府办2023年度法治政府建设工作报告\n2023年，区政府办全面落实《淳安县2023年法治政府建设工作要点》，"
             "推进依法行政。\n" + BODY)
    assert m.issuer_level == "department" and "政府办" in m.issuer


def test_a_conjunction_before_a_county_word_is_not_a_place_named_like_it():
    # 代表和县政协委员: 和 joins two words; no report here is by the county called 和县.
    m = meta("2023年，县委、县政府坚持依法行政。\n" + BODY + "县人大代表和县政协委员提出建议30件，县人大代表和县政协委员视察2次。\n")
    assert m.issuer is None or "和县" not in m.issuer


def test_a_county_named_like_a_conjunction_after_its_prefecture_is_still_read_near_miss():
    m = meta("马鞍山市和县人民政府2023年度法治政府建设情况报告\n2023年，县政府坚持依法行政。\n" + BODY)
    assert m.issuer == "马鞍山市和县人民政府" or m.issuer == "和县人民政府"


def test_no_evidence_gives_no_issuer_and_no_confidence():
    m = meta("2023年，在上级的坚强领导下，持续推进各项工作。\n" + BODY)
    assert m.issuer is None and m.issuer_confidence is None


# ------------------------------------------------------------------ cover letters, titles, dates, period

COVER = ("淳司〔2024〕5号\n县委、县政府：\n"
         "2023年，我局坚持以习近平法治思想为指导，推进依法行政，现将《淳安县司法局关于2023年度法治政府建设情况的报告》报上。"
         "报告将通过门户网站向社会公开，接受社会监督。\n淳安县司法局\n2024年1月26日\n"
         "淳安县司法局关于2023年度\n法治政府建设情况的报告\n"
         "2023年，淳安县司法局坚持以习近平法治思想为指导，推进依法行政。现将有关情况报告如下：\n")


def test_a_cover_letter_in_front_of_the_report():
    doc = build(from_text(COVER + BODY))
    m = doc.meta
    assert m.title == "淳安县司法局关于2023年度法治政府建设情况的报告"
    assert m.issuer == "淳安县司法局" and m.issuer_level == "department"
    assert m.date == "2024-01-26" and m.date_source == "cover_letter"
    assert doc.gongwen.first("送文函") is not None


def test_a_document_number_supports_the_organ_it_abbreviates():
    unit = issuer_mod.parse_unit("淳安县司法局")
    assert issuer_mod.number_supports("淳司〔2024〕5号", unit)
    assert not issuer_mod.number_supports("淳政发〔2024〕5号", unit)                      # near miss: the government's
    assert not issuer_mod.number_supports("杭政〔2024〕5号", issuer_mod.parse_unit("淳安县人民政府"))  # the prefecture's
    m = meta(COVER + BODY)
    assert "doc_number" in m.issuer_pattern and m.issuer_source != "doc_number"


def test_a_letter_without_a_report_title_after_it_is_not_a_cover_letter():
    text = ("淳安县司法局\n2023年，淳安县司法局坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    doc = build(from_text(text))
    assert doc.gongwen.first("送文函") is None


@pytest.mark.parametrize("head,title", [
    ("淳安县人民政府关于2023年度\n法治政府建设情况的报告\n", "淳安县人民政府关于2023年度法治政府建设情况的报告"),
    ("淳安县汾口镇2023年法治政府建设\n年度报告\n", "淳安县汾口镇2023年法治政府建设年度报告"),
    ("淳安县司法局2023年度法治政府 建设情况报告\n", "淳安县司法局2023年度法治政府建设情况报告"),
    ("淳安县人民政府 关于2023年度法治政府建设情况的报告\n", "淳安县人民政府 关于2023年度法治政府建设情况的报告"),  # near miss
])
def test_titles_wrapped_after_the_year_or_with_a_stray_space(head, title):
    assert meta(head + "2023年，我们坚持依法行政。\n" + BODY).title == title


@pytest.mark.parametrize("page,date", [
    ("  • 听全文\n  • 2024-01-23\n  • 来源:淳安县司法局\n", "2024-01-23"),
    ("  • 2024-01-23 09:30:00\n  • 来源: 本网\n", "2024-01-23"),
    ("2024-01-23    来源:县司法局\n", "2024-01-23"),
    ("2024/01/23 10:22\u3000来源：淳安县司法局\n", "2024-01-23"),
    ("| 2024-01-23 | 淳安县人民政府 |\n", "2024-01-23"),
    ("公开类别 主动公开 发布时间 2024-01-23\n", "2024-01-23"),
    ("信息时间：2024-01-23\n", "2024-01-23"),
])
def test_page_dates_in_every_line_shape(page, date):
    text = "淳安县2023年度法治政府建设情况报告\n" + page + "2023年，淳安县坚持依法行政。\n" + BODY
    m = meta(text)
    assert m.date == date and m.date_source == "page_published"


def test_a_date_alone_on_a_line_is_the_documents_date_not_page_chrome():
    text = "淳安县2023年度法治政府建设情况报告\n2024年1月23日\n2023年，淳安县坚持依法行政。\n" + BODY
    m = meta(text)
    assert m.date == "2024-01-23" and m.date_source == "signature"


def test_a_report_on_several_years_is_period_other():
    m = meta("淳安县人民政府关于2016—2020年度法治政府建设情况的报告\n2016年以来，淳安县坚持依法行政。\n" + BODY)
    assert m.period == "other"
    near = meta("淳安县人民政府关于2023年度法治政府建设情况的报告\n2023年，淳安县落实《法治政府建设实施纲要（2021—2025年）》。\n" + BODY)
    assert near.period == "annual"


# ------------------------------------------------------------------ never a pronoun, a cut name or a place inside a word

NEVER = ("我局", "本局", "我县", "全区", "我镇", "区政府", "市司法局")


@pytest.mark.parametrize("text", [
    "2023年，我局坚持依法行政。\n", "2023年，本局坚持依法行政。\n", "2023年，全区坚持依法行政。\n",
    "2023年，我镇坚持依法行政。\n", "2023年，区政府坚持依法行政。\n", "2023年，市司法局坚持依法行政。\n",
    "淳安县人民政府办公室2023年度法治政府建设情况报告\n2023年，我们坚持依法行政。\n",
    "2023年，长安街道坚持依法行政。\n",
])
def test_never_a_pronoun_a_cut_name_or_a_place_inside_a_word(text):
    m = meta(text + BODY)
    assert m.issuer not in NEVER
    assert m.issuer != "淳安县人民政府" and m.issuer not in ("长安", "长安区")


# ------------------------------------------------------------------ the confidence, measured

def _development_data() -> Path | None:
    """The labelled development openings, when this machine has them (FZCHECK_DEV_DATA or ../shared)."""
    root = Path(__file__).resolve().parents[1]
    for folder in filter(None, (os.environ.get("FZCHECK_DEV_DATA"), root.parent / "shared", root.parent.parent / "shared")):
        folder = Path(folder)
        if (folder / "openings").is_dir() and (folder / "acceptance").is_dir():
            return folder
    return None


def test_issuers_given_with_high_confidence_are_right_on_the_development_data(capsys):
    folder = _development_data()
    if folder is None:
        pytest.skip("no labelled development data on this machine")
    import importlib.util
    spec = importlib.util.spec_from_file_location("calibrate", Path(__file__).resolve().parents[1] / "tools" / "calibrate_metadata.py")
    calibrate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calibrate)
    labels = sorted((folder / "acceptance").glob("openings*.yaml"))
    items = calibrate.labelled(folder / "openings", labels)
    right, given = calibrate.confident_precision(items, 0.9)
    with capsys.disabled():
        print(f"\nissuers with confidence >= 0.9 on the development data: {right}/{given} right "
              f"({100 * right / max(given, 1):.1f}%) of {len(items)} labelled openings")
    assert given and right / given >= 0.97


def test_a_city_the_division_list_lacks_is_named_with_its_organ_and_no_level():
    """A county-level city set up after the division list was made still names its government and
    departments; its level is not guessed.  Words ending in 市 are never such a city."""
    from checker.document.issuer import parse_unit

    government = parse_unit("新设市人民政府关于2024年度法治政府建设情况的报告")
    assert (government.name, government.kind, government.level) == ("新设市人民政府", "government", None)
    department = parse_unit("新设市司法局2024年法治政府建设年度报告")
    assert (department.name, department.level) == ("新设市司法局", "department")
    for near_miss in ("城市管理局2024年法治政府建设年度报告", "超市2024年", "全市司法局2024年工作", "我市人民政府"):
        assert parse_unit(near_miss) is None, near_miss


# ------------------------------------------------------------------ evidence around a bare opening

def test_a_title_under_a_bulleted_slogan_banner_is_still_the_title():
    text = ("• 坚持以人民为中心，全面推进依法行政，加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府而努力奋斗。\n"
            "工作动态\n丽水市人民政府关于2023年度法治政府建设情况的报告\n2023年，全市坚持依法行政。\n" + BODY)
    m = meta(text)
    assert m.title == "丽水市人民政府关于2023年度法治政府建设情况的报告" and m.issuer_level == "city"
    # near miss: the same long sentence without a bullet is the body, and the report has no title
    plain = meta(text.replace("• ", "", 1).replace("工作动态\n丽水市人民政府关于2023年度法治政府建设情况的报告\n", ""))
    assert plain.title is None


def test_a_report_addressed_to_the_state_council_is_a_province_s():
    body = ("2023年，在党中央的坚强领导下，深入推进依法行政，认真落实《东川省法治政府建设实施方案》，为经济发展提供了法治保障。\n" + BODY)
    m = meta("国务院：\n" + body)
    assert m.issuer_level == "province" and m.level_source == "addressee"
    assert meta("县委、县政府：\n" + body).issuer_level == "township"      # the level below the addressee
    assert meta("市委、市政府：\n" + body).issuer_level is None           # near miss: a 市's county or township


def test_we_the_region_in_an_autonomous_region_s_report_is_the_region():
    text = ("2023年，我区坚持依法行政，推动法治政府建设取得新进展。\n一、主要举措和成效\n"
            "自治区人民政府把法治政府建设摆在全局工作的重要位置，编写《法治宁夏建设发展报告》。\n"
            "全年办理行政复议案件35件，调解12件，培训300人次。\n")
    m = meta(text)
    assert m.issuer_level == "province" and "宁夏" in (m.issuer or "")
    # near miss: a district whose report mentions the region only as its superior
    district = meta(text.replace("自治区人民政府把", "区政府在自治区人民政府领导下把"))
    assert district.issuer_level == "county"


def test_a_city_s_justice_administration_system_is_its_justice_department():
    m = meta("2023年，全市司法行政系统坚持依法行政。\n" + BODY)
    assert m.issuer_level == "department"
    assert meta("2023年，全市坚持依法行政。\n" + BODY).issuer_level == "city"   # near miss


def test_a_demonstration_county_is_not_a_county_named_in_it():
    text = "2023年，我县坚持依法行政，获评全省法治政府建设示范县。\n" + BODY + "县委党校举办淳安县干部培训班2期。\n"
    m = meta(text)
    assert m.issuer == "淳安县" and m.issuer_level == "county"
    # near miss: the county 范县 named as a word of its own is still found
    assert meta("2023年，范县坚持依法行政。\n" + BODY).issuer == "范县"


def test_a_district_housing_and_construction_bureau_is_a_department():
    assert meta("2023年，区住房建设局坚持依法行政。\n" + BODY).issuer_level == "department"
    assert meta("2023年，区住房和建设局坚持依法行政。\n" + BODY).issuer_level == "department"
    assert meta("2023年，区政府坚持依法行政。\n" + BODY).issuer_level == "county"      # near miss


def test_a_labelled_page_line_above_a_repeated_title_is_not_part_of_it():
    text = ("和平鄉2023年法治政府建設情況報告\n\n發布時間:2024-03-01 10:00 信息來源:淳安縣和平鄉\n\n"
            "和平鄉2023年法治政府建設情況報告\n\n2023年，和平鄉在縣委的領導下，堅持依法行政。現將情況報告如下：\n\n" + BODY)
    assert meta(text).title == "和平乡2023年法治政府建设情况报告"
    # near miss: an organ line without a label above its title is still part of it
    assert meta("淳安县人民政府\n关于2023年度法治政府建设情况的报告\n2023年，我县坚持依法行政。\n" + BODY).title \
        == "淳安县人民政府关于2023年度法治政府建设情况的报告"


def test_table_borders_after_a_scraped_title_are_not_part_of_it():
    text = "淳安县司法局2023年度法治政府建设情况报告 | |||||\n2024-03-01 点击数: | ||||\n2023年，我局坚持依法行政，推动法治政府建设取得新进展，为全县发展提供法治保障。\n" + BODY
    m = meta(text)
    assert m.title == "淳安县司法局2023年度法治政府建设情况报告" and m.issuer == "淳安县司法局"


def test_a_branch_office_of_a_city_bureau_keeps_its_whole_name():
    for name in ("杭州市生态环境局西湖分局", "宁波市公安局海曙分局", "国家税务总局温州市税务局鹿城分局"):
        m = meta(f"{name}2023年度法治政府建设情况报告\n2023年，{name}坚持依法行政。\n" + BODY)
        assert (m.issuer, m.issuer_level) == (name, "department"), name
    # near miss: the bureau speaking of its branches is still the bureau
    m = meta("杭州市公安局2023年度法治政府建设情况报告\n2023年，杭州市公安局督促各分局坚持依法行政。\n" + BODY)
    assert (m.issuer, m.issuer_level) == ("杭州市公安局", "department")
    assert issuer_mod.parse_unit("杭州市公安局所属分局").name == "杭州市公安局"
