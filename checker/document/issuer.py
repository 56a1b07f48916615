"""Who reports (报告主体) and at which level, each answer with its source and a confidence.

Sources, strongest first: the page's information table (发布机构), the title, the 发文机关标志
(…文件), the 署名 at the end, the subject of the first sentence (2023年，淄博市政府在…), and, when the
report names itself only relatively (区政府、我县、全省、县委县政府、市市场监管局), the place of that
level the document names most.  Places are checked against the national list of administrative
divisions (gazetteer.py); a name is never a fragment cut out of a phrase, and an addressee (主送机关)
is never the issuer.  ``None`` rather than a guess.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..patterns import rx
from . import gazetteer
from ..base.vocab import CITY, COUNTY, PROVINCE, TOWNSHIP

# Organs of a government or party committee (the 政府 itself) and of its departments.
_GOVERNMENT = r"(?:人民政府|政府|党委|委员会(?=、|和|$)|委(?=、|和|$)|党工委|街道办事处|办事处)"
_DEPARTMENT = (r"(?:\p{Han}{0,12}?(?:局|厅|委员会|委|办公室|办|署|中心|院|部|所|队|站|支队|大队|管委会|管理委员会))")
_RELATIVE = rx.compile(r"^(?P<prefix>全|我|本)?(?P<kind>自治区|省|市|州|盟|区|县|旗|镇|乡|街道)")
_LEVEL_OF_KIND = {"省": PROVINCE, "自治区": PROVINCE, "市": CITY, "州": CITY, "盟": CITY, "区": COUNTY, "县": COUNTY,
                  "旗": COUNTY, "镇": TOWNSHIP, "乡": TOWNSHIP, "街道": TOWNSHIP}
_TOWNSHIP = rx.compile(r"^(?P<name>\p{Han}{2,8}?(?:镇|乡|街道|苏木))(?=人民政府|政府|党委|党工委|办事处|$|[^\p{Han}]|[坚深认全紧围以按在持着扎积切不始大聚]|法治|依法)")
_LEAD = rx.compile(r"^(?:(?:19|20)\d{2}\s*年度?(?:以来)?|今年以来|一年来|过去一年|本年度)\s*[,，、]?\s*")
# A framing clause before the year lead: 根据…，以及…，2023年，清波街道…
_TO_YEAR_LEAD = rx.compile(r"^[^。]{0,240}?[,，]\s*(?=(?:19|20)\d{2}\s*年度?(?:以来)?\s*[,，])")
# An organ named without a place: 司法部、国家税务总局 (a ministry reports in its own name).
_BARE_ORGAN = rx.compile(r"^(?:中华人民共和国)?(?P<organ>\p{Han}{1,10}?(?:部|总局|总署|委员会|署|局|厅))"
                            r"(?=党组|坚持|深入|认真|全面|紧紧|始终|围绕|按照|扎实|积极|不断|持续|聚焦|立足|着力|切实|以|在|[,，])")
_CLAUSE = rx.compile(r"^(?:在[^,，。]{0,80}?(?:下|中|上)|根据[^,，。]{0,120}?|按照[^,，。]{0,120}?)\s*[,，]\s*")
_REPORT_SELF = rx.compile(r"现将(?:(?:19|20)\d{2}\s*年度?)?\s*(?P<rest>\p{Han}{2,30}?)(?:20\d{2}\s*年度?)?(?:法治政府建设|依法行政|法治建设)")
# Words that never stand inside an organ's name: what follows a place is then the sentence.
_NOT_ORGAN = rx.compile(r"在|的|和|与|及|建设|工作|坚持|深入|(?:省|市|县|区|州|旗)委$")
_UNLISTED_PLACE = rx.compile(r"^(?P<name>\p{Han}{1,6}?(?P<kind>县|区|旗|市|州))"
                                r"(?=(?:19|20)\d{2}|人民政府|政府|关于|\p{Han}{0,8}?(?:局|厅|委员会|办公室|中心)(?:关于|(?:19|20)\d{2}))")
_DEPARTMENT_WORDS = rx.compile(r"(?:局|厅|委员会|办公室|署|中心|院|部|支队|大队|管委会|管理委员会|司法所|(?<!党)委)$")
# The organ names of a government or party committee itself (not a department of it).
GOVERNMENT_ORGANS = r"(?:人民政府|政府|党委|党工委|委员会|委|办事处|街道办事处)"
_GOVERNMENT_ORGAN = rx.compile(rf"^{GOVERNMENT_ORGANS}$")


@dataclass
class Issuer:
    name: str | None = None
    level: str | None = None
    source: str | None = None         # page | title | issuer_mark | signature | opening | inferred | given
    confidence: float = 0.0
    place: str | None = None          # the division's full name (淮安市), when known
    region: str | None = None         # its six-digit code


_CONFIDENCE = {"page": 0.9, "title": 0.9, "issuer_mark": 0.95, "signature": 0.85, "opening": 0.8, "inferred": 0.6}


def _strip_party(name: str) -> str:
    return rx.sub(r"^(?:中共|中国共产党)", "", name)


def _organ_level(organ: str) -> str | None:
    """department for a department's organ; None for a government's own (人民政府、党委)."""
    organ = organ.split("、")[-1]
    if _GOVERNMENT_ORGAN.match(organ):
        return None
    if _DEPARTMENT_WORDS.search(organ):
        return "department"
    return None


def read_unit(text: str, context: set[str]) -> Issuer | None:
    """The unit a short text starts with: [中共]place[place…][organ] — 淄博市政府, 巫山县司法局,
    管城回族区, 中共姚安县委、姚安县人民政府, 清波街道.  None when it does not start with a place."""
    text = text.strip()
    body = _strip_party(text)
    places = []
    position = 0
    while True:
        found = _place_at(body, position)
        if not found:
            break
        places.append(found)
        position += len(found)
    if not places:
        bare = _BARE_ORGAN.match(body)
        if bare and not _RELATIVE.match(body):
            return Issuer(name=bare["organ"], level="department")
        by_suffix = _UNLISTED_PLACE.match(body)
        if by_suffix:  # a place renamed or merged since (横县 → 横州市): its level from the suffix
            return _finish(by_suffix["name"], body[by_suffix.end():], _LEVEL_OF_KIND[by_suffix["kind"]], None, context)
    township = _TOWNSHIP.match(body[position:])
    if township:
        name = body[:position] + township["name"]
        return _finish(name, body[position + len(township["name"]):], TOWNSHIP, None, context)
    if not places:
        return None
    unit = gazetteer.best(places[-1], context | set(places))
    rest = body[position:]
    found = _finish(body[:position], rest, unit.level if unit else None, unit, context)
    return _joint(text, found, rest, context)


def _joint(text: str, found: Issuer, rest: str, context: set[str]) -> Issuer:
    """中共姚安县委、姚安县人民政府: a party committee and the government of the same place report
    together; the name keeps both."""
    organ = organ_at(rest)
    after = rest[len(organ):]
    if organ and after[:1] in ("、", "和") and found.level != "department":
        partner = read_unit(after[1:], context)
        if partner and partner.place == found.place and partner.level == found.level:
            party = "中共" if text.startswith(("中共", "中国共产党")) else ""
            found.name = f"{party}{found.name}{after[0]}{partner.name}"
    return found


def _place_at(text: str, position: int) -> str | None:
    for length in range(min(14, len(text) - position), 1, -1):
        form = text[position:position + length]
        if gazetteer.lookup(form):
            return form
    return None


def organ_at(rest: str) -> str:
    """The organ a unit's name continues with (人民政府、司法局、卫生健康委), or '' when what follows
    is not an organ's name but the sentence (法治政府建设工作在市委…)."""
    organ = rx.match(rf"(?:{_GOVERNMENT}|{_DEPARTMENT})", rest)
    if not organ:
        return ""
    text = organ.group()
    if _NOT_ORGAN.search(text):
        return ""
    return text


def _finish(place: str, rest: str, level: str | None, unit, context) -> Issuer:
    organ_text = organ_at(rest)
    # A department is a unit of its own only when the organ is a whole word (市场监管局, not 局面).
    if organ_text and _organ_level(organ_text) == "department":
        level = "department"
    name = place + organ_text
    return Issuer(name=name, level=level, place=unit.name if unit else None, region=unit.code if unit else None)


def subject_of(sentence: str) -> str:
    """The first sentence without its lead (2023年，) and framing clauses (在…领导下，根据…，)."""
    rest = _TO_YEAR_LEAD.sub("", sentence.strip(), count=1)
    rest = _LEAD.sub("", rest, count=1)
    for _ in range(4):
        stripped = _CLAUSE.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = _LEAD.sub("", stripped, count=1)
    return rest


def relative_unit(subject: str) -> Issuer | None:
    """区政府、我县、全省、县委、县政府、市市场监管局、自治区人民政府: a level, and the organ, without a place."""
    m = _RELATIVE.match(subject)
    if not m:
        return None
    kind = m["kind"]
    rest = subject[m.end():]
    organ = organ_at(rest)
    if not m["prefix"] and not organ:
        return None  # 市场… without 全/我/本 and no organ is not a self-reference
    level = _LEVEL_OF_KIND[kind]
    if organ and _organ_level(organ) == "department":
        level = "department"
    return Issuer(name=None, level=level, place=kind)


def place_named_most(text: str, level: str, kind: str | None) -> str | None:
    """The full name of the division of ``level`` (matching ``kind``: 区/县/市…) that the text names
    most often; short names count only where a suffix or organ follows them."""
    counts: Counter[str] = Counter()
    forms = [form for _, _, form in gazetteer.find_places(text)]
    context = set(forms)
    for form in forms:
        unit = gazetteer.best(form, context)
        if unit is None or unit.level != level:
            continue
        if kind and not unit.name.endswith(kind) and kind not in ("区", "县"):
            continue
        counts[unit.name] += 2 if form == unit.name else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
