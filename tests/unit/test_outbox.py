# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Send-later: the planned time (recipient's working hours, never in a focus block), delivery
exactly once, backoff, first failures reported once, and recovery after a crash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.drafts import DraftService, DraftState
from desktop.core.drafting.outbox import (
    INTERRUPTED,
    Outbox,
    OutgoingMail,
    SendFailed,
    backoff,
    next_send_time,
    parse_security,
)
from desktop.core.errors import InvalidInput, NoBusinessTime
from desktop.core.working_hours import WorkingHours, parse_working_hours
from desktop.store.draft_repository import SqliteDraftRepository

TOKYO = ZoneInfo("Asia/Tokyo")
NO_FOCUS = lambda _start, _end: []  # noqa: E731


class RecordingTransport:
    def __init__(self, fail: SendFailed | None = None) -> None:
        self.sent: list[OutgoingMail] = []
        self.fail = fail

    def send(self, mail: OutgoingMail) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append(mail)


@pytest.fixture
def repo(db) -> SqliteDraftRepository:
    return SqliteDraftRepository(db)


@pytest.fixture
def outbox(repo, clock) -> Outbox:
    return Outbox(repo, clock)


@pytest.fixture
def drafts(repo, clock) -> DraftService:
    return DraftService(repo, clock)


# -- when ---------------------------------------------------------------------------------------


def test_later_means_the_recipients_next_working_morning():
    wednesday_10_berlin = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo
    planned = next_send_time(wednesday_10_berlin, TOKYO, WorkingHours.office(), NO_FOCUS)
    assert planned == datetime(2026, 11, 26, 0, 0, tzinfo=UTC)  # Thu 09:00 in Tokyo


def test_inside_working_hours_later_is_now():
    now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 11:00 in Tokyo
    assert next_send_time(now, TOKYO, WorkingHours.office(), NO_FOCUS) == now


def test_never_inside_a_focus_block():
    now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    blocks = [(now - timedelta(hours=1), now + timedelta(hours=2)),
              (now + timedelta(hours=2), now + timedelta(hours=3))]
    planned = next_send_time(now, TOKYO, WorkingHours.office(),
                             lambda a, b: [x for x in blocks if x[0] < b and x[1] > a])
    assert planned == now + timedelta(hours=3)


def test_empty_working_hours_fall_back_to_office_hours():
    now = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # Saturday in Tokyo
    planned = next_send_time(now, TOKYO, parse_working_hours("none"), NO_FOCUS)
    assert planned == datetime(2026, 11, 30, 0, 0, tzinfo=UTC)


def test_focus_all_the_time_means_no_time():
    def always(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        return [(start - timedelta(days=1), end + timedelta(days=1))]

    with pytest.raises(NoBusinessTime):
        next_send_time(datetime(2026, 11, 25, tzinfo=UTC), TOKYO, WorkingHours.office(), always)


_BLOCKS = st.lists(st.tuples(st.integers(0, 7 * 24 * 60), st.integers(1, 16 * 60)), max_size=6)


@settings(max_examples=150, deadline=None)
@given(offset=st.integers(0, 14 * 24 * 60), blocks=_BLOCKS,
       zone=st.sampled_from(["Asia/Tokyo", "America/New_York", "Europe/Berlin", "UTC"]))
def test_planned_time_is_working_time_outside_focus_and_the_earliest(offset, blocks, zone):
    now = datetime(2026, 3, 20, tzinfo=UTC) + timedelta(minutes=offset)
    spans = [(now + timedelta(minutes=a), now + timedelta(minutes=a + n)) for a, n in blocks]

    def busy(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        return [s for s in spans if s[0] < end and s[1] > start]

    hours = WorkingHours.office()
    planned = next_send_time(now, ZoneInfo(zone), hours, busy)
    calendar = BusinessCalendar(ZoneInfo(zone), hours)
    assert planned >= now
    assert calendar.is_business_time(planned)
    assert not any(a <= planned < b for a, b in spans)
    # Earliest: no minute between now and the plan would have done.
    moment = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while moment < planned - timedelta(minutes=1):
        good = calendar.is_business_time(moment) and not any(a <= moment < b for a, b in spans)
        assert not good, moment
        moment += timedelta(minutes=7)


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 7, 8, 30)] == [
        1, 2, 4, 60, 60, 60]


def test_security_is_read_or_refused():
    assert parse_security(" STARTTLS ").value == "starttls"
    with pytest.raises(InvalidInput):
        parse_security("ssl3")


# -- delivery ------------------------------------------------------------------------------------


def test_delivered_once_at_the_planned_time(drafts, outbox, clock):
    draft = drafts.create(subject="Hi", body="Body", recipient="ann@example.org")
    outbox.schedule(draft, clock.now() + timedelta(hours=2))
    transport = RecordingTransport()
    assert outbox.deliver_due(transport, "me@example.org").sent == []
    assert outbox.next_due() == clock.now() + timedelta(hours=2)
    clock.advance(hours=2)
    report = outbox.deliver_due(transport, "me@example.org")
    outbox.deliver_due(transport, "me@example.org")
    assert [m.to for m in transport.sent] == ["ann@example.org"]
    assert transport.sent[0].date == clock.now()
    assert report.sent[0].state is DraftState.SENT
    assert drafts.get(draft.id).sent_at == clock.now()
    assert outbox.next_due() is None


def test_a_draft_needs_a_recipient(drafts, outbox, clock):
    with pytest.raises(InvalidInput, match="recipient"):
        outbox.schedule(drafts.create(body="x"), clock.now())


def test_server_down_keeps_it_queued_tells_once_and_retries_later(drafts, outbox, clock):
    draft = drafts.create(body="x", recipient="ann@example.org")
    outbox.schedule(draft, clock.now())
    down = RecordingTransport(SendFailed("Connection refused", transient=True))
    first = outbox.deliver_due(down, "me@example.org")
    assert [d.id for d in first.first_failures] == [draft.id]
    queued = drafts.get(draft.id)
    assert (queued.state, queued.tries, queued.error) == (
        DraftState.SCHEDULED, 1, "Connection refused")
    assert outbox.next_due() == clock.now() + timedelta(minutes=1)
    assert outbox.deliver_due(down, "me@example.org").retrying == []  # not yet due
    clock.advance(minutes=1)
    second = outbox.deliver_due(down, "me@example.org")
    assert len(second.retrying) == 1
    assert second.first_failures == []  # told once
    clock.advance(minutes=2)
    up = RecordingTransport()
    assert len(outbox.deliver_due(up, "me@example.org").sent) == 1
    assert len(up.sent) == 1


def test_a_refused_message_fails_for_good(drafts, outbox, clock):
    draft = drafts.create(body="x", recipient="ann@example.org")
    outbox.schedule(draft, clock.now())
    report = outbox.deliver_due(RecordingTransport(SendFailed("550 no such user",
                                                              transient=False)), "me@x.org")
    assert [d.state for d in report.failed] == [DraftState.FAILED]
    assert report.first_failures == report.failed
    assert outbox.next_due() is None


def test_a_crash_while_sending_is_reported_not_resent(drafts, outbox, repo, clock):
    draft = drafts.create(body="x", recipient="ann@example.org")
    outbox.schedule(draft, clock.now())
    repo.claim(draft.id, "attempt-1", clock.now())  # the process died after this commit
    transport = RecordingTransport()
    assert outbox.deliver_due(transport, "me@example.org").sent == []
    cut = outbox.recover()
    assert [(d.id, d.state, d.error) for d in cut] == [(draft.id, DraftState.FAILED, INTERRUPTED)]
    outbox.deliver_due(transport, "me@example.org")
    assert transport.sent == []
    assert outbox.recover() == []


def test_unschedule_takes_it_back(drafts, outbox, clock):
    draft = drafts.create(body="x", recipient="ann@example.org")
    queued = outbox.schedule(draft, clock.now() + timedelta(days=1))
    assert [d.id for d in outbox.pending()] == [draft.id]
    back = outbox.unschedule(queued)
    assert back.state is DraftState.DRAFT
    assert outbox.pending() == []


# -- a reply closes its request only once delivered ----------------------------------------------


class Closer:
    """Records the requests marked done; ``crash`` stands for a process killed right there."""

    def __init__(self, crash: bool = False) -> None:
        self.closed: list[str] = []
        self.crash = crash

    def __call__(self, request_id: str) -> None:
        if self.crash:
            raise KeyboardInterrupt  # not a CoreError: it ends the round like a kill
        self.closed.append(request_id)


def queue_reply(drafts, outbox, clock, *, closes: bool = True):
    draft = drafts.create(subject="Re: Plan", body="Done.", recipient="ana@example.org",
                          reply_to="req-1", in_reply_to="<m1@mail.example.org>",
                          references="<m1@mail.example.org>")
    return outbox.schedule(draft, clock.now() + timedelta(hours=1), closes_request=closes)


def test_a_scheduled_reply_closes_nothing_until_the_server_accepts_it(repo, drafts, clock):
    closer = Closer()
    outbox = Outbox(repo, clock, close_request=closer)
    queued = queue_reply(drafts, outbox, clock)
    assert outbox.scheduled_reply("req-1") == queued
    assert outbox.scheduled_replies() == {"req-1": queued.send_at}
    outbox.deliver_due(RecordingTransport(), "me@example.org")
    assert closer.closed == []  # not due yet
    clock.advance(timedelta(hours=1))
    transport = RecordingTransport()
    report = outbox.deliver_due(transport, "me@example.org")
    assert closer.closed == ["req-1"]
    assert [m.in_reply_to for m in transport.sent] == ["<m1@mail.example.org>"]
    assert [m.references for m in transport.sent] == ["<m1@mail.example.org>"]
    assert report.sent[0].request_closed_at == clock.now()
    assert outbox.scheduled_reply("req-1") is None
    assert outbox.scheduled_replies() == {}


@pytest.mark.parametrize("transient", [True, False])
def test_a_refused_reply_leaves_its_request_open_with_the_reason(repo, drafts, clock, transient):
    closer = Closer()
    outbox = Outbox(repo, clock, close_request=closer)
    queue_reply(drafts, outbox, clock)
    clock.advance(timedelta(hours=1))
    outbox.deliver_due(RecordingTransport(SendFailed("550 no such user", transient=transient)),
                       "me@example.org")
    assert closer.closed == []
    [failed] = outbox.pending()
    assert failed.error == "550 no such user"


def test_cancelling_leaves_the_request_open_and_not_scheduled(repo, drafts, clock):
    closer = Closer()
    outbox = Outbox(repo, clock, close_request=closer)
    queued = queue_reply(drafts, outbox, clock)
    outbox.unschedule(queued)
    clock.advance(timedelta(hours=2))
    outbox.deliver_due(RecordingTransport(), "me@example.org")
    assert closer.closed == []
    assert outbox.scheduled_reply("req-1") is None


def test_reschedule_keeps_what_the_reply_closes(repo, drafts, clock):
    outbox = Outbox(repo, clock, close_request=Closer())
    queued = queue_reply(drafts, outbox, clock)
    moved = outbox.reschedule(queued, clock.now() + timedelta(days=1))
    assert (moved.send_at, moved.closes_request) == (clock.now() + timedelta(days=1), True)
    with pytest.raises(InvalidInput):
        outbox.reschedule(outbox.unschedule(moved), clock.now())


def test_a_reply_queued_without_closing_closes_nothing(repo, drafts, clock):
    closer = Closer()
    outbox = Outbox(repo, clock, close_request=closer)
    queue_reply(drafts, outbox, clock, closes=False)
    clock.advance(timedelta(hours=1))
    assert len(outbox.deliver_due(RecordingTransport(), "me@example.org").sent) == 1
    assert closer.closed == []


def test_killed_between_accepted_and_closed_the_next_start_closes_without_resending(
        repo, drafts, clock):
    outbox = Outbox(repo, clock, close_request=Closer(crash=True))
    queue_reply(drafts, outbox, clock)
    clock.advance(timedelta(hours=1))
    transport = RecordingTransport()
    with pytest.raises(KeyboardInterrupt):
        outbox.deliver_due(transport, "me@example.org")
    assert len(transport.sent) == 1
    closer = Closer()
    restarted = Outbox(repo, clock, close_request=closer)
    assert restarted.recover() == []  # nothing to resend: it was sent
    assert closer.closed == ["req-1"]
    again = RecordingTransport()
    restarted.deliver_due(again, "me@example.org")
    restarted.recover()
    assert (again.sent, closer.closed) == ([], ["req-1"])  # closed once, sent once
