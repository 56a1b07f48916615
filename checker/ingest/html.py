"""Article text from a saved government web page.

The bytes are decoded here (parsers mis-decode gb2312-labelled GBK pages), then lxml parses the
string.  The article is the block with the most Han text outside links, after dropping elements
that are page chrome by tag or by class/id (navigation, breadcrumbs, share widgets, footers ...).
"""
from __future__ import annotations

import regex
from lxml import etree, html as lxml_html

from ..patterns import rx
from ..base.errors import InputError
from ..base.traditional import fold_traditional
from .publisher import read_publisher, title_site
from .residue import page_meta_from_line
from .text import decode_bytes

_CHARSET_RE = rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
_HAN_RE = rx.compile(r"\p{Han}")
_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
                "select", "button", "template", "svg", "object")
_CHROME_NAME_RE = rx.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumb|crumbs?|location|position|share|bdshare|footer|foot|"
    r"header|head|top|toolbar|tools|print|search|related|relevant|sidebar|side|links?|friend|"
    r"copyright|modal|dialog|popup|fontsize|font-size|pager|pagination|comment)([-_\s]|$)", regex.I)
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
               "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "center"}
_CANDIDATE_TAGS = {"div", "td", "article", "section", "main", "body", "center", "font", "span"}
MAX_DEPTH = 400  # below the recursion limit; deeper nodes are chrome or attacks
MAX_ELEMENTS = 200_000  # documented: an article page has a few thousand elements


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


def _is_chrome(el) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    if names.strip() and _CHROME_NAME_RE.search(names):
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _strip_chrome(root) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("body", "html"):
            continue
        if _is_chrome(el):
            el.drop_tree()


def _own_score(el) -> tuple[int, int]:
    """Han characters in text directly under ``el`` (and in its inline children), outside links."""
    total = _han_count(el.text or "")
    linked = 0
    for child in el:
        if not isinstance(child.tag, str):
            total += _han_count(child.tail or "")
            continue
        if child.tag not in _BLOCK_TAGS:
            inner = _han_count(child.text_content())
            total += inner
            if child.tag == "a":
                linked += inner
        total += _han_count(child.tail or "")
    return total, linked


def _best_block(root):
    """The element whose direct paragraphs hold the most non-link Han text."""
    scores: dict = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        own, linked = _own_score(el)
        if own - linked <= 0:
            continue
        # Credit the text to the element itself and to the block that holds its paragraph.
        holder = el if el.tag in _CANDIDATE_TAGS and el.tag != "span" else el.getparent()
        while holder is not None and holder.tag not in _CANDIDATE_TAGS:
            holder = holder.getparent()
        if holder is not None:
            scores[holder] = scores.get(holder, 0) + own - 2 * linked
    if not scores:
        return None
    return max(scores.items(), key=lambda item: item[1])[0]


def _block_text(el) -> str:
    parts: list[str] = []

    def walk(node, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, depth + 1)
            if child.tail:
                parts.append(child.tail)
        if node.tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(el, 0)
    lines = ("".join(parts)).replace("\xa0", " ").split("\n")
    cleaned = [line.strip() for line in lines]
    return "\n".join(line for line in cleaned if line)


def _page_meta(root, page_text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    names = {"articletitle": "title", "pubdate": "published", "publishdate": "published",
             "firstpublishedtime": "published", "contentsource": "source", "source": "source"}
    for el in root.iter("meta"):
        key = names.get((el.get("name") or "").lower())
        content = (el.get("content") or "").strip()
        if key and content:
            if key == "published":
                found = page_meta_from_line(f"日期:{content}")
                if "published" in found:
                    meta.setdefault("published", found["published"])
            else:
                meta.setdefault(key, content)
    for line in page_text.split("\n"):
        for key, value in page_meta_from_line(line).items():
            meta.setdefault(key, value)
    if "title" not in meta:
        for tag in ("h1", "h2"):
            heads = [h.text_content().strip() for h in root.iter(tag) if _han_count(h.text_content()) >= 6]
            if heads:
                meta["title"] = heads[0]
                break
    return meta


_SAVED_FROM = rx.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>[^\s>]+)", regex.I)


def _site_meta(root, raw: str) -> dict[str, str]:
    """What the page's head says about its site: <meta name="SiteName"> and "SiteDomain" (the page
    metadata the 政府网站发展指引 asks government sites to carry), og:site_name, the <title>'s suffix,
    and the address the page was saved from (a browser's "saved from url" comment, the canonical link)."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").lower()
        content = (el.get("content") or "").strip()
        if content and key in ("sitename", "og:site_name"):
            out.setdefault("site", content)
        elif content and key in ("sitedomain", "og:url"):
            out.setdefault("host", content)
    title = next((t.text_content().strip() for t in root.iter("title")), "")
    if title and title_site(title):
        out.setdefault("site", title_site(title))
    saved = _SAVED_FROM.search(raw[:4096])
    canonical = next((el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"), None)
    for url in (saved["url"] if saved else None, canonical):
        if url and "host" not in out:
            out["host"] = url
    if "host" in out:
        host = rx.match(r"(?:[A-Za-z]+://)?(?P<host>[A-Za-z0-9.-]+)", out["host"])
        out["host"] = host["host"].lower() if host else ""
    return {k: v for k, v in out.items() if v}


def extract_html(data: bytes, path: str) -> tuple[str, str, dict[str, str], list[tuple[str, str]]]:
    """Returns (article text, encoding, page metadata, publisher evidence: see publisher.py)."""
    text, encoding = decode_bytes(data, path, declared_charset(data))
    try:
        root = lxml_html.document_fromstring(text.replace("\x00", ""))
        if sum(1 for _ in zip(range(MAX_ELEMENTS + 1), root.iter())) > MAX_ELEMENTS:
            raise InputError(path, f"网页元素超过 {MAX_ELEMENTS:,} 个，不像一篇文章页面，拒绝处理",
                             f"more than {MAX_ELEMENTS:,} elements: not an article page; refused")
        full_text = _block_text(root)
        # A 繁体 page's labels (發布時間, 來源) are read as the simplified ones are.
        meta = _page_meta(root, fold_traditional(full_text))
        publisher = read_publisher(full_text, {**_site_meta(root, text), "source": meta.get("source", "")})
        _strip_chrome(root)
        block = _best_block(root)
        body = _block_text(block) if block is not None else ""
    except (etree.ParserError, ValueError, RecursionError) as exc:
        raise InputError(path, f"网页无法解析（{exc.__class__.__name__}）", f"the web page cannot be parsed ({exc})") from exc
    if _han_count(body) < 20:
        raise InputError(path, "网页中找不到正文", "no article text found in the web page")
    title = meta.get("title")
    if title and title not in body[: len(title) + 200]:
        body = f"{title}\n{body}"
    return body, encoding, meta, publisher
