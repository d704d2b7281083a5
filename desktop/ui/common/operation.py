# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one way the window runs work off the GUI thread (Anki's ``CollectionOp``/``QueryOp``).

A call site names the work, what to do with its typed result, and optionally how to word a
failure, progress and cancellation::

    self.op = Operation(self, "unhurried-health")
    self.op.start(lambda step: compute(weeks), done=self._show, failed=self.reading.setText)

The :class:`Operation` owns the thread, the ``running`` state, cancellation, the join and
the failure message; ``done`` and ``failed`` run on the GUI thread. A failure the user can
act on (a :class:`~desktop.core.errors.CoreError`) arrives as its own sentence; anything else
is a bug: it is logged with its traceback and worded by ``describe``.

One operation runs at a time. ``start`` while one runs returns ``False``, unless
``supersede=True``: then the running one's result is dropped when it comes (a newer request
is on its way), as a view refreshed twice wants.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import CoreError
from desktop.core.i18n import _

logger = logging.getLogger(__name__)

T = TypeVar("T")
P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Step:
    """What the work may use: tell progress (a line, a count), ask whether it was cancelled."""

    progress: Callable[[object], None]
    cancelled: Callable[[], bool]


@dataclass(frozen=True, slots=True)
class _Failed:
    message: str


class _Run:
    """One start: its callbacks and its cancellation flag.

    The result and the progress reach the GUI thread through ``Signal(int, object)``, which
    forgets their types; ``done`` and ``progress`` here take ``object`` and :meth:`start`
    restores the caller's types in the one place that knows them.
    """

    def __init__(self, generation: int, done: Callable[[object], None],
                 failed: Callable[[str], None], progress: Callable[[object], None]) -> None:
        self.generation = generation
        self.done = done
        self.failed = failed
        self.progress = progress
        self.cancel = threading.Event()
        self.thread: threading.Thread | None = None


def _bug(error: Exception) -> str:
    return _("Something went wrong ({error}); the details are in the log.").format(
        error=type(error).__name__)


class Operation(QObject):
    """Runs one piece of work at a time on a worker thread and answers on the GUI thread.

    Args:
        parent: owns the operation (its thread ends with the work, never with the parent).
        name: the thread's name, and what the log calls the work when it fails.
        threaded: ``False`` runs the work at once on the calling thread (tests).
    """

    _finished = Signal(int, object)  # generation, the result or _Failed
    _progressed = Signal(int, object)

    def __init__(self, parent: QObject | None, name: str, *, threaded: bool = True) -> None:
        super().__init__(parent)
        self._name = name
        self._threaded = threaded
        self._generation = 0
        self._runs: dict[int, _Run] = {}
        self._finished.connect(self._on_finished)
        self._progressed.connect(self._on_progressed)

    @property
    def running(self) -> bool:
        """Whether the latest start has not answered yet."""
        return self._generation in self._runs

    def start(self, work: Callable[[Step], T], *, done: Callable[[T], None],
              failed: Callable[[str], None], describe: Callable[[Exception], str] = _bug,
              progress: Callable[[P], None] = lambda _step: None,
              supersede: bool = False) -> bool:
        """Run ``work`` off the GUI thread; ``done(result)`` or ``failed(message)`` follows.

        Returns whether it started (``False``: one is running and ``supersede`` is off).
        """
        if self.running and not supersede:
            return False
        if self.running:
            self._runs[self._generation].cancel.set()
        self._generation += 1
        # Only work's own result (a T) reaches done, and only what it told step.progress
        # (meant for this progress) reaches progress: the casts restore what the signal forgot.
        run = _Run(self._generation, lambda result: done(cast(T, result)), failed,
                   lambda value: progress(cast(P, value)))
        self._runs[run.generation] = run
        def tell(value: object) -> None:
            with contextlib.suppress(RuntimeError):  # the owner was closed meanwhile
                self._progressed.emit(run.generation, value)

        step = Step(tell, run.cancel.is_set)

        def body() -> None:
            result = self._outcome(work, step, describe)
            with contextlib.suppress(RuntimeError):  # the owner was closed meanwhile
                self._finished.emit(run.generation, result)

        if not self._threaded:
            body()
            return True
        run.thread = threading.Thread(target=body, daemon=True, name=self._name)
        run.thread.start()
        return True

    def cancel(self) -> None:
        """Ask the running work to stop (it stops where it next asks ``step.cancelled``)."""
        for run in self._runs.values():
            run.cancel.set()

    def forget(self) -> None:
        """Let the running work's answer go nowhere (its window closed); it is asked to stop
        and its thread ends by itself."""
        self.cancel()
        self._generation += 1

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every started thread; returns whether all ended within ``timeout``."""
        threads = [r.thread for r in list(self._runs.values()) if r.thread is not None]
        for thread in threads:
            thread.join(timeout)
        return not any(thread.is_alive() for thread in threads)

    def cancel_and_wait(self, timeout: float | None = None) -> bool:
        """:meth:`cancel`, then :meth:`wait` (a window closing)."""
        self.cancel()
        return self.wait(timeout)

    def _outcome(self, work: Callable[[Step], T], step: Step,
                 describe: Callable[[Exception], str]) -> T | _Failed:
        try:
            return work(step)
        except CoreError as error:
            return _Failed(str(error))
        except Exception as error:  # the thread boundary: any bug becomes a message
            logger.exception("%s failed", self._name)
            return _Failed(describe(error))

    def _on_progressed(self, generation: int, step: object) -> None:
        if generation == self._generation and generation in self._runs:
            self._runs[generation].progress(step)

    def _on_finished(self, generation: int, result: object) -> None:
        run = self._runs.pop(generation, None)
        if run is None:
            return
        if run.thread is not None:
            run.thread.join()
        if generation != self._generation:
            return  # superseded: a newer start answers instead
        if isinstance(result, _Failed):
            run.failed(result.message)
        else:
            run.done(result)
