# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quieting the desktop during focus (``desktop.core.focus.quiet``): the decision table, the
record written before the change, restoring at the end, at quit and after a crash, and
leaving alone what the user changed by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.focus.quiet import (
    DesktopQuieter,
    Outcome,
    QuietRecord,
    Step,
    decide,
    quieted_by,
)
from tests.fakes import FakeClock, FakeDesktopQuiet, MemoryQuietRecords

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _quieter(desktop: FakeDesktopQuiet | None, records: MemoryQuietRecords | None = None,
             enabled: bool = True) -> tuple[DesktopQuieter, MemoryQuietRecords]:
    records = records or MemoryQuietRecords()
    return DesktopQuieter(lambda: desktop, records, FakeClock(NOW).now, lambda: enabled), records


def test_a_block_quiets_the_desktop_and_its_end_puts_it_back() -> None:
    desktop = FakeDesktopQuiet("dunst")
    quieter, records = _quieter(desktop)
    assert quieter.follow(True) is Outcome.QUIETED
    assert desktop.state is True
    assert quieter.quieted_by() == "dunst"
    assert quieter.follow(True) is Outcome.UNCHANGED  # every refresh asks again: no change
    assert desktop.calls == ["quiet"]
    assert quieter.follow(False) is Outcome.RESTORED
    assert desktop.state is False
    assert records.record is None
    assert quieter.quieted_by() is None


def test_the_previous_state_is_recorded_before_the_desktop_is_changed() -> None:
    desktop = FakeDesktopQuiet("kde")
    records = MemoryQuietRecords()
    seen_at_change: list[QuietRecord | None] = []
    original = desktop.quiet

    def quiet() -> str:
        seen_at_change.append(records.record)
        return original()

    desktop.quiet = quiet  # type: ignore[method-assign]
    quieter, _ = _quieter(desktop, records)
    quieter.follow(True)
    assert seen_at_change == [QuietRecord("kde", False, NOW)]  # on record, not yet quieted
    assert records.record == QuietRecord("kde", False, NOW, token="1", quieted=True)
    quieter.follow(False)
    assert desktop.calls == ["quiet", "unquiet 1"]  # KDE's cookie goes back to UnInhibit


def test_after_a_crash_the_next_start_puts_the_desktop_back() -> None:
    desktop = FakeDesktopQuiet("dunst")
    first, records = _quieter(desktop)
    first.follow(True)
    # the process dies here; a new one starts with the same store and the block over
    second, _ = _quieter(desktop, records)
    assert second.follow(False) is Outcome.RESTORED
    assert desktop.state is False


def test_a_restart_during_the_block_keeps_the_state_from_before_the_block() -> None:
    desktop = FakeDesktopQuiet("dunst")
    first, records = _quieter(desktop)
    first.follow(True)
    second, _ = _quieter(desktop, records)
    assert second.follow(True) is Outcome.UNCHANGED
    assert records.record is not None
    assert records.record.was_quiet is False
    second.follow(False)
    assert desktop.state is False


def test_a_crash_between_the_record_and_the_change_changes_nothing_later() -> None:
    desktop = FakeDesktopQuiet("gnome")
    records = MemoryQuietRecords()
    records.put(QuietRecord("gnome", False, NOW))  # recorded, never quieted
    quieter, _ = _quieter(desktop, records)
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert desktop.calls == []
    assert records.record is None


def test_a_desktop_already_quiet_before_the_block_is_left_quiet_after_it() -> None:
    desktop = FakeDesktopQuiet("swaync", quiet=True)
    quieter, records = _quieter(desktop)
    assert quieter.follow(True) is Outcome.UNCHANGED
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert desktop.state is True
    assert desktop.calls == []
    assert records.history == []


def test_do_not_disturb_turned_off_by_hand_is_left_alone_and_said() -> None:
    desktop = FakeDesktopQuiet("dunst")
    quieter, records = _quieter(desktop)
    quieter.follow(True)
    desktop.state = False  # the user resumes dunst during the block
    assert quieter.follow(True) is Outcome.TAKEN_OVER
    assert quieter.quieted_by() is None
    assert quieter.follow(True) is Outcome.UNCHANGED  # not quieted again in this block
    assert desktop.calls == ["quiet"]
    assert quieter.follow(False) is Outcome.UNCHANGED  # and nothing is "restored" at the end
    assert desktop.calls == ["quiet"]
    assert records.record is None
    assert quieter.follow(True) is Outcome.QUIETED  # the next block quiets again


def test_turned_back_by_hand_before_the_end_is_not_touched_again() -> None:
    desktop = FakeDesktopQuiet("dunst")
    quieter, records = _quieter(desktop)
    quieter.follow(True)
    desktop.state = False
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert desktop.calls == ["quiet"]
    assert records.record is None


def test_the_setting_off_quiets_nothing_and_turning_it_off_mid_block_restores() -> None:
    desktop = FakeDesktopQuiet("dunst")
    enabled = [False]
    records = MemoryQuietRecords()
    quieter = DesktopQuieter(lambda: desktop, records, FakeClock(NOW).now, lambda: enabled[0])
    assert quieter.follow(True) is Outcome.UNCHANGED
    enabled[0] = True
    assert quieter.follow(True) is Outcome.QUIETED
    enabled[0] = False
    assert quieter.follow(True) is Outcome.RESTORED
    assert desktop.state is False


def test_no_supported_desktop_changes_nothing_and_keeps_another_desktops_record() -> None:
    records = MemoryQuietRecords()
    records.put(QuietRecord("gnome", False, NOW, quieted=True))
    for desktop in (None, FakeDesktopQuiet("dunst")):
        quieter, _ = _quieter(desktop, records)
        assert quieter.follow(False) is Outcome.UNCHANGED
    assert records.record is not None  # GNOME's setting is put back when GNOME runs again


def test_the_desktop_is_found_once_and_only_when_first_needed() -> None:
    found: list[int] = []

    def find() -> FakeDesktopQuiet:
        found.append(1)
        return FakeDesktopQuiet()

    quieter = DesktopQuieter(find, MemoryQuietRecords(), FakeClock(NOW).now, lambda: True)
    assert found == []
    quieter.follow(True)
    quieter.follow(False)
    assert found == [1]


def test_a_failing_backend_is_reported_and_the_record_kept_for_later() -> None:
    desktop = FakeDesktopQuiet("dunst")
    quieter, records = _quieter(desktop)
    quieter.follow(True)
    desktop.fail = True
    assert quieter.follow(False) is Outcome.FAILED
    assert quieter.problem == "dunstctl is gone"
    assert records.record is not None
    desktop.fail = False
    assert quieter.follow(False) is Outcome.RESTORED
    assert quieter.problem == ""


@given(block=st.booleans(), enabled=st.booleans(), quiet_now=st.booleans(),
       record=st.none() | st.builds(QuietRecord, backend=st.just("dunst"),
                                    was_quiet=st.just(False), since=st.just(NOW),
                                    quieted=st.booleans(), taken_over=st.booleans()))
def test_the_decision_never_changes_a_desktop_it_did_not_quiet(
        block: bool, enabled: bool, quiet_now: bool, record: QuietRecord | None) -> None:
    step = decide(block_running=block, enabled=enabled, record=record, quiet_now=quiet_now)
    if step is Step.RESTORE:  # only what Unhurried quieted, still quiet, and no longer wanted
        assert record is not None
        assert record.quieted
        assert not record.taken_over
        assert quiet_now
        assert not (block and enabled)
    if step is Step.QUIET:  # only when wanted and not quiet already
        assert block
        assert enabled
        assert not quiet_now
    if not (block and enabled):
        assert step in (Step.NOTHING, Step.RESTORE, Step.FORGET)
        assert (step is Step.NOTHING) == (record is None)


@pytest.mark.parametrize(("record", "expected"), [
    (None, None),
    (QuietRecord("kde", False, NOW), None),
    (QuietRecord("kde", False, NOW, quieted=True), "kde"),
    (QuietRecord("kde", False, NOW, quieted=True, taken_over=True), None),
])
def test_quieted_by_names_the_backend_only_while_it_holds(
        record: QuietRecord | None, expected: str | None) -> None:
    assert quieted_by(record) == expected
