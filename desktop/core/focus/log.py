# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the focus service writes down: requests held for the digest, and the interruption log.

The log is what the health measures read: every notification that reached the user, when,
about which request, and why it was let through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from desktop.core.focus.blocks import Reason


class InterruptionKind(Enum):
    """How a notification reached the user."""

    BREAKTHROUGH = "breakthrough"
    """Arrived during focus and went straight through (urgent, allow-list, due before end)."""
    RELEASE = "release"
    """Was held, then let out during the block because its reply-by came close."""
    DIGEST = "digest"
    """Came out with the others at the end of a block or at a delivery time."""
    ARRIVED = "arrived"
    """Arrived outside focus (coalesced with others that arrived close together)."""


@dataclass(frozen=True, slots=True)
class HeldEntry:
    """A request held during focus: when it must come out on its own (``None``: only in the
    digest) and the block it was held in."""

    request_id: str
    breach_at: datetime | None
    held_at: datetime
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class Interruption:
    """One line of the interruption log."""

    at: datetime
    request_id: str | None
    kind: InterruptionKind
    reason: Reason
    detail: str = ""
    """The sentence the notification showed for this request."""
    session_id: str | None = None
