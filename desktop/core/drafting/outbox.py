# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Send-later: when a message should go out, and delivering it exactly once.

**When.** :func:`next_send_time` picks the first moment at or after ``now`` that lies in the
recipient's working hours (the user's working-hours shape read in the recipient's zone) and
outside every focus block of the user's.

**Exactly once.** :meth:`Outbox.deliver_due` claims a due draft by committing
``SCHEDULED → SENDING`` with a fresh attempt id *before* calling the transport, and commits
``SENT`` right after it returns. A crash between the two leaves the draft ``SENDING``: the mail
may or may not have left. :meth:`Outbox.recover` (run at start) therefore never resends such a
draft; it marks it ``FAILED`` with :data:`INTERRUPTED` so the user is told, checks their Sent
folder and sends again by hand. A second send reuses the same ``Message-ID`` (made from the
draft id), so a duplicate is recognisable. A claim is atomic, so two processes never both send.

**Closing the request.** A reply queued with ``closes_request`` marks the request it answers
done only once the server accepted it (the request shows "Reply scheduled" until then, derived
from its queued draft by :meth:`Outbox.scheduled_reply`; cancelling or a refused send leaves it
open, the reason on the draft). The close is committed after ``SENT``; a crash between the two
leaves ``request_closed_at`` empty, and :meth:`Outbox.recover` closes the request then, without
sending again (``SENT`` is never claimed).

**Failures.** A temporary failure (server down, 4xx reply) puts the draft back to
``SCHEDULED`` with ``retry_at`` after an exponential backoff (1 min doubling to 1 h); the
report names the drafts that failed for the first time, so the user is told once. A permanent
failure (login refused, 5xx reply) marks it ``FAILED``.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import Protocol

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.drafts import Draft, DraftRepository, DraftState
from desktop.core.errors import CoreError, InvalidInput, NoBusinessTime
from desktop.core.i18n import _
from desktop.core.ports import Clock
from desktop.core.working_hours import WorkingHours

Busy = Callable[[datetime, datetime], list[tuple[datetime, datetime]]]
"""The user's focus blocks that overlap a span, as (start, end) pairs."""

CloseRequest = Callable[[str], object]
"""Marks the request with this id done (a request that is gone raises ``CoreError``)."""

INTERRUPTED = "interrupted"
"""``Draft.error`` of a draft whose send was cut off: it may or may not have gone out."""

_FIRST_RETRY = timedelta(minutes=1)
_LAST_RETRY = timedelta(hours=1)
_HORIZON = timedelta(days=60)


class Security(Enum):
    """How the SMTP connection is protected."""

    TLS = "tls"  # implicit TLS, usually port 465
    STARTTLS = "starttls"  # usually port 587
    NONE = "none"  # only for a server on this machine


@dataclass(frozen=True, slots=True)
class SmtpAccount:
    """Where mail goes out. The password is kept in the keyring under :attr:`secret_key`."""

    host: str
    username: str
    from_address: str
    port: int = 587
    security: Security = Security.STARTTLS

    @property
    def secret_key(self) -> str:
        """The keyring entry of this account's password."""
        return f"smtp:{self.username}@{self.host}"


def parse_security(text: str) -> Security:
    """Read ``tls``, ``starttls`` or ``none``.

    Raises:
        InvalidInput: anything else.
    """
    try:
        return Security(text.strip().lower())
    except ValueError:
        raise InvalidInput(_("Security is tls, starttls or none.")) from None


LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
"""Hosts an unencrypted connection may go to: the password never leaves this machine."""


def check_security(host: str, security: Security) -> None:
    """Refuse a cleartext connection (and login) to another machine, as IMAP does.

    Raises:
        InvalidInput: ``security`` is ``none`` and ``host`` is not this machine.
    """
    if security is Security.NONE and host.strip().lower() not in LOOPBACK:
        raise InvalidInput(
            _("An unencrypted connection would send your password and mail over the network "
              "to {host}. Choose tls or starttls; security none is only allowed to this machine "
              "(localhost).").format(host=host))


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """One message as the transport sends it."""

    draft_id: str
    sender: str
    to: str
    subject: str
    body: str
    date: datetime
    in_reply_to: str = ""
    references: str = ""
    reply_to: str = ""
    """The id of the request this answers (``""``: none); it picks the delivery route."""


class SendFailed(CoreError):
    """The transport could not send; ``transient`` failures are tried again later."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class MailTransport(Protocol):
    """Sends one message (SMTP in :mod:`desktop.platform.smtp`)."""

    def send(self, mail: OutgoingMail) -> None:
        """Hand ``mail`` to the server.

        Raises:
            SendFailed: it was not accepted.
        """
        ...


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one round of :meth:`Outbox.deliver_due` did."""

    sent: list[Draft] = field(default_factory=list)
    retrying: list[Draft] = field(default_factory=list)
    failed: list[Draft] = field(default_factory=list)
    first_failures: list[Draft] = field(default_factory=list)
    """Drafts among ``retrying`` and ``failed`` that failed for the first time: tell once."""


def next_send_time(now: datetime, zone: tzinfo, hours: WorkingHours, busy: Busy) -> datetime:
    """The first moment at or after ``now`` inside working ``hours`` in ``zone`` and outside
    the user's ``busy`` focus blocks. Empty ``hours`` mean Mon–Fri 09:00–17:00.

    Raises:
        NoBusinessTime: no such moment in the next 60 days.
    """
    calendar = BusinessCalendar(zone, hours if not hours.is_empty else WorkingHours.office())
    blocks = sorted(busy(now, now + _HORIZON))
    moment = now
    for _round in range(len(blocks) + 1):
        moment = calendar.next_opening(moment)
        if moment >= now + _HORIZON:
            break
        inside = [end for start, end in blocks if start <= moment < end]
        if not inside:
            return moment
        moment = max(inside)
    raise NoBusinessTime(_("Every working hour of the recipient is inside a focus block."))


def backoff(tries: int) -> timedelta:
    """How long to wait after the ``tries``-th failed try: 1 min doubling, at most 1 h."""
    return min(_FIRST_RETRY * (1 << min(max(tries - 1, 0), 12)), _LAST_RETRY)


class Outbox:
    """Schedules drafts and delivers the due ones.

    Args:
        drafts: where drafts are stored.
        clock: the source of ``now``.
        close_request: marks a request done once a reply to it was delivered (``None``:
            replies close nothing).
        posts_back: whether the request with this id came from chat (Matrix, Slack), so its
            reply is posted into the room or thread and needs no email address (``None``:
            every reply is mail).
    """

    def __init__(self, drafts: DraftRepository, clock: Clock,
                 close_request: CloseRequest | None = None,
                 posts_back: Callable[[str], bool] | None = None) -> None:
        self._drafts = drafts
        self._clock = clock
        self._close_request = close_request
        self._posts_back = posts_back

    def schedule(self, draft: Draft, when: datetime, *, closes_request: bool = False) -> Draft:
        """Queue ``draft`` to go out at ``when`` (now or later); with ``closes_request`` the
        request it replies to is marked done once the server accepted it.

        Raises:
            InvalidInput: no email address to send to, or the draft is already queued or
                sent.
        """
        if not self._is_post(draft):
            self._check_address(draft)
        if draft.state not in (DraftState.DRAFT, DraftState.FAILED, DraftState.SCHEDULED):
            raise InvalidInput(_("This message is already being sent or was sent."))
        queued = replace(draft, state=DraftState.SCHEDULED, send_at=when, retry_at=None,
                         tries=0, error="", attempt=None, modified_at=self._clock.now(),
                         closes_request=closes_request and draft.reply_to is not None)
        self._drafts.save(queued)
        return queued

    def _is_post(self, draft: Draft) -> bool:
        """Whether ``draft`` answers a chat request: it is posted back, not mailed."""
        return (self._posts_back is not None and draft.reply_to is not None
                and self._posts_back(draft.reply_to))

    @staticmethod
    def _check_address(draft: Draft) -> None:
        if not draft.recipient.strip():
            raise InvalidInput(_("Add a recipient before sending."))
        from email.utils import getaddresses  # with sockets and charsets: when sending only

        if not any("@" in address.strip("@") for _name, address in getaddresses(
                [draft.recipient])):
            raise InvalidInput(_("Sending needs an email address such as ann@example.org; "
                                 "for chat, copy the message instead."))

    def unschedule(self, draft: Draft) -> Draft:
        """Take a queued (or failed) draft back to be edited.

        Raises:
            InvalidInput: it is being sent right now, or was sent.
        """
        if draft.state in (DraftState.SENDING, DraftState.SENT):
            raise InvalidInput(_("This message is being sent or was sent; it cannot be taken "
                                 "back."))
        back = replace(draft, state=DraftState.DRAFT, send_at=None, retry_at=None, tries=0,
                       attempt=None, modified_at=self._clock.now())
        self._drafts.save(back)
        return back

    def reschedule(self, draft: Draft, when: datetime) -> Draft:
        """Move a queued (or failed) draft to ``when``, keeping what it closes.

        Raises:
            InvalidInput: it is being sent right now, or was sent.
        """
        if draft.state not in (DraftState.SCHEDULED, DraftState.FAILED):
            raise InvalidInput(_("Only a queued or failed message can be rescheduled."))
        return self.schedule(draft, when, closes_request=draft.closes_request)

    def scheduled_reply(self, request_id: str) -> Draft | None:
        """The reply to ``request_id`` queued or on its way out, if any (the soonest)."""
        queued = (DraftState.SCHEDULED, DraftState.SENDING)
        return next((d for d in self.pending()
                     if d.reply_to == request_id and d.state in queued), None)

    def scheduled_replies(self) -> dict[str, datetime]:
        """When the queued (or in-flight) reply to each request goes out, by request id (the
        soonest, as :meth:`scheduled_reply`): read once per queue load, not per row."""
        queued = (DraftState.SCHEDULED, DraftState.SENDING)
        out: dict[str, datetime] = {}
        for draft in self.pending():
            due = _due(draft)
            if draft.reply_to and draft.state in queued and due is not None:
                out.setdefault(draft.reply_to, due)
        return out

    def pending(self) -> list[Draft]:
        """Queued, in-flight and failed drafts, the soonest first."""
        states = (DraftState.SCHEDULED, DraftState.SENDING, DraftState.FAILED)
        rows = [d for d in self._drafts.all() if d.state in states]
        return sorted(rows, key=lambda d: (_due(d) or d.modified_at, d.id))

    def next_due(self) -> datetime | None:
        """When the next queued draft is due, for the timer."""
        times = [_due(d) for d in self._drafts.all() if d.state is DraftState.SCHEDULED]
        return min((t for t in times if t is not None), default=None)

    def recover(self) -> list[Draft]:
        """Mark drafts left ``SENDING`` by a crash as ``FAILED`` (:data:`INTERRUPTED`), and
        close the requests of replies that were delivered but not yet closed (never resent).

        Returns the drafts marked failed, for the user to check whether they went out.
        """
        now = self._clock.now()
        drafts = self._drafts.all()
        cut = [replace(d, state=DraftState.FAILED, attempt=None, error=INTERRUPTED,
                       modified_at=now)
               for d in drafts if d.state is DraftState.SENDING]
        for draft in cut:
            self._drafts.save(draft)
        for draft in drafts:
            if draft.state is DraftState.SENT:
                self._close(draft)
        return cut

    def _close(self, sent: Draft) -> Draft:
        """Mark the request a delivered reply answers done, once."""
        if (not sent.closes_request or sent.reply_to is None or sent.request_closed_at
                is not None or self._close_request is None):
            return sent
        with contextlib.suppress(CoreError):  # a request deleted meanwhile: nothing to close
            self._close_request(sent.reply_to)
        closed = replace(sent, request_closed_at=self._clock.now())
        self._drafts.save(closed)
        return closed

    def deliver_due(self, transport: MailTransport, sender: str) -> DeliveryReport:
        """Send every draft whose time has come, each at most once."""
        report = DeliveryReport()
        now = self._clock.now()
        for draft in self._drafts.all():
            due = _due(draft)
            if draft.state is not DraftState.SCHEDULED or due is None or due > now:
                continue
            claimed = self._drafts.claim(draft.id, uuid.uuid4().hex, now)
            if claimed is None:
                continue
            self._deliver(claimed, transport, sender, report)
        return report

    def _deliver(self, draft: Draft, transport: MailTransport, sender: str,
                 report: DeliveryReport) -> None:
        mail = OutgoingMail(draft.id, sender, draft.recipient, draft.subject, draft.body,
                            self._clock.now(), draft.in_reply_to, draft.references,
                            draft.reply_to or "")
        try:
            transport.send(mail)
        except SendFailed as error:
            tries = draft.tries + 1
            now = self._clock.now()
            if error.transient:
                after = replace(draft, state=DraftState.SCHEDULED, attempt=None, tries=tries,
                                retry_at=now + backoff(tries), error=error.reason,
                                modified_at=now)
                report.retrying.append(after)
            else:
                after = replace(draft, state=DraftState.FAILED, attempt=None, tries=tries,
                                retry_at=None, error=error.reason, modified_at=now)
                report.failed.append(after)
            self._drafts.save(after)
            if tries == 1:
                report.first_failures.append(after)
            return
        now = self._clock.now()
        sent = replace(draft, state=DraftState.SENT, sent_at=now, attempt=None, retry_at=None,
                       error="", modified_at=now)
        self._drafts.save(sent)
        report.sent.append(self._close(sent))


def _due(draft: Draft) -> datetime | None:
    return draft.retry_at or draft.send_at
