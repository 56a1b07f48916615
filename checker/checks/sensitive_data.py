"""``sensitive_data``: personal data that must not appear in a published report, in the shapes people
really type them:

- resident ID numbers: 18 digits with a valid check digit (or introduced as 身份证号), also broken by
  spaces or dashes (3301 0219 9001 0112 35, 330102-19900101-1235);
- mobile numbers: 13812345678, 138-1234-5678, 138 1234 5678, +86 138…;
- bank card and account numbers: 12 to 25 digits (spaces or dashes allowed) introduced as 账号、卡号、
  银行账户、开户账号 (an organisation's 统一社会信用代码 is public and has letters);
- home addresses: a house, building or room number (18号、3栋2单元501室、5组) after 家住、住址、现住、
  居住在、户籍地, or beside a private person (当事人、申请人、村民 … in the same sentence).

Parameters
  kinds   any of id_number, mobile, bank_account, address (default all).

Placeholders: {count}, {kinds} (what was found, in Chinese).
"""
from __future__ import annotations

from ..patterns import rx
from ..base.vocab import ZONE_ZH
from .base import Context, Mark, Outcome, outside_zones, zone_anchor

TYPE = "sensitive_data"
KINDS = ("id_number", "mobile", "bank_account", "address")
PARAMS = {"type": "object", "properties": {"kinds": {"type": "array", "items": {"enum": list(KINDS)}, "minItems": 1}}}
DEFAULTS = {"kinds": list(KINDS)}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "kinds")
_ID = rx.compile(r"(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
_MOBILE = rx.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_INTRODUCED = rx.compile(r"(身份证|身份号码|证件号|公民号码)\p{Han}{0,4}[:：为是]?\s*$")
# The same, broken into groups by spaces or dashes (at least one break, else the patterns above).
_SEP = r"[ \t\u3000\-－‐]"
_ID_BROKEN = rx.compile(rf"(?<![\dA-Za-z])[1-9](?:\d|{_SEP}(?=\d)){{16,24}}[\dXx](?![\dA-Za-z])")
_MOBILE_BROKEN = rx.compile(rf"(?<![\d.])(?:\+?86{_SEP}?)?1[3-9]\d{_SEP}?\d{{4}}{_SEP}?\d{{4}}(?![\d.])")
_ACCOUNT = rx.compile(rf"(?<![\dA-Za-z])\d(?:\d|{_SEP}(?=\d)){{11,30}}(?![\dA-Za-z])")
_ACCOUNT_INTRODUCED = rx.compile(r"(账号|帐号|卡号|银行账户|银行帐户|账户|帐户|开户行|银行卡)[^。；;\n]{0,12}[:：为是]?\s*$")
# A number starts only where a run of digits (or numerals) starts, and is taken whole (possessive): a
# number followed by a unit is found from its first digit, so nothing is lost, and a long run of digits
# costs one pass instead of one pass from each of its positions (a pasted 20,000-digit line took 9 s).
_HOUSE_NUMBER = rx.compile(r"(?:(?<!\d)\d++|(?<![一二三四五六七八九十])[一二三四五六七八九十]++)(?:号|栋|幢|单元|室|组|弄)"
                           r"(?:\d++(?:号|栋|幢|单元|室|楼))*")
_PLACE_BEFORE = rx.compile(r"\p{Han}{2,30}$")
_BREAK = rx.compile(r"[。；;\n]")
_PRIVATE = rx.compile(r"当事人|申请人|被申请人|上访人|信访人|来访人|村民|居民|群众|户主|业主|女士|先生|老人|(?<!\p{Han})\p{Han}某\p{Han}?")
_SEPARATORS = rx.compile(r"[ \t\u3000\-－‐]")
# A home address: what follows 家住/住址… up to a house, building or room number.
_HOME_AT = rx.compile(r"(?:家住|住址|(?<!实)现住|居住(?:在|于|地)|户籍(?:所在)?地|住所地)[:：为是]?\s*")
_ROOM = rx.compile(r"\d+(?:栋|幢|单元|室)|\d+号\d+")
NAMES = {"id_number": "身份证号码", "mobile": "手机号码", "bank_account": "银行账号", "address": "家庭住址"}


def prepare(params: dict) -> dict:
    return params


def valid_id(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def evaluate(ctx: Context) -> Outcome:
    findings, kinds = _scan(ctx)
    # Headers, footers, notes, text boxes and embedded documents are published with the file: what
    # they hold is reported at the start of the report, naming the zone.
    anchor = zone_anchor(ctx)
    for zone, zone_text in outside_zones(ctx):
        found, found_kinds = _scan(zone_text)
        for finding, kind in zip(found, found_kinds):
            findings.append(Mark(*anchor, f"{ZONE_ZH.get(zone, zone)}中{finding.message}"))
            kinds.append(kind)
    values = {"count": len(findings), "kinds": "、".join(NAMES[k] for k in dict.fromkeys(kinds))}
    return Outcome("fail" if findings else "pass", values, findings=sorted(findings, key=lambda f: f.start))


def _scan(ctx) -> tuple[list[Mark], list[str]]:
    """(findings, their kinds) in ctx.text."""
    findings, kinds = [], []
    wanted = ctx.params["kinds"]

    def add(start: int, end: int, kind: str, message: str) -> None:
        if not any(f.start < end and start < f.end for f in findings):
            findings.append(Mark(start, end, message))
            kinds.append(kind)

    if "id_number" in wanted:
        for pattern in (_ID, _ID_BROKEN):
            for m in ctx.finditer(pattern):
                digits = _digits(m.group())
                if not _ID.fullmatch(digits):
                    continue
                # A valid check digit, or a number introduced as an ID: a mistyped ID is still an ID.
                if valid_id(digits) or _INTRODUCED.search(ctx.text, max(0, m.start() - 12), m.start()):
                    add(m.start(), m.end(), "id_number", "疑似公民身份证号码")
    if "mobile" in wanted:
        for pattern in (_MOBILE, _MOBILE_BROKEN):
            for m in ctx.finditer(pattern):
                add(m.start(), m.end(), "mobile", "疑似手机号码")
    if "bank_account" in wanted:
        for m in ctx.finditer(_ACCOUNT):
            if _ACCOUNT_INTRODUCED.search(ctx.text, max(0, m.start() - 20), m.start()):
                add(m.start(), m.end(), "bank_account", "疑似银行卡号或账号")
    if "address" in wanted:
        for start, end in _home_addresses(ctx):
            add(start, end, "address", "疑似个人住址（门牌、楼栋或房间号）")
    return findings, kinds


def _digits(written: str) -> str:
    return _SEPARATORS.sub("", written).upper()


def _home_addresses(ctx: Context):
    """Addresses with a house, building or room number introduced as where someone lives, or in a
    sentence that names a private person.  The numbers are found first (few in a report); the words
    before them are read only there."""
    for m in ctx.finditer(_HOUSE_NUMBER):
        floor = max(0, m.start() - 80)
        sentence_start = max(ctx.text.rfind(ch, floor, m.start()) for ch in "。；;\n") + 1
        head = _HOME_AT.search(ctx.text, max(sentence_start, m.start() - 40), m.start())
        if head and not _BREAK.search(ctx.text, head.end(), m.start()):
            yield head.end(), m.end()
        elif _ROOM.search(m.group()) and _PRIVATE.search(ctx.text, sentence_start, m.start()):
            place = _PLACE_BEFORE.search(ctx.text, max(sentence_start, m.start() - 30), m.start())
            yield (place.start() if place else m.start()), m.end()
