"""Bounded work per document: a time and a memory budget, enforced in a process that can really be stopped.

A PDF parser stuck in a crafted file cannot be interrupted from inside Python (pdfminer runs long loops in one
call; threads cannot be killed). So :class:`BoundedRunner` hands each reader call to a worker process:

* the worker is one fresh interpreter per batch (started with ``python -m kdu_analysis.pdf.limits``) that imports
  the reader once; for every document it forks a child (cheap: a few milliseconds, and safe because the worker
  has no other threads), caps the child's address space at its start size plus ``config.DOCUMENT_MEMORY_BUDGET_MB``
  (``RLIMIT_AS``, on Linux) and kills it when ``config.DOCUMENT_TIME_BUDGET_S`` is spent;
* where there is no ``fork`` (Windows) the worker runs the call itself and the caller kills and restarts the
  worker when the budget is spent.

The reader's own German errors (:class:`KduError`) come back unchanged; a document over budget, or a child that
dies, becomes an :class:`InputError` naming the document and the limit. Nothing here knows about KdU.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kdu_analysis import config
from kdu_analysis.errors import InputError, KduError

#: config values copied into the child, so overrides made in the caller (environment, tests) hold there too
_SETTINGS = ("MAX_PDF_PAGES", "DOCUMENT_TIME_BUDGET_S", "DOCUMENT_MEMORY_BUDGET_MB", "MAX_PREVIEW_PIXELS")
_HEADER = struct.Struct("!Q")
#: extra seconds the caller waits beyond the budget before it gives up on the worker itself
_GRACE_S = 15.0


class BudgetExceeded(InputError):
    """A document needed more time or memory than its budget (a property of the run, too: never cache it)."""


class DocumentCrash(Exception):
    """The reader raised something that is not a German error: a bug to fix, carried with the child's traceback."""

    def __init__(self, summary: str, child_traceback: str):
        super().__init__(summary)
        self.child_traceback = child_traceback


# ----------------------------------------------------------------------------------------------- wire format

def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(read: Callable[[int], bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(read: Callable[[int], bytes]):
    (size,) = _HEADER.unpack(_read_exact(read, _HEADER.size))
    return pickle.loads(_read_exact(read, size))


# ----------------------------------------------------------------------------------------------- the call itself

def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit
        return
    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: no reliable address-space size to start from (macOS does not enforce RLIMIT_AS anyway)
    limit = current + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _memory_exhausted(exc: BaseException | None) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _call(request) -> tuple:
    """Apply the caller's environment and limits, run the call, return one picklable message."""
    func, args, kwargs, env, settings = request
    os.environ.clear()
    os.environ.update(env)
    for name, value in settings.items():
        setattr(config, name, value)
    try:
        return ("ok", func(*args, **kwargs))
    except KduError as exc:
        return ("memory",) if _memory_exhausted(exc) else ("kdu", type(exc), exc.message, exc.remedy)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # noqa: BLE001 - reported to the caller, which decides
        if _memory_exhausted(exc):
            return ("memory",)
        return ("crash", f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc)))


def _forked_call(request, budget_s: float, memory_mb: int) -> tuple:
    """In the worker: fork a child for one call, with an address-space cap, killed when the budget is spent."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_fd)
            _limit_memory(memory_mb)
            message = _call(request)
            with os.fdopen(write_fd, "wb") as out:
                try:
                    _send(out, message)
                except MemoryError:
                    _send(out, ("memory",))
                except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                    _send(out, ("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        except BaseException:  # noqa: BLE001 - never return into the worker loop from a child
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    deadline = time.monotonic() + budget_s
    buffer = bytearray()
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return ("timeout",)
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            buffer += chunk
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if len(buffer) < _HEADER.size:
        return ("died",)
    try:
        return pickle.loads(bytes(buffer[_HEADER.size:]))
    except Exception:  # noqa: BLE001 - a child killed while writing
        return ("died",)


def _worker_main(preload: list[str]) -> None:
    """``python -m kdu_analysis.pdf.limits MODULE…``: read requests on stdin, answer on (the original) stdout."""
    import importlib

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a reader prints goes to stderr, never into the answers
    for name in preload:
        importlib.import_module(name)
    stdin = sys.stdin.buffer
    can_fork = hasattr(os, "fork")
    while True:
        try:
            request, budget_s, memory_mb = _recv(stdin.read)
        except EOFError:
            return
        message = _forked_call(request, budget_s, memory_mb) if can_fork else _call(request)
        _send(out, message)


# ----------------------------------------------------------------------------------------------- the caller side

class BoundedRunner:
    """Runs reader calls in a worker process, one document at a time, each within the time and memory budget.

    Use as a context manager (the worker ends with the block)::

        with BoundedRunner("kdu_analysis.loaders.richtwerte") as runner:
            result = runner.run(extract_richtwerte, path)
    """

    def __init__(self, *preload: str):
        self.preload = list(preload)
        self._proc: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()

    def __enter__(self) -> BoundedRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen([sys.executable, "-m", "kdu_analysis.pdf.limits", *self.preload],
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._answers = queue.Queue()
            proc, answers = self._proc, self._answers

            def pump() -> None:
                while True:
                    try:
                        answers.put(_recv(proc.stdout.read))
                    except Exception:  # noqa: BLE001 - worker ended or was killed
                        answers.put(("died",))
                        return

            threading.Thread(target=pump, daemon=True).start()
        return self._proc

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            try:
                proc.stdin.close()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            proc.stdout.close()

    def _kill(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()
                except OSError:  # a pipe whose reader is gone
                    pass

    def run(self, func: Callable[..., Any], document: str | Path, *args: Any, budget_s: float | None = None,
            memory_mb: int | None = None, **kwargs: Any) -> Any:
        """``func(document, *args, **kwargs)`` within the budgets (defaults from :mod:`kdu_analysis.config`).

        Returns the result or re-raises the reader's :class:`KduError`; :class:`InputError` when the document takes
        longer than ``budget_s`` or needs more than ``memory_mb`` MB; :class:`DocumentCrash` for any other failure.
        """
        name = Path(document).name if isinstance(document, (str, os.PathLike)) else str(document)
        budget_s = float(config.DOCUMENT_TIME_BUDGET_S if budget_s is None else budget_s)
        memory_mb = int(config.DOCUMENT_MEMORY_BUDGET_MB if memory_mb is None else memory_mb)
        settings = {key: getattr(config, key) for key in _SETTINGS}
        request = (func, (document, *args), kwargs, dict(os.environ), settings)
        proc = self._start()
        try:
            _send(proc.stdin, (request, budget_s, memory_mb))
        except (BrokenPipeError, OSError):
            self._kill()
            message = ("died",)
        else:
            try:
                message = self._answers.get(timeout=budget_s + _GRACE_S)
            except queue.Empty:
                message = ("timeout",)
            if message[0] in ("timeout", "died"):
                self._kill()  # without fork the worker itself is stuck; with fork it is not, but start clean
        return _outcome(message, name, budget_s, memory_mb)


def _outcome(message: tuple, name: str, budget_s: float, memory_mb: int) -> Any:
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "kdu":
        _, cls, text, remedy = message
        raise cls(text, remedy=remedy)
    if kind == "timeout":
        raise BudgetExceeded(
            f"Das Lesen von {name} dauerte länger als das Zeitlimit von {budget_s:g} Sekunden je Dokument und wurde "
            "abgebrochen",
            remedy="Bitte prüfen, ob die Datei die richtige ist; bei sehr umfangreichen Dokumenten das Zeitlimit mit der "
            "Umgebungsvariable KDU_ZEITLIMIT_S erhöhen (Grenze DOCUMENT_TIME_BUDGET_S in kdu_analysis/config.py)")
    if kind in ("memory", "died"):
        raise BudgetExceeded(
            f"Das Lesen von {name} brauchte mehr als {memory_mb} MB Arbeitsspeicher und wurde abgebrochen"
            if kind == "memory" else f"Das Lesen von {name} wurde unerwartet beendet (Speicher oder Absturz des Lesers)",
            remedy="Bitte prüfen, ob die Datei die richtige ist; das Speicherlimit je Dokument lässt sich mit der "
            "Umgebungsvariable KDU_SPEICHERLIMIT_MB erhöhen (Grenze DOCUMENT_MEMORY_BUDGET_MB in kdu_analysis/config.py)")
    raise DocumentCrash(message[1], message[2])


_shared: dict[str, BoundedRunner] = {}


def shared_runner(preload: str) -> BoundedRunner:
    """One runner per process and reader module, started on first use and ended when the interpreter exits (for
    code that reads documents one at a time from several places, e.g. the audit's PDF comparison)."""
    if preload not in _shared:
        import atexit

        _shared[preload] = BoundedRunner(preload)
        atexit.register(_shared[preload].close)
    return _shared[preload]


def run_bounded(func: Callable[..., Any], document: str | Path, *args: Any, **kwargs: Any) -> Any:
    """One call of :meth:`BoundedRunner.run` with its own worker (for a single document)."""
    with BoundedRunner(func.__module__) as runner:
        return runner.run(func, document, *args, **kwargs)


if __name__ == "__main__":
    _worker_main(sys.argv[1:])
