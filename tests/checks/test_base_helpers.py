"""Helpers the check types share."""
from hypothesis import given, strategies as st

from checker.checks.base import after_last

_ALPHABET = "。；;!！?？\n,，、:：文字2024年"


@given(st.text(alphabet=_ALPHABET, max_size=60), st.data())
def test_after_last_is_the_position_after_the_last_mark_before_the_position(text, data):
    floor = data.draw(st.integers(0, len(text)))
    position = data.draw(st.integers(floor, len(text)))
    for marks in ("。；;!！?？\n", ",，、:：", "、"):
        expected = max([floor] + [text.rfind(mark, floor, position) + 1 for mark in marks])
        assert after_last(text, marks, floor, position) == expected


def test_after_last_marks_that_regex_treats_specially():
    assert after_last("a]b^c-d\\e", "]^-\\", 0, 9) == 8
    assert after_last("无标点的一句话", "。", 2, 6) == 2
