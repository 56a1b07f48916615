"""Chinese numerals to numbers: 一千二百 → 1200, 二〇二〇 → 2020, 三亿五千万 → 350000000.

cn2an was measured and rejected (stack notes §5): it fails on 二〇二〇年, 百分之九十五 and
54亿3528.13万, and its transform() rewrites 第一/统一 to digits.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
          "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


_SMALL_NUMERALS = "零一二三四五六七八九"


def int_to_han(number: int) -> str:
    """The Chinese numeral for 0–99 as written in markers and ordinals (十一, 二十三); larger numbers in digits."""
    if not 0 <= number < 100:
        return str(number)
    if number < 10:
        return _SMALL_NUMERALS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _SMALL_NUMERALS[tens]) + "十" + (_SMALL_NUMERALS[ones] if ones else "")


def han_to_int(text: str) -> int | None:
    """Integer value of a Chinese numeral, or None when ``text`` is not one."""
    if not text or any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        # Digit-by-digit form: 二〇二〇 (years, phone-like numbers).
        return int("".join(str(DIGITS[ch]) for ch in text))
    result = wan = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            if number == 0 and ch in "十拾":
                number = 1
            section += number * SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            wan = (section + number) * 10**4
            section = number = 0
        else:  # 亿
            result = (result + wan + section + number) * 10**8
            wan = section = number = 0
    return result + wan + section + number


def han_to_decimal(text: str) -> Decimal | None:
    """Like han_to_int, with a decimal part after 点 (二十一点五 → 21.5)."""
    whole, _, fraction = text.partition("点")
    value = han_to_int(whole) if whole else 0
    if value is None:
        return None
    if not fraction:
        return Decimal(value)
    if any(ch not in DIGITS for ch in fraction):
        return None
    return Decimal(f"{value}.{''.join(str(DIGITS[ch]) for ch in fraction)}")


def to_decimal(text: str) -> Decimal | None:
    """Arabic (with thousands separators) or Chinese numeral text to a Decimal."""
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return han_to_decimal(cleaned)
