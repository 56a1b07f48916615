"""A saved page that re-posts the report (a news site, another office's site, a page marked 转载)
carries that page's date, not the day the issuer published: the publication deadline is not tested
on it.  The issuer's own site, and a department's report on its government's portal, are the
issuer's own channel and stay tested; a page that says nothing of its publisher is read as before.
All pages here are invented."""
import pytest

from checker.document import build
from checker.ingest import load_bytes
from checker.run.pipeline import Checker

BODY = ("2023年，县政府坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年办理行政复议案件35件，调解12件，培训执法人员300人次，审查规范性文件40件。\n"
        "二、存在的不足和原因\n一是执法力量不足，原因是编制偏少。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持常务会议研究法治工作5次，会前学法8次。\n"
        "四、2024年工作安排\n一是加强执法队伍建设，年内培训执法人员200人次。\n")
GOVERNMENT = "安吉县人民政府关于2023年度法治政府建设情况的报告"
DEPARTMENT = "安吉县司法局关于2023年度法治政府建设情况的报告"
DEPARTMENT_BODY = BODY.replace("县政府坚持", "我局坚持").replace("县长主持常务会议", "局长主持局务会议")


def page(chrome: str, title: str = GOVERNMENT, body: str = BODY, ending: str = "") -> bytes:
    return f"当前位置：首页 > 政务公开 > 法治政府建设\n{title}\n{chrome}\n{body}{ending}".encode("utf-8")


def _deadline(data: bytes, name: str = "page.txt") -> dict:
    report = Checker(discover_config=False).check_source(load_bytes(data, name))
    return next(r for r in report["results"] if r["rule_id"] == "timeliness.deadline")


def _publisher(data: bytes, name: str = "page.txt"):
    return build(load_bytes(data, name)).meta.publisher


LATE = "2024-04-12 10:30"

RE_POSTS = {
    "a newspaper named as the source": page(f"来源：湖州日报  发布时间：{LATE}"),
    "a news portal named beside the date": page(f"{LATE}  湖州网"),
    "a higher office named as the source": page(f"发布时间：{LATE}  信息来源：湖州市司法局"),
    "another office's table names it as publisher": page(f"[ 发布机构 ] 湖州市人民政府 [ 发布日期 ] {LATE}"),
    "a page marked 转载 whose source is the issuer": page(f"发布时间：{LATE}  来源：安吉县人民政府【转载】"),
    "a page kept with a commercial site's address": page(f"https://www.wenzhang-example.com/a/1.html\n发布时间：{LATE}"),
    "the site's title suffix names a news portal": page(f"发布时间：{LATE}", title=f"{GOVERNMENT}_湖州新闻网"),
    "a department's report on another department's site": page(f"发布机构：安吉县财政局  发布时间：{LATE}",
                                                               title=DEPARTMENT, body=DEPARTMENT_BODY),
}

OWN_PAGES = {
    "the issuer's own portal beside the date": page(f"{LATE}  安吉县人民政府网"),
    "the issuer's office named as the source": page(f"来源：安吉县人民政府办公室  发布时间：{LATE}"),
    "the department that drafted it named as the source": page(f"来源：安吉县司法局  发布时间：{LATE}"),
    "a department's report on its government's portal": page(f"发布时间：{LATE}", title=f"{DEPARTMENT}_安吉县人民政府门户网站",
                                                              body=DEPARTMENT_BODY),
    "a department's report on its own site": page(f"发布机构：安吉县司法局  发布时间：{LATE}", title=DEPARTMENT,
                                                 body=DEPARTMENT_BODY),
    "the footer names the issuer's portal": page(f"发布时间：{LATE}", ending="主办单位：安吉县人民政府办公室\n"),
}


@pytest.mark.parametrize("name", sorted(RE_POSTS))
def test_a_re_posts_date_is_not_tested_as_the_issuers_publication(name):
    data = RE_POSTS[name]
    assert _publisher(data).relation == "repost"
    result = _deadline(data)
    assert result["status"] == "not_applicable", result["message"]
    assert "转载页面" in result["message"] and "2024-04-12" in result["message"]


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_the_issuers_own_channel_is_still_tested(name):
    data = OWN_PAGES[name]
    assert _publisher(data).relation == "own"
    result = _deadline(data)
    assert result["status"] == "fail" and result["message"].startswith("网页发布日期 2024-04-12 晚于")
    assert "转载" not in result["message"]


def test_a_page_that_says_nothing_of_its_publisher_is_read_as_before():
    data = page(f"发布时间：{LATE}")
    assert _publisher(data).relation is None
    assert _deadline(data)["status"] == "fail"
    # A source that names no body (本网), or a body without a place, is no evidence either way.
    for chrome in (f"来源：本网  发布时间：{LATE}", f"来源：司法局  发布时间：{LATE}"):
        assert _publisher(page(chrome)).relation is None and _deadline(page(chrome))["status"] == "fail"


def test_a_copyright_notice_against_reposting_is_no_re_post_marker():
    data = page(f"发布时间：{LATE}", ending="本网站所载内容未经许可不得转载\n")
    assert _publisher(data).relation is None and _deadline(data)["status"] == "fail"


def test_a_re_post_before_the_deadline_shows_the_report_was_public_by_then():
    result = _deadline(page("来源：湖州日报  发布时间：2024-03-18 09:00"))
    assert result["status"] == "pass"
    assert result["message"].startswith("转载网页的发布日期 2024-03-18，在期限 2024-04-01 之内")


def test_a_posting_time_printed_after_the_source_is_the_pages_date():
    data = page("来源：湖州日报 2024-03-18 09:00")
    assert build(load_bytes(data, "page.txt")).meta.published == "2024-03-18"
    assert _deadline(data)["status"] == "pass"
    # A date without a time of day after a source is no posting time (来源：某某年鉴 2023-12-31).
    assert build(load_bytes(page("来源：湖州年鉴 2023-12-31"), "page.txt")).meta.published is None


def test_a_re_post_still_tests_the_reports_own_date():
    late = _deadline(page(f"来源：湖州日报  发布时间：{LATE}", ending="安吉县人民政府\n2024年4月8日\n"))
    assert late["status"] == "fail" and late["message"].startswith("成文日期 2024-04-08 晚于")
    assert "转载页面" in late["message"]
    on_time = _deadline(page(f"来源：湖州日报  发布时间：{LATE}", ending="安吉县人民政府\n2024年3月8日\n"))
    assert on_time["status"] == "pass" and on_time["message"].startswith("成文日期 2024-03-08")


def test_a_date_the_user_gives_is_tested_whoever_posted_the_page():
    from checker.document import Given

    checker = Checker(discover_config=False)
    source = load_bytes(RE_POSTS["a newspaper named as the source"], "page.txt")
    report = checker.check(source, Given(published="2024-04-20")).report.to_dict()
    result = next(r for r in report["results"] if r["rule_id"] == "timeliness.deadline")
    assert result["status"] == "fail" and "2024-04-20" in result["message"]


HTML = """<!DOCTYPE html><!-- saved from url=(0040){url} -->
<html><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>
<div class="nav">首页 &gt; 政务公开</div>
<div class="article"><h1>{title_text}</h1><p>发布时间：2024-04-12 10:30</p>
{paragraphs}</div>
<div class="footer">{footer}</div></body></html>"""


def html_page(title: str, meta: str = "", footer: str = "", url: str = "http://www.anji.gov.cn/art/1.html") -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.strip().split("\n"))
    return HTML.format(title=title, meta=meta, footer=footer, url=url, title_text=GOVERNMENT,
                       paragraphs=paragraphs).encode("utf-8")


def test_a_web_pages_head_and_footer_say_whose_site_it_is():
    news = html_page(f"{GOVERNMENT} - 湖州新闻网", '<meta name="SiteName" content="湖州新闻网">')
    assert _publisher(news, "page.html").relation == "repost"
    assert _deadline(news, "page.html")["status"] == "not_applicable"
    own = html_page(f"{GOVERNMENT}_安吉县人民政府", '<meta name="SiteName" content="安吉县人民政府门户网站">',
                    footer="主办单位：安吉县人民政府办公室")
    assert _publisher(own, "page.html").relation == "own"
    assert _deadline(own, "page.html")["status"] == "fail"
    saved = html_page(GOVERNMENT, url="https://www.fanwen-example.com/doc/2.html")
    assert _publisher(saved, "page.html").zone == "host" and _publisher(saved, "page.html").relation == "repost"
    # A government host alone does not say whose site it is: read as before.
    assert _publisher(html_page(GOVERNMENT), "page.html").relation is None


def test_the_site_outweighs_the_source_and_each_zone_is_kept():
    # The issuer's own portal taking the text from a newspaper: the page is the issuer's.
    data = page(f"{LATE}  安吉县人民政府网  来源：湖州日报")
    publisher = _publisher(data)
    assert publisher.relation == "own" and publisher.zone == "site"
    assert ("source", "湖州日报", "other") in publisher.evidence
    report = Checker(discover_config=False).check_source(load_bytes(RE_POSTS["a newspaper named as the source"], "p.txt"))
    assert report["document"]["publisher"] == {"relation": "repost", "zone": "source", "name": "湖州日报",
                                               "evidence": [["source", "湖州日报", "other"]]}


def test_another_places_body_is_a_re_post_only_when_the_issuer_is_known_well():
    from checker.document import issuer as issuer_mod
    from checker.document.publisher import judge

    unit = issuer_mod.parse_unit("安吉县人民政府")
    evidence = [("source", "湖州市司法局")]
    sure = issuer_mod.Issuer(name=unit.name, level=unit.level, confidence=0.97, unit=unit, region=unit.region)
    assert judge(evidence, None, sure).relation == "repost"
    unsure = issuer_mod.Issuer(name=unit.name, level=unit.level, confidence=0.6, unit=unit, region=unit.region)
    assert judge(evidence, None, unsure).relation is None
    # A newspaper is never the issuer's own channel, whoever the issuer is.
    assert judge([("source", "湖州日报")], None, unsure).relation == "repost"
    assert judge([("source", "湖州日报")], None, issuer_mod.Issuer()).relation == "repost"


def test_the_publisher_is_shown_where_the_metadata_is():
    from checker.cli import render_outline
    from checker.document.serialize import document_dict
    from checker.writers import html_report

    source = load_bytes(RE_POSTS["a newspaper named as the source"], "page.txt")
    said = "网页注明来源为“湖州日报”，是转载页面，其发布日期不作为报告主体的公开日期"
    assert f"发布者：{said}" in render_outline(document_dict(build(source)))
    page_html = html_report.render(Checker(discover_config=False).check(source))
    assert f"<dt>网页发布者</dt><dd>{said}</dd>" in page_html
    plain = load_bytes(page(f"发布时间：{LATE}"), "page.txt")
    assert "网页发布者" not in html_report.render(Checker(discover_config=False).check(plain))
