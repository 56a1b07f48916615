"""The results store: every run, report, result and finding, in one SQLite file.

A supervisor audits the same issuers every spring; the store is what makes last year's report
and its findings available this year.  It is the round's, and opt-in: ``--store PATH``, else
``store:`` in the round's fzcheck.yaml (relative to that file), else ``FZCHECK_STORE``; without any
of them (an author's check, a CI job) nothing is recorded and nothing is written to the user's
folders; ``--no-store`` skips a configured one.  The parent process is the only writer (batch workers do not write);
WAL mode and a busy timeout let two runs share one store.

What the store keeps of a report is an :class:`Entry`, made where the report was checked (a batch
worker compresses the text and lays out the rows there), so only the entry travels to the parent
and the parent only inserts it.  Entries are written in chunks, one transaction each: a chunk is
committed when it holds ``CHUNK_REPORTS`` reports or ``CHUNK_BYTES`` of them, with the first
report handed over ``CHUNK_SECONDS`` or more after its first one, and when the run finishes.  A run stopped
mid-round (Ctrl+C, a crash, a kill, a full disk, a lock held too long) therefore leaves every chunk it
committed — each report whole, with all its results and findings — and none of the chunk it was
gathering: never half a report, never half a chunk.  Its run stays unfinished (previous-year lookups
do not read it); checking the round again completes the store, since the reports are written in
the order the round hands them over and each replaces the same file checked with the same rules.
Schema migrations are numbered; a store written by a newer fzcheck is refused, never altered.

The file is private (0600, its folder 0700 when fzcheck makes it): it holds the reports' text.  A
store that is locked by another run for longer than ``LOCK_SECONDS``, a full disk, a damaged file or
a schema version that is not a number end the run with a message naming the store, never a
traceback.  Stored text is bounded both ways: at most ``MAX_TEXT_BYTES`` is stored, and reading
inflates at most that much (a stored zlib bomb reads as no previous report).

Reports are kept with their text (compressed) so that the next year's history rules can compare
with them; a report already stored for the same rule set (same sha256 and rule-set digest) is
replaced, not added again.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..patterns import rx
from ..document import gazetteer
from ..document.issuer import GOVERNMENT_ORGANS, parse_unit
from ..base.errors import FzError
from ..base.vocab import DEPARTMENT, TOWNSHIP
from ..results import Report

SCHEMA_VERSION = 1
LOCK_SECONDS = 30.0
MAX_TEXT_BYTES = 8 * 1024 ** 2  # UTF-8 bytes of one stored text: ingest's character limit, four bytes each, twice over
# One transaction per chunk of reports: at most this many reports, about this many bytes of entries,
# or what was gathered in this many seconds (a slow round still commits as it goes).
CHUNK_REPORTS = 64
CHUNK_BYTES = 16 * 1024 ** 2
CHUNK_SECONDS = 2.0
MIGRATIONS = {
    1: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, tool_version TEXT NOT NULL,
                       ruleset_name TEXT, ruleset_version TEXT, ruleset_digest TEXT, profile TEXT, inputs TEXT);
    CREATE TABLE reports (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
                          path TEXT, sha256 TEXT NOT NULL, ruleset_digest TEXT NOT NULL, issuer TEXT,
                          issuer_key TEXT, level TEXT, region TEXT, year INTEGER, period TEXT, date TEXT,
                          verdict TEXT NOT NULL, errors INTEGER, warnings INTEGER, infos INTEGER, format TEXT,
                          text BLOB, UNIQUE (sha256, ruleset_digest));
    CREATE INDEX reports_issuer_year ON reports (issuer_key, year);
    CREATE TABLE results (report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, rule_id TEXT NOT NULL,
                          title TEXT, status TEXT NOT NULL, severity TEXT NOT NULL);
    CREATE INDEX results_report ON results (report_id);
    CREATE TABLE findings (report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, rule_id TEXT NOT NULL,
                           severity TEXT, fingerprint TEXT, line INTEGER, col INTEGER, location TEXT, message TEXT);
    CREATE INDEX findings_report ON findings (report_id);
    """,
}


def settings_store(configured: str | None = None) -> str | None:
    """The store a round records in when the command line names none: ``store:`` in the round's
    configuration (already relative to that file), else FZCHECK_STORE; None — the default — records
    nothing and writes nothing to the user's folders."""
    return configured or os.environ.get("FZCHECK_STORE") or None


_PARTY = rx.compile(r"^(?:中共|中国共产党)")
_GOVERNMENT = rx.compile(rf"{GOVERNMENT_ORGANS}$")


def leading_places(name: str) -> list[str]:
    """The place names a unit's name starts with (杭州市临安区司法局 → 杭州市, 临安区)."""
    out, position = [], 0
    while True:
        length = next((n for n in range(min(14, len(name) - position), 1, -1)
                       if gazetteer.lookup(name[position:position + n])), 0)
        if not length:
            return out
        out.append(name[position:position + length])
        position += length


def _without_places(name: str) -> str:
    """The name with the places it starts with taken off (杭州市临安区司法局 → 司法局)."""
    rest = name[sum(map(len, leading_places(name))):]
    return rest or name


def issuer_key(document: dict) -> str | None:
    """One key for an issuer across name variants (中共××县委、××县人民政府 / ××县人民政府 / ××县政府 /
    杭州市××区人民政府 / ××区): the six-digit division code of its place (the document's own code, else
    the one its name reads to through the issuer resolution, checker/document/issuer.py), else the
    place's name; a department adds its organ in its long form (330127:发展和改革委员会 for 发改委), a
    township is its own name.  The results store, the previous-report lookup and the registry all key
    issuers with this function."""
    name = document.get("issuer")
    if not name:
        return None
    parts = [_PARTY.sub("", p) for p in name.split("、")]
    government = next((p for p in reversed(parts) if _GOVERNMENT.search(p)), parts[-1])
    unit = parse_unit(government)
    level = document.get("issuer_level") or (unit.level if unit else None)
    region = document.get("region") or (unit.region if unit else None)
    if level == DEPARTMENT:
        organ = (unit.organ_key if unit and unit.kind == "department" else "") or _without_places(government)
        return f"{region}:{organ}" if region else government
    if level == TOWNSHIP:  # 上城区清波街道办事处 and 清波街道 are one township
        return unit.place if unit and unit.kind == "township" and unit.place else government
    return region or _GOVERNMENT.sub("", government) or government


@dataclass(frozen=True)
class Entry:
    """What the store keeps of one checked report, made where it was checked: the ``reports`` row
    without its run (its text compressed, or None over ``MAX_TEXT_BYTES``), and the ``results`` and
    ``findings`` rows without their report's id.  ``size`` is about what it holds in bytes."""
    row: tuple
    results: tuple
    findings: tuple
    size: int

    @classmethod
    def of(cls, report: Report, text: str) -> "Entry":
        """The entry of a finalised report and its text."""
        doc, summary = report.document, report.summary
        raw = text.encode("utf-8")
        stored = zlib.compress(raw, 6) if len(raw) <= MAX_TEXT_BYTES else None
        row = (doc.get("path"), doc["sha256"] or "", report.ruleset["sha256"], doc.get("issuer"), issuer_key(doc),
               doc.get("issuer_level"), doc.get("region"), doc.get("year"), doc.get("period"), doc.get("date"),
               summary["verdict"], summary["by_severity"]["error"], summary["by_severity"]["warning"],
               summary["by_severity"]["info"], doc.get("format"), stored)
        results = tuple((r.rule_id, r.title, r.status, r.severity) for r in report.results)
        findings = tuple((r.rule_id, f.severity, f.fingerprint, f.place.line, f.place.column, f.place.where, f.message)
                         for r in report.results for f in r.findings)
        size = len(stored or b"") + 100 * len(results) + sum(100 + 3 * len(f[6] or "") for f in findings)
        return cls(row, results, findings, size)


def _private_file(path: Path) -> None:
    """Creates the store file 0600 (its folder 0700) before SQLite opens it; SQLite gives its -wal and
    -shm files the same mode.  An existing file of the user's that others may read is tightened."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        status = path.stat()
        if hasattr(os, "getuid") and status.st_uid == os.getuid() and status.st_mode & 0o077:
            os.chmod(path, status.st_mode & 0o700)


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.run_id: int | None = None
        self._chunk: list[Entry] = []   # entries not yet written (at most one chunk)
        self._chunk_bytes = 0
        self._chunk_since = 0.0
        try:
            _private_file(self.path)
            self.db = sqlite3.connect(self.path, timeout=LOCK_SECONDS, isolation_level=None)
        except OSError as exc:
            raise FzError(f"结果库“{self.path}”无法创建（{exc.strerror}）",
                          f"cannot create the results store '{self.path}': {exc.strerror}") from exc
        except sqlite3.Error as exc:
            raise self._failure(exc) from exc
        with self._guard():
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()

    def _failure(self, exc: BaseException) -> FzError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return FzError(f"结果库“{self.path}”被另一个 fzcheck 占用超过 {LOCK_SECONDS:g} 秒，本次运行停止（此前已记入的报告保留）；"
                           "稍后再试或另指定 --store / --no-store",
                           f"the results store '{self.path}' was locked by another run for more than {LOCK_SECONDS:g} s; "
                           "reports recorded before are kept (try again, or use another --store or --no-store)")
        if "full" in text or isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
            return FzError(f"结果库“{self.path}”所在的磁盘已满，本次运行停止（此前已记入的报告保留）；腾出空间或另指定 --store / --no-store",
                           f"the disk holding the results store '{self.path}' is full; reports recorded before are kept")
        return FzError(f"结果库“{self.path}”无法读写（{exc}）", f"cannot use the results store '{self.path}': {exc}")

    def _guard(self):
        """Turns SQLite's and the disk's errors into one FzError naming the store."""
        from contextlib import contextmanager

        @contextmanager
        def guarded():
            try:
                yield
            except FzError:
                raise
            except (sqlite3.Error, OSError) as exc:
                raise self._failure(exc) from exc
        return guarded()

    def _version(self) -> int:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not exists:
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            return 0
        if not str(row[0]).isdigit():
            raise FzError(f"结果库“{self.path}”的结构版本无法识别，未作改动；请另指定 --store",
                          f"the results store '{self.path}' has an unreadable schema version; it was left as it is "
                          f"(use another --store)")
        return int(row[0])

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise FzError(f"结果库“{self.path}”由更新版本的 fzcheck 写入（结构版本 {version}，本版本支持 {SCHEMA_VERSION}），"
                          "请升级 fzcheck 或另指定 --store",
                          f"the results store '{self.path}' was written by a newer fzcheck (schema {version}, "
                          f"this version supports {SCHEMA_VERSION}); upgrade or use another --store")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self._version() >= step:  # another run migrated it while this one waited for the lock
                    self.db.execute("COMMIT")
                    continue
                for statement in filter(str.strip, MIGRATIONS[step].split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(step),))
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def start_run(self, ruleset, profile: str | None, inputs: list[str]) -> int:
        from ..base.version import __version__

        with self._guard():
            return self._start_run(__version__, ruleset, profile, inputs)

    def _start_run(self, tool_version: str, ruleset, profile: str | None, inputs: list[str]) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (started, tool_version, ruleset_name, ruleset_version, ruleset_digest, profile, inputs)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (time.time(), tool_version, ruleset.name, ruleset.version, ruleset.digest, profile,
             json.dumps(inputs, ensure_ascii=False)))
        self.run_id = cursor.lastrowid
        return self.run_id

    def finish_run(self) -> None:
        """Writes the entries still gathered, then marks the run finished."""
        self.flush()
        if self.run_id is not None:
            with self._guard():
                self.db.execute("UPDATE runs SET finished=? WHERE id=?", (time.time(), self.run_id))

    def add(self, item: Entry) -> None:
        """An entry of this run, written with the rest of its chunk (see the module's docstring)."""
        if not self._chunk:
            self._chunk_since = time.monotonic()
        self._chunk.append(item)
        self._chunk_bytes += item.size
        if (len(self._chunk) >= CHUNK_REPORTS or self._chunk_bytes >= CHUNK_BYTES
                or time.monotonic() - self._chunk_since >= CHUNK_SECONDS):
            self.flush()

    def flush(self) -> None:
        """Writes the gathered entries in one transaction."""
        chunk, self._chunk, self._chunk_bytes = self._chunk, [], 0
        if chunk:
            with self._guard():
                self._write(chunk)

    def add_report(self, report: Report, text: str) -> int:
        """One report with its results and findings, written now (with any entries gathered before
        it, in one transaction); returns its id."""
        self.add(Entry.of(report, text))
        chunk, self._chunk, self._chunk_bytes = self._chunk, [], 0
        with self._guard():
            return self._write(chunk)

    def _write(self, chunk: list[Entry]) -> int:
        """Entries in one transaction, each replacing the same file checked before with the same rules;
        a full disk or a lock held too long rolls the whole chunk back.  Returns the last one's id."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for item in chunk:
                self.db.execute("DELETE FROM reports WHERE sha256=? AND ruleset_digest=?", item.row[1:3])
                report_id = self.db.execute(
                    "INSERT INTO reports (run_id, path, sha256, ruleset_digest, issuer, issuer_key, level, region, year,"
                    " period, date, verdict, errors, warnings, infos, format, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (self.run_id, *item.row)).lastrowid
                self.db.executemany("INSERT INTO results (report_id, rule_id, title, status, severity) VALUES (?,?,?,?,?)",
                                    [(report_id, *r) for r in item.results])
                self.db.executemany(
                    "INSERT INTO findings (report_id, rule_id, severity, fingerprint, line, col, location, message)"
                    " VALUES (?,?,?,?,?,?,?,?)", [(report_id, *f) for f in item.findings])
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:  # a full disk may have rolled it back already
                self.db.execute("ROLLBACK")
            raise
        return report_id

    def previous_report(self, key: str | None, year: int | None) -> dict | None:
        """The issuer's report on the year before (path, sha256, issuer, year, text), the latest
        stored by a finished run (a run never reads its own reports, so its results do not depend
        on the order it checks in)."""
        if not key or not year:
            return None
        with self._guard():
            row = self.db.execute("SELECT p.path, p.sha256, p.issuer, p.year, p.text FROM reports p JOIN runs r ON r.id=p.run_id"
                                  " WHERE p.issuer_key=? AND p.year=? AND r.finished IS NOT NULL ORDER BY p.id DESC LIMIT 1",
                                  (key, year - 1)).fetchone()
        text = _inflate(row[4]) if row else None
        if text is None:  # none stored, or a stored text that would inflate past the cap
            return None
        path, sha256, issuer, found_year, _ = row
        return {"path": path, "sha256": sha256, "issuer": issuer, "year": found_year, "text": text}

    def years_of(self, key: str) -> list[int]:
        """The years the store holds a finished run's report of the issuer for."""
        return [y for (y,) in self.db.execute("SELECT DISTINCT p.year FROM reports p JOIN runs r ON r.id=p.run_id"
                                              " WHERE p.issuer_key=? AND p.year IS NOT NULL AND r.finished IS NOT NULL"
                                              " ORDER BY p.year", (key,))]

    @staticmethod
    def _filter(issuer: str | None, year: int | None, level: str | None, table: str = "") -> tuple[str, list]:
        """SQL conditions for ``fzcheck history --issuer/--year/--level``: an issuer given in any of
        its forms (临安区, 杭州市临安区人民政府, 330112) by its key, or by a part of its name."""
        conditions, values = [], []
        if issuer:
            key = issuer if rx.match(r"^\d{6}$", issuer) else issuer_key({"issuer": issuer})
            conditions.append(f"({table}issuer_key = ? OR substr({table}issuer_key, 1, ?) = ? OR instr({table}issuer, ?) > 0)")
            values += [key, len(key or "") + 1, f"{key}:", issuer]
        if year:
            conditions.append(f"{table}year = ?")
            values.append(year)
        if level:
            conditions.append(f"{table}level = ?")
            values.append(level)
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", values

    def _latest(self, issuer, year, level) -> tuple[str, list]:
        """The ids of the latest stored report per issuer and year (a report checked again after a
        correction counts once), as a sub-query with its values; unidentified issuers by their file."""
        where, values = self._filter(issuer, year, level)
        return ("SELECT MAX(id) FROM reports" + where + " GROUP BY COALESCE(issuer_key, '#' || sha256), year"), values

    def history(self, issuer: str | None = None, year: int | None = None, level: str | None = None) -> list[dict]:
        """Per issuer and year, the latest stored report's verdict and counts: an issuer's rows together
        (by issuer key, however its reports spell it), years ascending.  Reports whose issuer was not
        identified are listed one by one (by file), never merged into one nameless issuer."""
        latest, values = self._latest(issuer, year, level)
        rows = self.db.execute(
            "SELECT issuer_key, issuer, level, year, verdict, errors, warnings, path, id FROM reports"
            " WHERE id IN (" + latest + ") ORDER BY issuer_key IS NULL, issuer_key, year, path", values).fetchall()
        out = []
        for key, name, level_, year_, verdict, errors, warnings, path, report_id in rows:
            failing = [r[0] for r in self.db.execute(
                "SELECT rule_id FROM results WHERE report_id=? AND status IN ('fail','error') ORDER BY rule_id", (report_id,))]
            out.append({"issuer_key": key, "issuer": name, "level": level_, "year": year_, "verdict": verdict,
                        "errors": errors, "warnings": warnings, "path": path, "failing": failing})
        return out

    def rule_trend(self, issuer: str | None = None, year: int | None = None, level: str | None = None) -> list[dict]:
        """Per rule, year and level: how many stored reports fail it, out of how many."""
        latest, values = self._latest(issuer, year, level)
        rows = self.db.execute(
            "SELECT r.rule_id, p.year, p.level, SUM(r.status IN ('fail','error')), COUNT(*) FROM results r"
            " JOIN reports p ON p.id=r.report_id WHERE p.id IN (" + latest + ")"
            " GROUP BY r.rule_id, p.year, p.level ORDER BY r.rule_id, p.year, p.level", values).fetchall()
        return [{"rule_id": rule, "year": year_, "level": level_, "failing": failing, "total": total}
                for rule, year_, level_, failing, total in rows]

    def count_reports(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def close(self) -> None:
        try:
            self.finish_run()
        finally:
            self.db.close()


def _inflate(blob) -> str | None:
    """A stored text, inflated to at most MAX_TEXT_BYTES; None for a missing, damaged or oversized one."""
    if not isinstance(blob, bytes):
        return None
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(blob, MAX_TEXT_BYTES + 1)
        return raw.decode("utf-8") if len(raw) <= MAX_TEXT_BYTES and inflater.eof else None
    except (zlib.error, UnicodeDecodeError):
        return None
