"""Checks many files, in parallel when asked, yielding results in input order.

Workers are forked where the platform allows it, so they share the parent's loaded rules (and
jieba's dictionary when a rule needs it) copy-on-write; elsewhere they are spawned and build
their own :class:`Checker` from the same arguments.  Results stream back one at a time: a batch of
thousands of reports never holds them all in memory.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterator

from ..base.errors import FzError, InputError
from ..ingest import load
from ..base.limits import DEFAULT_SECONDS, TimeLimitExceeded, time_limit
from .pipeline import Checker
from .request import RunRequest
from ..results import Checked, Failure
from ..document.fingerprints import fingerprints as text_fingerprints
from ..checks.copied_passages import masked
from .similarity import pack, sketch
from .outputs import Digest, ReportFiles
from ..store.database import Entry, issuer_key


@dataclass(frozen=True)
class Settings:
    time_limit: float | None = DEFAULT_SECONDS  # the request's (RunRequest.time_limit)
    debug: bool = False
    fingerprints: bool = False   # the round compares its reports: copied-text fingerprints, computed where the text is
    files: ReportFiles | None = None  # the round's per-report outputs: written (or staged) where the report is checked
    store: bool = False          # the round records its reports: each one's results-store entry is made here


IN_FLIGHT = 4  # chunks per worker handed out before their results are taken

# A worker process's own checker and settings (set when the pool starts it).
_WORKER: tuple[Checker, Settings] | None = None


def _init_spawned(request: RunRequest, settings: Settings) -> None:
    global _WORKER
    _WORKER = (Checker(request), settings)


def _init_forked(checker: Checker, settings: Settings) -> None:
    global _WORKER
    _WORKER = (checker, settings)


def _check_in_worker(path: str) -> tuple[str, Checked | Digest | Failure]:
    return check_one(*_WORKER, path)


def check_one(checker: Checker, settings: Settings, path: str) -> tuple[str, Checked | Digest | Failure]:
    """One file, never raising for a problem of that file: a read failure, a time limit or a bug
    becomes a :class:`Failure` naming the file, so the batch goes on.  With ``settings.files`` the
    report's files are written here (staged, in a round that compares its reports) and its
    :class:`Digest` is returned instead of the report."""
    seconds = settings.time_limit
    try:
        with time_limit(seconds):
            checked = checker.run(load(path))
            if settings.fingerprints:  # the batch compares its reports: the part of that done where the text is
                # The batch rules' results as they stand for a report that shares nothing with the rest of
                # the batch; the round puts in what it finds for the few that do, and renders those again,
                # before any file is published.
                checker.judge_batch(checked, finish=False)
                compared = masked(checked.text, checked.residue)
                checked.prints, checked.packed = text_fingerprints(compared), pack(compared)
            checked = checker.finalize(checked, record=False)
            rendered = settings.files.render(checked, path, debug=settings.debug) if settings.files else {}
    except InputError as exc:
        return path, Failure(path, exc.reason_zh, exc.reason_en)
    except FzError:
        raise  # configuration and rule problems concern the whole batch (exit 2)
    except TimeLimitExceeded:
        return path, Failure(path, f"处理超过 {seconds:g} 秒的时间上限，已停止（可用 --time-limit 调整）",
                             f"processing exceeded the {seconds:g} s time limit (see --time-limit)")
    except MemoryError:
        return path, Failure(path, "处理时内存不足", "out of memory while processing")
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        if settings.debug:
            raise
        return path, Failure(path, f"处理时发生内部错误（{exc.__class__.__name__}），请用 --debug 查看详情并报告",
                             f"internal error ({exc.__class__.__name__}: {exc}); rerun with --debug and report it")
    if settings.files is None:
        return path, checked
    # Writing is outside the per-file handlers: a full disk or an unwritable folder ends the run (it
    # concerns every report), as it does when the round writes.
    digest = settings.files.digest(path, checked, rendered, staged=settings.fingerprints)
    if settings.store:  # what the store keeps, its text compressed here: only that travels
        digest.entry = Entry.of(checked.report, checked.text)
    if settings.fingerprints:  # the corpus keeps a sketch of the fingerprints: only that travels
        digest.sketch, digest.packed = sketch(checked.prints), checked.packed
        digest.issuer = issuer_key(checked.report.document)
    return path, digest


def check_files(checker: Checker, files: list[str], jobs: int = 1,
                settings: Settings = Settings()) -> Iterator[tuple[str, Checked | Digest | Failure]]:
    """(path, checked report or failure) for each file, in input order."""
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield check_one(checker, settings, path)
        return
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # Forked workers share the parent's loaded rules copy-on-write.  Only from a process that runs
        # no other thread (the command line): a fork copies every lock another thread holds at that
        # moment, and a worker that needs one then waits forever (a web server or a test process
        # with threads of its own spawns its workers instead).
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_init_forked, initargs=(checker, settings))
    else:
        pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_spawned,
                                                         initargs=(checker.request, settings))
    chunk = 4 if len(files) > 64 else 1
    # imap has no back-pressure: workers that outpace this process (writing files, the batch rows)
    # would pile finished reports up in its memory.  At most IN_FLIGHT chunks are handed out ahead.
    slots = threading.Semaphore(IN_FLIGHT * chunk * jobs)
    stopped = threading.Event()

    def paced():
        for path in files:
            slots.acquire()
            if stopped.is_set():
                return
            yield path

    finished = False
    try:
        for outcome in pool.imap(_check_in_worker, paced(), chunksize=chunk):
            yield outcome
            slots.release()
        finished = True
    finally:
        # Stopping early (an error, Ctrl+C): the pool joins its feeding thread, which must not
        # stay blocked waiting for a slot.
        stopped.set()
        slots.release()
        _shut(pool, finished)


SHUTDOWN_SECONDS = 30


def _shut(pool, finished: bool) -> None:
    """Ends the pool: closed and joined when every file was checked (each worker ends on its own),
    terminated when the caller stopped early.  Either is given SHUTDOWN_SECONDS: a pool whose
    shutdown hangs (a worker stuck on a lock, a known hazard of Pool.terminate) has its workers
    killed, so a run never hangs after its last report."""
    def shut():
        if finished:
            pool.close()
            pool.join()
        else:
            pool.terminate()

    ender = threading.Thread(target=shut, name="fzcheck-pool-shutdown", daemon=True)
    ender.start()
    ender.join(SHUTDOWN_SECONDS)
    if ender.is_alive():
        for worker in list(getattr(pool, "_pool", [])):
            if worker.exitcode is None:
                worker.kill()
