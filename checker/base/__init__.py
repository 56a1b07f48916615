"""The foundation every other package stands on: the vocabulary (levels, severities, statuses and
their Chinese labels), the user-facing errors and exit codes, input bounds and time limits, the
package version, the run's moment (``SOURCE_DATE_EPOCH``), the OOXML facts reader and writers share,
Chinese numerals, the traditional → simplified character table, the one safe YAML loader, the user's
cache folder and the derived data kept there, where the bundled packs are, and the progress bar.

May import: the standard library and third-party libraries only — nothing else of ``checker``.
"""
