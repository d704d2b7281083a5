# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue service: what the window and the command line do with requests.

It ties the repository, the clock and the settings together and keeps every stored reply-by in
step with the policy and the calendar. It raises :mod:`desktop.core.errors` exceptions and never
talks to the user itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from desktop.core import requests as rq
from desktop.core.deadlines import (
    Clockwork,
    derive,
    time_left,
    with_reply_by,
    with_reply_bys,
)
from desktop.core.errors import AmbiguousId, InvalidInput, NotFound
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, import_id
from desktop.core.ports import Clock, RequestRepository, SettingsStore
from desktop.core.queue.buckets import Bucket, BucketEdges, QueueEntry, edges_at
from desktop.core.queue.derivation import HolidayLookup, calendar_for, fingerprint
from desktop.core.queue.history import HistoryEntry, HistoryKind, MemoryHistory, RequestHistory
from desktop.core.requests import Channel, Priority, Request, State
from desktop.core.settings import Settings, check_value, spec_of
from desktop.core.settings.registry import DERIVED_WITH

_SHOWN_MATCHES = 5


class QueueService:
    """Adds, changes and lists requests; keeps reply-by times derived.

    Args:
        requests: where requests are stored.
        settings: where settings are stored.
        clock: the source of ``now``.
        holidays: looks up public holidays for the region chosen in the settings.
        default_zone: the zone to use until the user picks one (the system's).
        history: where the request history is kept (default: in memory).
    """

    def __init__(
        self,
        requests: RequestRepository,
        settings: SettingsStore,
        clock: Clock,
        holidays: HolidayLookup,
        default_zone: str = "UTC",
        history: RequestHistory | None = None,
    ) -> None:
        self._requests = requests
        self._history: RequestHistory = history or MemoryHistory()
        self._settings_store = settings
        self._clock = clock
        self._holidays = holidays
        self._default_zone = default_zone
        self.settings = Settings.from_text({}, default_zone=default_zone)
        self.calendar = calendar_for(self.settings, self._holidays)
        self.reload_settings()

    # -- settings ----------------------------------------------------------------------------

    def reload_settings(self) -> int:
        """Read the settings again; re-derive reply-by times if the rules changed since they
        were last derived (also after a crash between storing settings and re-deriving).

        Returns:
            How many requests got a new reply-by.
        """
        values = self._settings_store.values()
        self.settings = Settings.from_text(values, default_zone=self._default_zone)
        self.calendar = calendar_for(self.settings, self._holidays)
        derived_with = fingerprint(values, self._default_zone)
        if self.settings.derived_with == derived_with:
            return 0
        changed = self.rederive_all()
        self._settings_store.put(DERIVED_WITH.entry(derived_with))
        return changed

    def setting_text(self, key: str) -> str:
        """The text form of one setting as it is in force (stored, or its default)."""
        return self.settings.text(spec_of(key))

    def update_settings(self, values: Mapping[str, str]) -> int:
        """Check, store and apply settings; every open request's reply-by is derived again.

        Raises:
            InvalidInput: a key or value is not accepted; nothing is stored then.
        """
        checked = {key: check_value(key, text) for key, text in values.items()}
        merged = {**self._settings_store.values(), **checked}
        candidate = Settings.from_text(merged, default_zone=self._default_zone)
        calendar = calendar_for(candidate, self._holidays)
        if candidate.policy.counts_business_time and candidate.working_hours.is_empty:
            raise InvalidInput(_("Working hours cannot be empty while reply targets count "
                                 "business time."))
        if not candidate.working_hours.is_empty:
            calendar.add(self._clock.now(), candidate.at_risk)  # fails early if no working time
        self._settings_store.put(checked)
        return self.reload_settings()

    def rederive_all(self) -> int:
        """Derive every active request's reply-by again and store those that changed."""
        active = self._requests.active()
        fresh = with_reply_bys(active, self.settings.policy, self.calendar)
        changed = [(new, old) for new, old in zip(fresh, active, strict=True) if new is not old]
        # over rows nobody changed since they were read: a request the user (or an import)
        # changed meanwhile got its reply-by derived with that change already
        return self._requests.replace_unchanged(changed)

    # -- reading -----------------------------------------------------------------------------

    def now(self) -> datetime:
        """The current instant from the injected clock."""
        return self._clock.now()

    def get(self, request_id: str) -> Request:
        """The request with ``request_id``.

        Raises:
            NotFound: no such request (or it was deleted).
        """
        request = self._requests.get(request_id)
        if request is None or request.deleted_at is not None:
            raise NotFound(request_id)
        return request

    def find(self, text: str, *, deleted: bool = False) -> Request:
        """The request whose id is ``text`` or starts with it (as ``list`` prints ids): among
        the deleted requests with ``deleted``, else among the rest.

        Raises:
            NotFound: no such request.
            AmbiguousId: more than one id starts with ``text``; the message names them.
        """
        prefix = text.strip().lower()
        if not prefix:
            raise NotFound(text)
        found = self._requests.get(prefix)
        if found is not None and (found.deleted_at is not None) == deleted:
            return found
        ids = self._requests.ids_starting(prefix, deleted=deleted, limit=_SHOWN_MATCHES + 1)
        if not ids:
            raise NotFound(text)
        if len(ids) > 1:
            shown = ", ".join(i[: max(len(prefix) + 4, 8)] for i in ids[:_SHOWN_MATCHES])
            more = "…" if len(ids) > _SHOWN_MATCHES else ""
            raise AmbiguousId(_("'{prefix}' starts the ids of several requests ({ids}{more}); "
                                "give more of the id.").format(prefix=text.strip(), ids=shown,
                                                               more=more), tuple(ids))
        request = self._requests.get(ids[0])
        assert request is not None
        return request

    def deleted(self) -> list[Request]:
        """The deleted requests, the latest deleted first (:meth:`restore` brings one back)."""
        return self._requests.deleted()

    def active(self) -> list[Request]:
        """Every request that is neither done nor deleted."""
        return self._requests.active()

    def entries(self) -> list[QueueEntry]:
        """:meth:`active` as queue entries, for placing many requests without loading them."""
        return self._requests.entries()

    def get_many(self, request_ids: Iterable[str]) -> dict[str, Request]:
        """The requests with these ids by id; deleted and unknown ones are left out."""
        found = self._requests.get_many(request_ids)
        return {r.id: r for r in found if r.deleted_at is None}

    def all(self) -> list[Request]:
        """Every request that is not deleted, done ones included."""
        return self._requests.all()

    def search(self, query: str, limit: int = 500) -> list[str]:
        """Ids of requests matching ``query``, best first."""
        return self._requests.search(query, limit) if query.strip() else []

    def search_hits(self, query: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, snippet) of the best matches for ``query``."""
        return self._requests.search_hits(query, limit) if query.strip() else []

    def edges(self, now: datetime | None = None) -> BucketEdges:
        """Bucket boundaries at ``now`` (default: the clock's now)."""
        return edges_at(now or self._clock.now(), self.calendar, self.settings.at_risk)

    def bucket_of(self, request: Request, edges: BucketEdges | None = None) -> Bucket | None:
        """The bucket ``request`` is in now (``None`` when done or deleted)."""
        return (edges or self.edges()).bucket_of(request)

    def clockwork(self, request: Request) -> Clockwork:
        """Where the request's clock stands, including what is left while it is paused."""
        return derive(request, self.settings.policy, self.calendar)

    def time_left(self, request: Request, now: datetime) -> timedelta:
        """Time until the request's reply-by, as its target counts time (negative when late)."""
        return time_left(request, self.settings.policy, self.calendar, now)

    # -- changing ----------------------------------------------------------------------------

    def add(
        self,
        subject: str,
        *,
        sender: str = "",
        channel: Channel = Channel.MANUAL,
        priority: Priority = Priority.NORMAL,
        received_at: datetime | None = None,
        body: str = "",
        links: Iterable[str] = (),
        due: datetime | None = None,
        source: str = "manual",
        external_id: str | None = None,
    ) -> Request:
        """Add a request to the queue and return it with its reply-by.

        Raises:
            InvalidInput: an empty subject.
        """
        if not subject.strip():
            raise InvalidInput(_("A request needs a subject."))
        now = self._clock.now()
        request = Request(
            id=rq.new_id(),
            subject=subject.strip(),
            sender=sender.strip(),
            channel=channel,
            priority=priority,
            received_at=received_at or now,
            body=body,
            links=tuple(links),
            due=due,
            source=source,
            external_id=external_id,
            modified_at=now,
        )
        return self.put(request)

    def put(self, request: Request) -> Request:
        """Store a request as given (used for undo), with its reply-by derived afresh."""
        fresh = with_reply_by(request, self.settings.policy, self.calendar)
        self._requests.save(fresh)
        return fresh

    def put_many(self, requests: Iterable[Request]) -> list[Request]:
        """Store many requests in one transaction, each with its reply-by derived afresh."""
        fresh = with_reply_bys(list(requests), self.settings.policy, self.calendar)
        self._requests.save_many(fresh)
        return fresh

    def import_batch(self, items: Sequence[Incoming]) -> tuple[int, int]:
        """Store the items not imported before, in one transaction.

        An item whose source and external id is already in the store (or earlier in the same
        batch) is skipped, so importing again adds nothing and leaves the user's changes alone
        (state, priority, snooze, due). The ids read first only spare deriving reply-bys for
        what is surely known; what is new is decided by the insert itself
        (``RequestRepository.insert_new``), so an import running beside another one, or beside
        the user's edits, never overwrites a row and counts each request once.
        An item that answers a waiting request in its thread resumes that request's clock
        (:meth:`resume_answered`), whichever source brought it (mail file, IMAP, chat export).

        Returns:
            How many were imported, and how many skipped as duplicates.
        """
        requests = [item.to_request() for item in items]  # each id hashed once
        known = self._requests.known_ids([request.id for request in requests])
        fresh: dict[str, Request] = {}
        for request in requests:
            if request.id not in known and request.id not in fresh:
                fresh[request.id] = request
        derived = with_reply_bys(list(fresh.values()), self.settings.policy, self.calendar)
        imported = self._requests.insert_new(derived)
        self.resume_answered([i for i in items if i.replies_to])
        return imported, len(items) - imported

    def close_answered(self, replies: Sequence[Incoming]) -> int:
        """Mark done the open requests that the user's own ``replies`` answer.

        An imported request counts as last changed when it arrived; one the user changed after
        the reply was written (reopened it, say) is left alone, so importing again never undoes
        what the user did. Returns how many were closed.
        """
        by_id: dict[str, datetime] = {}
        for reply in replies:
            for answered in reply.replies_to:
                key = import_id(reply.source, answered)
                by_id[key] = min(by_id.get(key, reply.received_at), reply.received_at)
        now = self._clock.now()
        closed = [
            (replace(rq.mark_done(request, at), modified_at=now), request)
            for request in self._requests.get_many(by_id)
            if request.state is not State.DONE and request.deleted_at is None
            and (at := by_id[request.id]) >= request.modified_at
        ]
        # Only over rows nobody changed since they were read: an edit the user made meanwhile
        # (in the window, while this import ran) wins, and is not counted as closed.
        return self._requests.replace_unchanged(closed)

    def done(self, request_id: str) -> Request:
        """Mark a request done."""
        return self._change(request_id, rq.mark_done)

    def reopen(self, request_id: str) -> Request:
        """Put a done request back in the queue."""
        return self._change(request_id, rq.reopen)

    def wait(self, request_id: str, follow_up_at: datetime | None = None) -> Request:
        """Waiting on others: pause the request's clock until an answer comes; with no answer
        by ``follow_up_at`` (default: the policy's follow-up time from now) the request comes
        back in the Follow up group.

        Raises:
            InvalidInput: ``follow_up_at`` is not in the future.
        """
        at = follow_up_at or self.default_follow_up()
        return self._change(request_id, lambda r, now: rq.start_waiting(r, now, at))

    def default_follow_up(self) -> datetime:
        """When a wait started now comes back: the policy's follow-up time, counted in
        business time for ``bd``/``bh``."""
        now = self._clock.now()
        target = self.settings.follow_up
        span = target.duration(self.calendar.day_length)
        if target.unit.is_business and not self.calendar.hours.is_empty:
            return self.calendar.add(now, span)
        return now + span

    def resume_answered(self, answers: Sequence[Incoming]) -> list[Request]:
        """Resume the waiting requests that ``answers`` (messages from others) answer in
        their thread: matched by the answer's ``replies_to`` (In-Reply-To, References)
        against the request's external id (its Message-ID), in the same source. Each gets
        a history entry naming who answered. Returns the resumed requests."""
        by_id: dict[str, Incoming] = {}
        for answer in answers:
            for ref in answer.replies_to:
                by_id.setdefault(import_id(answer.source, ref), answer)
        if not by_id:
            return []
        now = self._clock.now()
        read = [r for r in self._requests.get_many(by_id)
                if r.state is State.WAITING and r.deleted_at is None
                and by_id[r.id].received_at >= (r.pauses[-1].start if r.pauses else now)]
        fresh = with_reply_bys([rq.resume(r, now) for r in read], self.settings.policy,
                               self.calendar)
        resumed = []
        for request, seen in zip(fresh, read, strict=True):
            # only a row nobody changed since it was read: an import never undoes the user
            if self._requests.replace_unchanged([(request, seen)]):
                self._history.add(request.id, now, HistoryKind.ANSWERED,
                                  by_id[request.id].sender)
                resumed.append(request)
        return resumed

    def history(self, request_id: str) -> list[HistoryEntry]:
        """What happened to a request by itself, oldest first."""
        return self._history.entries(request_id)

    def resume(self, request_id: str) -> Request:
        """Continue the request's clock after waiting."""
        return self._change(request_id, rq.resume)

    def snooze(self, request_id: str, until: datetime) -> Request:
        """Hide a request until ``until``; its reply-by does not move."""
        return self._change(request_id, lambda r, now: rq.snooze(r, until, now))

    def unsnooze(self, request_id: str) -> Request:
        """Show a snoozed request again."""
        return self._change(request_id, rq.unsnooze)

    def set_priority(self, request_id: str, priority: Priority) -> Request:
        """Change a request's priority; its reply-by follows the policy for it."""
        return self._change(request_id, lambda r, now: rq.set_priority(r, priority, now))

    def set_due(self, request_id: str, due: datetime | None) -> Request:
        """Set (or with ``None`` clear) a deadline by hand, replacing the policy's."""
        return self._change(request_id, lambda r, now: replace(r, due=due, modified_at=now))

    def delete(self, request_id: str) -> Request:
        """Delete a request (kept as a tombstone; :meth:`restore` brings it back)."""
        return self._change(request_id, rq.delete)

    def restore(self, request_id: str) -> Request:
        """Bring back a deleted request."""
        request = self._requests.get(request_id)
        if request is None:
            raise NotFound(request_id)
        return self.put(rq.restore(request, self._clock.now()))

    def _change(self, request_id: str, change: Callable[[Request, datetime], Request]) -> Request:
        return self.put(change(self.get(request_id), self._clock.now()))
