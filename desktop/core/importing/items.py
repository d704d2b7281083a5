# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What importers hand over: requests as a source read them, problems, and the report.

Sources (``desktop/sources``) read files and servers and yield :class:`Incoming` items or
:class:`Problem` records; they never decide what is new. The queue does
(:meth:`desktop.core.queue.service.QueueService.import_batch`): a source and external id is imported
once, and what the user changed since (state, priority, snooze) is never touched again.

Items the user sent (their sender is one of the ``me`` setting's addresses) are not requests:
they close the requests they answer.

An imported request's id is derived from its source and external id, so importing the same
mail on two devices, or again after a crash, gives the same request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from desktop.core.requests import Channel, Priority, Request, sender_is

if TYPE_CHECKING:
    import uuid

_IMPORT_NAMESPACE = "5d1f0c6e-8a43-4b8e-9a55-6f1c0de1a2b3"
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def plausible(moment: datetime) -> bool:
    """Whether a time a source read can be when a request arrived (1970 up to 2100).

    Reply-bys of a batch are counted over one stretch of business time from its earliest to
    its latest request: a single message dated year 26 or 9000 made that stretch millennia
    long and an import of 4,000 messages take a minute. Sources treat such a date as unreadable
    (and report it).
    """
    return EARLIEST <= moment < LATEST


@dataclass(frozen=True, slots=True)
class Incoming:
    """One request as a source read it."""

    source: str
    """Which importer read it, e.g. ``mail`` or ``csv``."""
    external_id: str
    """The source's own id: a Message-ID, an issue key, a permalink."""
    subject: str
    sender: str
    received_at: datetime
    body: str = ""
    links: tuple[str, ...] = ()
    channel: Channel = Channel.EMAIL
    priority: Priority = Priority.NORMAL
    replies_to: tuple[str, ...] = ()
    """External ids this item answers (a mail's In-Reply-To, then its References)."""
    sender_zone: str = ""
    """The sender's zone where the source says it (a Slack profile's ``tz``; a mail's Date
    offset as a fixed ``Etc/GMT±N`` zone), for the people directory; ``""``: not said."""
    zone_source: str = ""
    """Where ``sender_zone`` came from: a :class:`desktop.core.people.Source` value."""
    own: bool = False
    """Written by the user (a reply, not a request), whoever the settings say the user is."""
    answer_only: bool = False
    """From someone else, not addressed to the user, but in a thread it answers (``replies_to``):
    not a request itself, it only resumes a request waiting on that thread."""

    def is_from(self, me: Sequence[str]) -> bool:
        """Whether the sender is one of the user's own addresses or ids (``me``)."""
        return sender_is(self.sender, me)

    def to_request(self) -> Request:
        """A new queue request for this item (its reply-by is derived when it is stored).

        Its last change is its arrival: nobody has touched it yet (see ``close_answered``).
        """
        return Request(
            id=import_id(self.source, self.external_id),
            subject=self.subject.strip() or "(no subject)",
            received_at=self.received_at,
            modified_at=self.received_at,
            sender=self.sender.strip(),
            body=self.body,
            links=self.links,
            channel=self.channel,
            priority=self.priority,
            source=self.source,
            external_id=self.external_id,
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """An item that could not be imported, or only in part."""

    where: str
    """The file (and the item in it) the problem came from."""
    reason: str


@dataclass(slots=True)
class ImportReport:
    """What one import did."""

    imported: int = 0
    skipped_duplicates: int = 0
    failed: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    answered: int = 0
    """Requests marked done because the user's own reply was among the items."""

    def add(self, imported: int, duplicates: int) -> None:
        """Count one stored batch."""
        self.imported += imported
        self.skipped_duplicates += duplicates

    def to_json(self) -> dict[str, Any]:
        """The report as the CLI prints it with ``--json``."""
        return {
            "imported": self.imported,
            "skipped_duplicates": self.skipped_duplicates,
            "failed": [{"source": p.where, "reason": p.reason} for p in self.failed],
            "cancelled": self.cancelled,
            "answered": self.answered,
        }


def import_id(source: str, external_id: str) -> str:
    """The request id of an imported item: the same on every device and every run."""
    import hashlib
    import uuid  # here: importing uuid imports platform, 10 ms of every start

    # uuid5 by hand: uuid.uuid5 encodes strictly, and an id read from a broken file may hold
    # a lone surrogate ("\udcff" from undecodable bytes); surrogatepass keeps it distinct.
    name = f"{source}\x00{external_id}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(_namespace().bytes + name, usedforsecurity=False).digest()
    return uuid.UUID(bytes=digest[:16], version=5).hex


@cache
def _namespace() -> uuid.UUID:
    import uuid

    return uuid.UUID(_IMPORT_NAMESPACE)
