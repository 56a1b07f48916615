"""Who reports (报告主体): names read as place + organ, and one answer chosen from the evidence.

A name is parsed, never guessed: ``[中共] place [place …] organ`` where the places are units of the
national list of administrative divisions (gazetteer.py), each standing as a word (a county's short
name at the start of a street office's or a road's name is not that county), and the organ is one of the organ types in data/organs.yaml, kept
whole (人民政府办公厅, not 人民政府; 发展和改革委员会 with its 和) and ending on a word boundary.
A unit may also be named relatively (区政府, 我局, 全市公安机关, 市司法局): such a self-reference
takes its place and organ from the other evidence, and a pronoun alone is never a name.

Every zone of the document that may name the issuer gives candidates (metadata.py collects them:
page table, 发文机关标志, organ lines above the title, title, cover letter and its 落款, 落款, the first
sentence, the report's own title quoted in the text, self-references).  :func:`resolve` keeps the
candidate that most zones agree with, weighted by how reliable each zone proved on the development
data, and gives it the precision its zone pattern reached there (data/calibration.yaml, measured
by tools/calibrate_metadata.py) as its confidence: ``None`` rather than a guess.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..patterns import rx
from ..base.vocab import CITY, COUNTY, DEPARTMENT, PROVINCE, TOWNSHIP
from ..base.yamlsafe import package_data
from . import gazetteer


@lru_cache(maxsize=1)
def _data() -> dict:
    return package_data("document", "organs")


_OVERRIDE: list[dict] = []


def calibration() -> dict:
    """Zone reliabilities and the precision of each zone pattern, as measured on the development data
    (tools/calibrate_metadata.py may put its own tables in place while it measures)."""
    return _OVERRIDE[0] if _OVERRIDE else _shipped_calibration()


@lru_cache(maxsize=1)
def _shipped_calibration() -> dict:
    raw = package_data("document", "calibration")
    return raw or {}


def override_calibration(tables: dict | None) -> None:
    """Measure with ``tables`` instead of the shipped file (None: back to the file, read afresh)."""
    _OVERRIDE[:] = [tables] if tables is not None else []
    _shipped_calibration.cache_clear()


def _alternation(words) -> str:
    # Longest first; ties in the words' own order, so the pattern is the same text in every process
    # (a set's order changes with the hash seed, and each new text is compiled and cached anew).
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = _data()
    sectors, suffixes = _alternation(data["sectors"]), _alternation(data["suffixes"])
    party = _alternation(data["party"])
    return {
        "department": rx.compile(rf"(?:{sectors})(?:{suffixes})"),
        "party_department": rx.compile(rf"(?:{party})(?:{_alternation(data['party_sectors'])})(?:{suffixes})"),
        "short": rx.compile(_alternation(data["short_forms"])),
        "government": rx.compile(_alternation(data["government"])),
        "party": rx.compile(party),
        "collective": rx.compile(rf"(?:{sectors})(?:{_alternation(data['collective'])})"),
        "sector": rx.compile(rf"(?:{sectors})"),
        "not_government": rx.compile(rf"(?:{_alternation(data['not_government'])})|\p{{Han}}{{0,4}}?(?:{_alternation(data['institutions'])})"),
        "township": rx.compile(rf"\p{{Han}}{{1,6}}?(?:{_alternation(data['township_suffixes'])})"
                               rf"(?=$|[^\p{{Han}}]|{_alternation(data['township_organs'])}|[坚深认全紧围以按在持着扎积切不始大聚对])"),
        "township_organ": rx.compile(_alternation(data["township_organs"])),
        # A branch's own name: a few characters of one word (兰山, 城东, 高新区), never a phrase.
        "branch": rx.compile(rf"(?!{_alternation(data['branch_not_names'])})[^\P{{Han}}的在和与及或等设为对各]{{2,8}}?"
                             rf"(?:{_alternation(data['branches'])})"),
    }


# A unit named relatively: 全区 / 我县 / 区政府 / 市司法局 / 我局 / 本委.
_RELATIVE = rx.compile(r"^(?P<prefix>全|我|本)?(?P<kind>自治区|省|市|州|盟|区|县|旗|镇|乡|街道)")
_PRONOUN = rx.compile(r"^(?:我|本)(?P<organ>局|委|厅|办|署|中心|所|院|部)")
LEVEL_OF_KIND = {"省": PROVINCE, "自治区": PROVINCE, "市": CITY, "州": CITY, "盟": CITY, "区": COUNTY, "县": COUNTY,
                 "旗": COUNTY, "镇": TOWNSHIP, "乡": TOWNSHIP, "街道": TOWNSHIP}
# Words that never stand inside a place's name: a pronoun or a verb before it (现将我镇, 该区).
_NOT_A_NAME = rx.compile(r"我|该|现将|其|各")
_PARTY_PREFIX = rx.compile(r"^(?:中共|中国共产党)")
# A vertically managed organ names its central organ first (国家税务总局某市税务局).
_CENTRAL_PREFIX = rx.compile(r"^(?:国家|中国)\p{Han}{1,8}?(?:总局|总署)(?=\p{Han}{2,12}?[省市县区州旗])")
# A development zone's administrative committee (某市经济技术开发区管委会): a unit of its own, whose
# level the division data do not give.
_ZONE = rx.compile(r"^\p{Han}{0,10}?(?:开发区|园区|高新区|新区|自贸区|试验区|示范区|合作区)(?:管委会|管理委员会|工委|党工委)")
# A place renamed or merged since the division data was made: its level from the suffix,
# only where an organ follows.
# A city the division list does not have yet (a county-level city set up after it was made): only
# where an organ follows, never a word that merely ends in 市 (城市, 超市, 都市); its level is unknown
# (a 市 may be a prefecture or a county-level city), so it is left None rather than guessed.
_UNLISTED_CITY = rx.compile(r"^(?P<name>\p{Han}{2,4}?(?<!城|超|都|闹|股|夜|集|门)(?P<kind>市))(?=人民政府|政府|\p{Han}{0,8}?(?:局|委员会)(?:关于|(?:19|20)\d{2}))")
_UNLISTED_PLACE = rx.compile(r"^(?P<name>\p{Han}{1,5}?(?P<kind>县|区|旗|州))(?=人民政府|政府|关于|(?:19|20)\d{2}|\p{Han}{0,8}?(?:局|委员会)(?:关于|(?:19|20)\d{2}))")
# The organ names of a government or party committee itself (not a department of it).
GOVERNMENT_ORGANS = r"(?:人民政府|政府|党委|党工委|委员会|委|办事处|街道办事处)"
# What follows a sector word when a report speaks of a sector's own legal work (某市交通法制工作,
# 全市公安系统): only then does a place + sector word stand for that sector's department.
_SECTOR_WORK = rx.compile(r"(?:法制|法治|依法行政|行政执法|系统|战线|行业主管部门)")
_JOINER = rx.compile(r"^\s*(?:、|和|与|\s)?\s*")


@dataclass
class Unit:
    """A unit's name as printed, parsed."""
    name: str
    kind: str                 # government | party | department | township | place | sector
    level: str | None
    organ: str = ""           # the organ as printed ('' for a place alone)
    organ_key: str = ""       # the organ in its long form (发改委 → 发展和改革委员会)
    place: str | None = None  # the division's full name, or the township's name
    region: str | None = None
    length: int = 0           # characters of the text the name took


@dataclass
class Relative:
    """A self-reference: the kind of place (区/县/市… or '' for 我局) and the organ, without a place."""
    kind: str
    organ: str
    level: str | None
    pronoun: bool
    text: str


@dataclass
class Candidate:
    zone: str
    text: str
    span: tuple[int, int] | None
    unit: Unit | None = None
    relative: Relative | None = None


@dataclass
class Issuer:
    name: str | None = None
    level: str | None = None
    source: str | None = None
    confidence: float | None = None
    place: str | None = None
    region: str | None = None
    level_source: str | None = None
    level_confidence: float | None = None
    pattern: str | None = None            # the zones that agreed, for calibration
    agreeing: list[Candidate] = field(default_factory=list)
    conflicts: list[Candidate] = field(default_factory=list)
    units: list[Candidate] = field(default_factory=list)  # every zone's unit, for measuring the zones
    unit: Unit | None = None              # the chosen name, parsed


def candidate_name(candidate: Candidate) -> str:
    return candidate.unit.name if candidate.unit else candidate.relative.text


def _longest(patterns: list[tuple[str, object]], text: str) -> tuple[str, str] | None:
    """(kind, organ) of the longest organ at the start of ``text`` that ends on a word boundary."""
    best = None
    for kind, pattern in patterns:
        for m in _prefixes(pattern, text):
            organ = m
            if _continues_word(organ, text[len(organ):]):
                continue
            if best is None or len(organ) > len(best[1]):
                best = (kind, organ)
            break
    return best


def _prefixes(pattern, text: str) -> list[str]:
    """Every match of ``pattern`` at the start of ``text``, longest first (an alternation returns
    the first that matches; a shorter one may be the word when the longer runs into the next)."""
    out = []
    end = len(text)
    while end > 0:
        m = pattern.match(text, 0, end)
        if not m or not m.group():
            break
        out.append(m.group())
        end = m.end() - 1
    return out


def _continues_word(organ: str, after: str) -> bool:
    if not after:
        return False
    for suffix, starts in _data()["word_continues"].items():
        if organ.endswith(suffix) and any(after.startswith(s) for s in starts):
            return True
    return False


def organ_at(rest: str) -> tuple[str, str] | None:
    """(kind, organ) at the start of ``rest``: government, party, department (sector + suffix, a
    party committee's 工作机关 or a short form) or collective (公安机关); None when what follows is
    not an organ's name."""
    p = _patterns()
    found = _longest([("department", p["department"]), ("department", p["party_department"]),
                      ("department", p["short"]), ("government", p["government"]), ("party", p["party"]),
                      ("collective", p["collective"])], rest)
    if found and found[0] == "party" and rest[len(found[1]):][:1] in ("员",):
        return None
    return found


def organ_key(organ: str) -> str:
    """The long form of an organ, for comparing names: 发改委 → 发展和改革委员会, 政府 → 人民政府."""
    short = _data()["short_forms"]
    organ = short.get(organ, organ)
    if organ in ("政府", "人民政府"):
        return "人民政府"
    if organ in ("党委", "委", "委员会"):
        return "委员会"
    return organ


def _bounded_place(text: str, position: int) -> tuple[str, tuple] | None:
    """The longest division form at ``position`` that stands as a word: a short form (淳安)
    followed by a township suffix, a road, an institution or a company is part of that name."""
    for length in range(min(14, len(text) - position), 1, -1):
        form = text[position:position + length]
        units = gazetteer.lookup(form)
        if not units:
            continue
        after = text[position + length:]
        if _patterns()["not_government"].match(after) and organ_at(after) is None:
            return None
        full = any(u.name == form for u in units)
        if not full and rx.match(r"(?:街道|镇|乡|苏木|\p{Han}{1,3}?(?:路|街)街道)", after):
            return None
        return form, units
    return None


def parse_unit(text: str, context: set[str] | frozenset = frozenset(), sector_ok: bool = False) -> Unit | None:
    """The unit a short text starts with: [中共]place[place…][organ] (某市政府, 某县司法局,
    中共某县委、某县人民政府, 某某街道, 某区发展和改革委员会), or None when it does not
    start with one.  ``sector_ok``: a place followed by a sector word alone (某市交通…) stands for
    that sector's department (only the first sentence speaks so)."""
    text = text.strip()
    party = _PARTY_PREFIX.match(text) or _CENTRAL_PREFIX.match(text)
    body = text[party.end():] if party else text
    places: list[str] = []
    position = 0
    while True:
        found = _bounded_place(body, position)
        if not found:
            break
        organ = organ_at(body[position:])
        if organ and len(organ[1]) > len(found[0]):
            break  # 公安局 is an organ, not the county 公安 followed by 局
        places.append(found[0])
        position += len(found[0])
    p = _patterns()
    township = p["township"].match(body, position)
    if township is None and places and not any(u.name == places[-1] for u in gazetteer.lookup(places[-1])):
        # A short county name that is the first part of a township's name (淳安街道 is no county).
        township = p["township"].match(body, position - len(places[-1]))
    if township and not township.group().startswith(("全", "本", "各", "乡镇", "城镇", "城乡")) and not _NOT_A_NAME.search(township.group()):
        name_end = township.end()
        organ = _longest([("township", p["township_organ"])], body[name_end:])
        organ_text = organ[1] if organ else ""
        department = organ_at(body[name_end:]) if not organ_text else None
        level, kind = TOWNSHIP, "township"
        if department and department[0] == "department":
            organ_text, level, kind = department[1], DEPARTMENT, "department"
        name = body[:name_end] + organ_text
        return Unit(name=(party.group() if party else "") + name, kind=kind, level=level, organ=organ_text,
                    organ_key=organ_key(organ_text), place=body[township.start():name_end],
                    length=(party.end() if party else 0) + len(name))
    if not places:
        unlisted = _UNLISTED_PLACE.match(body) or _UNLISTED_CITY.match(body)
        if not unlisted or _NOT_A_NAME.search(unlisted["name"]) or unlisted["name"].startswith(("自治", "全", "本", "各")):
            return None
        place_text, unit = unlisted["name"], None
        level = LEVEL_OF_KIND[unlisted["kind"]] if unlisted["kind"] != "市" else None
        position = unlisted.end()
    else:
        place_text = body[:position]
        unit = gazetteer.best(places[-1], set(context) | set(places))
        level = unit.level if unit else None
    rest = body[position:]
    zone = _ZONE.match(rest)
    if zone and not (rest[:zone.end()].startswith(places[-1]) if places else False):
        name = body[:position + zone.end()]
        return Unit(name=(party.group() if party else "") + name, kind="zone", level=None, organ=zone.group(),
                    organ_key=zone.group(), place=name, length=(party.end() if party else 0) + len(name))
    organ = organ_at(rest)
    if organ is None and p["not_government"].match(rest):
        return None
    kind = "place"
    organ_text = ""
    if organ:
        kind, organ_text = organ
        if kind in ("department", "collective"):
            level, kind = DEPARTMENT, "department"
            while True:  # a unit of a department (公安局交通警察支队): the name runs on
                more = organ_at(rest[len(organ_text):])
                if not more or more[0] != "department":
                    break
                organ_text += more[1]
            branch = p["branch"].match(rest, len(organ_text))
            if branch and not _continues_word(branch.group(), rest[branch.end():]):
                organ_text = rest[:branch.end()]  # 生态环境局某某分局: the branch, not its parent bureau
    elif sector_ok:
        sector = p["sector"].match(rest)
        if sector and sector.group() not in ("政府", "人民政府", "法制") and _SECTOR_WORK.match(rest, sector.end()):
            kind, organ_text, level = "sector", sector.group(), DEPARTMENT
    name = place_text + organ_text
    found = Unit(name=(party.group() if party else "") + name, kind=kind, level=level, organ=organ_text,
                 organ_key=organ_key(organ_text), place=unit.name if unit else place_text,
                 region=unit.code if unit else None, length=(party.end() if party else 0) + len(name))
    return _joint(found, body[len(name):], context)


def _joint(found: Unit, rest: str, context) -> Unit:
    """中共某县委、某县人民政府 / 某区委教育工作委员会 某区教育委员会: two organs of one place
    report together; the name keeps both."""
    joiner = _JOINER.match(rest)
    if not joiner or not found.organ:
        return found
    after = rest[joiner.end():]
    partner = parse_unit(after, context)
    if partner is None:
        organ = organ_at(after)  # 县委、县人民政府: the second organ without its place
        if organ and organ[0] in ("government", "party", "department"):
            partner = Unit(name=organ[1], kind=organ[0], level=DEPARTMENT if organ[0] == "department" else found.level,
                           organ=organ[1], organ_key=organ_key(organ[1]), place=found.place, region=found.region,
                           length=len(organ[1]))
    if partner is None or (partner.region or partner.place) != (found.region or found.place) or not partner.organ:
        return found
    sep = "、" if joiner.group().strip() in ("", "、") else joiner.group().strip()
    joint = Unit(name=f"{found.name}{sep}{partner.name}", kind=found.kind, level=found.level, organ=found.organ,
                 organ_key=found.organ_key, place=found.place, region=found.region,
                 length=found.length + joiner.end() + partner.length)
    if DEPARTMENT in (found.level, partner.level):
        joint.level, joint.kind = DEPARTMENT, "department"
        if partner.level == DEPARTMENT and found.level != DEPARTMENT:
            joint.organ, joint.organ_key = partner.organ, partner.organ_key
    return joint


def relative_at(text: str) -> Relative | None:
    """区政府、我县、全省、县委、市司法局、全市公安机关、我局: the kind of place and the organ, without
    a place.  A bare 市场… (no 全/我/本 and no organ) is not a self-reference."""
    text = text.strip()
    pronoun = _PRONOUN.match(text)
    if pronoun:
        return Relative(kind="", organ=pronoun["organ"], level=DEPARTMENT, pronoun=True, text=pronoun.group())
    m = _RELATIVE.match(text)
    if not m:
        return None
    rest = text[m.end():]
    organ = organ_at(rest)
    if organ is None and m["prefix"] is None:
        return None
    level = LEVEL_OF_KIND[m["kind"]]
    organ_text = organ[1] if organ else ""
    if organ and organ[0] in ("department", "collective"):
        level = DEPARTMENT
    return Relative(kind=m["kind"], organ=organ_text, level=level, pronoun=False, text=m.group() + organ_text)


_LEAD = rx.compile(r"^(?:(?:19|20)\d{2}\s*年度?(?:以来)?|今年以来|一年来|过去一年|本年度)\s*[,，、]?\s*")
# A framing clause before the year lead: 根据…，以及…，2023年，某某街道…
_TO_YEAR_LEAD = rx.compile(r"^[^。]{0,240}?[,，]\s*(?=(?:19|20)\d{2}\s*年度?(?:以来)?\s*[,，])")
_CLAUSE = rx.compile(r"^(?:在[^,，。]{0,80}?(?:下|中|上)|根据[^,，。]{0,120}?|按照[^,，。]{0,120}?"
                     r"|(?:面对|面临|紧紧围绕|围绕|立足|聚焦|紧扣)[^,，。]{0,80}?)\s*[,，]\s*")
_YEAR_IS = rx.compile(r"^(?:19|20)\d{2}\s*年是(?:《[^》]{0,60}》|[^,，。《]){0,200}?之年[,，]\s*")
# An organ named without a place: 司法部、国家税务总局 (a ministry reports in its own name).
_BARE_ORGAN = rx.compile(r"^(?:中华人民共和国)?(?P<organ>\p{Han}{1,10}?(?:部|总局|总署|委员会|署|局|厅))"
                         r"(?=党组|坚持|深入|认真|全面|紧紧|始终|围绕|按照|扎实|积极|不断|持续|聚焦|立足|着力|切实|以|在|[,，])")


def subject_of(sentence: str) -> str:
    """The first sentence without its lead (2023年，/2023年是…之年，) and framing clauses (在…领导下，,
    面对…形势，)."""
    rest = _TO_YEAR_LEAD.sub("", sentence.strip(), count=1)
    rest = _YEAR_IS.sub("", rest, count=1)
    rest = _LEAD.sub("", rest, count=1)
    for _ in range(4):
        stripped = _CLAUSE.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = _LEAD.sub("", stripped, count=1)
    return rest


def bare_organ(text: str) -> Unit | None:
    """司法部 / 国家税务总局 at the start of a sentence: a central organ reporting in its own name."""
    m = _BARE_ORGAN.match(text)
    if not m or _RELATIVE.match(text) or _PRONOUN.match(text):
        return None
    return Unit(name=m["organ"], kind="department", level=DEPARTMENT, organ=m["organ"], organ_key=m["organ"], length=m.end())


# ---------------------------------------------------------------- resolution

def _compatible(a: Unit, b: Unit) -> bool:
    """Two names of the same unit: the same place (or one place inside the other's name) and the
    same organ, where a place alone stands for its government or party committee."""
    if a.name == b.name:
        return True
    same_place = (a.region and a.region == b.region) or (a.place and b.place and (a.place in b.place or b.place in a.place))
    if not same_place:
        return False
    if a.level == DEPARTMENT or b.level == DEPARTMENT:
        if a.level != b.level:
            return False
        if a.kind == "sector" or b.kind == "sector":
            sector = a.organ if a.kind == "sector" else b.organ
            return sector in (a.organ_key + b.organ_key)
        return a.organ_key == b.organ_key or a.organ_key in b.name or b.organ_key in a.name
    return a.level == b.level


def same_unit(a: Unit, b: Unit) -> bool:
    """Whether two parsed names name the same unit (see :func:`_compatible`)."""
    return bool(_compatible(a, b))


_SAME_LEVEL_KINDS = {COUNTY: ("区", "县", "旗", "市"), TOWNSHIP: ("镇", "乡", "街道")}


def _other_kind(relative: Relative, unit: Unit) -> bool:
    """A government-level self-reference whose kind of place (县) is not the kind the issuer's place
    is (某某区), both known and of one level."""
    kinds = _SAME_LEVEL_KINDS.get(unit.level, ())
    if relative.level == DEPARTMENT or relative.pronoun or relative.kind not in kinds or not unit.place:
        return False
    own = next((kind for kind in kinds if unit.place.endswith(kind)), None)
    return own is not None and own != relative.kind


def _supports(relative: Relative, unit: Unit) -> bool:
    """A self-reference (区政府 / 我局 / 市司法局) agrees with a unit of that level and organ; a
    municipality (province-level) calls itself 市 (我市, 市政府)."""
    if relative.level != unit.level:
        return bool(relative.level != DEPARTMENT and unit.level != DEPARTMENT and relative.kind and unit.place
                    and unit.place.endswith(relative.kind) and unit.level == PROVINCE)
    if relative.level == DEPARTMENT:
        if relative.pronoun:
            return unit.organ_key.endswith(relative.organ) or unit.organ.endswith(relative.organ)
        if not relative.organ:
            return False
        key = organ_key(relative.organ)
        if key != unit.organ_key and key not in unit.name and relative.organ not in unit.name:
            return False
        if relative.kind:
            unit_kind = gazetteer.best(unit.place).level if unit.place and gazetteer.lookup(unit.place) else None
            return unit_kind in (None, LEVEL_OF_KIND[relative.kind])
        return True
    return True


def number_supports(number: str, unit: Unit) -> bool:
    """Whether a 发文字号 (淳政发〔2024〕3号, 沪环法〔2023〕23号) may be this unit's: its 机关代字 is the
    unit's places, each by its first character or a province by its 简称, then the organ's 代字."""
    prefix = rx.sub(r"\s+", "", number.split("〔")[0].split("[")[0].split("(")[0].split("（")[0].split("【")[0])
    if not prefix or not unit.region:
        return False
    division = next((u for u in gazetteer.divisions() if u.code == unit.region), None)
    if division is None:
        return False
    data = _data()
    firsts = {gazetteer.short_name(name)[:1] for name in (division.name, division.province, division.prefecture or "") if name}
    firsts |= {k for k, v in data["province_abbreviations"].items() if v == division.province}
    position = 0
    while position < len(prefix) and prefix[position] in firsts:
        position += 1
    own = {gazetteer.short_name(division.name)[:1]}
    if division.level == PROVINCE:
        own |= {k for k, v in data["province_abbreviations"].items() if v == division.name}
    if not own & set(prefix[:position]):
        return False  # 杭政 is the prefecture's number, not its county's
    rest = prefix[position:]
    organs = data["number_organs"]
    if unit.level == DEPARTMENT:
        marks = [m for sector, ms in organs["department"].items() if unit.organ_key.startswith(sector) for m in ms]
        marks += [unit.organ_key[:1]] if unit.organ_key else []
        return any(rest.startswith(m) for m in marks)
    if unit.kind == "party":
        return any(rest.startswith(m) for m in organs["party"])
    return any(rest.startswith(m) for m in organs["government"])


def _weight(zone: str) -> float:
    return float(calibration().get("zones", {}).get(zone, {}).get("weight", 0.5))


def _confidence(table: dict, keys: list[str]) -> tuple[float | None, str | None]:
    """The measured precision of the first key with enough cases behind it."""
    minimum = int(calibration().get("min_cases", 5))
    for key in keys:
        row = table.get(key)
        if row and row.get("cases", 0) >= minimum:
            return float(row["precision"]), key
    return None, None


def measured(table: str, keys: list[str]) -> float | None:
    """The precision measured for the first of ``keys`` in one calibration table (date, level)."""
    return _confidence(calibration().get(table, {}), keys)[0]


def resolve(candidates: list[Candidate], place_text: str, addressee: str | None = None) -> Issuer:
    """One issuer from the candidates of every zone: each self-reference is first given a place and
    an organ from the other zones (or the places the text names most), then the name most zones
    agree with wins, each zone weighted by its measured reliability.  With no name and no
    self-reference at all, the 主送机关 (``addressee``) gives the level: a report goes to the level above."""
    candidates = _regional(candidates, place_text)
    units = grounded(candidates, place_text)
    relatives = [c for c in candidates if c.relative is not None]
    if not units and not relatives and addressee:
        return _below(addressee, place_text)
    for number in [c for c in candidates if c.zone == "doc_number"]:
        supported = [c for c in units if c.zone != "doc_number" and number_supports(number.text, c.unit)]
        if supported:  # a support only: it takes the name it agrees with
            best = max(supported, key=lambda c: _weight(c.zone))
            units.append(Candidate("doc_number", number.text, number.span, unit=best.unit))
    if not units:
        level = next((c.relative.level for c in sorted(relatives, key=lambda c: -_weight(c.zone))), None)
        issuer = Issuer(level=level)
        if level:
            issuer.level_source = "self_reference"
            issuer.level_confidence, _ = _confidence(calibration().get("level", {}), ["self_reference"])
        return issuer
    issuer = _choose(units, relatives)
    issuer.units = units
    return issuer


# A paragraph whose subject is the autonomous region's own government or party committee.
_REGION_SUBJECT = rx.compile(r"(?m)^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?\s*"
                             r"自治区(?:人民政府|政府|党委|主席)(?!办公厅)")


def _regional(candidates: list[Candidate], text: str) -> list[Candidate]:
    """我区 / 全区 in the report of an autonomous region (its paragraphs open with 自治区人民政府…,
    自治区党委…) is the region, not a district: a 区 that names no district of its own is read as
    自治区 when the text speaks as the region."""
    regional = [c for c in candidates if c.relative is not None and c.relative.kind == "区"
                and c.relative.level != DEPARTMENT]
    if not regional or not _REGION_SUBJECT.search(text):
        return candidates
    units = [c for c in candidates if c.unit is not None and c.zone != "doc_number"]
    if any(_ground(c.relative, units, text) is not None for c in regional):
        return candidates  # the 区 is a district the text names
    out = []
    for c in candidates:
        if c in regional:
            r = c.relative
            c = Candidate(c.zone, c.text, c.span, relative=Relative(
                kind="自治区", organ=r.organ, level=PROVINCE, pronoun=False, text=r.text))
        out.append(c)
    return out


# The level a report goes to, and so the level above the reporting government's: 国务院 for a
# province, 省委、省政府 for a city, 区委、区政府 / 县委、县政府 for a township.  A 市 is left alone (a
# district and a county-level city's township both report to a 市).
_BELOW = {PROVINCE: CITY, COUNTY: TOWNSHIP}


def _below(addressee: str, text: str) -> Issuer:
    to = addressee.strip()
    if any(to.startswith(central) for central in _data()["central_addressees"]):
        level = PROVINCE
    else:
        m = _RELATIVE.match(to)
        level = _BELOW.get(LEVEL_OF_KIND[m["kind"]]) if m and m["prefix"] is None else None
    if level is None:
        return Issuer()
    name = township_named_most(text) if level == TOWNSHIP else place_named_most(text, level, None)
    place = gazetteer.best(name) if name and level != TOWNSHIP else None
    issuer = Issuer(name=name, level=level, source="addressee" if name else None,
                    place=place.name if place else None, region=place.code if place else None, level_source="addressee")
    issuer.level_confidence, _ = _confidence(calibration().get("level", {}), ["addressee"])
    return issuer


def grounded(candidates: list[Candidate], place_text: str) -> list[Candidate]:
    """The candidates that name a unit, each self-reference given its place and organ (zone self_reference)."""
    units = [c for c in candidates if c.unit is not None and c.zone != "doc_number"]
    for candidate in candidates:
        if candidate.relative is None:
            continue
        unit = _ground(candidate.relative, units, place_text)
        if unit is not None:
            units.append(Candidate(zone="self_reference", text=candidate.text, span=candidate.span, unit=unit))
    return units


def _choose(units: list[Candidate], relatives: list[Candidate]) -> Issuer:
    best_key, best = None, None
    for candidate in units:
        if candidate.zone == "doc_number":
            continue  # a support for the names it agrees with, never chosen for itself
        zones = {other.zone for other in units if _compatible(candidate.unit, other.unit)}
        # A self-reference counts once, as the zone self_reference, whatever sentence it stands in.
        zones |= {"self_reference" for other in relatives if _supports(other.relative, candidate.unit)}
        score = (sum(_weight(z) for z in zones), _weight(candidate.zone), candidate.unit.kind != "place",
                 candidate.unit.length)
        if best_key is None or score > best_key:
            best_key, best = score, (candidate, zones)
    chosen, zones = best
    agreeing = [c for c in units if _compatible(chosen.unit, c.unit)]
    # The name as the report prints it (a self-reference's name is put together), the fullest first.
    named = max(agreeing, key=lambda c: (c.zone != "self_reference", c.unit.kind not in ("place", "sector"),
                                         _weight(c.zone), len(c.unit.name)))
    unit = named.unit
    pattern = "+".join(sorted(zones))
    table = calibration().get("issuer", {})
    confidence, _ = _confidence(table, [pattern, f"{chosen.zone}:{min(len(zones), 3)}", f"{chosen.zone}:any"])
    level_source = {"department": "organ", "township": "township"}.get(unit.kind, "division" if unit.region else "suffix")
    level_confidence, _ = _confidence(calibration().get("level", {}), [level_source])
    conflicts = [c for c in units if c.zone in _TEXT_ZONES and not _compatible(unit, c.unit)
                 and not any(_compatible(c.unit, a.unit) for a in agreeing if a.zone != c.zone)]
    # The subject of the first sentence naming itself relatively at another level (区政府 in a 街道's report).
    conflicts += [c for c in relatives if c.zone == "opening" and c.relative.level != unit.level
                  and not _supports(c.relative, unit)]
    # ... or at the same level under another kind of place (县政府 in a 区's report, 镇 in a 乡's):
    # the words of another unit's report left in.
    conflicts += [c for c in relatives if c.zone == "opening" and c.relative.level == unit.level
                  and _other_kind(c.relative, unit)]
    conflicts.sort(key=lambda c: c.span or (0, 0))
    return Issuer(name=unit.name, level=unit.level, source=chosen.zone, confidence=confidence,
                  place=unit.place if unit.region else None, region=unit.region, level_source=level_source,
                  level_confidence=level_confidence, pattern=pattern, agreeing=agreeing, conflicts=conflicts, unit=unit)


# The zones where the report names itself in its own words (a page table names its publisher).
_TEXT_ZONES = ("title", "signature", "issuer_mark", "opening")


def _ground(relative: Relative, units: list[Candidate], text: str) -> Unit | None:
    """区司法局 / 我局 / 全市公安机关 / 区政府办 → a unit: the place from the other zones' units of that
    level (else the place of that level the text names most), the organ from the self-reference or,
    for a pronoun, from the text's own self-references with a place kind (区司法局 for 我局)."""
    organ = relative.organ
    kind = relative.kind
    if relative.pronoun:
        same = [c.unit for c in units if c.unit.level == DEPARTMENT and c.unit.organ.endswith(organ)]
        if same:
            return None  # the absolute names agree with it (see _supports)
        named = _self_named_organ(text, organ)
        if named is None:
            return None
        kind, organ = named
    level = LEVEL_OF_KIND.get(kind)
    if level == TOWNSHIP:
        place = next((c.unit.place for c in units if c.unit.level == TOWNSHIP), None) or township_named_most(text)
        if not place:
            return None
        return Unit(name=place + (organ if relative.level == DEPARTMENT else ""), kind="department" if relative.level == DEPARTMENT else "township",
                    level=relative.level, organ=organ, organ_key=organ_key(organ), place=place, length=0)
    place = None
    for candidate in units:
        region = candidate.unit.region
        if region:
            unit = next((u for u in gazetteer.divisions() if u.code == region), None)
            if unit and unit.level == level and (not kind or unit.name.endswith(kind) or kind in ("区", "县")):
                place = unit
                break
    if place is None:
        name = place_named_most(text, level, kind)
        place = gazetteer.best(name) if name else None
    if place is None:
        return None
    organ_text = organ if organ else ""
    unit_level = relative.level
    unit_kind = "department" if unit_level == DEPARTMENT else ("government" if organ_text else "place")
    return Unit(name=place.name + organ_text, kind=unit_kind, level=unit_level, organ=organ_text, organ_key=organ_key(organ_text),
                place=place.name, region=place.code, length=0)


_KIND_BEFORE_ORGAN = rx.compile(r"(?P<kind>省|市|区|县|州|旗)(?=\p{Han})")


def _self_named_organ(text: str, suffix: str) -> tuple[str, str] | None:
    """The organ a text calls itself by with a place kind (区司法局, 市生态环境局) whose name ends
    like the pronoun (我局 → …局); the one named most."""
    counts: Counter[tuple[str, str]] = Counter()
    for m in _KIND_BEFORE_ORGAN.finditer(text[:20000]):
        organ = organ_at(text[m.end():m.end() + 16])
        if organ and organ[0] == "department" and organ[1].endswith(suffix) and not organ[1].startswith(("委", "党委")):
            counts[(m["kind"], organ[1])] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


# A place after these words is another place the report speaks of (到某区学习, 赴外地考察).
_ELSEWHERE = ("到", "赴", "前往", "至", "与", "同", "向", "来自")


def place_named_most(text: str, level: str, kind: str | None) -> str | None:
    """The full name of the division of ``level`` (matching ``kind``: 区/县/市…) that the text names
    most often, each form counted only where it stands as a word."""
    counts: Counter[str] = Counter()
    forms = [(start, form) for start, _, form in gazetteer.find_places(text)]
    context = {form for _, form in forms}
    for start, form in forms:
        if _bounded_place(text, start) is None or text[max(0, start - 2):start].endswith(_ELSEWHERE):
            continue
        unit = gazetteer.best(form, context)
        if unit is None or unit.level != level:
            continue
        if kind and not unit.name.endswith(kind) and kind not in ("区", "县"):
            continue
        counts[unit.name] += 2 if form == unit.name else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


_TOWNSHIP_SUFFIX = rx.compile(r"(?:镇|乡|街道)")
_NOT_TOWNSHIPS = {"乡镇", "城镇", "城乡"}


def township_named_most(text: str) -> str | None:
    """某某镇 from 在某某镇落地生根、某某镇委党校: each 镇/乡/街道 votes for the two- and three-character
    names before it; the name that recurs wins."""
    counts: Counter[str] = Counter()
    for m in _TOWNSHIP_SUFFIX.finditer(text[:20000]):
        for length in (2, 3):
            name = text[max(0, m.start() - length):m.end()]
            if rx.fullmatch(r"\p{Han}+", name) and name not in _NOT_TOWNSHIPS and name[0] not in "全我本各该乡城在及与的":
                counts[name] += 1
    best = [(c, len(n), n) for n, c in counts.items() if c >= 2]
    return max(best)[2] if best else None
