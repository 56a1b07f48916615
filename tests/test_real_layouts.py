"""Reports as they really arrive: a 公文 laid out per GB/T 9704, the 政务公开 page table above a
report in its real layouts, a cover letter, titles split or printed twice, and the issuer, level and
year taken from the right place (never a fragment, an addressee, a 文号 or a citation)."""
import pytest

from checker.document import build
from checker.ingest import from_text
from checker.run.pipeline import Checker

BODY = ("一、主要举措和成效\n全年办理行政复议案件35件，调解12件，培训300人次，审查文件40件，纠错率10%。\n"
        "二、存在的不足和原因\n一是执法力量不足，原因是编制少。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持常务会议研究法治工作5次，会前学法8次。\n"
        "四、2024年工作安排\n一是加强执法队伍建设，年内培训执法人员200人次。\n")
OPENING = "2023年，在市委、市政府的坚强领导下，县政府坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n"

GONGWEN = ("000123\n秘密★1年\n特急\n淳安县人民政府文件\n淳政〔2024〕15号\n淳安县人民政府\n关于2023年度法治政府建设情况的报告\n"
           "杭州市人民政府：\n" + OPENING + BODY +
           "附件：1.2023年度行政复议案件统计表\n淳安县人民政府\n2024年3月20日\n（此件公开发布）\n"
           "抄送：县委办公室，县人大常委会办公室。\n淳安县人民政府办公室 2024年3月20日印发\n— 3 —\n")


def _doc(text):
    return build(from_text(text))


def test_gongwen_layout_gives_title_issuer_date_and_parts():
    doc = _doc(GONGWEN)
    meta = doc.meta
    assert meta.title == "淳安县人民政府关于2023年度法治政府建设情况的报告"
    assert meta.issuer == "淳安县人民政府" and meta.issuer_level == "county"
    assert {"title", "issuer_mark", "signature"} <= {zone for zone, _, _ in meta.issuer_evidence}
    assert meta.region == "330127" and meta.year == 2023 and meta.date == "2024-03-20"
    parts = {p.name: p.value for p in doc.gongwen.parts}
    assert parts["份号"] == "000123" and parts["密级"] == "秘密★1年" and parts["紧急程度"] == "特急"
    assert parts["发文机关标志"] == "淳安县人民政府" and parts["发文字号"] == "淳政〔2024〕15号"
    assert parts["主送机关"] == "杭州市人民政府" and parts["发文机关署名"] == "淳安县人民政府"
    assert parts["附注"] == "(此件公开发布)" and "县委办公室" in parts["抄送"] and parts["页码"] == "— 3 —"
    last = doc.sections[-1]
    assert "抄送" not in doc.norm.text[last.start:last.end] and "印发" not in doc.norm.text[last.start:last.end]


def test_gongwen_report_passes_title_and_is_refused_for_its_secrecy_mark():
    report = Checker(discover_config=False).check_text(GONGWEN)
    results = {r["rule_id"]: r for r in report["results"]}
    assert results["report.title"]["status"] == "pass"
    marks = results["publication.classified_marks"]
    assert marks["status"] == "fail" and marks["findings"][0]["excerpt"].startswith("秘密★")
    header = {p["part"]: p["value"] for p in report["document"]["header"]}
    assert header["密级"] == "秘密★1年" and "秘密" not in report["document"]["issuer"]


@pytest.mark.parametrize("table", [
    "[ 索引号 ] 11330127MB0000/2024-00012 [ 主题分类 ] 司法\n[ 发布机构 ] 淳安县司法局 [ 成文日期 ] 2024-03-20\n[ 发文字号 ] 淳司〔2024〕3号 [ 有效性 ]\n",
    "发布机构：淳安县司法局    发文日期：2024- 03- 20\n索 引 号：11330127MB0000/2024-00012\n",
    "索引号\n11330127MB0000/2024-00012\n发布机构\n淳安县司法局\n成文日期\n2024年3月20日\n",
    "| 发布机构 | 淳安县司法局 | 成文日期 | 二〇二四年三月二十日 |\n| 文    号 | 淳司〔2024〕3号 |\n",
])
def test_page_table_layouts_are_read_and_kept_out_of_title_and_body(table):
    text = table + "\n淳安县司法局2023年度法治政府建设情况报告\n" + OPENING.replace("县政府", "县司法局") + BODY
    doc = _doc(text)
    assert doc.source.page["发布机构"] == "淳安县司法局"
    assert doc.source.meta["written"] == "2024-03-20"
    assert doc.meta.title == "淳安县司法局2023年度法治政府建设情况报告"
    assert doc.meta.issuer == "淳安县司法局" and doc.meta.issuer_level == "department"
    assert "page" in doc.meta.issuer_pattern and doc.meta.date == "2024-03-20"
    assert "索引号" not in doc.norm.text[doc.body_start:]


def test_simple_page_lines_give_dates_not_titles():
    text = ("淳安县2023年度法治政府建设情况报告\n日期：2024-03-28    来源：淳安县人民政府办公室\n" + OPENING + BODY)
    doc = _doc(text)
    assert doc.meta.title == "淳安县2023年度法治政府建设情况报告" and doc.source.meta["published"] == "2024-03-28"
    assert doc.meta.issuer == "淳安县" and doc.meta.issuer_level == "county"


def test_cover_letter_is_not_the_report():
    text = ("淳安县司法局\n关于报送2023年度法治政府建设情况报告的报告\n县人民政府：\n"
            "根据有关规定，现将我局2023年度法治政府建设情况报告报送你们，请审阅。\n特此报告。\n淳安县司法局\n2024年2月20日\n"
            "淳安县司法局2023年度法治政府建设情况报告\n" + OPENING.replace("县政府", "县司法局") + BODY)
    doc = _doc(text)
    assert doc.meta.title == "淳安县司法局2023年度法治政府建设情况报告"
    assert doc.meta.issuer_level == "department" and doc.gongwen.first("送文函") is not None


@pytest.mark.parametrize("head,title", [
    ("淳安县人民政府\n关于2023年度法治政府建设情况的报告\n", "淳安县人民政府关于2023年度法治政府建设情况的报告"),
    ("淳安县2023年度法治政府建设情况报\n告\n", "淳安县2023年度法治政府建设情况报告"),
    ("淳安县2023年度法治政府建设情况报告\n来源：县司法局\n淳安县2023年度法治政府建设情况报告\n", "淳安县2023年度法治政府建设情况报告"),
    ("淳政发〔2024〕3号淳安县2023年度法治政府建设情况报告\n", "淳安县2023年度法治政府建设情况报告"),
])
def test_titles_split_wrapped_repeated_or_after_a_number(head, title):
    doc = _doc(head + OPENING + BODY)
    assert doc.meta.title == title and doc.meta.year == 2023
    assert Checker(discover_config=False).check_text(head + OPENING + BODY)["results"][0]["status"] == "pass"


@pytest.mark.parametrize("opening,issuer,level", [
    ("2023年，在省委、省政府的坚强领导下，九江市人民政府坚持依法行政。", "九江市人民政府", "city"),
    ("2023年以来，泰顺县司法局在县委、县政府的领导下，全面推进依法行政。", "泰顺县司法局", "department"),
    ("2023年，余杭区法治政府建设工作在市委、市政府的正确领导下扎实推进。", "余杭区", "county"),
    ("2023年，青海坚持以习近平法治思想为指导，推进法治政府建设。", "青海", "province"),
    ("2023年，溪口镇坚持以习近平法治思想为指导，推进依法行政。", "溪口镇", "township"),
    ("根据中共中央《全面深化法治领域改革纲要（2023—2027年）》要求，以及市、区的部署，2023年，西湖区坚持依法行政。", "西湖区", "county"),
    ("2023年，国家税务总局坚持以习近平法治思想为指导，推进依法治税。", "国家税务总局", "department"),
    ("2023年，九江市人民政府堅持以習近平法治思想為指導，全面推進法治政府建設，這是關鍵的一年。我們認識到，國家發展需要法治。", "九江市人民政府", "city"),
])
def test_issuer_is_the_subject_of_the_first_sentence(opening, issuer, level):
    doc = _doc(opening + "\n" + BODY)
    assert doc.meta.issuer == issuer and doc.meta.issuer_level == level and doc.meta.issuer_source == "opening"
    assert doc.meta.year == 2023


def test_relative_issuer_resolves_from_the_places_the_report_names():
    text = ("中共杭州市委、杭州市人民政府：\n2023年，县委、县政府坚持以习近平法治思想为指导。现将有关情况报告如下：\n"
            + BODY + "淳安县出台《淳安县行政执法监督办法》，淳安县综合行政执法局办理案件120件。\n")
    meta = _doc(text).meta
    assert meta.issuer_level == "county" and "淳安" in meta.issuer and meta.issuer_source == "self_reference"
    assert "杭州" not in meta.issuer


def test_a_year_in_a_citation_or_number_is_never_the_report_year():
    text = "根据《全面深化法治领域改革纲要（2023—2027年）》和淳政发〔2025〕3号文件，现将2024年淳安县法治政府建设情况报告如下：\n" + BODY
    assert _doc(text).meta.year == 2024


def test_unknown_issuer_is_none_not_a_fragment():
    meta = _doc("2023年，在上级的坚强领导下，持续推进各项工作。\n" + BODY).meta
    assert meta.issuer is None and meta.issuer_level is None


TRADITIONAL_PAGE = ("桐廬縣2023年度法治政府建設情況報告\n發佈日期：2024-03-28 09:30    來源：桐廬縣人民政府辦公室\n"
                    "2023年，在市委、市政府的堅強領導下，縣政府堅持以習近平法治思想為指導，全面推進法治政府建設。現將有關情況報告如下：\n"
                    "一、主要舉措和成效\n全年辦理行政複議案件35件，調解12件，培訓300人次，審查文件40件。\n"
                    "二、存在的不足和原因\n一是執法力量不足，原因是編制少。\n")


@pytest.mark.parametrize("label", ["發佈日期", "發布時間", "發布日期"])
def test_page_labels_in_traditional_script_are_read_like_simplified_ones(label):
    doc = _doc(TRADITIONAL_PAGE.replace("發佈日期", label))
    assert doc.source.meta["published"] == "2024-03-28" and doc.meta.published == "2024-03-28"
    assert doc.source.meta["source"] == "桐庐县人民政府办公室"
    assert doc.meta.title == "桐庐县2023年度法治政府建设情况报告"
    # The source text itself is not rewritten: findings still point at the characters on the page.
    assert doc.source.text.startswith("桐廬縣")


def test_a_simplified_page_quoting_traditional_words_keeps_its_reading():
    # near miss: a few traditional characters in a simplified page do not make it a traditional one
    text = ("淳安县2023年度法治政府建设情况报告\n日期：2024-03-28    来源：淳安县人民政府办公室\n" + OPENING +
            "一、主要举措和成效\n与台湾地区“發布時間：2023-01-05”式的标注无关，全年办理行政复议案件35件。\n" + BODY.split("\n", 2)[2])
    doc = _doc(text)
    assert doc.source.meta["published"] == "2024-03-28" and doc.source.meta["source"] == "淳安县人民政府办公室"
