"""Whether a saved page is the issuer's own publication or a re-post, from what the page says about
who published it (ingest/publisher.py) and the issuer resolved from the report (issuer.py).

A report is made public on its issuer's channel: a government's portal, or for a department its own
site or its government's portal (法治政府建设与责任落实督察工作规定, 2019; the 政府网站发展指引 puts a
township's pages on its county's portal).  A page elsewhere — a news site, a newspaper's page, a
higher or another office's site, a page marked 转载 — re-posts the report: its date is when that page
went up, not when the issuer published (it bounds that day from above only).

Each zone's name is parsed as place + organ by issuer.py (``parse_unit``, ``relative_at``) and
compared with the issuer's unit:

``site``, ``host``, the table's ``发布机构``  name whose page it is: own when it is the issuer, or the
    issuer's own government (or its office) for a department or a township; another body of the
    same place (another department, a party office) is another office's site;
``source``, ``author_unit``  name who supplied the text: a portal takes its government's report from
    the department that drafted it, so any body of the issuer's own place is consistent with the
    issuer's channel; a body of another place, or a news medium, is not.

The zones are weighed, strongest first: the site (whose page it is), a 转载 marker, the 发布机构, then
the sources.  Nothing parsed, or nothing known of the issuer: ``relation`` None, and the page's
date is read as today; so too when the issuer was resolved with less than the measured precision
the data file names (a publisher of another place may then be the issuer misread).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..base.vocab import DEPARTMENT, TOWNSHIP
from ..base.yamlsafe import package_data
from . import gazetteer
from . import issuer as issuer_mod
from .issuer import LEVEL_OF_KIND, Issuer, Relative, Unit

OWN, OTHER, UNKNOWN = "own", "other", "unknown"
OWN_PAGE, REPOST = "own", "repost"
# Zones that name whose page it is, and zones that name who supplied the text.
_SITE_ZONES = ("site", "host")
_PAGE_TABLE = "发布机构"
_SOURCE_ZONES = ("source", "author_unit")


@lru_cache(maxsize=1)
def _data() -> dict:
    return package_data("document", "publishers")


@dataclass
class Publisher:
    relation: str | None = None   # own | repost | None (not known: the page's date is read as today)
    name: str | None = None       # what the deciding zone printed (the site, the body, or 转载)
    zone: str | None = None       # the deciding zone: site | host | repost | 发布机构 | source | author_unit
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (zone, text, own | other | unknown)

    @property
    def reposted(self) -> bool:
        return self.relation == REPOST


def _host_verdict(host: str) -> str:
    data = _data()
    labels = host.lower().rstrip(".").split(".")
    for suffix in data["government_hosts"]:
        if labels[-len(suffix.split(".")):] == suffix.split("."):
            return UNKNOWN  # a government site, whose is not known from the host
    if any(labels[-len(s.split(".")):] == s.split(".") for s in data["commercial_hosts"]) and len(labels) >= 2:
        return OTHER
    return UNKNOWN


def _strip_site(name: str) -> tuple[str, bool]:
    for suffix in _data()["site_suffixes"]:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)], True
    return name, False


def _place_government(stem: str, context) -> Unit | None:
    """某省政务服务网 → that province's government: a leading place followed by a government site word."""
    found = gazetteer.find_places(stem[:14])
    if not found or found[0][0] != 0:
        return None
    form = found[0][2]
    if not any(stem[len(form):].startswith(w) for w in _data()["government_site_words"]):
        return None
    division = gazetteer.best(form, context)
    if division is None:
        return None
    return Unit(name=stem, kind="government", level=division.level, organ="人民政府", organ_key="人民政府",
                place=division.name, region=division.code, length=len(stem))


def _is_government(unit: Unit) -> bool:
    """The place's government itself, its office (人民政府办公室), or the place alone (its portal)."""
    return unit.kind in ("government", "place", "township") or "政府" in unit.organ


def _channel(unit: Unit, issuer: Unit) -> bool:
    """For a name of the issuer's own place: whether the page is on the issuer's own channel (the
    issuer itself, or its government's portal for a department or a township's body)."""
    if issuer_mod.same_unit(unit, issuer):
        return True
    if issuer.level == DEPARTMENT:
        return _is_government(unit)
    return _is_government(unit) or (unit.kind == "party" and issuer.kind in ("government", "party", "place"))


def _unit_relation(unit: Unit, issuer: Unit, strict: bool, issuer_name: str) -> str:
    if issuer_mod.same_unit(unit, issuer):
        return OWN
    if "zone" in (unit.kind, issuer.kind):
        return UNKNOWN  # a development zone's bodies: the division data do not place them
    if issuer.level == TOWNSHIP or issuer.kind == "township" or (issuer.level == DEPARTMENT and not issuer.region):
        if unit.level == TOWNSHIP or unit.kind == "township":
            if unit.place and issuer.place:
                return OWN if unit.place == issuer.place else OTHER
            return UNKNOWN
        # A township's pages are on its county's portal: own when the issuer's name holds that place.
        if unit.place and (unit.place in issuer_name or gazetteer.short_name(unit.place) in issuer_name):
            return OWN if (not strict or _is_government(unit)) else OTHER
        return UNKNOWN
    if unit.level == TOWNSHIP or unit.kind == "township":
        return OTHER if unit.place and issuer.region else UNKNOWN
    if unit.region and issuer.region:
        if unit.region != issuer.region:
            return OTHER
        return OWN if (not strict or _channel(unit, issuer)) else OTHER
    if unit.place and issuer.place and unit.place == issuer.place:
        return OWN if (not strict or _channel(unit, issuer)) else OTHER
    return UNKNOWN


def _relative_relation(relative: Relative, issuer: Unit, strict: bool) -> str:
    """区政府 / 市委依法治市办 / 自治区党委…: its kind of place against the issuer's place."""
    if relative.pronoun or not relative.kind:
        return UNKNOWN
    division = next((d for d in gazetteer.divisions() if d.code == issuer.region), None) if issuer.region else None
    if division is None:
        if issuer.level == TOWNSHIP or issuer.kind == "township":
            kind_level = LEVEL_OF_KIND.get(relative.kind)
            return OWN if kind_level == TOWNSHIP or (not strict and kind_level is not None) else UNKNOWN
        return UNKNOWN
    same_place = division.name.endswith(relative.kind) or LEVEL_OF_KIND.get(relative.kind) == division.level
    if not same_place:
        return OTHER
    if not strict:
        return OWN
    organ = relative.organ
    government = organ == "" or "政府" in organ
    if issuer.level == DEPARTMENT:
        return OWN if government or (organ and organ in issuer.name) else OTHER
    return OWN if government or organ.startswith(("委", "党委")) else OTHER


def _name_verdict(name: str, issuer: Issuer, strict: bool, context) -> str:
    data = _data()
    name = name.strip()
    if not name or name in data["unnamed"]:
        return UNKNOWN
    if any(word in name for word in data["media_words"]):
        return OTHER
    if issuer.unit is None or (issuer.confidence or 0.0) < float(data["min_issuer_confidence"]):
        return UNKNOWN  # the issuer is not known well enough to call another body's page a re-post
    stem, site = _strip_site(name)
    unit = issuer_mod.parse_unit(stem, context)
    if site and (unit is None or (unit.kind == "place" and unit.length < len(stem))):
        unit = _place_government(stem, context) or (None if unit is None or unit.length < len(stem) else unit)
    if unit is not None:
        if site and unit.kind == "place" and unit.length >= len(stem):
            return OTHER  # a site named after a place alone (某某网): a news portal, no government's site
        if unit.length < len(stem) - 1 and unit.kind == "place":
            return UNKNOWN  # a place followed by words that are no organ
        return _unit_relation(unit, issuer.unit, strict, issuer.name or "")
    relative = issuer_mod.relative_at(stem)
    if relative is not None:
        return _relative_relation(relative, issuer.unit, strict)
    return UNKNOWN


def judge(evidence: list[tuple[str, str]], table_publisher: str | None, issuer: Issuer,
          context: set[str] | frozenset = frozenset()) -> Publisher:
    """Whether the page is the issuer's own publication (``evidence``: Source.publisher;
    ``table_publisher``: the 政务公开 table's 发布机构)."""
    rows: list[tuple[str, str, str]] = []
    for zone, text in evidence + ([(_PAGE_TABLE, table_publisher)] if table_publisher else []):
        if zone == "host":
            verdict = _host_verdict(text)
        elif zone == "repost":
            verdict = OTHER
        else:
            verdict = _name_verdict(text, issuer, zone not in _SOURCE_ZONES, context)
        rows.append((zone, text, verdict))
    out = Publisher(evidence=rows)

    def decide(zones: tuple[str, ...]) -> bool:
        found = [row for row in rows if row[0] in zones and row[2] != UNKNOWN]
        own = next((row for row in found if row[2] == OWN), None)
        other = next((row for row in found if row[2] == OTHER), None)
        if own is None and other is None:
            return False
        # One zone naming the issuer's own channel outweighs another naming someone else.
        zone, text, _ = own or other
        out.relation, out.name, out.zone = (OWN_PAGE if own else REPOST), text, zone
        return True

    for zones in (_SITE_ZONES, ("repost",), (_PAGE_TABLE,), _SOURCE_ZONES):
        if decide(zones):
            break
    if out.zone == "repost":
        named = next((text for zone, text, _ in rows if zone == "repost" and text != "转载"), None)
        source = next((text for zone, text, _ in rows if zone in _SOURCE_ZONES), None)
        out.name = named or source
    return out
