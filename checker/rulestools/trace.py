"""``fzcheck rules coverage``: which spec clauses the rules enforce, and which they do not."""
from __future__ import annotations

import json

from ..engine.ruleset import Ruleset


def matrix(ruleset: Ruleset) -> dict:
    by_clause: dict[str, list[str]] = {cid: [] for cid in sorted(ruleset.clauses)}
    unknown: list[dict] = []
    for rule in ruleset.rules:
        for clause in rule.spec:
            if clause in by_clause:
                by_clause[clause].append(rule.id)
            else:
                unknown.append({"rule": rule.id, "clause": clause})
    clauses = [{"id": cid, "document": ruleset.clauses[cid].get("document", ""),
                "article": ruleset.clauses[cid].get("article", ""), "summary": ruleset.clauses[cid].get("summary", ""),
                "verified": bool(ruleset.clauses[cid].get("verified")), "rules": rules}
               for cid, rules in by_clause.items()]
    return {
        "clauses": clauses,
        "uncovered_clauses": [c["id"] for c in clauses if not c["rules"]],
        "rules_without_clause": sorted(r.id for r in ruleset.rules if not r.spec),
        "unknown_clause_refs": unknown,
        "totals": {"clauses": len(clauses), "covered": sum(1 for c in clauses if c["rules"]), "rules": len(ruleset.rules)},
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_markdown(data: dict) -> str:
    totals = data["totals"]
    lines = ["# 规范条款与规则对照表", "",
             f"条款 {totals['clauses']} 条，有规则执行的 {totals['covered']} 条；规则 {totals['rules']} 条。", "",
             "| 条款 | 出处 | 内容 | 已核实 | 执行的规则 |", "|---|---|---|---|---|"]
    for clause in data["clauses"]:
        rules = "、".join(f"`{r}`" for r in clause["rules"]) or "**（无）**"
        summary = clause["summary"].replace("|", "｜")
        lines.append(f"| `{clause['id']}` | {clause['document']}{clause['article']} | {summary} | "
                     f"{'是' if clause['verified'] else '否'} | {rules} |")
    if data["rules_without_clause"]:
        lines += ["", "没有引用条款的规则：" + "、".join(f"`{r}`" for r in data["rules_without_clause"])]
    return "\n".join(lines) + "\n"


def to_text(data: dict) -> str:
    lines = []
    for clause in data["clauses"]:
        lines.append(f"{clause['id']:40} {', '.join(clause['rules']) or '-- 无规则 --'}")
    totals = data["totals"]
    lines.append(f"条款 {totals['clauses']} 条，有规则 {totals['covered']} 条，无规则 {len(data['uncovered_clauses'])} 条；"
                 f"未引用条款的规则 {len(data['rules_without_clause'])} 条")
    return "\n".join(lines) + "\n"
