"""The vocabulary of check types.  Each module has TYPE, PARAMS (JSON Schema of its parameters),
DEFAULTS, PATTERN_KEYS (parameters holding regexes), prepare() and evaluate(), and READS_FIGURES when
its verdict rests on exact figures, and SCOPE = "batch" when it compares a report with the rest of its
batch (the round evaluates it: ``judge``); its docstring is its documentation.  The registry is explicit: a
rule file can only name the types listed here.

May import: ``checker.base``, ``checker.patterns`` and ``checker.document``: a check reads the
document model, never a file."""
from __future__ import annotations

from . import (catalogue, concrete_items, copied_passages, count_matches, deadline, each_item, figure_basis,
               figure_consistency, figure_context, figures_count, issuer_agreement, law_citations, length,
               lexicon, metadata_present, numbering, order, period, phrases, plans_answer, previous_report,
               problem_causes, renamed_bodies, required_role, restates_source, restricted_marks, sensitive_data,
               title_pattern, vague_items, written_date, year_relation)

REGISTRY = {module.TYPE: module for module in (
    catalogue, concrete_items, copied_passages, count_matches, deadline, each_item, figure_basis,
    figure_consistency, figure_context, figures_count, issuer_agreement, law_citations, length, lexicon,
    metadata_present, numbering, order, period, phrases, plans_answer, previous_report, problem_causes,
    renamed_bodies, required_role, restates_source, restricted_marks, sensitive_data, title_pattern,
    vague_items, written_date, year_relation)}


def patterns_of(check_type: str, params: dict) -> list[tuple[tuple, str]]:
    """(path under the rule, pattern) of every regex a rule's check carries: the module's
    ``patterns_of`` when its patterns are nested, else the lists named in PATTERN_KEYS."""
    module = get(check_type)
    if hasattr(module, "patterns_of"):
        return module.patterns_of(params)
    return [(("check", key, i), pattern) for key in module.PATTERN_KEYS for i, pattern in enumerate(params.get(key) or [])]


def batch_scoped(check_type: str) -> bool:
    """Whether the type judges a report against the rest of its batch (evaluated by the round)."""
    return getattr(get(check_type), "SCOPE", None) == "batch"


def reads_figures(check_type: str) -> bool:
    return getattr(get(check_type), "READS_FIGURES", False)


def get(check_type: str):
    try:
        return REGISTRY[check_type]
    except KeyError:
        raise ValueError(f"unknown check type: {check_type}") from None
