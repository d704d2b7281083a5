# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Undo for every change made in a window: one command shape for requests, decisions, drafts.

A :class:`RecordCommand` changes one record (a request, a decision, a draft): the first redo
runs the change and keeps the record before and after; undo stores the earlier state again (or
removes a record the change created); a later redo stores the later state again. Each window
has one ``QUndoStack``; :func:`push` puts a command on it and returns how to undo exactly that
command from a button outside the Edit menu (a message bar's Undo, a dialog's Undo delete).

Requests (:func:`request_command`) are stored with a fresh modification time on undo and redo,
so sync sees the change; deleting only sets a tombstone, so undoing a delete loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.errors import InvalidInput, NotFound
from desktop.core.i18n import _
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request

T = TypeVar("T")
Applied = Callable[[Request], None]
Undo = Callable[[], None]


class RecordCommand(QUndoCommand, Generic[T]):
    """One change to one record, made by ``change`` the first time it is done.

    Args:
        text: what the Edit menu shows ("Undo Mark done").
        before: the record as it was (``None`` when the change creates it).
        change: performs the change and returns the record after it.
        store: writes a state of the record again (redo after undo; undo with ``before``);
            returns the state as stored.
        remove: undoes a change that created the record; returns the record left (a
            tombstone), or ``None``.
        applied: told about every state the record takes, to update a view.
    """

    def __init__(self, text: str, before: T | None, change: Callable[[], T],
                 store: Callable[[T], T], remove: Callable[[T], T | None],
                 applied: Callable[[T], None] = lambda _record: None) -> None:
        super().__init__(text)
        self._before = before
        self._change: Callable[[], T] | None = change
        self._store = store
        self._remove = remove
        self._applied = applied
        self.after: T | None = None
        self.error: str | None = None

    @property
    def result(self) -> T | None:
        """The record after the change (``None`` if the change failed)."""
        return self.after

    def redo(self) -> None:
        if self._change is not None:
            change, self._change = self._change, None
            try:
                self.after = change()
            except (InvalidInput, NotFound) as error:
                # Qt calls redo(); an exception cannot cross back through push(). Record it and
                # let the stack drop this command.
                self.error = str(error) if isinstance(error, InvalidInput) else _(
                    "The request no longer exists.")
                self.setObsolete(True)
                return
        elif self.after is not None:
            self.after = self._store(self.after)
        if self.after is not None:
            self._applied(self.after)

    def undo(self) -> None:
        if self.after is None:
            return
        restored = (self._remove(self.after) if self._before is None
                    else self._store(self._before))
        if restored is not None:
            self._applied(restored)


class _Reverse(QUndoCommand):
    """Undoes an older command from outside the Edit menu, itself undoable."""

    def __init__(self, command: QUndoCommand) -> None:
        super().__init__(_("Undo {action}").format(action=command.text()))
        self._command = command

    def redo(self) -> None:
        self._command.undo()

    def undo(self) -> None:
        self._command.redo()


def push(stack: QUndoStack, command: RecordCommand[T]) -> Undo | None:
    """Run ``command`` through ``stack``; returns how to undo it later (``None`` if it failed).

    The returned function undoes the command through the stack: by ``stack.undo()`` while it is
    the latest step, otherwise by pushing its reverse, so Edit > Undo and Redo stay in order.
    """
    stack.push(command)
    if command.error is not None:
        return None

    def undo() -> None:
        if stack.index() > 0 and stack.command(stack.index() - 1) is command:
            stack.undo()
        else:
            stack.push(_Reverse(command))
    return undo


def request_command(text: str, queue: QueueService, before: Request | None,
                    change: Callable[[], Request],
                    applied: Applied = lambda _request: None) -> RecordCommand[Request]:
    """A change to one request; undo and redo store it with a fresh modification time."""

    def store(request: Request) -> Request:
        return queue.put(replace(request, modified_at=queue.now()))

    def remove(request: Request) -> Request:  # undoing an add: keep it as a tombstone
        now = queue.now()
        return queue.put(replace(request, deleted_at=now, modified_at=now))

    return RecordCommand(text, before, change, store, remove, applied)

