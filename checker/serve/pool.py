"""The web page's checks run in worker processes that can be stopped, never in the server itself.

Each worker is a separate process (spawned, so no lock of the threaded server is copied into it)
with a warm Checker, a memory ceiling (RLIMIT_AS) and its own per-check time limit; the server
waits for an answer at most ``seconds`` and then kills the worker and starts a new one, so a
hostile upload costs one worker for a bounded time and nothing else.  A small bounded queue holds
requests while every worker is busy; beyond it the caller is told to come back (503).
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

from ..run.request import RunRequest

MEMORY_LIMIT = 2 * 1024 ** 3  # address space of one worker


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class Timeout(Exception):
    """The check took longer than allowed; its worker was stopped."""


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    conversion: object  # shared int: the process group of the worker's running LibreOffice, 0 when none


def _serve(conn, request: RunRequest, memory_limit: int, conversion=None) -> None:
    """A worker's loop: one request at a time, answers as ("ok", result) or ("error", kind, …)."""
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass
    if conversion is not None:  # a LibreOffice conversion counts as the worker's: killed with it
        from ..ingest import legacy

        def announce(group, shared=conversion):
            shared.value = group or 0
        legacy.on_group = announce
    from .app_core import ApiError, check_payload
    from ..base.errors import FzError, InputError
    from ..base.limits import TimeLimitExceeded, time_limit
    from ..run.pipeline import Checker

    checker = Checker(request)
    while True:
        try:
            payload, seconds = conn.recv()
        except (EOFError, OSError):
            return
        try:
            with time_limit(seconds):
                answer = ("ok", check_payload(checker, payload))
        except ApiError as exc:
            answer = ("error", int(exc.status), exc.zh, exc.en)
        except InputError as exc:  # the reason alone too, for a client that names the file itself
            answer = ("error", 422, exc.zh, exc.en, {"zh": exc.reason_zh, "en": exc.reason_en})
        except FzError as exc:
            answer = ("error", 422, exc.zh, exc.en)
        except TimeLimitExceeded:
            answer = ("error", 503, f"检查超过 {seconds:g} 秒，已停止", f"the check took longer than {seconds:g} s")
        except MemoryError:
            answer = ("error", 413, "报告太复杂，超出了内存上限", "the report needs more memory than a check may use")
        except RecursionError:
            answer = ("error", 400, "请求内容嵌套过深", "the request is nested too deeply")
        except Exception as exc:  # noqa: BLE001 - the worker answers; the server logs
            answer = ("error", 500, "内部错误，请查看服务器日志", f"internal error ({exc.__class__.__name__})")
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class WorkerPool:
    def __init__(self, size: int = 2, queue: int = 4, seconds: float = 30.0, request: RunRequest | None = None,
                 memory_limit: int = MEMORY_LIMIT):
        self.context = multiprocessing.get_context("spawn")
        self.seconds, self.memory_limit = seconds, memory_limit
        self.request = request or RunRequest(discover_config=False)
        self.idle: list[_Worker] = []
        self.lock = threading.Condition()
        self.size, self.capacity = size, size + queue
        self.in_flight = 0
        for _ in range(size):
            self.idle.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        conversion = self.context.Value("i", 0, lock=False)
        process = self.context.Process(target=_serve, args=(child, self.request, self.memory_limit, conversion),
                                       daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, conversion)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        if worker.conversion.value:
            from ..ingest.legacy import kill_group
            kill_group(worker.conversion.value)
        worker.conn.close()

    def run(self, payload: dict):
        """The worker's answer: ("ok", result) or ("error", status, zh, en).  Raises Busy or Timeout."""
        deadline = time.monotonic() + self.seconds
        with self.lock:
            if self.in_flight >= self.capacity:
                raise Busy()
            self.in_flight += 1
        try:
            worker = self._take(deadline)
            try:
                # The worker stops itself a little before the server gives up on it.
                worker.conn.send((payload, max(0.01, 0.9 * (deadline - time.monotonic()))))
                if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                    answer = worker.conn.recv()
                    self._give_back(worker)
                    return answer
            except (EOFError, OSError):
                pass
            self._replace(worker)
            raise Timeout()
        finally:
            with self.lock:
                self.in_flight -= 1
                self.lock.notify()

    def _take(self, deadline: float) -> _Worker:
        with self.lock:
            while not self.idle:
                if not self.lock.wait(max(0.0, deadline - time.monotonic())) and not self.idle:
                    raise Timeout()
            return self.idle.pop()

    def _give_back(self, worker: _Worker) -> None:
        with self.lock:
            self.idle.append(worker)
            self.lock.notify()

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        self._give_back(self._start())

    def close(self) -> None:
        with self.lock:
            workers, self.idle = self.idle, []
        for worker in workers:
            self._stop(worker)
