"""The project's vocabulary, each item spelled here and only here, with its Chinese label.

Identifiers (English) are what files, JSON and rule packs use; the labels (Simplified Chinese, 公文
register) are what people read.  Other modules import from here; JSON Schemas and rule schemas
list the same values and a test keeps them in step.
"""
from __future__ import annotations

LEVELS = ("province", "city", "county", "township", "department")
LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "政府部门"}
PROVINCE, CITY, COUNTY, TOWNSHIP, DEPARTMENT = LEVELS
# The words a supervisor writes for a level in a registry or on the command line (besides the ids).
LEVEL_WORDS = {"省级": PROVINCE, "省": PROVINCE, "市级": CITY, "地市级": CITY, "设区的市": CITY, "市": CITY,
               "县级": COUNTY, "县区级": COUNTY, "县（市、区）": COUNTY, "县": COUNTY, "区": COUNTY,
               "乡镇（街道）": TOWNSHIP, "乡镇级": TOWNSHIP, "乡镇": TOWNSHIP, "街道": TOWNSHIP,
               "政府部门": DEPARTMENT, "部门": DEPARTMENT}


def level_of(word) -> str | None:
    """The level a registry or the command line names, in English or in Chinese (市级 → city); None
    when the word names none."""
    if word in LEVELS:
        return word
    return LEVEL_WORDS.get(str(word).strip())


def accepted_levels() -> str:
    """The levels as a person may write them, for messages: 省级（province）、市级（city）……"""
    return "、".join(f"{LEVEL_ZH[level]}（{level}）" for level in LEVELS)


def unknown_level(word) -> tuple[str, str]:
    """The message (Chinese, English) for a level nobody can read, naming the accepted ones."""
    return (f"层级“{word}”无法识别；可写 {accepted_levels()}",
            f"unknown level '{word}'; accepted: {', '.join(LEVELS)} or their Chinese names")


# How a report was matched to its unit in a registry: by the unit's name, one of its aliases, its code.
MATCHED_VIA_ZH = {"name": "名称", "alias": "别名", "code": "区划代码"}

ROLES = ("achievements", "shortcomings", "first_responsible", "next_year", "other")
ROLE_ZH = {"achievements": "成效", "shortcomings": "不足和原因", "first_responsible": "第一责任人", "next_year": "下一年度安排",
           "other": "其他情况", "none": ""}
REQUIRED_ORDER = ("achievements", "shortcomings", "first_responsible", "next_year")

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# Table columns counting the rules a report fails at each severity (summary.by_severity); the terminal's
# “错误 4 条、警告 26 条” counts findings, so a column only headed 错误 read as a different number.
RULES_FAILED_ZH = {severity: f"{word}规则数" for severity, word in SEVERITY_ZH.items()}
# What a Word file holds outside its body (ingest/zones.py), as findings name it.
ZONE_ZH = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "textboxes": "文本框",
           "altchunk": "嵌入的文档"}
FAIL_ON = (*SEVERITIES, "never")
DEFAULT_FAIL_ON = "error"  # the exit code turns 1 at errors unless the run or configuration says otherwise
# A batch lists the report pairs whose texts are at least this share alike (--similar; 0: no comparison).
DEFAULT_SIMILARITY = 0.3

STATUSES = ("pass", "fail", "not_applicable", "error")
STATUS_ZH = {"pass": "通过", "fail": "不通过", "not_applicable": "不适用", "error": "出错"}
STATUS_MARK = {"pass": "√", "fail": "×", "not_applicable": "—", "error": "!"}  # for tables too wide for words

# Rule groups: the names a rule's `tags:` may hold that fzcheck reads, and what reads them (the
# dashboard's columns, the 通报's sections).  Other tags are the rule author's own and are listed in
# docs/rules.md only.
TAGS = {"summary": "汇总表的一列（汇总页、summary.csv、工作簿的汇总表）",
        "deadline": "公开和报送时限：通报中按级别列出逾期公开（error）和逾期报送（warning）的报告",
        "signature": "落款和成文日期：通报中列出没有成文日期的报告",
        "copying": "同批报告之间的雷同：通报中列出雷同组"}
TAG_SUMMARY, TAG_DEADLINE, TAG_SIGNATURE, TAG_COPYING = TAGS

VERDICTS = ("pass", "warning", "fail")
VERDICT_ZH = {"pass": "合格", "warning": "基本合格（有警告）", "fail": "不合格"}

PERIODS = ("annual", "half_year", "quarter", "other")
PERIOD_ZH = {"annual": "全年", "half_year": "半年", "quarter": "季度", "other": "多年"}

# Where a piece of metadata was read.
SOURCE_ZH = {"page": "网页信息", "title": "标题", "issuer_mark": "发文机关标志", "signature": "落款", "opening": "开头第一句",
             "inferred": "按正文推断", "organ_line": "标题上方的机关名称", "doc_number": "发文字号", "cover_letter": "送文函",
             "own_title": "正文引用的本报告标题", "self_reference": "正文自称", "given": "用户提供", "heading": "一级标题", "plan_heading": "下一年度安排标题",
             "body": "正文中最常见的年份", "page_written": "网页成文日期", "page_published": "网页发布日期", "text": "正文"}

# Which date a deadline was tested against, as a finding names it (a page's date is never the
# report's own date).
DATE_KIND_ZH = {"signature": "成文日期", "cover_letter": "报送函日期", "page_written": "网页所载成文日期", "page_published": "网页发布日期",
                "page_reposted": "转载网页的发布日期", "given": "填写的日期"}

# How a saved page shows that it re-posts the report (document/publisher.py: the deciding zone and
# what it printed), and the note a deadline finding adds: a re-post's date is not the issuer's.
PUBLISHER_ZONE_ZH = {"site": "网页发布在“{name}”", "host": "网页发布在 {name}", "发布机构": "网页的发布机构为“{name}”",
                     "source": "网页注明来源为“{name}”", "author_unit": "网页注明作者单位为“{name}”",
                     "repost": "网页标注为转载"}
PUBLISHER_RELATION_ZH = {"own": "是报告主体自己公开的网页", "repost": "是转载页面，其发布日期不作为报告主体的公开日期"}
REPOST_NOTE_ZH = "{by}，是转载页面而非报告主体自己公开的网页，其发布日期 {date} 只能说明报告此时已经公开，不能说明报告主体何时公开"


def publisher_words(zone: str | None, name: str | None) -> str:
    """网页注明来源为“某某日报” …: how the page shows who published it."""
    words = PUBLISHER_ZONE_ZH.get(zone or "", "")
    if zone == "repost":
        return words + (f"（来源为“{name}”）" if name else "")
    return words.format(name=name or "")

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", ".doc", ".wps", ".ofd")
# Found in a folder but not checked: listed with the reason, never skipped silently.
OTHER_DOCUMENT_SUFFIXES = (".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps", ".jpg", ".jpeg", ".png", ".tif", ".tiff",
                           ".rtf", ".odt", ".zip", ".rar", ".7z")
