"""Rules and their evaluation: loading rule packs and clause catalogues (``ruleset``), project
configuration and profiles (``config``, ``projectfile``), evaluating a rule set on a document
(``evaluate``), the evaluator's score, waivers and baselines, and running the examples each rule
carries (``examples``).

May import: ``checker.base``, ``checker.patterns``, ``checker.document``, ``checker.checks`` and
``checker.results``; never ``store``, ``run``, ``writers``, ``serve`` or the CLI.
"""
