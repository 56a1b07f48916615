"""``sensitive_data``: personal data that must not appear in a published report — resident ID
numbers (18 digits with a valid check digit) and mobile phone numbers.

Parameters
  kinds   any of id_number, mobile (default both).

Placeholders: {count}, {kinds} (what was found, in Chinese).
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Finding, Outcome

TYPE = "sensitive_data"
PARAMS = {"type": "object", "properties": {"kinds": {"type": "array", "items": {"enum": ["id_number", "mobile"]}, "minItems": 1}}}
DEFAULTS = {"kinds": ["id_number", "mobile"]}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "kinds")
_ID = rx.compile(r"(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
_MOBILE = rx.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_INTRODUCED = rx.compile(r"(身份证|身份号码|证件号|公民号码)\p{Han}{0,4}[:：为是]?\s*$")
NAMES = {"id_number": "身份证号码", "mobile": "手机号码"}


def prepare(params: dict) -> dict:
    return params


def valid_id(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def evaluate(ctx: Context) -> Outcome:
    findings, kinds = [], []
    if "id_number" in ctx.params["kinds"]:
        for m in ctx.finditer(_ID):
            # A valid check digit, or a number introduced as an ID: a mistyped ID is still an ID.
            if valid_id(m.group()) or _INTRODUCED.search(ctx.text, max(0, m.start() - 12), m.start()):
                findings.append(Finding(m.start(), m.end(), "疑似公民身份证号码"))
                kinds.append("id_number")
    if "mobile" in ctx.params["kinds"]:
        for m in ctx.finditer(_MOBILE):
            if not any(f.start <= m.start() < f.end for f in findings):
                findings.append(Finding(m.start(), m.end(), "疑似手机号码"))
                kinds.append("mobile")
    values = {"count": len(findings), "kinds": "、".join(NAMES[k] for k in dict.fromkeys(kinds))}
    return Outcome("fail" if findings else "pass", values, findings=sorted(findings, key=lambda f: f.start))
