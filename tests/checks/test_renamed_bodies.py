from checks.checkkit import flagged, report, run_check

CHECK = {"type": "renamed_bodies"}
HEADING = "一、主要举措和成效"


def _text(year: int, body: str, title: str = "某县人民政府关于{year}年度法治政府建设情况的报告") -> str:
    return report((HEADING, body), title=title.format(year=year), opening=f"现将{year}年度法治政府建设情况报告如下。")


def test_an_old_name_in_a_report_on_a_year_after_the_reform_is_flagged_with_the_new_name():
    text = _text(2022, "县卫计委和县国土局联合检查，县环保局派员参加。")
    result = run_check(CHECK, text, scope="full_text")
    assert result.status == "fail" and flagged(result, text) == ["卫计委", "国土局", "环保局"]
    assert "卫生健康委员会" in result.findings[0].message and "2019年" in result.findings[0].message


def test_the_level_of_the_mention_decides_the_year():
    # The provinces finished in 2018, the counties only by March 2019.
    county = _text(2019, "县安监局开展执法检查。")
    province = _text(2019, "省安监局开展执法检查。")
    assert run_check(CHECK, county, scope="full_text").status == "pass"
    assert flagged(run_check(CHECK, province, scope="full_text"), province) == ["安监局"]


def test_a_bare_name_takes_the_issuers_level():
    text = _text(2019, "由食药监局牵头开展检查。", title="某省人民政府关于{year}年度法治政府建设情况的报告")
    assert run_check(CHECK, text, scope="full_text", level="province").status == "fail"
    assert run_check(CHECK, text, scope="full_text", level="county").status == "pass"


def test_history_and_document_titles_are_not_current_usage():
    text = _text(2022, "原县工商局、质监局的职责已整合。县市场监督管理局执行《国家工商行政管理总局关于个体工商户登记的规定》。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_a_change_with_its_own_timetable():
    # The tax bureaus merged at every level in 2018; the poverty offices were renamed in 2021–2022.
    assert run_check(CHECK, _text(2019, "县地税局开展税收普法。"), scope="full_text").status == "fail"
    assert run_check(CHECK, _text(2022, "县扶贫办开展帮扶。"), scope="full_text").status == "pass"
    assert run_check(CHECK, _text(2023, "县扶贫办开展帮扶。"), scope="full_text").status == "fail"


def test_bodies_that_kept_their_names_are_quiet():
    text = _text(2023, "县煤矿安全监察局、县劳动保障监察大队、县文化和旅游局和县工商联参加，县农业农村局牵头。")
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_a_rule_adds_its_own_renames():
    change = {"old": ["城市管理局"], "new": "综合行政执法局", "years": {"national": 2020, "province": 2020, "city": 2020,
              "county": 2020}, "source": "某省2020年综合执法改革"}
    text = _text(2022, "县城市管理局开展执法。")
    assert run_check({**CHECK, "changes": [change]}, text, scope="full_text").status == "fail"
    assert run_check(CHECK, text, scope="full_text").status == "pass"


def test_the_current_word_is_offered_where_there_is_one_at_that_level():
    text = _text(2022, "县法制办、省法制办和县农委参加。")
    result = run_check(CHECK, text, scope="full_text")
    assert [f.fix for f in result.findings] == ["司法局", "司法厅", None]


def test_culture_price_and_border_bodies():
    text = _text(2021, "县文广新局、县物价局和公安边防派出所参加，县文化广电新闻出版旅游局牵头。")
    result = run_check(CHECK, text, scope="full_text")
    assert flagged(result, text) == ["文广新局", "物价局", "公安边防派出所"]
