"""A complexity budget for the regular expressions of rule and lexicon files, checked before they
are compiled: a rule file is data from whoever maintains a pack, and ``a{4294967294}`` or nested
counted repeats make the compiler itself take gigabytes or hang, before any timeout applies."""
from __future__ import annotations

import re

MAX_PATTERN_CHARS = 2000
MAX_REPEAT = 1000          # the largest {m,n} count
MAX_REPEAT_PRODUCT = 10000  # counted repeats multiplied along their nesting
_COUNT = re.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")


def problem(pattern: str) -> str | None:
    """Why a pattern is over the budget, or None."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"正则表达式超过 {MAX_PATTERN_CHARS} 个字符 / pattern longer than {MAX_PATTERN_CHARS} characters"
    stack = [1]   # the largest product reached inside each open group
    last = 1      # the product of the item just closed (a group or a single atom)
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            last = 1
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class, last = True, 1
        elif char == "(":
            stack.append(1)
        elif char == ")" and len(stack) > 1:
            last = stack.pop()
        elif char == "{":
            m = _COUNT.match(pattern, i)
            if m and (m.group(1) or m.group(2)):
                count = max(int(m.group(1) or 0), int(m.group(2) or 0))
                if count > MAX_REPEAT:
                    return f"重复次数 {count} 超过上限 {MAX_REPEAT} / repeat count over {MAX_REPEAT}"
                product = last * max(count, 1)
                if product > MAX_REPEAT_PRODUCT:
                    return (f"嵌套的重复次数相乘为 {product}，超过上限 {MAX_REPEAT_PRODUCT} / nested repeat counts "
                            f"multiply to more than {MAX_REPEAT_PRODUCT}")
                stack[-1] = max(stack[-1], product)
                i = m.end()
                continue
        else:
            last = 1
        i += 1
    return None
