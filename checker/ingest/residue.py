"""Finds web-page residue lines in recovered text and the page metadata they carry.

The patterns are data (``data/noise.yaml``) so that new CMS residue can be added without code.
"""
from __future__ import annotations

from functools import lru_cache


from ..patterns import rx
from ..base.yamlsafe import package_data

_DATE_LABEL_KEYS = {
    "成文日期": "written",
    "印发日期": "written",
    "发布日期": "published",
    "发布时间": "published",
    "日期": "published",
    "时间": "published",
}


@lru_cache(maxsize=1)
def _patterns():
    raw = package_data("ingest", "noise")
    return (
        int(raw["max_line_chars"]),
        [rx.compile(p) for p in raw["lines"]],
        [rx.compile(p) for p in raw["meta"]],
        rx.compile(raw["meta_line"]),
    )


def _normal_date(text: str) -> str | None:
    parts = rx.findall(r"\d+", text)
    if len(parts) < 3:
        return None
    year, month, day = (int(p) for p in parts[:3])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def page_meta_from_line(line: str) -> dict[str, str]:
    """Labelled dates and sources found in one line (empty when none)."""
    _, _, meta_patterns, _ = _patterns()
    found: dict[str, str] = {}
    for pattern in meta_patterns:
        for m in pattern.finditer(line):
            groups = m.groupdict()
            if groups.get("date"):
                date = _normal_date(groups["date"])
                key = _DATE_LABEL_KEYS.get(groups["label"], "published")
                if date and key not in found:
                    found[key] = date
            if groups.get("source") and "source" not in found:
                found["source"] = groups["source"]
    return found


def is_residue_line(line: str) -> bool:
    stripped = line.strip()
    max_chars, line_patterns, _, meta_line = _patterns()
    if not stripped or len(stripped) > max_chars:
        return False
    if meta_line.match(stripped):
        return True
    return any(p.search(stripped) for p in line_patterns)


def find_residue(text: str) -> tuple[list[tuple[int, int]], dict[str, str], dict[str, str]]:
    """Spans of residue lines in ``text``, the page metadata read from them, and the fields of the
    page's information table (索引号, 发布机构, 成文日期 …) by canonical label."""
    from .pagemeta import read_table

    lines = text.split("\n")
    table = read_table(lines)
    in_table = set(table.lines)
    spans: list[tuple[int, int]] = []
    meta: dict[str, str] = dict(table.meta())
    pos = 0
    for index, line in enumerate(lines):
        end = pos + len(line)
        if index in in_table or is_residue_line(line):
            spans.append((pos, end))
            for key, value in page_meta_from_line(line).items():
                meta.setdefault(key, value)
        pos = end + 1
    return spans, meta, table.fields
