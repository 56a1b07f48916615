"""The vocabulary of check types.  Each module has TYPE, PARAMS (JSON Schema of its parameters),
DEFAULTS, PATTERN_KEYS (parameters holding regexes), prepare() and evaluate(); its docstring is its
documentation.  The registry is explicit: a rule file can only name the types listed here."""
from __future__ import annotations

from . import (deadline, figures_count, length, metadata_present, numbering, order, period, phrases,
               required_role, title_pattern, year_relation)

REGISTRY = {module.TYPE: module for module in (
    deadline, figures_count, length, metadata_present, numbering, order, period, phrases, required_role,
    title_pattern, year_relation)}


def get(check_type: str):
    try:
        return REGISTRY[check_type]
    except KeyError:
        raise ValueError(f"unknown check type: {check_type}") from None
