"""Checks many files, in parallel when asked, yielding results in input order.

Workers are forked where the platform allows it, so they share the parent's loaded rules (and
jieba's dictionary when a rule needs it) copy-on-write; elsewhere they are spawned and build
their own :class:`Checker` from the same arguments.  Results stream back one at a time: a batch of
thousands of reports never holds them all in memory.
"""
from __future__ import annotations

import multiprocessing
import sys
import time
from dataclasses import dataclass
from typing import Iterator

from .errors import InputError
from .ingest import load
from .pipeline import Checker
from .report import Checked

_WORKER: Checker | None = None


@dataclass
class Failure:
    path: str
    zh: str
    en: str


def _init_spawned(kwargs: dict) -> None:
    global _WORKER
    _WORKER = Checker(**kwargs)


def _check_one(path: str) -> tuple[str, Checked | Failure]:
    try:
        return path, _WORKER.run(load(path))
    except InputError as exc:
        return path, Failure(path, exc.zh, exc.en)


def check_files(checker: Checker, files: list[str], jobs: int = 1, checker_kwargs: dict | None = None
                ) -> Iterator[tuple[str, Checked | Failure]]:
    global _WORKER
    _WORKER = checker
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield _check_one(path)
        return
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        context = multiprocessing.get_context("fork")
        pool = context.Pool(jobs)
    else:
        context = multiprocessing.get_context("spawn")
        pool = context.Pool(jobs, initializer=_init_spawned, initargs=(checker_kwargs or {},))
    with pool:
        yield from pool.imap(_check_one, files, chunksize=4 if len(files) > 64 else 1)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.enabled = total > 1 and self.stream.isatty()
        self.started = time.monotonic()

    def step(self, name: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:5.1f} 份/秒 {name[-30:]:30}")
        self.stream.flush()

    def clear_line(self) -> None:
        """Before other output: the bar is redrawn at the next step."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
