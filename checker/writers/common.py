"""Shared by the writers: Chinese labels, the template environment, the content security policy."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources

from ..base.clock import moment
from ..base.vocab import LEVEL_ZH, PERIOD_ZH, ROLE_ZH, SEVERITY_ZH, SOURCE_ZH, STATUS_ZH, VERDICT_ZH  # noqa: F401 (re-exported)
from ..base.vocab import PUBLISHER_RELATION_ZH, RULES_FAILED_ZH, publisher_words

DATE_SOURCE_ZH = SOURCE_ZH


def rule_groups(rule_meta: dict) -> dict[str, frozenset[str]]:
    """Rule ids by tag (the ``tags:`` of each rule in its pack): the groups the dashboard and the
    通报 show, read from the rules rather than from ids in code."""
    groups: dict[str, set[str]] = {}
    for rule_id, meta in rule_meta.items():
        for tag in meta.get("tags") or ():
            groups.setdefault(tag, set()).add(rule_id)
    return {tag: frozenset(ids) for tag, ids in groups.items()}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_STAND_INS = {"\x0b": "\n", "\x0c": "\n"}  # Word's Shift+Enter line break, a page break


def xml_text(text):
    """Text an XML file may hold (xlsx, docx, the memo, JUnit): every character XML 1.0 forbids — a
    control character a report or a file name carries, half of a surrogate pair from an undecodable
    file name — becomes one other character, so offsets into the text still hold: a line or page
    break a line break, the rest U+FFFD.  The one filter every XML writer uses."""
    if not isinstance(text, str) or not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: _XML_STAND_INS.get(m.group(), "\ufffd"), text)


def check_time() -> str:
    """The run's moment (``checker.base.clock``: SOURCE_DATE_EPOCH when set), in local time."""
    return moment().astimezone().strftime("%Y-%m-%d %H:%M")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("checker").joinpath(f"templates/{name}").read_text("utf-8")


def csp(script: str, style: str) -> str:
    """No network at all; only the page's own inline script and style run."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    return (f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("checker", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(STATUS_ZH=STATUS_ZH, SEVERITY_ZH=SEVERITY_ZH, VERDICT_ZH=VERDICT_ZH, LEVEL_ZH=LEVEL_ZH,
                       ROLE_ZH=ROLE_ZH, PERIOD_ZH=PERIOD_ZH, DATE_SOURCE_ZH=DATE_SOURCE_ZH,
                       PUBLISHER_RELATION_ZH=PUBLISHER_RELATION_ZH, RULES_FAILED_ZH=RULES_FAILED_ZH,
                       publisher_words=publisher_words)
    return env
