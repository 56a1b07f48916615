"""A score an evaluator would recognise, configured as data (``score:`` in a profile or the
project configuration), never in code.

  start       the full score (100)
  deduct      points per failing result by severity (error 10, warning 3, info 0)
  groups      indicator groups {name: {cap, rules: [id or prefix.*]}}: a group never loses more
              than its cap, scaled by the share of its rules that apply (not_applicable rules are
              taken out, not counted as passed)
  veto        {cap, rules, missing_parts}: when one of these rules fails, or at least
              ``missing_parts`` of the five required parts are missing, the score is at most ``cap``
  bonus       {rule id: points} added when the rule passes (never above ``start``)

Waived and baseline results do not count, exactly as for the verdict.
"""
from __future__ import annotations

from fnmatch import fnmatchcase

from ..results import RuleResult

PART_RULES = ("part.achievements", "part.shortcomings", "part.first_responsible", "part.next_year")
# The ``score:`` block's schema is part of the configuration's (checker/schema/config.schema.json, $defs/score).


_GROUP_MEMO: dict[int, tuple[dict, dict[str, str | None]]] = {}  # id(groups) → (groups, rule id → group)


def _group_of(rule_id: str, groups: dict) -> str | None:
    """The score group a rule belongs to, remembered per configuration (matched by glob patterns,
    the same answer for every report of a round)."""
    entry = _GROUP_MEMO.get(id(groups))
    if entry is None or entry[0] is not groups:
        if len(_GROUP_MEMO) >= 16:
            _GROUP_MEMO.clear()
        entry = _GROUP_MEMO[id(groups)] = (groups, {})
    memo = entry[1]
    if rule_id not in memo:
        memo[rule_id] = next((name for name, group in groups.items()
                              if any(fnmatchcase(rule_id, p) for p in group["rules"])), None)
    return memo[rule_id]


def compute(results: list[RuleResult], config: dict) -> dict:
    start = config.get("start", 100)
    deduct = {"error": 10, "warning": 3, "info": 0, **config.get("deduct", {})}
    groups = config.get("groups", {})
    lost: dict[str, float] = {name: 0.0 for name in groups}
    members: dict[str, list[RuleResult]] = {name: [] for name in groups}
    ungrouped = 0.0
    for result in results:
        name = _group_of(result.rule_id, groups)
        if name:
            members[name].append(result)
        if not result.counts_against:
            continue
        points = deduct.get(result.severity, 0)
        if name:
            lost[name] += points
        else:
            ungrouped += points
    breakdown = {}
    total_lost = ungrouped
    for name, group in groups.items():
        rules = members[name]
        applicable = [r for r in rules if r.status != "not_applicable"]
        cap = group["cap"] * (len(applicable) / len(rules) if rules else 0)
        taken = min(lost[name], cap)
        breakdown[name] = {"lost": round(taken, 1), "cap": round(cap, 1)}
        total_lost += taken
    bonus = sum(points for rule_id, points in config.get("bonus", {}).items()
                if any(r.rule_id == rule_id and r.status == "pass" for r in results))
    total = max(0.0, min(start, start - total_lost + bonus))
    veto_config = config.get("veto", {})
    vetoes = [r.rule_id for r in results if r.counts_against and r.rule_id in veto_config.get("rules", [])]
    missing = [r.rule_id for r in results if r.rule_id in PART_RULES and r.counts_against]
    if len(missing) >= veto_config.get("missing_parts", 99):
        vetoes.append(f"缺少{len(missing)}个法定部分")
    if vetoes and "cap" in veto_config:
        total = min(total, veto_config["cap"])
    return {"total": round(total, 1), "groups": breakdown, "veto": vetoes, "bonus": bonus}
