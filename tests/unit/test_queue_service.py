# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.queue.service.QueueService`` with the in-memory fakes.

The ``clock`` fixture starts on Wednesday 25 November 2026 at 10:00 in Berlin; the settings
store holds ``timezone = Europe/Berlin`` and the defaults (Mon-Fri 09:00-17:00, 1bd).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.errors import InvalidInput, NotFound
from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority, State
from tests.fakes import FakeClock, MemoryRequestRepository, MemorySettingsStore, no_holidays

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


# -- adding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "priority", "reply_by"),
    [
        (Channel.MANUAL, Priority.NORMAL, berlin(26, 10)),
        (Channel.TRACKER, Priority.NORMAL, berlin(27, 10)),
        (Channel.EMAIL, Priority.URGENT, berlin(25, 11)),
    ],
)
def test_add_derives_the_reply_by(service, repository, clock, channel, priority, reply_by):
    added = service.add("  Budget question ", sender=" Ann ", channel=channel, priority=priority,
                        body="text", links=["https://example.org/1"])
    assert added.reply_by == reply_by
    assert (added.subject, added.sender, added.state) == ("Budget question", "Ann", State.OPEN)
    assert added.received_at == added.modified_at == clock.now()
    assert added.links == ("https://example.org/1",)
    assert repository.get(added.id) == added
    assert service.get(added.id) == added


def test_add_with_received_time_and_due(service):
    earlier = service.add("Old", received_at=berlin(24, 16))
    assert earlier.reply_by == berlin(25, 16)
    pinned = service.add("Pinned", due=berlin(4, 12, month=12))
    assert pinned.reply_by == berlin(4, 12, month=12)


@pytest.mark.parametrize("subject", ["", "   "])
def test_add_needs_a_subject(service, repository, subject):
    with pytest.raises(InvalidInput, match="needs a subject"):
        service.add(subject)
    assert repository.data == {}


def test_ids_are_unique(service):
    assert len({service.add(f"r{i}").id for i in range(20)}) == 20


# -- changing --------------------------------------------------------------------------------


def test_done_and_reopen(service, clock):
    request = service.add("Q")
    clock.advance(hours=1)
    done = service.done(request.id)
    assert (done.state, done.done_at, done.modified_at) == (State.DONE, clock.now(), clock.now())
    assert service.active() == []
    assert [r.id for r in service.all()] == [request.id]
    assert service.bucket_of(done) is None
    assert service.reopen(request.id).state is State.OPEN
    assert [r.id for r in service.active()] == [request.id]


def test_wait_pauses_and_resume_continues_the_clock(service, clock):
    request = service.add("Q")
    clock.advance(hours=2)  # 12:00, six business hours left
    waiting = service.wait(request.id)
    assert waiting.state is State.WAITING
    assert waiting.reply_by is None
    assert service.clockwork(waiting).remaining == timedelta(hours=6)
    assert service.bucket_of(waiting) is Bucket.WAITING
    clock.advance(hours=23)  # Thursday 11:00
    resumed = service.resume(request.id)
    assert resumed.state is State.OPEN
    assert resumed.reply_by == berlin(26, 17)  # stays on closing time


def test_snooze_hides_without_moving_the_reply_by(service, clock):
    request = service.add("Q")
    snoozed = service.snooze(request.id, berlin(26, 8))
    assert snoozed.reply_by == request.reply_by
    assert snoozed.snoozed_until == berlin(26, 8)
    assert service.bucket_of(snoozed) is Bucket.SNOOZED
    clock.set(berlin(26, 9, 30))
    assert service.bucket_of(service.get(request.id)) is Bucket.AT_RISK
    assert service.unsnooze(request.id).snoozed_until is None


def test_snooze_into_the_past_is_refused(service, clock):
    request = service.add("Q")
    with pytest.raises(InvalidInput, match="future"):
        service.snooze(request.id, clock.now())
    assert service.get(request.id) == request


def test_priority_change_follows_the_policy(service):
    request = service.add("Q")
    assert service.set_priority(request.id, Priority.URGENT).reply_by == berlin(25, 11)
    assert service.set_priority(request.id, Priority.LOW).reply_by == berlin(26, 10)


def test_set_and_clear_a_due_date(service):
    request = service.add("Q")
    assert service.set_due(request.id, berlin(1, 12, month=12)).reply_by == berlin(1, 12, month=12)
    assert service.set_due(request.id, None).reply_by == berlin(26, 10)


def test_delete_and_restore(service, repository, clock):
    request = service.add("Q")
    clock.advance(minutes=5)
    deleted = service.delete(request.id)
    assert deleted.deleted_at == clock.now()
    assert repository.get(request.id).deleted_at == clock.now()  # kept as a tombstone
    with pytest.raises(NotFound) as caught:
        service.get(request.id)
    assert caught.value.request_id == request.id
    with pytest.raises(NotFound):
        service.done(request.id)
    assert service.active() == []
    assert service.all() == []
    restored = service.restore(request.id)
    assert restored.deleted_at is None
    assert service.get(request.id).reply_by == request.reply_by


@pytest.mark.parametrize("action", ["get", "done", "wait", "resume", "delete", "restore"])
def test_unknown_ids_raise_not_found(service, action):
    with pytest.raises(NotFound):
        getattr(service, action)("missing")


def test_put_stores_a_request_with_its_reply_by_derived_afresh(service, repository):
    request = service.add("Q")
    stale = replace(request, reply_by=berlin(1, 0, month=1), priority=Priority.URGENT)
    stored = service.put(stale)
    assert stored.reply_by == berlin(25, 11)
    assert repository.get(request.id) == stored


def test_search_and_edges(service):
    a = service.add("Budget for 2027", body="numbers")
    service.add("Lunch")
    assert service.search("budget") == [a.id]
    assert service.search("   ") == []
    assert service.edges().now == service.now()
    assert service.bucket_of(a) is Bucket.TOMORROW


# -- settings --------------------------------------------------------------------------------


def test_update_settings_rederives_every_open_request(service, settings_store, repository):
    open_one = service.add("Open")
    done_one = service.done(service.add("Done").id)
    changed = service.update_settings({"working_hours": "Mon-Fri 12:00-16:00"})
    assert changed == 1
    assert settings_store.data["working_hours"] == "mon-fri 12:00-16:00"  # canonical form
    assert service.get(open_one.id).reply_by == berlin(25, 16)  # 1bd is now 4 h
    assert repository.get(done_one.id) == done_one
    assert service.calendar.day_length == timedelta(hours=4)


def test_update_settings_applies_policy_and_zone(service):
    request = service.add("Q", channel=Channel.CHAT)
    assert service.update_settings({"policy.chat.normal": "4BH"}) == 1
    assert service.get(request.id).reply_by == berlin(25, 14)
    assert service.setting_text("policy.chat.normal") == "4bh"
    assert service.update_settings({"timezone": "America/New_York"}) == 1
    # Received at 04:00 in New York: four hours from 09:00 there.
    assert service.get(request.id).reply_by == datetime(2026, 11, 25, 18, tzinfo=UTC)


def test_update_settings_with_the_same_values_changes_nothing(service, repository):
    service.add("Q")
    saves = repository.saves
    assert service.update_settings({"working_hours": "mon-fri 09:00-17:00"}) == 0
    assert repository.saves == saves


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"working_hours": "nonsense 09:00-17:00"}, "Weekdays"),
        ({"timezone": "UTC", "working_hours": "mon 09:00-99:00"}, "HH:MM"),  # all or nothing
        ({"colour": "blue"}, "Unknown setting 'colour'"),
        ({"working_hours": "none"}, "cannot be empty while reply targets count business time"),
        ({"at_risk_minutes": "-5"}, "whole number of minutes"),
    ],
)
def test_update_settings_refuses_bad_values_and_stores_nothing(
    service, settings_store, values, message
):
    request = service.add("Q")
    before = dict(settings_store.data)
    with pytest.raises(InvalidInput, match=message):
        service.update_settings(values)
    assert settings_store.data == before
    assert service.get(request.id).reply_by == request.reply_by
    assert service.settings.timezone == "Europe/Berlin"


def test_empty_working_hours_with_calendar_hour_targets(service, settings_store):
    """Empty working hours are meant to be fine when every target counts calendar hours
    (``parse_working_hours``: "only valid where deadlines use calendar hours").

    Bug: ``update_settings`` then raises ``NoBusinessTime`` (from its at-risk probe with the
    default 60 business minutes), not ``InvalidInput`` as documented, so the settings dialog,
    which catches ``InvalidInput``, crashes instead of showing a message.
    """
    request = service.add("Q")
    values = {f"policy.{c.value}.{p.value}": "24h" for c in Channel for p in Priority}
    values["working_hours"] = "none"
    before = dict(settings_store.data)
    try:
        service.update_settings(values)
    except InvalidInput:
        assert settings_store.data == before
    else:
        assert settings_store.data["working_hours"] == "none"
        assert service.get(request.id).reply_by == request.received_at + timedelta(hours=24)


def test_holidays_setting_uses_the_lookup():
    asked: list[tuple[str, str | None]] = []

    def lookup(country, subdivision):
        asked.append((country, subdivision))
        return lambda year: [date(2026, 11, 26)] if year == 2026 else []

    store = MemorySettingsStore({"timezone": "Europe/Berlin"})
    service = QueueService(MemoryRequestRepository(), store, FakeClock(), lookup, "Europe/Berlin")
    request = service.add("Q")
    assert service.update_settings({"holidays": "de-be"}) == 1
    assert ("DE", "BE") in asked
    assert store.data["holidays"] == "DE-BE"
    assert service.get(request.id).reply_by == berlin(27, 10)  # Thursday is a holiday


def test_setting_text(service):
    assert service.setting_text("timezone") == "Europe/Berlin"
    assert service.setting_text("working_hours") == "mon-fri 09:00-17:00"
    assert service.setting_text("policy.tracker.low") == "2bd"
    with pytest.raises(InvalidInput, match="Unknown setting"):
        service.setting_text("colour")


def test_an_unpicked_zone_is_the_default_zone(repository, clock):
    service = QueueService(repository, MemorySettingsStore(), clock, no_holidays, "Asia/Tokyo")
    assert service.settings.timezone == "Asia/Tokyo"
    assert service.setting_text("timezone") == "Asia/Tokyo"


# -- reload_settings and its fingerprint -------------------------------------------------------


def test_reload_without_changes_derives_nothing(service, repository):
    service.add("Q")
    saves = repository.saves
    assert service.reload_settings() == 0
    assert repository.saves == saves


def test_reload_rederives_after_another_process_changed_the_rules(service, settings_store):
    request = service.add("Q")
    settings_store.put({"policy.manual.normal": "2bh"})  # e.g. the CLI, while the window runs
    assert service.reload_settings() == 1
    assert service.get(request.id).reply_by == berlin(25, 12)
    assert service.reload_settings() == 0


def test_a_language_change_does_not_rederive(service, settings_store, repository):
    service.add("Q")
    saves = repository.saves
    settings_store.put({"language": "de"})
    assert service.reload_settings() == 0
    assert service.settings.language == "de"
    assert repository.saves == saves


def test_a_new_service_finishes_a_rederivation_cut_short(repository, clock):
    """Settings stored, then a crash before the reply-by times were derived again."""
    store = MemorySettingsStore({"timezone": "Europe/Berlin"})
    first = QueueService(repository, store, clock, no_holidays, "Europe/Berlin")
    request = first.add("Q")
    store.put({"working_hours": "mon-fri 13:00-15:00"})  # no reload: the app died here
    again = QueueService(repository, store, clock, no_holidays, "Europe/Berlin")
    assert again.get(request.id).reply_by == berlin(25, 15)  # 1bd is now 2 h
    assert store.data["_derived_with"] != ""
    third = QueueService(repository, store, clock, no_holidays, "Europe/Berlin")
    assert third.reload_settings() == 0


def test_a_changed_default_zone_rederives(repository, clock):
    store = MemorySettingsStore()
    first = QueueService(repository, store, clock, no_holidays, "Europe/Berlin")
    request = first.add("Q")
    moved = QueueService(repository, store, clock, no_holidays, "UTC")  # the system zone moved
    assert moved.get(request.id).reply_by == datetime(2026, 11, 25, 17, tzinfo=UTC)
    assert moved.reload_settings() == 0


# -- follow-ups, answers, id prefixes -------------------------------------------------------------


def _mail(external_id: str, at: datetime, *replies_to: str):
    from desktop.core.importing.items import Incoming

    return Incoming("mail", external_id, "Re: x", "Ana <ana@x>", at, replies_to=replies_to)


def test_only_an_answer_written_after_the_wait_began_resumes_it(service, clock):
    service.import_batch([_mail("<ask@x>", clock.now())])
    [request] = service.active()
    clock.advance(hours=1)
    service.wait(request.id)
    early = _mail("<early@x>", clock.now() - timedelta(minutes=5), "<ask@x>")
    assert service.resume_answered([early]) == []
    assert service.get(request.id).state is State.WAITING
    later = _mail("<later@x>", clock.now() + timedelta(minutes=5), "<other@x>", "<ask@x>")
    clock.advance(minutes=10)
    [resumed] = service.resume_answered([later])
    assert (resumed.id, resumed.state, resumed.follow_up_at) == (request.id, State.OPEN, None)
    [entry] = service.history(request.id)
    assert (entry.at, entry.detail) == (clock.now(), "Ana <ana@x>")
    assert service.resume_answered([later]) == []  # open already: nothing more to do


def test_the_follow_up_defaults_to_the_policy_in_business_time(service, clock):
    request = service.add("x")
    assert service.wait(request.id).follow_up_at == berlin(27, 10)  # Wed 10:00 + 16 bh
    service.update_settings({"follow_up_after": "4bh"})
    again = service.add("y")
    assert service.wait(again.id).follow_up_at == berlin(25, 14)
    with pytest.raises(InvalidInput):
        service.wait(again.id, clock.now())


def test_a_prefix_finds_one_request_and_names_several(service, monkeypatch):
    from desktop.core.errors import AmbiguousId

    ids = iter(["aa01" + "0" * 28, "aa02" + "0" * 28])
    monkeypatch.setattr("desktop.core.requests.new_id", lambda: next(ids))
    first, second = service.add("one"), service.add("two")
    assert service.find("AA01").id == first.id
    with pytest.raises(AmbiguousId) as caught:
        service.find("aa0")
    assert caught.value.matches == (first.id, second.id)
    assert "aa010000" in caught.value.message
    with pytest.raises(NotFound):
        service.find("ab")
    with pytest.raises(NotFound):
        service.find("aa01", deleted=True)
    service.delete(second.id)
    assert service.find("aa0").id == first.id
    assert service.find("aa0", deleted=True).id == second.id
