"""Static facts about rule patterns: their top-level alternatives and the mistakes that make a
pattern useless (never matches, matches everywhere, \\b between Han characters)."""
from __future__ import annotations

import unicodedata

import regex

_META = regex.compile(r"[\\.^$*+?{}\[\]|()]")
_HAN = regex.compile(r"\p{Han}")


def is_literal(pattern: str) -> bool:
    return not _META.search(pattern)


def _scan(pattern: str):
    """(position, token, inside a [class]) for each token: an escape pair (\\x) or one character."""
    i, in_class = 0, False
    while i < len(pattern):
        token = pattern[i:i + 2] if pattern[i] == "\\" else pattern[i]
        class_before = in_class
        if token == "]" and in_class:
            in_class = False
        elif token == "[" and not in_class:
            in_class = True
        yield i, token, class_before
        i += len(token)


def top_level_alternatives(pattern: str) -> list[str]:
    """``a|b(c|d)|e`` → [a, b(c|d), e]: the branches a rule author can cover one by one."""
    parts, depth, current = [], 0, []
    for _, token, in_class in _scan(pattern):
        if not in_class:
            if token == "(":
                depth += 1
            elif token == ")":
                depth -= 1
            elif token == "|" and depth == 0:
                parts.append("".join(current))
                current = []
                continue
        current.append(token)
    parts.append("".join(current))
    return parts


def _unescaped_positions(pattern: str, target: str) -> list[int]:
    return [i for i, token, in_class in _scan(pattern) if token == target and not in_class]


def _folded_chars(pattern: str) -> list[str]:
    """Characters that NFKC normalisation changes (full-width ，：（ ０-９): rules match normalised
    text, so such a character can only match inside a class that also holds its folded form."""
    found: list[str] = []
    members: list[str] = []
    for _, token, in_class in _scan(pattern):
        if token == "[" and not in_class:
            members = []
        elif in_class and token == "]":
            found += [ch for ch in members if unicodedata.normalize("NFKC", ch) != ch
                      and unicodedata.normalize("NFKC", ch) not in members and ch not in found]
        elif in_class:
            members.append(token)
        elif len(token) == 1 and unicodedata.normalize("NFKC", token) != token and token not in found:
            found.append(token)
    return found


def problems(pattern: str) -> list[str]:
    """What is wrong with a (compiling) pattern, in Chinese and English."""
    out = []
    for ch in _folded_chars(pattern):
        folded = unicodedata.normalize("NFKC", ch)
        out.append(f"含有全角字符“{ch}”，规范化后的文本中只有“{folded}”，应改写 / '{ch}' never occurs in normalised text; write '{folded}'")
    compiled = regex.compile(pattern)
    if compiled.fullmatch("") is not None:
        out.append("可以匹配空字符串，会在任何位置命中 / matches the empty string, so it matches everywhere")
    if "(?m" not in pattern:
        for pos in _unescaped_positions(pattern, "$"):
            rest = pattern[pos + 1:]
            if rest and not regex.match(r"^[)|]|^\)*$", rest):
                out.append("“$”之后还有内容，永远不会匹配 / text after '$' can never match")
                break
        for pos in _unescaped_positions(pattern, "^"):
            before = pattern[:pos]
            if before and not regex.search(r"(^|\(|\||\(\?:|\(\?=|\(\?!|\(\?<=|\(\?<!|\[)$", before):
                out.append("“^”前面还有内容，永远不会匹配 / text before '^' can never match")
                break
    for m in regex.finditer(r"\\b", pattern):
        around = pattern[max(0, m.start() - 1):m.start()] + pattern[m.end():m.end() + 1]
        if _HAN.search(around):
            out.append("汉字之间没有词边界，\\b 使模式无法匹配 / \\b next to Han characters never matches inside Chinese text")
            break
    return out


def shadowed_alternatives(pattern: str) -> list[tuple[str, str]]:
    """(later, earlier) pairs where a literal branch can never be the match: an earlier literal
    branch is its prefix and the regex takes the first branch that matches."""
    branches = top_level_alternatives(pattern)
    pairs = []
    for j, later in enumerate(branches):
        for earlier in branches[:j]:
            if is_literal(earlier) and is_literal(later) and earlier and later.startswith(earlier):
                pairs.append((later, earlier))
                break
    return pairs
