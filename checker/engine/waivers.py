"""Waivers and baselines: findings that an approver has accepted, or that a previous run had.

A waivers file::

    waivers:
      - rule: numbering.sequence
        fingerprint: 3f9c…          # from the finding in the JSON or SARIF output
        document: "乡镇/*.docx"      # optional glob on the input path
        reason: 原文如此，已与起草单位核实
        approver: 县司法局 张三
        expires: 2025-06-30

A waived finding keeps its place in the JSON (``waived``) but no longer counts for the verdict or
the exit code.  Rules marked ``waivable: false`` (the statutory ones) refuse waivers.  Expired
and unused waivers are reported.  A baseline (``--baseline`` a previous JSON file or folder)
marks findings that were already there (``baseline: true``) so only new ones are shown.
"""
from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..base.yamlsafe import load_validated

from ..base.errors import RuleError
from ..results import Finding, Report, RuleResult

@dataclass
class Waiver:
    index: int
    rule: str
    reason: str
    approver: str
    expires: str
    fingerprint: str | None = None
    document: str | None = None
    used: int = 0

    def matches(self, rule_id: str, fingerprint: str, path: str | None) -> bool:
        if self.rule != rule_id:
            return False
        if self.fingerprint and not fingerprint.startswith(self.fingerprint):
            return False
        return not self.document or fnmatch.fnmatch(path or "", self.document)


@dataclass
class _DateError:
    absolute_path: list
    message: str


def _date_errors(data) -> list:
    """Expiry dates that look right but are not dates (2024-13-45)."""
    out = []
    for i, entry in enumerate(data["waivers"]):
        try:
            date.fromisoformat(str(entry["expires"]))
        except ValueError:
            out.append(_DateError(["waivers", i, "expires"], f"不是有效日期 / not a valid date: {entry['expires']}"))
    return out


@dataclass
class WaiverUse:
    """What applying the waivers to one report did: the waivers used (by index) and the notes."""
    used: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(self, source: str, waiver: "Waiver", text: str) -> None:
        line = f"{source}: waivers[{waiver.index}] {waiver.rule}：{text}"
        if line not in self.notes:
            self.notes.append(line)


@dataclass
class Waivers:
    source: str
    entries: list[Waiver]
    today: date = field(default_factory=date.today)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: str, today: date | None = None) -> "Waivers":
        data, _ = load_validated(path, "waivers", "豁免文件", more_checks=_date_errors)
        entries = [Waiver(index=i, **entry) for i, entry in enumerate(data["waivers"])]
        return cls(path, entries, today or date.today())

    def apply(self, report: Report, waivable: dict[str, bool]) -> WaiverUse:
        """Marks the findings the waivers accept; returns which waivers were used and the notes
        (expired, not waivable), for :meth:`record` — in the process that owns the counts, since a
        batch applies waivers in its workers."""
        use = WaiverUse()
        for result in report.results:
            if not result.failing:
                continue
            # A result without findings (a missing part) is waived as a whole, by rule.
            for item in result.findings or [result]:
                waiver = self._accepting(result, item, report.path, waivable, use)
                if waiver:
                    use.used.append(waiver.index)
                    item.waiver = {"reason": waiver.reason, "approver": waiver.approver, "expires": waiver.expires}
                    item.waived = True
            result.mark_waived()
        return use

    def record(self, use: "WaiverUse") -> None:
        for index in use.used:
            self.entries[index].used += 1
        for note in use.notes:
            if note not in self.notes:
                self.notes.append(note)

    def _accepting(self, result: RuleResult, item: Finding | RuleResult, path: str | None,
                   waivable: dict[str, bool], use: "WaiverUse") -> Waiver | None:
        """The first waiver that matches ``item`` and may be used (not expired, rule waivable)."""
        fingerprint = item.fingerprint if isinstance(item, Finding) else ""
        for waiver in self.entries:
            if not waiver.matches(result.rule_id, fingerprint, path):
                continue
            if date.fromisoformat(waiver.expires) < self.today:
                use.note(self.source, waiver, f"豁免已过期（{waiver.expires}），未使用 / expired waiver")
                continue
            if not waivable.get(result.rule_id, True):
                use.note(self.source, waiver, f"规则 {result.rule_id} 是法定要求，不可豁免 / rule is not waivable")
                continue
            return waiver
        return None

    def unused(self) -> list[str]:
        return [f"{self.source}: waivers[{w.index}] {w.rule}：没有匹配任何问题 / unused waiver"
                for w in self.entries if not w.used]


@dataclass
class Baseline:
    known: set[tuple[str, str]]

    @classmethod
    def load(cls, path: str) -> "Baseline":
        target = Path(path)
        files = sorted(target.rglob("*.json")) if target.is_dir() else [target]
        known = set()
        for file in files:
            try:
                data = json.loads(file.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise RuleError([f"{file}:1:1 - 无法读取基线 / cannot read baseline: {exc}"]) from exc
            for result in data.get("results", []) if isinstance(data, dict) else []:
                for finding in result.get("findings", []):
                    if "fingerprint" in finding:
                        known.add((result["rule_id"], finding["fingerprint"]))
        return cls(known)

    def apply(self, report: Report) -> None:
        report.mark_baseline(self.known)
