"""Shared by the writers: Chinese labels, the template environment, the content security policy."""
from __future__ import annotations

import base64
import hashlib
import os
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

STATUS_ZH = {"pass": "通过", "fail": "不通过", "not_applicable": "不适用", "error": "出错"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
VERDICT_ZH = {"pass": "合格", "warning": "基本合格（有警告）", "fail": "不合格"}
SOURCE_ZH = {"page": "网页信息", "title": "标题", "issuer_mark": "发文机关标志", "signature": "落款", "opening": "开头第一句",
             "inferred": "按正文推断", "given": "用户提供", "heading": "一级标题", "plan_heading": "下一年度安排标题",
             "body": "正文中最常见的年份", "page_written": "网页成文日期", "page_published": "网页发布日期", "text": "正文"}
LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "政府部门"}
ROLE_ZH = {"achievements": "成效", "shortcomings": "不足和原因", "first_responsible": "第一责任人", "next_year": "下一年度安排",
           "other": "其他情况", "none": ""}
PERIOD_ZH = {"annual": "全年", "half_year": "半年", "quarter": "季度"}
DATE_SOURCE_ZH = {"signature": "落款", "page_written": "网页成文日期", "page_published": "网页发布日期", "given": "用户提供"}


def check_time() -> str:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible pages)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("checker").joinpath(f"templates/{name}").read_text("utf-8")


def csp(script: str, style: str) -> str:
    """No network at all; only the page's own inline script and style run."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    return (f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("checker", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(STATUS_ZH=STATUS_ZH, SEVERITY_ZH=SEVERITY_ZH, VERDICT_ZH=VERDICT_ZH, LEVEL_ZH=LEVEL_ZH,
                       ROLE_ZH=ROLE_ZH, PERIOD_ZH=PERIOD_ZH, DATE_SOURCE_ZH=DATE_SOURCE_ZH)
    return env
