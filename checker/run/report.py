"""Assembles the result of checking one document: the content of the JSON findings file."""
from __future__ import annotations

from ..base.version import __version__
from ..document.model import Document
from ..document.serialize import document_dict
from ..results import Report, RuleResult
from ..engine.ruleset import Ruleset


def build_report(doc: Document, ruleset: Ruleset, results: list[RuleResult]) -> Report:
    return Report(tool={"name": "fzcheck", "version": __version__},
                  ruleset={"name": ruleset.name, "version": ruleset.version, "sha256": ruleset.digest},
                  document=document_dict(doc), results=results, spec_clauses=spec_clauses(ruleset, results))


def spec_clauses(ruleset: Ruleset, results: list[RuleResult]) -> dict:
    """The clauses the results cite: where each comes from and what it says."""
    out = {}
    for clause_id in sorted({c for r in results for c in r.spec}):
        clause = ruleset.clauses.get(clause_id, {})
        out[clause_id] = {"label": f"{clause.get('document', '')}{clause.get('article', '')}",
                          "document": clause.get("document", ""), "summary": clause.get("summary", ""), "verified": bool(clause.get("verified", False))}
    return out
