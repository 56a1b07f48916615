"""The moment a run writes into its files: now, or the moment ``SOURCE_DATE_EPOCH`` names (the
reproducible-builds convention, https://reproducible-builds.org/specs/source-date-epoch/), so that a
CI run or a comparison of two runs gets the same bytes.  Every date fzcheck writes — a comment's or
tracked change's ``w:date``, a workbook's document properties, a package's member times, the time
on a page — is read here; a value that is not a whole number of seconds is ignored.
"""
from __future__ import annotations

import datetime as dt
import os


def pinned() -> bool:
    """Whether ``SOURCE_DATE_EPOCH`` fixes the moment."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").isdigit()


def moment() -> dt.datetime:
    """The run's moment, in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    return when.replace(microsecond=0)
