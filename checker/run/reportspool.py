"""The reports a batch's SARIF and JUnit files are written from, kept in a temporary file instead of
in memory: a round of 100,000 reports would otherwise hold every report's results until the end.

Each report goes in without its evidence, as the plain data of ``Report.to_dict()`` (marshal, length
prefixed); reading back yields typed reports in the order they came, as often as a writer needs (the
SARIF writer reads twice: rules and artifacts come before the results in the log).  Results added
after a report was stored (the batch's copied-passages result) are appended to it on reading.
"""
from __future__ import annotations

import marshal
import struct
import tempfile
from typing import Iterator

from ..results import Report

_LENGTH = struct.Struct("<I")


class ReportSpool:
    def __init__(self):
        self._file = None
        self._count = 0

    @staticmethod
    def record(report: Report) -> bytes:
        """What the spool keeps of a report (a batch worker makes it, :meth:`append_record` stores it)."""
        return marshal.dumps(report.without_evidence().to_dict())

    def append(self, report: Report) -> None:
        self.append_record(self.record(report))

    def append_record(self, blob: bytes) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="fzcheck-reports-")
        self._file.seek(0, 2)
        self._file.write(_LENGTH.pack(len(blob)) + blob)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Report]:
        if self._file is None:
            return
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            (length,) = _LENGTH.unpack(self._file.read(_LENGTH.size))
            report = Report.from_dict(marshal.loads(self._file.read(length)))
            position = self._file.tell()
            yield report
            self._file.seek(position)  # a caller may read the spool again between two reports

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
