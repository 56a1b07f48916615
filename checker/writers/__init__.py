"""Writers turn finished reports into files people and machines read; they never re-parse input.

May import: ``checker.base`` and ``checker.results`` only: a writer sees the typed report, never
the document model, the rules or the input file."""
