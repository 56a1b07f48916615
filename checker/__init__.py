"""fzcheck: a rule-based compliance checker for annual 法治政府建设 reports.

Python API::

    import checker
    report = checker.check("report.docx")        # or checker.check(text=...)
    report["summary"]["verdict"]
"""
from __future__ import annotations

from .base.version import __version__

__all__ = ["__version__", "check"]


def check(path=None, *, text: str | None = None, rules: list[str] | None = None, profile: str | None = None,
          config: str | None = None, year: int | None = None, issuer_level: str | None = None,
          published: str | None = None) -> dict:
    """Checks one report (a file path, or ``text``) and returns the report dict (same as the JSON).

    ``rules``: rule files or folders (default: the bundled packs); ``profile``: a bundled profile
    or a config path; ``config``: a project configuration file (none is searched for by default).
    """
    from .run.pipeline import Checker, default_checker, load_source

    source = load_source(path, text)
    if rules is None and profile is None and config is None and not any((year, issuer_level, published)):
        return default_checker().check_source(source)
    from .base.given import Given

    checker = Checker(rules=rules, config=config, profile=profile, discover_config=False,
                      given=Given(year, issuer_level, published))
    return checker.check_source(source)
