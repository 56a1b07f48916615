"""Assigns each section the content item of the annual report it covers (its role).

Heading synonyms are data (``data/roles.yaml``).  Two structural rules come on top of the
synonyms: unnamed thematic level-one parts (坚持…, 健全…) that stand before the problems part are
achievements; a level-two heading inside achievements may be the first-responsible part.  A
first-responsible sub-item (（二）切实履行推进法治建设第一责任人职责) inside an unnamed thematic part does
not make that part anything but achievements: the sub-item is the first-responsible part inside it.
In a text that breaks off before any problems or plans part, the unnamed level-one parts after the
achievements part are achievements too.
"""
from __future__ import annotations

from functools import lru_cache


from ..patterns import rx
from ..base.yamlsafe import package_data

from .model import Section


@lru_cache(maxsize=1)
def role_table() -> tuple[list[str], dict[str, list], dict[str, str]]:
    raw = package_data("document", "roles")
    patterns = {role: [rx.compile(p) for p in spec["patterns"]] for role, spec in raw["roles"].items()}
    labels = {role: spec["label"] for role, spec in raw["roles"].items()}
    return raw["order"], patterns, labels


@lru_cache(maxsize=1)
def _lead_table() -> dict[str, list]:
    raw = package_data("document", "roles")
    return {role: [rx.compile(p) for p in spec.get("leads", [])] for role, spec in raw["roles"].items()}


def role_of_lead(clause: str) -> str | None:
    """The part a lead sentence's closing clause announces (主要做了以下工作 → achievements), or None."""
    order, _, _ = role_table()
    leads = _lead_table()
    for role in order:
        if any(p.search(clause) for p in leads[role]):
            return role
    return None


def role_of_heading(words: str) -> str | None:
    order, patterns, _ = role_table()
    for role in order:
        if any(p.search(words) for p in patterns[role]):
            return role
    return None


def assign_roles(sections: list[Section], top: bool = True, cut: bool = False) -> None:
    """Sets ``role`` and ``role_source`` on the top-level sections and, where it applies, their children.
    ``cut``: the text breaks off (checker/document/completeness.py), so the parts that would close the
    achievements (problems, plans) may lie past the break."""
    _named_and_thematic(sections)
    if top and cut:
        _excerpt_achievements(sections)
    if top and not any(s.role not in ("none", "first_responsible") for s in _walk(sections)):
        # No part other than the first-responsible one is named anywhere (an excerpt, or a report
        # of thematic parts only): the unnamed level-one parts report achievements, and a
        # first-responsible sub-item inside one of them is the first-responsible part within.
        for section in sections:
            if section.role == "none":
                section.role, section.role_source = "achievements", "thematic"
                _first_responsible_inside(section)


def _excerpt_achievements(sections: list[Section]) -> None:
    """A text cut off before any problems or plans part: the unnamed level-one parts after the
    achievements part (一、主要举措和成效 or a thematic 一、坚持党的领导…, then 二、完善政府机构职能体系…)
    carry on reporting achievements up to the break."""
    if any(s.role in ("shortcomings", "next_year", "other") for s in sections):
        return
    first = next((i for i, s in enumerate(sections) if s.role == "achievements"), None)
    if first is None:
        return
    for section in sections[first + 1:]:
        if section.role == "none":
            section.role, section.role_source = "achievements", "thematic"
            _first_responsible_inside(section)


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.children)


def _named_and_thematic(sections: list[Section]) -> None:
    for section in sections:
        role = role_of_heading(section.heading.text)
        if role is None and not section.heading.marker:
            # A part opened by a lead sentence (主要做了以下工作): its closing clause names it.
            role = role_of_lead(section.heading.text)
        if role:
            section.role, section.role_source = role, "heading"
    _thematic_achievements(sections)
    for section in sections:
        if section.role == "achievements":
            _first_responsible_inside(section)
    if not any(s.role != "none" for s in sections):
        # Top headings name no part: the parts may sit one level down (a report under one umbrella heading).
        for section in sections:
            _named_and_thematic(section.children)


def _thematic_achievements(sections: list[Section]) -> None:
    """Level-one parts with no part name before the first problems/plans part (or, in an excerpt
    without them, before the closing 其他需要报告的情况) report achievements."""
    boundary = next((i for i, s in enumerate(sections) if s.role in ("shortcomings", "next_year", "other")), None)
    if boundary is None or not any(s.role == "none" for s in sections[:boundary]):
        return
    for section in sections[:boundary]:
        if section.role == "none":
            section.role, section.role_source = "achievements", "thematic"


def _first_responsible_inside(section: Section) -> None:
    _, patterns, _ = role_table()
    for child in section.children:
        if any(p.search(child.heading.text) for p in patterns["first_responsible"]):
            child.role, child.role_source = "first_responsible", "inside_achievements"
