# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafts: messages being written, their saved versions, and the service the editor uses.

Every autosave that changed the subject or body adds a version; the newest
:data:`KEEP_VERSIONS` versions of each draft are kept. Deleting sets a tombstone, so undo loses
nothing. The outbox (:mod:`desktop.core.drafting.outbox`) moves drafts through the sending states.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Protocol

from desktop.core.errors import CoreError, InvalidInput
from desktop.core.i18n import N_, _
from desktop.core.ports import Clock

KEEP_VERSIONS = 50


class DraftState(Enum):
    """Where a draft is on its way out.

    ``SENDING`` is committed before the transport is called and left only after it returned,
    so a crash in between leaves a trace (see :meth:`desktop.core.drafting.outbox.Outbox.recover`).
    """

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"

    @property
    def label(self) -> str:
        """The untranslated name for lists (pass through ``_()``)."""
        return _LABELS[self]


_LABELS = {DraftState.DRAFT: N_("Draft"), DraftState.SCHEDULED: N_("Scheduled"),
           DraftState.SENDING: N_("Sending"), DraftState.SENT: N_("Sent"),
           DraftState.FAILED: N_("Failed")}


class DraftNotFound(CoreError, LookupError):
    """A draft id that is not stored."""

    def __init__(self, draft_id: str) -> None:
        super().__init__(draft_id)
        self.draft_id = draft_id


@dataclass(frozen=True, slots=True)
class Draft:
    """A message being written, or on its way out.

    Attributes:
        recipient_zone: the recipient's IANA zone, or ``""`` when unknown.
        template_id: the template it was drafted from, if any.
        reply_to: the id of the request it answers, if any.
        send_at: when it is planned to go out (scheduled drafts).
        retry_at: when the next try is due after a failed one (``None``: at ``send_at``).
        tries: failed tries so far for the current plan.
        attempt: the id of the try in flight while ``SENDING``.
        error: the last reason a try failed, as the server or the system gave it.
        in_reply_to: the ``Message-ID`` of the mail this answers (``""``: none).
        references: the ``References`` header of a reply (``""``: none).
        closes_request: whether delivering it marks ``reply_to`` done (chosen when queued).
        request_closed_at: when ``reply_to`` was marked done after delivery; ``None`` on a
            sent draft that closes a request means the close is still owed (a crash came
            between the two; :meth:`~desktop.core.drafting.outbox.Outbox.recover` does it).
    """

    id: str
    created_at: datetime
    modified_at: datetime
    subject: str = ""
    body: str = ""
    recipient: str = ""
    recipient_zone: str = ""
    template_id: str | None = None
    reply_to: str | None = None
    state: DraftState = DraftState.DRAFT
    send_at: datetime | None = None
    sent_at: datetime | None = None
    retry_at: datetime | None = None
    tries: int = 0
    attempt: str | None = None
    error: str = ""
    deleted_at: datetime | None = None
    in_reply_to: str = ""
    references: str = ""
    closes_request: bool = False
    request_closed_at: datetime | None = None

    @property
    def editable(self) -> bool:
        """Whether the text may still change (not on its way out or gone)."""
        return self.state in (DraftState.DRAFT, DraftState.FAILED)


@dataclass(frozen=True, slots=True)
class DraftVersion:
    """The subject and body of a draft as one autosave left them."""

    draft_id: str
    number: int
    saved_at: datetime
    subject: str
    body: str


class DraftRepository(Protocol):
    """Where drafts and their versions are kept. Every call is one transaction."""

    def get(self, draft_id: str) -> Draft | None:
        """The draft, deleted ones included; ``None`` if unknown."""
        ...

    def save(self, draft: Draft, version: DraftVersion | None = None, *,
             keep: int = KEEP_VERSIONS) -> None:
        """Insert or replace ``draft``; add ``version`` and keep only the newest ``keep``."""
        ...

    def all(self, *, include_deleted: bool = False) -> list[Draft]:
        """Every draft, most recently changed first."""
        ...

    def versions(self, draft_id: str) -> list[DraftVersion]:
        """The kept versions of a draft, newest first."""
        ...

    def claim(self, draft_id: str, attempt: str, now: datetime) -> Draft | None:
        """Move a ``SCHEDULED`` draft to ``SENDING`` under ``attempt``, atomically.

        Returns:
            The claimed draft, or ``None`` when it was no longer scheduled (another process
            claimed it, or the user took it back).
        """
        ...


class DraftService:
    """What the editor and the command line do with drafts.

    Args:
        drafts: where drafts are stored.
        clock: the source of ``now``.
        new_id: makes draft ids (random UUIDs unless a test passes its own).
    """

    def __init__(self, drafts: DraftRepository, clock: Clock,
                 new_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._drafts = drafts
        self._clock = clock
        self._new_id = new_id

    def now(self) -> datetime:
        """The current instant from the injected clock."""
        return self._clock.now()

    def create(self, *, subject: str = "", body: str = "", recipient: str = "",
               recipient_zone: str = "", template_id: str | None = None,
               reply_to: str | None = None, in_reply_to: str = "",
               references: str = "") -> Draft:
        """Start a draft; its first version is its first text."""
        now = self._clock.now()
        draft = Draft(self._new_id(), now, now, subject, body, recipient, recipient_zone,
                      template_id, reply_to, in_reply_to=in_reply_to, references=references)
        version = DraftVersion(draft.id, 1, now, subject, body) if subject or body else None
        self._drafts.save(draft, version)
        return draft

    def get(self, draft_id: str) -> Draft:
        """The draft with ``draft_id``.

        Raises:
            DraftNotFound: no such draft.
        """
        draft = self._drafts.get(draft_id)
        if draft is None:
            raise DraftNotFound(draft_id)
        return draft

    def resolve(self, text: str) -> Draft:
        """A draft by id or by a unique prefix of at least four characters.

        Raises:
            DraftNotFound: none, or more than one, matches.
        """
        draft = self._drafts.get(text)
        if draft is not None:
            return draft
        matches = [d for d in self._drafts.all() if len(text) >= 4 and d.id.startswith(text)]
        if len(matches) != 1:
            raise DraftNotFound(text)
        return matches[0]

    def drafts(self) -> list[Draft]:
        """Every draft that is not deleted, most recently changed first."""
        return self._drafts.all()

    def history(self, draft_id: str) -> list[DraftVersion]:
        """The kept versions, newest first."""
        return self._drafts.versions(draft_id)

    def autosave(self, draft_id: str, *, subject: str, body: str, recipient: str,
                 recipient_zone: str) -> Draft:
        """Store what the editor shows; a changed subject or body becomes a new version.

        Returns the draft unchanged (and writes nothing) when nothing changed.

        Raises:
            DraftNotFound: no such draft.
            InvalidInput: the draft is on its way out or sent; its text can no longer change.
        """
        draft = self.get(draft_id)
        fields = (subject, body, recipient, recipient_zone)
        if fields == (draft.subject, draft.body, draft.recipient, draft.recipient_zone):
            return draft
        if not draft.editable:
            raise InvalidInput(_("This message is queued or sent; take it back from the outbox "
                                 "to change it."))
        now = self._clock.now()
        changed = replace(draft, subject=subject, body=body, recipient=recipient,
                          recipient_zone=recipient_zone, modified_at=now)
        version = None
        if (subject, body) != (draft.subject, draft.body):
            versions = self._drafts.versions(draft_id)
            number = versions[0].number + 1 if versions else 1
            version = DraftVersion(draft_id, number, now, subject, body)
        self._drafts.save(changed, version)
        return changed

    def put(self, draft: Draft) -> Draft:
        """Store a draft as given, with a fresh modification time (undo and redo)."""
        stored = replace(draft, modified_at=self._clock.now())
        self._drafts.save(stored)
        return stored

    def delete(self, draft_id: str) -> Draft:
        """Delete a draft (a tombstone: :meth:`put` of the earlier draft brings it back)."""
        draft = self.get(draft_id)
        now = self._clock.now()
        gone = replace(draft, deleted_at=now, modified_at=now)
        self._drafts.save(gone)
        return gone
