# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Undo for every change made in the window: each command keeps the request before and after.

Undo stores the earlier snapshot again (with a fresh modification time, so sync sees it); redo
stores the later one. Deleting only sets a tombstone, so undoing a delete loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desktop.core.errors import InvalidInput, NotFound
from desktop.core.i18n import _
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request

Applied = Callable[[Request], None]


class ChangeCommand(QUndoCommand):
    """One change to one request, made by ``change`` the first time it is done.

    Args:
        text: what the Edit menu shows ("Undo Mark done").
        queue: the queue service.
        before: the request as it was (``None`` when the change adds it).
        change: performs the change and returns the new request.
        applied: told about every state the request takes, to update the view.
    """

    def __init__(self, text: str, queue: QueueService, before: Request | None,
                 change: Callable[[], Request], applied: Applied) -> None:
        super().__init__(text)
        self._queue = queue
        self._before = before
        self._change: Callable[[], Request] | None = change
        self._after: Request | None = None
        self._applied = applied
        self.error: str | None = None

    @property
    def result(self) -> Request | None:
        """The request after the change."""
        return self._after

    def redo(self) -> None:
        if self._change is not None:
            change, self._change = self._change, None
            try:
                self._after = change()
            except (InvalidInput, NotFound) as error:
                # Qt calls redo(); an exception cannot cross back through push(). Record it and
                # let the stack drop this command.
                self.error = str(error) if isinstance(error, InvalidInput) else _(
                    "The request no longer exists.")
                self.setObsolete(True)
                return
        else:
            assert self._after is not None
            self._after = self._queue.put(replace(self._after, modified_at=self._queue.now()))
        self._applied(self._after)

    def undo(self) -> None:
        if self._after is None:
            return
        now = self._queue.now()
        if self._before is None:  # undoing an add: keep it as a tombstone
            restored = self._queue.put(replace(self._after, deleted_at=now, modified_at=now))
        else:
            restored = self._queue.put(replace(self._before, modified_at=now))
        self._applied(restored)
