# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Judging a collection unchanged from its last-modified time: never when a change may hide in
the same second, on an untrusted server, or after too long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from desktop.core.sync.freshness import MAX_AGE, Stamp, http_time, stamp_of, unchanged

RADICALE = "http://radicale.org/ns/sync/" + "0" * 64
T0 = datetime(2026, 11, 25, 9, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_the_same_time_long_after_the_last_change_is_unchanged() -> None:
    kept = Stamp(at(0), at(10))
    assert unchanged(kept, Stamp(at(0), at(70)), RADICALE)
    assert not unchanged(kept, Stamp(at(1), at(70)), RADICALE)  # it moved


def test_a_check_within_three_seconds_of_the_last_change_is_not_kept_as_proof() -> None:
    assert not unchanged(Stamp(at(0), at(0)), Stamp(at(0), at(60)), RADICALE)
    assert not unchanged(Stamp(at(0), at(2)), Stamp(at(0), at(60)), RADICALE)
    assert unchanged(Stamp(at(0), at(3)), Stamp(at(0), at(60)), RADICALE)


def test_no_time_an_untrusted_server_an_old_stamp_or_a_clock_gone_back_ask_in_full() -> None:
    kept = Stamp(at(0), at(10))
    assert not unchanged(None, Stamp(at(0), at(20)), RADICALE)
    assert not unchanged(kept, None, RADICALE)  # Nextcloud, iCloud: no getlastmodified
    assert not unchanged(kept, Stamp(at(0), at(20)), None)
    assert not unchanged(kept, Stamp(at(0), at(20)), "http://sabre.io/ns/sync/12")
    assert not unchanged(kept, Stamp(at(0), at(10) + MAX_AGE + timedelta(seconds=1)), RADICALE)
    assert not unchanged(kept, Stamp(at(0), at(9)), RADICALE)


def test_http_dates_are_read_and_anything_else_is_no_stamp() -> None:
    assert http_time("Wed, 25 Nov 2026 09:00:07 GMT") == at(7)
    assert stamp_of("Wed, 25 Nov 2026 09:00:07 GMT", "Wed, 25 Nov 2026 09:00:09 GMT") == \
        Stamp(at(7), at(9))
    for bad in (None, "", "yesterday", "Wed, 99 Nov 2026 09:00:07 GMT"):
        assert http_time(bad) is None
    assert stamp_of("Wed, 25 Nov 2026 09:00:07 GMT", None) is None


@example(check_second=0, check_ms=0, before_ms=1, change_after_ms=0, next_after_s=0, lag_ms=1,
         resolution=2)  # a 2 s margin missed this change: found by this test in CI
@given(
    check_second=st.integers(0, 100),
    check_ms=st.integers(0, 999),
    before_ms=st.integers(0, 5000),
    change_after_ms=st.one_of(st.none(), st.integers(0, 5000)),
    next_after_s=st.integers(0, 3000),
    lag_ms=st.integers(0, 20),
    resolution=st.sampled_from([1, 2]),
)
def test_a_change_after_the_check_is_never_taken_for_no_change(
        check_second: int, check_ms: int, before_ms: int, change_after_ms: int | None,
        next_after_s: int, lag_ms: int, resolution: int) -> None:
    """A Radicale-like server: the collection's time is its newest file time, which may lag
    the server's clock by a tick and be kept in whole (or even) seconds; ``Date`` is the
    server's clock in whole seconds. Times in milliseconds."""
    check = check_second * 1000 + check_ms
    last_change = check - before_ms
    kept = Stamp(_shown(last_change, resolution), _shown(check, 1))
    newest = last_change
    if change_after_ms is not None:  # another device changes something after our check
        newest = max(newest, check + change_after_ms - lag_ms)
    later = check + (change_after_ms or 0) + next_after_s * 1000
    now = Stamp(_shown(newest, resolution), _shown(later, 1))
    if unchanged(kept, now, RADICALE):
        assert change_after_ms is None


def _shown(ms: int, resolution: int) -> datetime:
    """A time as an HTTP date shows it, of a file system with ``resolution``-second times."""
    return at(ms // (1000 * resolution) * resolution)
