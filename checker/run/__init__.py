"""Checking reports, one or a round of many: the flow for one report (``pipeline``: ingest →
document → checks → typed report, assembled by ``report``), the input list (``inputs``), parallel
workers (``batch``), the loop every caller shares (``round``), what a round compares across reports
(``similarity``, ``previous``), where results go (``outputs``, ``reportspool``) and the client of a
running server (``remote``).

May import: every package below it and ``checker.writers``; never ``serve`` or the CLI.
"""
