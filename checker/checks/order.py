"""``order``: the parts follow the regulation's order.

Parameters
  sequence   roles in the required order (default achievements, shortcomings, first_responsible,
             next_year); roles that are absent are skipped.
  may_lead   roles that may also stand before all the others (a first-responsible part first).
  nested_ok  roles whose part may sit inside another part (first_responsible inside achievements);
             such a nested part is not placed in the sequence.

Placeholders: {order} the order found, in Chinese.
"""
from __future__ import annotations

from ..base.vocab import REQUIRED_ORDER

from .base import Context, Mark, Outcome

TYPE = "order"
ROLE_NAMES = {"achievements": "成效", "shortcomings": "不足", "first_responsible": "第一责任人", "next_year": "安排",
              "other": "其他"}
_ROLES = {"enum": list(ROLE_NAMES)}
PARAMS = {"type": "object", "properties": {
    "sequence": {"type": "array", "items": _ROLES, "minItems": 2},
    "may_lead": {"type": "array", "items": _ROLES},
    "nested_ok": {"type": "array", "items": _ROLES},
}}
DEFAULTS = {"sequence": list(REQUIRED_ORDER), "may_lead": [],
            "nested_ok": []}
PATTERN_KEYS = ()
PLACEHOLDERS = ("order",)


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    params = ctx.params
    first: dict[str, object] = {}
    for section in ctx.doc.sections:
        if section.role in params["sequence"] and section.role not in first:
            first[section.role] = section
    placed = sorted(first.items(), key=lambda item: item[1].start)
    if placed and placed[0][0] in params["may_lead"] and len(placed) > 1:
        placed = placed[1:]
    found = [role for role, _ in placed]
    expected = [role for role in params["sequence"] if role in found]
    values = {"order": " → ".join(ROLE_NAMES[r] for r in found)}
    if found == expected:
        return Outcome("pass", values)
    findings = []
    for position, (role, section) in enumerate(placed):
        if expected[position] != role:
            heading = section.heading
            findings.append(Mark(heading.start, heading.end, f"“{ROLE_NAMES[role]}”部分的位置不符合规定顺序"))
            break
    return Outcome("fail", values, findings=findings)
