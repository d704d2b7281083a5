# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The focus service: starts, stops and extends blocks, holds and releases notifications.

It ties the policy of :mod:`desktop.core.focus.blocks` to the store, the clock and a notifier. The
caller feeds it what changed (:meth:`FocusService.sync_requests`) and calls
:meth:`FocusService.tick` at :meth:`FocusService.next_event`; nothing here reads the system
clock or starts a timer. Everything held is stored, so a restart during a block still delivers
the digest at its end (or at once, if the block ended while the app was closed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.core.errors import InvalidInput
from desktop.core.focus import notices, plan
from desktop.core.focus.blocks import (
    Coalescer,
    Digest,
    HeldRequests,
    Reason,
    suggested_length,
)
from desktop.core.focus.changes import RequestChanges, compare
from desktop.core.focus.log import HeldEntry, Interruption, InterruptionKind
from desktop.core.focus.schedules import FocusSchedules
from desktop.core.focus.state import FocusSettings as FocusSettings
from desktop.core.focus.state import FocusState as FocusState
from desktop.core.focus.state import focus_settings as focus_settings
from desktop.core.focus.state import local_time, next_delivery
from desktop.core.i18n import _
from desktop.core.ports import Clock, FocusRepository, FocusRequests, Notification, Notifier
from desktop.core.requests import Request, State

BATCH = 3
"""More requests than this let through at one moment go out as one notification."""

class FocusService(FocusSchedules):
    """Focus blocks and the notifications held during them.

    Args:
        repository: where blocks, schedules, held requests and the log are stored.
        requests: reads the queue.
        clock: the source of ``now``.
        notifier: shows notifications.
        settings: returns the focus settings in force (read again on every event).
        moment: formats a reply-by for notifications (default: ``HH:MM`` in the zone).
        desktop_quieted: names the backend that quiets the desktop now (``None``: none).
    """

    def __init__(self, repository: FocusRepository, requests: FocusRequests, clock: Clock,
                 notifier: Notifier, settings: Callable[[], FocusSettings],
                 moment: notices.Moment | None = None,
                 desktop_quieted: Callable[[], str | None] | None = None) -> None:
        self._repo = repository
        self._desktop_quieted = desktop_quieted
        self._requests = requests
        self._clock = clock
        self.notifier = notifier
        """Where notifications go; replaceable once the window exists."""
        self._settings = settings
        self._moment = moment
        self._held = HeldRequests()
        self._coalescer = Coalescer(settings().coalesce)
        self._seen: Mapping[str, str] | None = None
        self._last_tick = clock.now()
        self.sessions: list[plan.FocusSession] = []
        self.schedules: list[plan.FocusSchedule] = []
        self.reload()

    # -- state ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read blocks, schedules and held requests from the store again (another process,
        such as the command line, may have changed them)."""
        now = self._clock.now()
        self.sessions = self._repo.sessions(since=now - timedelta(days=1))
        self.schedules = self._repo.schedules()
        self._held = HeldRequests()
        for entry in self._repo.held():
            self._held.hold(entry.request_id, entry.breach_at)

    @property
    def zone(self) -> str:
        """The user's time zone (IANA name)."""
        return self._settings().zone

    def now(self) -> datetime:
        """The current instant from the injected clock."""
        return self._clock.now()

    def all_sessions(self) -> list[plan.FocusSession]:
        """Every block that is not deleted, oldest first."""
        return self._repo.sessions()

    def current(self) -> plan.FocusSession | None:
        """The block running now, if any."""
        now = self._clock.now()
        return next((s for s in reversed(self.sessions) if s.is_active(now)), None)

    def held_ids(self) -> list[str]:
        """Ids of the requests held now."""
        return self._held.ids()

    def state(self) -> FocusState:
        """The block, how many are held and when the next reply falls due."""
        return self.state_with(self.next_due())

    def next_due(self) -> Request | None:
        """The open request whose reply-by comes next: one query, but over the whole queue
        (35-100 ms at 200,000), so the window asks it on a worker and hands the answer to
        :meth:`state_with`."""
        return self._requests.next_due(self._clock.now())

    def state_with(self, first: Request | None) -> FocusState:
        """:meth:`state`, with the next request due (:meth:`next_due`) read already."""
        now = self._clock.now()
        margin = self._settings().margin
        length, bound = suggested_length([first] if first else [], now, margin)
        breach = None if bound is None or bound.reply_by is None else bound.reply_by - margin
        quieted = self._desktop_quieted() if self._desktop_quieted is not None else None
        return FocusState(self.current(), len(self._held), breach, length, bound, quieted)

    def next_event(self) -> datetime | None:
        """When :meth:`tick` next has something to do."""
        now = self._clock.now()
        settings = self._settings()
        times = [self._held.next_release(), self._coalescer.next_send(),
                 plan.next_scheduled_start(self.schedules, now),
                 plan.next_planned_start(self.sessions, now)]
        session = self.current()
        if session is not None:
            times += [session.end, next_delivery(now, session.end, settings)]
        elif len(self._held):
            times.append(now)  # a block ended while nobody looked: the digest is due
        return min((t for t in times if t is not None), default=None)

    # -- blocks --------------------------------------------------------------------------------

    def start(self, *, length: timedelta | None = None,
              until: datetime | None = None) -> plan.FocusSession:
        """Start a block now.

        Raises:
            InvalidInput: a block is already running, or the length or end is not accepted.
        """
        now = self._clock.now()
        running = self.current()
        if running is not None:
            raise InvalidInput(_("You are already focusing until {end}; extend or stop that "
                                 "block instead.").format(end=self._format(running.end)))
        session = plan.new_session(now, length=length, until=until)
        self._save(session)
        return session

    def stop(self) -> plan.FocusSession:
        """Stop the running block; the held requests go out as the digest.

        Raises:
            InvalidInput: no block is running.
        """
        session = self._running()
        stopped = plan.stop(session, self._clock.now())
        self._save(stopped)
        self.tick()
        return stopped

    def extend(self, by: timedelta) -> plan.FocusSession:
        """Make the running block ``by`` longer.

        Raises:
            InvalidInput: no block is running, or ``by`` is not accepted.
        """
        longer = plan.extend(self._running(), by, self._clock.now())
        self._save(longer)
        return longer

    def book(self, stretches: Sequence[tuple[datetime, datetime]]) -> list[plan.FocusSession]:
        """Plan a focus block for each stretch; it starts by itself when its time comes.

        Raises:
            InvalidInput: a stretch has passed or overlaps a planned block; nothing is booked.
        """
        sessions = plan.booked(stretches, self._clock.now(), self.sessions)
        for session in sessions:
            self._save(session)
        return sessions

    def minutes_today(self) -> int:
        """Minutes of focus so far on the user's current day."""
        now = self._clock.now()
        zone = ZoneInfo(self._settings().zone)
        return plan.focus_minutes_by_day(self.sessions, zone, now).get(
            now.astimezone(zone).date(), 0)

    def _running(self) -> plan.FocusSession:
        session = self.current()
        if session is None:
            raise InvalidInput(_("You are not focusing; start a block first."))
        return session

    def _save(self, session: plan.FocusSession) -> None:
        self._repo.save_session(session)
        self.sessions = [s for s in self.sessions if s.id != session.id] + [session]
        self.sessions.sort(key=lambda s: s.start)

    # -- requests ------------------------------------------------------------------------------

    def read_versions(self) -> Mapping[str, str]:
        """Every active request's version stamp, read and nothing else (safe to call from a
        worker; hand the answer to :meth:`first_look`)."""
        return self._requests.versions()

    def first_look(self, versions: Mapping[str, str]) -> None:
        """Take note of what is there (``versions`` as :meth:`read_versions` gave them), as the
        first :meth:`sync_requests` would; ignored once a sync has taken note itself."""
        if self._seen is None:
            self._seen = versions

    def sync_requests(self) -> int:
        """Find new and changed requests (by id and ``modified_at``) and act on them.

        The first call only takes note of what is there. Returns how many were new or changed.
        """
        return self.apply_changes(self.read_changes())

    def read_changes(self) -> RequestChanges:
        """Read every active request's version and compare it with the versions noted: the
        slow half of :meth:`sync_requests`, safe to run on a worker (the noted versions are
        replaced, never changed). Hand the answer to :meth:`apply_changes`."""
        return compare(self._seen, self._requests.versions())

    def apply_changes(self, found: RequestChanges) -> int:
        """Act on what :meth:`read_changes` found and note its versions; returns how many
        requests were new or changed. If other versions were noted after it compared (the
        first look came back meanwhile), it compares again with those."""
        if found.base is not self._seen:
            found = compare(self._seen, found.versions)
        self._seen = found.versions
        if found.base is None:  # the first look: only note what is there
            return 0
        gone = [i for i in set(self._held.ids()) if i not in found.versions]
        changed = self._requests.get_many(found.fresh) if found.fresh else []
        self.observe([r for r in changed if r.id in found.new],
                     [r for r in changed if r.id not in found.new], gone)
        return len(found.fresh)

    def observe(self, new: Sequence[Request], changed: Sequence[Request] = (),
                gone: Iterable[str] = ()) -> None:
        """Decide about new requests (hold or let through) and re-decide held ones that
        changed; ``gone`` ids (done or deleted) are no longer held."""
        now = self._clock.now()
        self.tick()  # a scheduled block may have started
        settings = self._settings()
        policy = settings.policy
        session = self.current()
        block = session.block if session is not None else None
        through: dict[Reason, list[Request]] = {}
        hold: list[HeldEntry] = []
        arrived: list[str] = []
        drop = set(gone)
        for request in [*new, *(r for r in changed if r.id in self._held)]:
            if not _open(request, now):
                drop.add(request.id)
                continue
            reason = policy.reason_to_release(request, block, now)
            if reason is Reason.OUTSIDE_FOCUS:
                if request.id not in self._held:  # else it goes out with the digest due now
                    self._coalescer.interval = settings.coalesce
                    arrived += self._coalescer.offer(request.id, now)
            elif reason is None:
                hold.append(HeldEntry(request.id, policy.breach_at(request), now,
                                      session.id if session else None))
            else:
                through.setdefault(reason, []).append(request)
                drop.add(request.id)
        drop &= set(self._held.ids())
        for request_id in drop:
            self._held.drop(request_id)
        for entry in hold:
            self._held.hold(entry.request_id, entry.breach_at)
        self._repo.hold(hold)
        if not through:
            self._repo.release(drop, ())
        for n, (reason, requests) in enumerate(through.items()):
            # No longer held and logged in one transaction: a crash between loses nothing.
            self._let_through(requests, reason, InterruptionKind.BREAKTHROUGH, session,
                              release=drop if n == 0 else ())
        self._send_arrived(now, arrived)

    # -- time ----------------------------------------------------------------------------------

    def tick(self) -> None:
        """Do what is due at the clock's now: start a scheduled block, let out held requests
        whose reply-by came close, send the digest at a delivery time or when a block ended,
        and send coalesced notifications."""
        now = self._clock.now()
        since, self._last_tick = self._last_tick, now
        settings = self._settings()
        scheduled = plan.due_scheduled(self.schedules, now, self.sessions)
        if scheduled is not None:
            self._save(scheduled)
        session = self.current()
        if session is not None:
            due = self._held.due(now)
            if due:
                requests = self._requests.get_many(due)
                self._let_through([r for r in requests if _open(r, now)],
                                  Reason.NEAR_DEADLINE, InterruptionKind.RELEASE, session,
                                  release=due)
            delivery = next_delivery(since, session.end, settings)
            if delivery is not None and delivery <= now and len(self._held):
                self._send_digest(now, session)
        elif len(self._held):
            self._send_digest(now, None)
        self._send_arrived(now)

    # -- sending -------------------------------------------------------------------------------

    def _let_through(self, requests: Sequence[Request], reason: Reason, kind: InterruptionKind,
                     session: plan.FocusSession | None, release: Iterable[str] = ()) -> None:
        """Log and notify ``requests``; ``release`` ids stop being held in the same write."""
        moment = self._format
        now = self._clock.now()
        sid = session.id if session else None
        self._repo.release(release, [Interruption(now, r.id, kind, reason,
                                                  notices.why(r, reason, moment), sid)
                                     for r in requests])
        if not requests:
            return
        if len(requests) > BATCH:
            self.notifier.notify(notices.several(requests, moment, kind.value, reason))
            return
        for request in requests:
            self.notifier.notify(notices.single(request, reason, moment, kind.value))

    def _send_digest(self, now: datetime, session: plan.FocusSession | None) -> None:
        ids = self._held.drain()
        zone = ZoneInfo(self._settings().zone)
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        held = Digest.of(self._requests.get_many(ids), local_time(tomorrow, 0, zone))
        log = [Interruption(now, r.id, InterruptionKind.DIGEST, Reason.DIGEST,
                            notices.line(r, self._format), session.id if session else None)
               for r in held.requests]
        self._repo.release(ids, log)
        if held.requests:
            self.notifier.notify(notices.digest(held, self._format))

    def _send_arrived(self, now: datetime, ready: Sequence[str] = ()) -> None:
        ids = [*ready, *self._coalescer.tick(now)]
        if not ids:
            return
        requests = [r for r in self._requests.get_many(ids) if _open(r, now)]
        requests.sort(key=lambda r: (r.reply_by or datetime.max.replace(tzinfo=now.tzinfo), r.id))
        if not requests:
            return
        self._repo.release((), [Interruption(now, r.id, InterruptionKind.ARRIVED,
                                             Reason.OUTSIDE_FOCUS, notices.line(r, self._format))
                                for r in requests])
        note: Notification = (notices.single(requests[0], Reason.OUTSIDE_FOCUS, self._format,
                                             "arrived") if len(requests) == 1
                              else notices.several(requests, self._format, "arrived"))
        self.notifier.notify(note)

    def _format(self, moment: datetime) -> str:
        if self._moment is not None:
            return self._moment(moment)
        zone = ZoneInfo(self._settings().zone)
        local, today = moment.astimezone(zone), self._clock.now().astimezone(zone).date()
        return local.strftime("%H:%M") if local.date() == today else local.strftime("%a %H:%M")


def _open(request: Request, now: datetime) -> bool:
    return (request.state is State.OPEN and request.deleted_at is None
            and not request.is_snoozed(now))
