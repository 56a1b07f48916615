"""The literal prefilter of pattern-heavy checks: what each pattern cannot match without, and never a
requirement for syntax it does not understand (so a skipped pattern could not have matched)."""
import pytest
import regex

from checker.checks.literals import present, required_literals


@pytest.mark.parametrize("pattern, literals", [
    ("(?:政府)?法制办(公室)?", ("法制办",)),
    ("网联网|互连网", ("网联网", "互连网")),
    ("截止(?=目前|当前)", ("截止",)),
    ("(党的)?二十大", ("二十大",)),
    ("习近平总书记(关于)?全面依法治国(的)?新理念新思想新战略", ("新理念新思想新战略",)),
    (r"(?!一)(?P<dup>\p{Han}{2})(?P=dup)", None),      # only the regex module reads \p
    ("(?i)abc", None), ("a(?i:bc)d", ("a",)),             # case-insensitive parts require nothing exact
    ("[[:alpha:]]x", None), ("(?:abc){e<=1}", None),      # POSIX classes and fuzzy matching
    ("[甲乙]单位", ("单位",)),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


@pytest.mark.parametrize("pattern", ["(?:政府)?法制办(公室)?", "网联网|互连网", "截止(?=目前|当前)", "(党的)?二十大", "[甲乙]单位"])
def test_a_text_without_the_literals_has_no_match(pattern):
    texts = ["县法制办公室", "互连网+监管", "截止目前", "党的二十大", "乙单位", "县司法局", "互联网", "截至目前", "大会"]
    for text in texts:
        if regex.search(pattern, text):
            assert present(text, required_literals(pattern), [(0, len(text))]), (pattern, text)


def test_the_spans_limit_where_a_literal_counts():
    assert not present("法制办在前，后文无", ("法制办",), [(5, 9)])
    assert present("x法制办", ("法制办",), [(0, 4)])
