# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Business time: working hours in the user's zone, minus holidays and days off.

The calendar compiles its rules into a *timeline*: the sorted UTC intervals of working time over
a span of years, with the business seconds that come before each. Adding business time, counting
it between two instants and finding the moment a count is reached are then two binary searches,
exact across daylight-saving changes, weekends, holidays, empty days and ranges that cross
midnight. The timeline grows when a question reaches past it.

An instant is business time when its local wall-clock time lies in a working range of the day
that range belongs to (a range crossing midnight belongs to the day it starts on) and that day is
neither a holiday nor a day off. During the repeated hour of a fall-back change both passes of a
working wall-clock time count.

**Closing-time rule.** A deadline that lands exactly on closing time stays at closing time of that
day; it does not move to the next opening. :meth:`BusinessCalendar.add` therefore returns the
*earliest* instant at which the business time is used up. ``businesstimedelta`` agrees; pandas'
``CustomBusinessHour`` moves such deadlines to the next opening.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from desktop.core.epoch_arrays import utc_datetimes
from desktop.core.errors import NoBusinessTime
from desktop.core.i18n import _
from desktop.core.working_hours import WorkingHours

if TYPE_CHECKING:  # NumPy is imported only where the array path runs
    pass

HolidaySource = Callable[[int], Iterable[date]]
"""Returns the public holidays of one year; supplied from outside (the ``holidays`` package)."""

_EPOCH_DATE = date(1970, 1, 1)
_DAY = 86_400
_MAX_OFFSET = 15 * 3600  # UTC offsets stay within ±14 h; one more hour of margin
_SAMPLE = 3 * 3600  # zone offsets never change twice within three hours
_SEARCH_YEARS = 30  # how many years without working time before we say there is none
_GROW_YEARS = 2  # how far the timeline grows at a time
# From this many starts on, add_many runs as array operations: below it NumPy's set-up costs
# more than the loop (both give identical results).
_VECTOR_MIN = 2_000
# add_many's array path works through its starts this many at a time. Arrays as long as a
# million starts (8 MB each) cost more in first-touch page faults than in arithmetic: NumPy
# asks for huge pages from 4 MB on, and on a first call those faults took 0.8-1.5 s of 1.8-2.8 s
# (profiled under load). Arrays of 16,384 floats (128 KiB) stay in the CPU cache, and their
# memory is handed out again chunk after chunk; the same steps then take about 0.1 s.
_CHUNK = 16_384


def _give_up_after(empty_years: int) -> None:
    if empty_years > _SEARCH_YEARS:
        raise NoBusinessTime(_("No working time was found in the years searched."))


def _no_holidays(_year: int) -> Iterable[date]:
    return ()


class BusinessCalendar:
    """Working time of one person: a zone, weekly hours, days off and public holidays.

    Args:
        zone: the user's time zone (a ``zoneinfo.ZoneInfo`` in practice).
        hours: working ranges per weekday.
        days_off: the user's own days without work.
        holidays: public holidays per year; called once per year the timeline covers.
    """

    def __init__(
        self,
        zone: tzinfo,
        hours: WorkingHours,
        days_off: Iterable[date] = (),
        holidays: HolidaySource = _no_holidays,
    ) -> None:
        self.zone = zone
        self.hours = hours
        self.days_off = frozenset(days_off)
        self._holidays = holidays
        self._day_length = timedelta(minutes=hours.day_minutes)
        self._built = False
        self._first_year = self._last_year = 0
        self._starts: list[float] = []
        self._ends: list[float] = []
        self._cum: list[float] = []  # business seconds before each interval
        self._cum_end: list[float] = []  # business seconds at each interval's end

    # -- public questions ------------------------------------------------------------------

    @property
    def day_length(self) -> timedelta:
        """The length of one working day, which a target of *n business days* multiplies."""
        return self._day_length

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The earliest instant by which ``duration`` of business time after ``start`` has passed.

        A result that falls exactly on closing time stays there (see the module docstring).

        Raises:
            NoBusinessTime: the calendar has no working time within the years searched.
        """
        if duration <= timedelta(0):
            return start
        ts = start.timestamp()
        self._cover(ts, ts)
        end = self._time_at(self._cum_at(ts) + duration.total_seconds())
        return datetime.fromtimestamp(end, UTC)

    def add_many(self, starts: Sequence[datetime], duration: timedelta) -> list[datetime]:
        """:meth:`add` for many start times at once; the same results, several times faster."""
        if not starts:
            return []
        seconds = duration.total_seconds()
        if seconds <= 0:
            return list(starts)
        if len(starts) >= _VECTOR_MIN:
            ends = self._ends_vectorized(starts, seconds)
            if ends is not None:
                return ends
        stamps = list(map(datetime.timestamp, starts))
        self._grow_for(min(stamps), max(stamps), seconds)
        st, en, cum, cum_end = self._starts, self._ends, self._cum, self._cum_end
        from_ts = datetime.fromtimestamp
        out = []
        for ts in stamps:
            i = bisect_right(st, ts) - 1
            if i < 0:
                target = seconds
            else:
                gap = ts - st[i]
                length = en[i] - st[i]
                target = cum[i] + (gap if gap < length else length) + seconds
            j = bisect_left(cum_end, target)
            out.append(from_ts(st[j] + (target - cum[j]), UTC))
        return out

    def _ends_vectorized(
        self, starts: Sequence[datetime], seconds: float, chunk: int = _CHUNK
    ) -> list[datetime] | None:
        """The loop of :meth:`add_many` as array operations, or ``None`` without NumPy.

        The same IEEE operations in the same order as the loop, so the results are identical
        (the property tests compare both paths with the minute-by-minute reference). NumPy
        comes with the charts' library; it is imported here, on first use, not at start.

        The starts are taken ``chunk`` at a time (see ``_CHUNK``): a profile of a million
        starts showed the whole-length temporaries costing more in first-touch page faults
        than in arithmetic. Within a chunk every start outside working hours ends at the same
        closing time, so there are about a third as many distinct ends as starts: one
        ``datetime`` is built per distinct end and shared.
        """
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - the pure loop stays the reference
            return None
        n = len(starts)
        to_stamps = map(datetime.timestamp, starts)  # one pass, consumed chunk by chunk
        pieces = [np.fromiter(to_stamps, float, min(chunk, n - k)) for k in range(0, n, chunk)]
        self._grow_for(min(float(p.min()) for p in pieces),
                       max(float(p.max()) for p in pieces), seconds)
        st, en = np.array(self._starts), np.array(self._ends)
        cum, cum_end = np.array(self._cum), np.array(self._cum_end)
        ends: list[datetime] = []
        for ts in pieces:
            i = np.searchsorted(st, ts, side="right") - 1
            inside = np.maximum(i, 0)
            gap, length = ts - st[inside], en[inside] - st[inside]
            target = np.where(i < 0, seconds, cum[inside] + np.minimum(gap, length) + seconds)
            j = np.searchsorted(cum_end, target, side="left")
            distinct, where = np.unique(st[j] + (target - cum[j]), return_inverse=True)
            ends += utc_datetimes(distinct)[where.ravel()].tolist()
        return ends

    def _grow_for(self, first: float, last: float, seconds: float) -> None:
        """Grow the timeline once, up front, over starts from ``first`` to ``last`` and
        ``seconds`` of business time after the last."""
        self._cover(first, last)
        self._time_at(self._cum_at(last) + seconds)

    def subtract(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of business time runs out at ``end``.

        Where several instants qualify (a night or weekend lies before the count starts), the
        latest is returned: the opening after the gap.
        """
        if duration <= timedelta(0):
            return end
        ts = end.timestamp()
        self._cover(ts, ts)
        target = self._cum_at(ts) - duration.total_seconds()
        empty_years = 0
        while target < 0:
            self._build(self._first_year - _GROW_YEARS, self._last_year)
            grown = self._cum_at(ts) - duration.total_seconds()
            empty_years = empty_years + _GROW_YEARS if grown == target else 0
            _give_up_after(empty_years)
            target = grown
        j = bisect_right(self._cum, target) - 1
        return datetime.fromtimestamp(self._starts[j] + (target - self._cum[j]), UTC)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Business time from ``start`` to ``end``; negative when ``end`` comes first."""
        a, b = start.timestamp(), end.timestamp()
        self._cover(min(a, b), max(a, b))
        return timedelta(seconds=self._cum_at(b) - self._cum_at(a))

    def is_business_time(self, moment: datetime) -> bool:
        """Whether ``moment`` lies inside working time."""
        ts = moment.timestamp()
        self._cover(ts, ts)
        i = bisect_right(self._starts, ts) - 1
        return i >= 0 and ts < self._ends[i]

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` itself if it is business time, otherwise the next start of working time."""
        ts = moment.timestamp()
        self._cover(ts, ts)
        if self.is_business_time(moment):
            return moment
        self._time_at(self._cum_at(ts) + 1)  # make sure an opening after ts is on the timeline
        return datetime.fromtimestamp(self._starts[bisect_right(self._starts, ts)], UTC)

    def working_spans(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The stretches of working time inside ``[start, end)``, in order, as UTC instants."""
        a, b = start.timestamp(), end.timestamp()
        if a >= b:
            return []
        self._cover(a, b)
        out = []
        for i in range(max(bisect_right(self._starts, a) - 1, 0), len(self._starts)):
            s, e = max(self._starts[i], a), min(self._ends[i], b)
            if self._starts[i] >= b:
                break
            if s < e:
                out.append((datetime.fromtimestamp(s, UTC), datetime.fromtimestamp(e, UTC)))
        return out

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` has working hours and is neither a holiday nor a day off."""
        return bool(self.hours.days[day.weekday()]) and day not in self._closed_days(day.year)

    # -- the timeline ------------------------------------------------------------------------

    def _cum_at(self, ts: float) -> float:
        i = bisect_right(self._starts, ts) - 1
        if i < 0:
            return 0.0
        return self._cum[i] + min(ts - self._starts[i], self._ends[i] - self._starts[i])

    def _time_at(self, target: float) -> float:
        """The earliest instant at which ``target`` business seconds (from the timeline's start)
        have passed, growing the timeline forward as far as needed."""
        empty_years = 0
        while not self._cum_end or target > self._cum_end[-1]:
            before = self._cum_end[-1] if self._cum_end else 0.0
            self._build(self._first_year, self._last_year + _GROW_YEARS)
            after = self._cum_end[-1] if self._cum_end else 0.0
            empty_years = empty_years + _GROW_YEARS if after == before else 0
            _give_up_after(empty_years)
        j = bisect_left(self._cum_end, target)
        return self._starts[j] + (target - self._cum[j])

    def _cover(self, lo: float, hi: float) -> None:
        """Make the timeline span the local years of ``lo`` and ``hi`` (it grows from there
        as far as a question needs; building years nobody asks about costs a window's start)."""
        first = datetime.fromtimestamp(lo, self.zone).year
        last = datetime.fromtimestamp(hi, self.zone).year
        if not self._built:
            self._build(first, last)
        elif first < self._first_year or last > self._last_year:
            self._build(min(first, self._first_year), max(last, self._last_year))

    def _closed_days(self, year: int) -> frozenset[date]:
        return self.days_off | frozenset(self._holidays(year))

    def _build(self, first_year: int, last_year: int) -> None:
        if first_year < 1 or last_year > 9998:
            raise NoBusinessTime(_("No working time was found in the years searched."))
        first_day = date(first_year, 1, 1) - timedelta(days=1)
        last_day = date(last_year, 12, 31)
        lo = (first_day - _EPOCH_DATE).days * _DAY - _MAX_OFFSET
        hi = ((last_day - _EPOCH_DATE).days + 3) * _DAY + _MAX_OFFSET
        seg_starts, seg_offsets = _offset_segments(self.zone, lo, hi)
        closed: set[date] = set()
        for year in range(first_year - 1, last_year + 1):
            closed |= self._closed_days(year)
        pieces: list[tuple[float, float]] = []
        day = first_day
        while day <= last_day:
            ranges = self.hours.days[day.weekday()]
            if ranges and day not in closed:
                midnight = (day - _EPOCH_DATE).days * _DAY  # the local date, read as if UTC
                for r in ranges:
                    _utc_pieces(midnight + r.start * 60, midnight + r.end * 60,
                                seg_starts, seg_offsets, pieces)
            day += timedelta(days=1)
        pieces.sort()
        self._store(pieces)
        self._first_year, self._last_year = first_year, last_year
        self._built = True

    def _store(self, pieces: list[tuple[float, float]]) -> None:
        starts: list[float] = []
        ends: list[float] = []
        for s, e in pieces:
            if ends and s <= ends[-1]:  # overlapping or touching ranges count once
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        cum: list[float] = []
        cum_end: list[float] = []
        total = 0.0
        for s, e in zip(starts, ends, strict=True):
            cum.append(total)
            total += e - s
            cum_end.append(total)
        self._starts, self._ends, self._cum, self._cum_end = starts, ends, cum, cum_end


def _offset(zone: tzinfo, ts: int) -> int:
    offset = datetime.fromtimestamp(ts, zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _offset_segments(zone: tzinfo, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Split ``[lo, hi)`` (UTC seconds) into stretches of constant UTC offset.

    Returns the start of each stretch and its offset. Offsets are sampled every three hours and
    each change is pinned to the second by bisection.
    """
    starts, offsets = [lo], [_offset(zone, lo)]
    t = lo
    while t < hi:
        nxt = min(t + _SAMPLE, hi)
        off = _offset(zone, nxt)
        if off != offsets[-1]:
            a, b = t, nxt
            while b - a > 1:
                mid = (a + b) // 2
                if _offset(zone, mid) == offsets[-1]:
                    a = mid
                else:
                    b = mid
            starts.append(b)
            offsets.append(off)
        t = nxt
    return starts, offsets


def _utc_pieces(
    wall_start: int,
    wall_end: int,
    seg_starts: list[int],
    seg_offsets: list[int],
    out: list[tuple[float, float]],
) -> None:
    """Append the UTC intervals whose local wall time lies in ``[wall_start, wall_end)``.

    Within a stretch of constant offset, wall time is UTC plus the offset, so each stretch
    contributes at most one interval; a DST change splits or trims the range exactly.
    """
    k = max(bisect_right(seg_starts, wall_start - _MAX_OFFSET) - 1, 0)
    last = len(seg_starts) - 1
    while k <= last and seg_starts[k] < wall_end + _MAX_OFFSET:
        off = seg_offsets[k]
        s = max(seg_starts[k], wall_start - off)
        e = wall_end - off if k == last else min(seg_starts[k + 1], wall_end - off)
        if s < e:
            out.append((float(s), float(e)))
        k += 1

