"""Bytes to text for plain-text files in any Chinese encoding."""
from __future__ import annotations

import codecs

from ..base.errors import InputError

# Labels whose strict codecs reject characters that real pages routinely contain: decode the
# superset instead (stack notes, pitfall 9).
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz", "gb_2312", "euc_cn", "euc-cn", "x-gbk"}


def canonical_encoding(label: str) -> str:
    name = label.strip().lower().replace("_", "-")
    if name.replace("-", "_") in _GB_FAMILY or name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def fold_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _declaration_fits(data: bytes, declared: str) -> bool:
    """A page's charset declaration loses to its bytes: UTF-16/32 text has NUL bytes in its markup,
    and bytes that are valid UTF-8 with multi-byte sequences are UTF-8 whatever the page says (the
    same bytes read as GBK would be mojibake)."""
    if declared.startswith(("utf-16", "utf-32")):
        return b"\x00" in data[:4096]
    if declared not in ("utf-8", "utf-8-sig") and not data.isascii():
        try:
            data.decode("utf-8")
            return False
        except UnicodeDecodeError:
            return True
    return True


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name).  Raises InputError for binary data."""
    encoding = _bom_encoding(data)
    if encoding is None and declared and _declaration_fits(data, canonical_encoding(declared)):
        encoding = canonical_encoding(declared)
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            encoding = None
    if encoding is None and b"\x00" in data:
        # NUL bytes: UTF-16/32 without a BOM, or binary data.
        encoding = _detect(data, path)
        if not encoding.startswith("utf-16") and not encoding.startswith("utf-32"):
            raise InputError(path, "含有 NUL 字节，不是文本文件（可能是二进制数据）",
                             "contains NUL bytes: not a text file (binary data?)")
    if encoding is None:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                # Cut off inside the last character: the rest is sound UTF-8.
                return data[:exc.start].decode("utf-8"), "utf-8"
            mixed = _decode_mixed(data)
            if mixed is not None:
                return mixed, "utf-8+gb18030"
            encoding = _detect(data, path)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(path, f"无法按 {encoding} 解码（{exc.__class__.__name__}）",
                         f"cannot decode as {encoding}") from exc
    return text, ("utf-8" if encoding == "utf-8-sig" else encoding)


def _decode_mixed(data: bytes) -> str | None:
    """A UTF-8 file with some lines pasted in GBK (a common result of copy and paste between
    systems): decode line by line, when most lines are UTF-8 and every line is one or the other."""
    lines = data.split(b"\n")
    decoded, utf8 = [], 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += 1
        except UnicodeDecodeError:
            try:
                decoded.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    if utf8 < len(lines) / 2:
        return None
    return "\n".join(decoded)


def _detect(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "不是文本文件（无法识别字符编码，可能是二进制数据）",
                         "not a text file (no character encoding fits; binary data?)")
    return canonical_encoding(best.encoding)
