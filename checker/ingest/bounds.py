"""Documented input limits (README, reliability section).  Real reports are 2–100 KB of text; Word
and PDF files with images are larger, so containers get more room than text."""

MAX_INPUT_BYTES = 64 * 1024 * 1024       # .docx / .pdf
MAX_TEXT_BYTES = 16 * 1024 * 1024        # .txt / web pages
MAX_TEXT_CHARS = 1_000_000               # recovered text of any format
