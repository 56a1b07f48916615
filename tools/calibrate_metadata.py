"""Measures how reliable each zone that names a report's issuer is, and the precision every zone
pattern reaches, on labelled development data; writes checker/document/data/calibration.yaml.

    python tools/calibrate_metadata.py OPENINGS_DIR LABELS.yaml [LABELS.yaml ...]
    python tools/calibrate_metadata.py OPENINGS_DIR LABELS.yaml --check   # measure only, print, write nothing

A label file maps a file name to ``meta: {issuer_contains, level, date, ...}`` (the format of the
acceptance files).  An issuer counts as right when its name contains ``issuer_contains`` and, where a
level is labelled, its level is that level.  Two passes:

1. every zone's own unit (the page's 发布机构, the title, the 落款, the first sentence, a grounded
   self-reference …) is scored alone: its weight is its Laplace-smoothed precision (right+1)/(n+2);
2. with those weights the resolution runs again, and each answer's zone pattern (the zones that
   agreed, e.g. ``opening+title``), its coarse form (``title:2``: the chosen zone and how many zones
   agreed, 3 meaning three or more) and its chosen zone alone (``title:any``) get (right+1)/(n+2) as
   their precision.

The confidence an answer carries is the precision of the first of these keys with at least
``min_cases`` cases; with fewer, ``null``.  The level (by level_source) and the date (by date_source)
are measured the same way.  Re-run after any change to the resolution and commit the file.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "checker" / "document" / "data" / "calibration.yaml"
MIN_CASES = 5


def labelled(folder: Path, label_files: list[Path]) -> list[tuple[Path, dict]]:
    labels: dict[str, dict] = {}
    for path in label_files:
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    out = []
    for name in sorted(labels):
        entry = labels[name] or {}
        meta = entry.get("meta") or {}
        if (folder / name).exists() and meta and not entry.get("expect_error"):
            out.append((folder / name, meta))
    return out


def _documents(items):
    from checker.document import build
    from checker.ingest import load
    for path, meta in items:
        yield path, meta, build(load(path))


def issuer_right(name: str | None, level: str | None, meta: dict) -> bool | None:
    """Whether a name (and level) matches a label; None when the label says nothing of the issuer."""
    if "issuer_contains" not in meta:
        return None
    if not name or meta["issuer_contains"] not in name:
        return False
    return "level" not in meta or level == meta["level"]


def _rate(right: int, cases: int) -> float:
    return round((right + 1) / (cases + 2), 3)


def _table(counts: dict) -> dict:
    return {key: {"cases": cases, "right": right, "precision": _rate(right, cases)}
            for key, (right, cases) in sorted(counts.items())}


def measure(items) -> dict:
    """Both passes over ``items`` [(path, meta labels)]: the calibration tables (see the module doc)."""
    from checker.document import issuer as issuer_mod

    zones: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, meta, doc in _documents(items):
        seen = set()
        for zone, name, level in doc.meta.issuer_zones:
            if zone in seen:
                continue
            seen.add(zone)
            right = issuer_right(name, level, meta)
            if right is not None:
                zones[zone][0] += right
                zones[zone][1] += 1
    weights = {zone: {"cases": cases, "right": right, "weight": _rate(right, cases)}
               for zone, (right, cases) in sorted(zones.items())}
    issuer_mod.override_calibration({"min_cases": MIN_CASES, "zones": weights})
    patterns: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    levels: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    dates: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path, meta, doc in _documents(items):
        m = doc.meta
        right = issuer_right(m.issuer, m.issuer_level, meta)
        if right is not None and m.issuer_pattern:
            zones_agreeing = m.issuer_pattern.split("+")
            for key in (m.issuer_pattern, f"{m.issuer_source}:{min(len(zones_agreeing), 3)}", f"{m.issuer_source}:any"):
                patterns[key][0] += right
                patterns[key][1] += 1
        if "level" in meta and m.level_source:
            levels[m.level_source][0] += m.issuer_level == meta["level"]
            levels[m.level_source][1] += 1
        if "date" in meta and m.date_source:
            dates[m.date_source][0] += (m.date or "")[:10] == str(meta["date"])
            dates[m.date_source][1] += 1
    issuer_mod.override_calibration(None)
    return {"min_cases": MIN_CASES, "zones": weights, "issuer": _table(patterns), "level": _table(levels),
            "date": _table(dates)}


def confident_precision(items, threshold: float = 0.9) -> tuple[int, int]:
    """(right, given) among the issuers given with a confidence of at least ``threshold``, with the
    calibration file as shipped."""
    right = given = 0
    for _, meta, doc in _documents(items):
        m = doc.meta
        verdict = issuer_right(m.issuer, m.issuer_level, meta)
        if verdict is None or m.issuer_confidence is None or m.issuer_confidence < threshold:
            continue
        given += 1
        right += verdict
    return right, given


def _dump(tables: dict) -> str:
    lines = ["# Measured by tools/calibrate_metadata.py on the labelled development openings; do not edit by hand.",
             "# zones: each zone's own answer scored alone (weight = (right+1)/(cases+2));",
             "# issuer: the precision of each zone pattern of the resolved answer (exact pattern, chosen zone:agreeing",
             "# zones, chosen zone); level by level_source; date by date_source.  A key needs min_cases cases.",
             f"min_cases: {tables['min_cases']}"]
    for section in ("zones", "issuer", "level", "date"):
        lines.append(f"{section}:")
        for key, row in tables[section].items():
            cells = ", ".join(f"{k}: {v}" for k, v in row.items())
            lines.append(f"  {key!s}: {{{cells}}}" if "+" not in key and ":" not in key else f"  '{key}': {{{cells}}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) < 2:
        print(__doc__)
        return 2
    items = labelled(Path(args[0]), [Path(a) for a in args[1:]])
    tables = measure(items)
    for section in ("zones", "issuer", "level", "date"):
        print(f"[{section}]")
        for key, row in tables[section].items():
            print(f"  {key:40s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    if not check:
        TARGET.write_text(_dump(tables), encoding="utf-8")
        from checker.document import issuer as issuer_mod
        issuer_mod.override_calibration(None)
        right, given = confident_precision(items)
        print(f"issuers with confidence >= 0.9: {right}/{given} right")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
