# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A request's history: what happened to it by itself, so the user can see why it moved.

Entries keep a kind and a detail (who answered), not a sentence: :func:`describe` words them
in the language of whoever reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol

from desktop.core.i18n import _


class HistoryKind(Enum):
    """What happened."""

    ANSWERED = "answered"
    """An answer from the other side arrived in the thread of a waiting request; its clock
    runs again."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One thing that happened to a request at ``at`` (UTC)."""

    request_id: str
    at: datetime
    kind: HistoryKind
    detail: str = ""


class RequestHistory(Protocol):
    """Where history entries are kept."""

    def add(self, request_id: str, at: datetime, kind: HistoryKind, detail: str = "") -> None:
        """Record one entry."""
        ...

    def entries(self, request_id: str) -> list[HistoryEntry]:
        """The entries of one request, oldest first."""
        ...


class MemoryHistory:
    """:class:`RequestHistory` in a list (for tests and an in-memory queue)."""

    def __init__(self) -> None:
        self.kept: list[HistoryEntry] = []

    def add(self, request_id: str, at: datetime, kind: HistoryKind, detail: str = "") -> None:
        """Record one entry."""
        self.kept.append(HistoryEntry(request_id, at, kind, detail))

    def entries(self, request_id: str) -> list[HistoryEntry]:
        """The entries of one request, oldest first."""
        return sorted((e for e in self.kept if e.request_id == request_id), key=lambda e: e.at)


def describe(entry: HistoryEntry) -> str:
    """The entry as a sentence for the user (without its time)."""
    if entry.detail:
        return _("{who} answered in the thread; waiting ended and the clock runs again.").format(
            who=entry.detail)
    return _("An answer arrived in the thread; waiting ended and the clock runs again.")
