# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quieting the whole desktop during a focus block, and putting it back afterwards.

A backend (GNOME, KDE Plasma, dunst, swaync: adapters in ``desktop.platform.desktop_quiet``)
says whether the desktop holds its notifications and can turn that on and off. This module
decides what to do; it never runs a command itself.

The rules:

- When a block runs and the desktop is not quiet, the desktop's previous state is *recorded
  first* (in the store), then it is quieted. A crash after the record and before the change
  is harmless: the next start finds the desktop as recorded and only forgets the record.
- When no block runs (it ended, the app quits, or the app starts after a crash) and a record
  exists, the desktop is put back the way it was, and the record is forgotten.
- A desktop that was already quiet before the block is left alone (nothing is recorded, so
  nothing is undone later).
- If the desktop is no longer quiet while a block runs, the user turned do-not-disturb off by
  hand: Unhurried leaves it alone for the rest of that block, says so, and restores nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from desktop.core.errors import CoreError


class QuietUnavailable(CoreError):
    """The desktop's do-not-disturb could not be read or changed (its tool or service is
    gone or refused); ``message`` says so in a sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DesktopQuiet(Protocol):
    """One desktop's do-not-disturb switch."""

    name: str
    """Short name shown to the user and in ``focus status --json``: gnome, kde, dunst, swaync."""
    @property
    def holds_critical(self) -> bool:
        """Whether the quiet desktop also holds critical notifications (Unhurried's urgent
        breakthroughs), so they must be shown another way while it is quiet (dunst: only
        while paused, not while its rules hold the others)."""
        ...

    def is_quiet(self) -> bool:
        """Whether the desktop holds its notifications now.

        Raises:
            QuietUnavailable: it cannot be asked.
        """
        ...

    def quiet(self) -> str:
        """Hold the desktop's notifications; returns a token that :meth:`unquiet` needs
        (KDE's inhibition cookie; empty for the others).

        Raises:
            QuietUnavailable: it cannot be changed.
        """
        ...

    def unquiet(self, token: str) -> None:
        """Show the desktop's notifications again.

        Raises:
            QuietUnavailable: it cannot be changed.
        """
        ...


@dataclass(frozen=True, slots=True)
class QuietRecord:
    """What Unhurried changed: kept in the store from before the change until it is undone."""

    backend: str
    was_quiet: bool
    """The desktop's state before the block (what is put back)."""
    since: datetime
    token: str = ""
    quieted: bool = False
    """Whether the change was made (``False`` between recording and changing)."""
    taken_over: bool = False
    """The user turned do-not-disturb off by hand during the block: leave it alone."""


class QuietRecords(Protocol):
    """Where the one :class:`QuietRecord` is kept (it must survive a crash)."""

    def get(self) -> QuietRecord | None:
        """The record, if Unhurried has changed the desktop and not put it back."""
        ...

    def put(self, record: QuietRecord | None) -> None:
        """Keep ``record`` (``None`` forgets it), durably, before returning."""
        ...


def quieted_by(record: QuietRecord | None) -> str | None:
    """The backend's name while ``record`` says Unhurried holds the desktop quiet."""
    if record is None or not record.quieted or record.taken_over:
        return None
    return record.backend


class Step(enum.Enum):
    """What :func:`decide` says to do."""

    NOTHING = "nothing"
    QUIET = "quiet"
    """Record the present state, then quiet the desktop."""
    RESTORE = "restore"
    """Put the recorded state back, then forget the record."""
    FORGET = "forget"
    """Forget the record without touching the desktop (it already is as recorded)."""
    TAKEN_OVER = "taken_over"
    """The user changed do-not-disturb during the block: mark it and leave it alone."""


def decide(*, block_running: bool, enabled: bool, record: QuietRecord | None,
           quiet_now: bool) -> Step:
    """What to do about the desktop, from whether a block runs, the setting, the record and
    the desktop's present state."""
    want = block_running and enabled
    if record is None:
        return Step.QUIET if want and not quiet_now else Step.NOTHING
    if record.taken_over:
        return Step.NOTHING if want else Step.FORGET
    if not record.quieted:  # recorded, then stopped before the change: nothing to undo
        return Step.FORGET if not want or quiet_now else Step.QUIET
    if want:
        return Step.NOTHING if quiet_now else Step.TAKEN_OVER
    if quiet_now != record.was_quiet:
        return Step.RESTORE
    return Step.FORGET  # already back as it was (by hand, or the desktop dropped it)


class Outcome(enum.Enum):
    """What :meth:`DesktopQuieter.follow` did, for the status bar and the log."""

    UNCHANGED = "unchanged"
    QUIETED = "quieted"
    RESTORED = "restored"
    TAKEN_OVER = "taken_over"
    FAILED = "failed"


class DesktopQuieter:
    """Keeps the desktop's do-not-disturb in step with focus blocks.

    Args:
        find: finds the desktop's switch (``None`` when no supported desktop runs); asked on
            the first :meth:`follow`, not before (it may ask the session bus).
        records: the store of the one record.
        now: the clock's now (for the record's ``since``).
        enabled: reads the ``quiet_desktop`` setting.
    """

    def __init__(self, find: Callable[[], DesktopQuiet | None], records: QuietRecords,
                 now: Callable[[], datetime], enabled: Callable[[], bool]) -> None:
        self._find: Callable[[], DesktopQuiet | None] | None = find
        self._backend: DesktopQuiet | None = None
        self._records = records
        self._now = now
        self._enabled = enabled
        self.problem: str = ""
        """The last failure's message (empty when the last step worked)."""

    @property
    def backend(self) -> DesktopQuiet | None:
        """The desktop's switch (found on first use)."""
        if self._find is not None:
            self._backend, self._find = self._find(), None
        return self._backend

    def quieted_by(self) -> str | None:
        """The backend's name while Unhurried holds the desktop quiet, else ``None``."""
        return quieted_by(self._records.get())

    def holds_breakthroughs(self) -> bool:
        """Whether a breakthrough sent to the desktop now would wait until the block ends."""
        backend = self._backend
        return (backend is not None and backend.holds_critical
                and self.quieted_by() == backend.name)

    def follow(self, block_running: bool) -> Outcome:
        """Quiet or restore the desktop as :func:`decide` says; call it whenever a block may
        have started or ended, at start (after a crash) and at quit (with ``False``)."""
        record = self._records.get()
        backend = self.backend
        if backend is None or (record is not None and record.backend != backend.name):
            # Recorded on a desktop that is not running now (another session, or not up
            # yet): keep the record, so that desktop is put back when it is found again.
            return Outcome.UNCHANGED
        try:
            quiet_now = backend.is_quiet()
            step = decide(block_running=block_running, enabled=self._enabled(), record=record,
                          quiet_now=quiet_now)
            return self._do(step, backend, record, quiet_now)
        except QuietUnavailable as error:
            self.problem = error.message
            return Outcome.FAILED

    def _do(self, step: Step, backend: DesktopQuiet, record: QuietRecord | None,
            quiet_now: bool) -> Outcome:
        self.problem = ""
        if step is Step.QUIET:
            planned = QuietRecord(backend.name, quiet_now, self._now())
            self._records.put(planned)  # recorded BEFORE the change
            token = backend.quiet()
            self._records.put(replace(planned, token=token, quieted=True))
            return Outcome.QUIETED
        if record is None or step is Step.NOTHING:
            return Outcome.UNCHANGED
        if step is Step.TAKEN_OVER:
            self._records.put(replace(record, taken_over=True))
            return Outcome.TAKEN_OVER
        if step is Step.RESTORE:
            backend.unquiet(record.token)
            self._records.put(None)
            return Outcome.RESTORED
        self._records.put(None)
        return Outcome.UNCHANGED
