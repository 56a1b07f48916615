"""One report through the whole flow: ingest → document → checks → report.

:class:`Checker` holds what does not change between reports (the loaded rule set, the project
configuration, metadata given on the command line) so a batch or a live re-check pays for it once.
"""
from __future__ import annotations

import dataclasses

from ..engine.config import Layer, apply, default_profile, merge, profile_layers, project_layers

from ..document import Given, build
from ..engine.evaluate import Options, batch_result, batch_rules, run
from ..ingest import Source, from_text, load
from .previous import PreviousReports
from .report import build_report, spec_clauses
from .request import RunRequest
from ..results import Checked, Report
from ..engine.ruleset import Ruleset, load_ruleset
from ..engine.score import compute as compute_score
from ..store.database import settings_store
from ..base.vocab import LEVELS as ISSUER_LEVELS
from ..engine.waivers import Baseline, Waivers


def load_source(path=None, text: str | None = None) -> Source:
    if text is not None:
        return from_text(text)
    return load(path)


class Checker:
    """Checks reports with one rule set and configuration."""

    def __init__(self, request: RunRequest | None = None, *, ruleset: Ruleset | None = None, **fields):
        """``request``: what this run checks with (fields of :class:`RunRequest` may be given as
        keywords instead); ``ruleset``: an already loaded rule set (``rules diff``)."""
        request = dataclasses.replace(request or RunRequest(), **fields) if fields else (request or RunRequest())
        self.request = request
        self.project = project_layers(request.config, request.discover_config)
        self.cli = Layer(source="command line", rules=list(request.rules) if request.rules else None,
                         disable=list(request.disable), fail_on=request.fail_on)
        self.profile = request.profile
        base = merge(self.project + [self.cli])
        self.ruleset = ruleset or load_ruleset(base.rules, base.specs)
        self.fail_on = base.fail_on
        # The results store: the one asked for, else (when the request says so) the one the project
        # configuration's ``store:`` or FZCHECK_STORE names; by default none.
        self.store_path = request.store or (settings_store(base.store) if request.store_from_settings else None)
        self.registry_path = base.registry
        self.docs_url = base.docs_url
        self.given = request.given
        self._resolved: dict[str, tuple[Ruleset, Options]] = {}
        waiver_file = request.waivers or base.waivers
        self.waivers = Waivers.load(waiver_file) if waiver_file and request.use_waivers else None
        self.baseline = Baseline.load(request.baseline) if request.baseline else None
        self.waivable = {rule.id: rule.waivable for rule in self.ruleset.rules}
        # The issuer's previous report, for the history rules: read here, never by a check.
        self.previous = PreviousReports(request.previous, self.store_path)
        for name in self._possible_profiles():
            self.settings(name)  # a bad profile, config or parameter fails before any report is read

    def _possible_profiles(self) -> list[str]:
        if self.profile:
            return [self.profile]
        if self.project and self.project[-1].extends:
            return [self.project[-1].extends]
        return sorted({default_profile(level) for level in (None, *ISSUER_LEVELS)})

    def profile_for(self, issuer_level: str | None) -> str:
        """--profile, else the project config's ``extends``, else the profile for the issuer level."""
        if self.profile:
            return self.profile
        if self.project and self.project[-1].extends:
            return self.project[-1].extends
        return default_profile(issuer_level)

    def settings(self, profile: str) -> tuple[Ruleset, Options]:
        if profile not in self._resolved:
            layers = profile_layers(profile) + self.project[-1:] + [self.cli]
            ruleset, options = apply(self.ruleset, layers)
            self._resolved[profile] = (ruleset, options)
        return self._resolved[profile]

    def run(self, source: Source, given: Given | None = None) -> Checked:
        """``given``: metadata stated for this source, instead of the Checker's."""
        doc = build(source, given if given else self.given)
        profile = self.profile_for(doc.meta.issuer_level)
        ruleset, options = self.settings(profile)
        lookup = self.previous.look_up(doc) if self.previous else None
        if lookup is not None and lookup.document is not None:
            options = dataclasses.replace(options, related={"previous": lookup.document})
        report = build_report(doc, ruleset, run(doc, ruleset, options))
        report.ruleset["profile"] = profile
        if lookup is not None:
            report.previous = lookup.info
        return Checked(report, source.text, list(source.residue), score_config=options.score)

    def finalize(self, checked: Checked, record: bool = True) -> Checked:
        """Applies waivers, the baseline and the score.  A batch worker passes ``record=False``: the
        waivers it used travel back with the report (``checked.waiver_use``) and the round records
        them, so that usage is counted in one place."""
        if self.waivers:
            checked.waiver_use = self.waivers.apply(checked.report, self.waivable)
            if record:
                self.waivers.record(checked.waiver_use)
        if self.baseline:
            self.baseline.apply(checked.report)
        if checked.score_config:
            checked.report.score = compute_score(checked.report.results, checked.score_config)
        return checked

    def batch_rules(self, checked: Checked):
        """The batch rules (scope: batch) that apply to a report under its profile, and the options."""
        report = checked.report
        profile = report.ruleset.get("profile") or self.profile_for(report.document.get("issuer_level"))
        ruleset, options = self.settings(profile)
        return ruleset, batch_rules(ruleset, options), options

    def judge_batch(self, checked: Checked, shared: dict[str, list[dict]] | None = None, finish: bool = True) -> None:
        """Puts the batch rules' results into a checked report: what the round found it shares with
        the rest of its batch (rule id → items; nothing: each passes), replacing the results these
        rules had.  ``finish``: the waivers, the baseline and the score are applied to them as to every
        result (a worker appends the results before :meth:`finalize`, which does that)."""
        ruleset, rules, options = self.batch_rules(checked)
        if not rules:
            return
        report = checked.report
        new = [batch_result(rule, checked.text, (shared or {}).get(rule.id, []), options, report.document)
               for rule in rules]
        if finish:
            alone = Report(report.tool, report.ruleset, {"path": report.path}, new, {})
            if self.waivers:
                self.waivers.record(self.waivers.apply(alone, self.waivable))
            if self.baseline:
                self.baseline.apply(alone)
        ids = {rule.id for rule in rules}
        report.results = [r for r in report.results if r.rule_id not in ids] + new
        report.spec_clauses = spec_clauses(ruleset, report.results)
        if finish and options.score:
            report.score = compute_score(report.results, options.score)

    def check(self, source: Source, given: Given | None = None) -> Checked:
        """One report, finished (the web server's and the Python API's step; a batch goes through
        checker/run/round.py, whose workers check and finalise each file)."""
        return self.finalize(self.run(source, given))

    def check_source(self, source: Source) -> dict:
        """The finished report as the JSON has it (the Python API's form)."""
        return self.check(source).report.to_dict()

    def check_path(self, path) -> dict:
        return self.check_source(load(path))

    def check_text(self, text: str, name: str = "<text>") -> dict:
        return self.check_source(from_text(text, name))


_DEFAULT: Checker | None = None


def default_checker() -> Checker:
    """The bundled rules without any project configuration (the Python API's default)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker(discover_config=False)
    return _DEFAULT

