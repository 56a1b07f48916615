"""``fzcheck rules diff``: what a rule change does to real documents.

The base rule set comes from a git ref (``git archive`` of rules/ and specs/ at that ref) or from a
folder.  Both rule sets check the same corpus, as one batch (the batch rules compare its reports
with each other, as ``fzcheck check`` does); the diff lists, per document and per rule, status
changes and findings added, removed or changed (matched by fingerprint), and verdict changes.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..base.errors import UsageError
from ..base.vocab import DEFAULT_SIMILARITY
from ..run.pipeline import Checker
from ..results import Finding, Report, RuleResult
from ..run.round import Round
from ..engine.ruleset import ALL_BUNDLED, Ruleset, bundled_packs, default_rules_dir, default_specs_dir, load_ruleset
from ..writers.common import SEVERITY_ZH, STATUS_ZH, VERDICT_ZH


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout
    except FileNotFoundError as exc:
        raise UsageError("找不到 git 命令", "git is not installed") from exc
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git 命令失败：{message}", f"git failed: {message}") from exc


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top)
        return True
    except ValueError:
        return False


def base_ruleset(base: str, rule_paths: list[str] | None, workdir: Path, specs: list[str] | None = None) -> Ruleset:
    """The rule set at ``base``: a folder of rule files, or a git ref of the repository.

    With a git ref, the project's rule files and clause catalogues are taken as they were at that
    ref (``git archive``); bundled packs named in the list (``core``, ``expert``) are the installed
    ones on both sides.  A folder base uses the ``specs`` folder beside it when there is one."""
    if Path(base).is_dir():
        beside = Path(base).parent / "specs"
        return load_ruleset([base], [beside] if beside.is_dir() else specs)
    bundled = bundled_packs()
    is_name = lambda p: not Path(p).exists() and (p in bundled or p == ALL_BUNDLED)  # noqa: E731
    own = [Path(p) for p in rule_paths or [] if not is_name(p)]
    names = [p for p in rule_paths or [] if is_name(p)]
    own_specs = [Path(p) for p in specs or []]
    if not rule_paths:
        own = [default_rules_dir()]
        beside = default_rules_dir().resolve().parent / "specs"
        own_specs = own_specs or ([beside] if beside.is_dir() and beside != default_specs_dir().resolve() else [])
    if not own:
        return load_ruleset(names, specs)
    top = Path(_git(["rev-parse", "--show-toplevel"], own[0].resolve().parent).decode().strip())
    wanted = [os.path.relpath(p.resolve(), top) for p in own if _inside(p, top)]
    if not wanted:
        raise UsageError("规则文件不在 git 仓库中，无法按引用取旧版本", "the rule files are not inside the git repository")
    listed = _git(["ls-tree", "-r", "--name-only", base, "--", *wanted], top).decode().split()
    if not listed:
        raise UsageError(f"{base} 中没有规则文件（{', '.join(wanted)}）", f"no rule files at {base}")
    spec_rels = [os.path.relpath(p.resolve(), top) for p in own_specs if _inside(p, top)]
    # A ref that predates a catalogue uses today's.
    spec_rels = [rel for rel in spec_rels if _git(["ls-tree", "--name-only", base, "--", rel], top).strip()]
    archive = _git(["archive", "--format=tar", base, "--", *wanted, *spec_rels], top)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(workdir, filter="data")
    old_specs = [workdir / rel for rel in spec_rels if (workdir / rel).exists()]
    old_specs += [p for p in own_specs if os.path.relpath(p.resolve(), top) not in spec_rels]
    old_rules = [*names, *(workdir / rel for rel in wanted if (workdir / rel).exists())]
    return load_ruleset(old_rules, old_specs)


def _findings(result: RuleResult | None) -> dict[str, Finding]:
    return {f.fingerprint: f for f in (result.findings if result else [])}


def _brief(finding: Finding) -> dict:
    return {"line": finding.place.line, "column": finding.place.column, "severity": finding.severity,
            "message": finding.message, "excerpt": finding.excerpt}


def compare(old: Report, new: Report) -> dict:
    old_results = {r.rule_id: r for r in old.results}
    new_results = {r.rule_id: r for r in new.results}
    rules = []
    for rule_id in list(dict.fromkeys([*old_results, *new_results])):
        before, after = old_results.get(rule_id), new_results.get(rule_id)
        old_f, new_f = _findings(before), _findings(after)
        change = {
            "rule_id": rule_id,
            "old_status": before.status if before else None,
            "new_status": after.status if after else None,
            "old_severity": before.severity if before else None,
            "new_severity": after.severity if after else None,
            "old_message": before.message if before else None,
            "new_message": after.message if after else None,
            "added": [_brief(new_f[k]) for k in new_f if k not in old_f],
            "removed": [_brief(old_f[k]) for k in old_f if k not in new_f],
            "changed": [{"old": _brief(old_f[k]), "new": _brief(new_f[k])} for k in new_f
                        if k in old_f and (old_f[k].message, old_f[k].severity) != (new_f[k].message, new_f[k].severity)],
        }
        failing = "fail" in (change["old_status"], change["new_status"])
        if (change["old_status"] != change["new_status"] or change["added"] or change["removed"] or change["changed"]
                or (failing and _result_changed(change))):
            rules.append(change)
    return {"document": new.path, "old_verdict": old.verdict, "new_verdict": new.verdict, "rules": rules}


def _result_changed(change: dict) -> bool:
    """A failing rule whose severity or message changed (a warning made an error) is a change even
    when its status and findings stay the same."""
    return (change["old_severity"], change["old_message"]) != (change["new_severity"], change["new_message"])


def batch_rule_ids(ruleset: Ruleset) -> list[str]:
    return [rule.id for rule in ruleset.rules if rule.scope == "batch"]


def run(base: Ruleset, head: Ruleset, files: list[str]) -> dict:
    """Both rule sets on the corpus, as ``fzcheck check`` would check it as one batch: the batch
    rules (``scope: batch``) compare the corpus's reports with each other at the default
    ``--similar`` threshold, so a change to one shows like any other."""
    old_round = Round(Checker(ruleset=base, discover_config=False), files, similarity=DEFAULT_SIMILARITY)
    new_round = Round(Checker(ruleset=head, discover_config=False), files, similarity=DEFAULT_SIMILARITY)
    documents, unreadable = [], []
    for before, after in zip(old_round, new_round):
        if before.pending or after.pending:  # checked, waiting for the batch rules: it comes again
            continue
        if before.failure or after.failure:
            failure = before.failure or after.failure
            unreadable.append({"path": failure.path, "reason": f"{failure.zh} / {failure.en}"})
            continue
        diff = compare(before.checked.report, after.checked.report)
        if diff["rules"] or diff["old_verdict"] != diff["new_verdict"]:
            documents.append(diff)
    return {"base": {"name": base.name, "version": base.version, "sha256": base.digest},
            "head": {"name": head.name, "version": head.version, "sha256": head.digest},
            "batch_rules": {"rules": sorted(set(batch_rule_ids(base)) | set(batch_rule_ids(head))),
                            "compared": old_round.compares},
            "documents_checked": len(files) - len(unreadable), "unreadable": unreadable,
            "documents": documents, "totals": totals(documents)}


def totals(documents: list[dict]) -> dict:
    per_rule: dict[str, dict] = {}
    for doc in documents:
        for change in doc["rules"]:
            entry = per_rule.setdefault(change["rule_id"], {"documents": 0, "status_changes": 0, "severity_changes": 0,
                                                            "added": 0, "removed": 0, "changed": 0})
            entry["documents"] += 1
            entry["status_changes"] += change["old_status"] != change["new_status"]
            entry["severity_changes"] += bool(change.get("old_severity") and change.get("new_severity")
                                              and change["old_severity"] != change["new_severity"])
            for key in ("added", "removed", "changed"):
                entry[key] += len(change[key])
    return {
        "documents_changed": len(documents),
        "verdict_changes": sum(1 for d in documents if d["old_verdict"] != d["new_verdict"]),
        "status_changes": sum(e["status_changes"] for e in per_rule.values()),
        "severity_changes": sum(e["severity_changes"] for e in per_rule.values()),
        "findings_added": sum(e["added"] for e in per_rule.values()),
        "findings_removed": sum(e["removed"] for e in per_rule.values()),
        "findings_changed": sum(e["changed"] for e in per_rule.values()),
        "per_rule": dict(sorted(per_rule.items())),
    }


def change_count(diff: dict) -> int:
    t = diff["totals"]
    return (t["status_changes"] + t.get("severity_changes", 0) + t["findings_added"] + t["findings_removed"]
            + t["findings_changed"])


def to_json(diff: dict) -> str:
    return json.dumps(diff, ensure_ascii=False, indent=2) + "\n"


def comparable(diff: dict) -> dict:
    """The part of a diff an approved expected-diff file pins: what changed, not the digests."""
    return {"documents": [{**d, "document": os.path.basename(d["document"] or "")} for d in diff["documents"]]}


def to_markdown(diff: dict) -> str:
    t = diff["totals"]
    lines = ["## fzcheck 规则变更影响", "",
             f"基线 `{diff['base']['name']} {diff['base']['version']}`（{diff['base']['sha256'][:12]}）→ "
             f"当前 `{diff['head']['name']} {diff['head']['version']}`（{diff['head']['sha256'][:12]}），"
             f"检查 {diff['documents_checked']} 份报告。", ""]
    batch = diff.get("batch_rules") or {}
    if batch.get("rules"):
        named = "、".join(f"`{rule_id}`" for rule_id in batch["rules"])
        lines += [f"批量规则（{named}）按同批比较语料中的报告（阈值 {DEFAULT_SIMILARITY}，与 `fzcheck check` 相同）。"
                  if batch["compared"] else
                  f"批量规则（{named}）需要两份以上报告才能比较，本次语料只有一份，没有判断。", ""]
    if not diff["documents"]:
        return "\n".join(lines + ["规则变更没有改变任何报告的检查结果。", ""])
    lines += [f"- 结果有变化的报告：{t['documents_changed']} 份，其中结论改变 {t['verdict_changes']} 份",
              f"- 规则状态变化 {t['status_changes']} 处，严重程度变化 {t.get('severity_changes', 0)} 处；新增问题 "
              f"{t['findings_added']} 条，消失 {t['findings_removed']} 条，内容变化 {t['findings_changed']} 条", "",
              "| 规则 | 涉及报告 | 状态变化 | 严重程度变化 | 新增 | 消失 | 变化 |", "|---|---|---|---|---|---|---|"]
    for rule_id, e in t["per_rule"].items():
        lines.append(f"| `{rule_id}` | {e['documents']} | {e['status_changes']} | {e.get('severity_changes', 0)} | "
                     f"{e['added']} | {e['removed']} | {e['changed']} |")
    lines += ["", "### 各报告", ""]
    for doc in diff["documents"]:
        verdict = (f"结论 {VERDICT_ZH[doc['old_verdict']]} → **{VERDICT_ZH[doc['new_verdict']]}**"
                   if doc["old_verdict"] != doc["new_verdict"] else f"结论不变（{VERDICT_ZH[doc['new_verdict']]}）")
        lines += [f"#### `{doc['document']}`：{verdict}", ""]
        for change in doc["rules"]:
            lines.append(f"- `{change['rule_id']}`：{_status(change, 'old')} → {_status(change, 'new')}")
            if change.get("old_message") and change.get("new_message") and change["old_message"] != change["new_message"] \
                    and "fail" in (change["old_status"], change["new_status"]):
                lines.append(f"  - 说明 {change['old_message']} → {change['new_message']}")
            for f in change["added"]:
                lines.append(f"  - 新增 第{f['line']}行：{f['message']}")
            for f in change["removed"]:
                lines.append(f"  - 消失 第{f['line']}行：{f['message']}")
            for f in change["changed"]:
                what = []
                if f["old"]["severity"] != f["new"]["severity"]:
                    what.append(f"{SEVERITY_ZH[f['old']['severity']]} → {SEVERITY_ZH[f['new']['severity']]}")
                if f["old"]["message"] != f["new"]["message"]:
                    what.append(f"{f['old']['message']} → {f['new']['message']}")
                lines.append(f"  - 变化 第{f['new']['line']}行：{'；'.join(what)}")
        lines.append("")
    return "\n".join(lines)


def _status(change: dict, side: str) -> str:
    """不通过（警告）: the status with the severity when the rule fails, so a warning made an error shows."""
    status = change[f"{side}_status"]
    if status is None:
        return "无此规则"
    severity = change.get(f"{side}_severity")
    return f"{STATUS_ZH[status]}（{SEVERITY_ZH[severity]}）" if status == "fail" and severity else STATUS_ZH[status]


def with_base(base: str, rule_paths: list[str] | None, files: list[str], specs: list[str] | None = None) -> dict:
    head = load_ruleset(rule_paths, specs)
    with tempfile.TemporaryDirectory() as folder:
        old = base_ruleset(base, rule_paths, Path(folder), specs)
        return run(old, head, files)
