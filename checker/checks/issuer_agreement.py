"""``issuer_agreement``: the report names one issuer throughout.

The title, the 发文机关标志, the 落款 and the subject of the first sentence are where a report names
itself in its own words; when one of them names a different unit than the issuer the evidence
settled on (a 街道 report whose first sentence says 区政府…, a department's report signed by the
county government, a title and a 落款 of two different places), the text was probably taken from
another unit's report.  The page's 发布机构 is the publisher and is not compared.

Parameters: none.  Placeholders: {issuer} the issuer, {other} the other name(s), {count}.
Each finding quotes both: the other name where it stands, and the issuer with the zone it was read from.
"""
from __future__ import annotations

from ..base.vocab import SOURCE_ZH
from .base import Context, Mark, Outcome

TYPE = "issuer_agreement"
PARAMS = {"type": "object", "properties": {}}
DEFAULTS: dict = {}
PATTERN_KEYS = ()
PLACEHOLDERS = ("issuer", "other", "count")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    if not meta.issuer:
        return Outcome("not_applicable", {"issuer": "", "other": "", "count": 0})
    where = SOURCE_ZH.get(meta.issuer_source or "", meta.issuer_source or "")
    findings = [Mark(start, end, f"{SOURCE_ZH.get(zone, zone)}写作“{name}”，而{where}写明的报告主体是“{meta.issuer}”")
                for zone, name, (start, end) in meta.issuer_conflicts]
    others = list(dict.fromkeys(name for _, name, _ in meta.issuer_conflicts))
    values = {"issuer": meta.issuer, "other": "、".join(f"“{n}”" for n in others), "count": len(others)}
    evidence = [Mark(start, end, SOURCE_ZH.get(zone, zone)) for zone, _, (start, end) in meta.issuer_evidence]
    return Outcome("fail" if findings else "pass", values, findings=findings, evidence=evidence)
