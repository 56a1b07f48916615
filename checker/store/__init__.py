"""What a supervisor keeps between rounds: the results store (``database``, one SQLite file per
round when asked for) and the issuer roster of who is expected to report (``roster``).

May import: ``checker.base``, ``checker.document`` (to resolve issuers the way reports are
resolved) and ``checker.results``; never ``run``, ``writers``, ``serve`` or the CLI.
"""
