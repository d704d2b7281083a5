# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which request is on which row of which group: the queue model's bookkeeping, without Qt.

Open requests are kept in one list sorted by reply-by; the six time-based groups are
consecutive slices of it, cut where the bucket edges fall. Moving the clock only moves the cuts
(a few binary searches), so regrouping 100,000 requests costs the same as regrouping ten.
Snoozed requests (by end of snooze), waiting ones (by arrival) and those to follow up (by
follow-up time) have lists of their own.

Only :class:`~desktop.core.queue.buckets.QueueEntry` tuples are kept, never whole requests.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter

from desktop.core.queue.buckets import TIMED_BUCKETS, Bucket, BucketEdges, QueueEntry

GROUPS = tuple(Bucket)
SNOOZED, WAITING = GROUPS.index(Bucket.SNOOZED), GROUPS.index(Bucket.WAITING)
FOLLOW_UP = GROUPS.index(Bucket.FOLLOW_UP)
TIMED = len(TIMED_BUCKETS)
_TIMED_LIST = -1  # where an entry sits: the timed list, SNOOZED or WAITING

_SLICE = 10_000  # entries handled per call in loops long enough to stall other threads

Key = tuple[float, str]
_Grouping = tuple[list[Key], dict[int, list[Key]], dict[str, int], list[int], BucketEdges]


class QueueRows:
    """The rows of every group, kept sorted as entries come, go and the clock moves."""

    def __init__(self, edges: BucketEdges) -> None:
        self.edges = edges
        self.entries: dict[str, QueueEntry] = {}
        self._filter: set[str] | None = None
        self._timed: list[Key] = []
        self._lists: dict[int, list[Key]] = {SNOOZED: [], WAITING: [], FOLLOW_UP: []}
        self._where: dict[str, int] = {}  # SNOOZED or WAITING; absent: the timed list
        self.cuts = [0] * (TIMED + 1)
        self._unfiltered: _Grouping | None = None  # the rows from before a search, to go back

    # -- filling -------------------------------------------------------------------------------

    def reset(self, entries: Iterable[QueueEntry], edges: BucketEdges) -> None:
        """Start over with these entries."""
        entries = entries if isinstance(entries, list) else list(entries)
        # In slices: building a dict of 200,000 in one call held Python's lock for 0.1 s,
        # and the window's loop with it (this runs on the reading thread at the start).
        self.entries = {}
        for start in range(0, len(entries), _SLICE):
            part = entries[start:start + _SLICE]
            self.entries.update(zip(map(itemgetter(0), part), part, strict=True))
        self._unfiltered = None
        self.regroup_all(edges)

    @property
    def filtered(self) -> bool:
        """Whether only some ids are shown (a search is on)."""
        return self._filter is not None

    def set_filter(self, ids: Iterable[str] | None) -> None:
        """Show only these ids (``None``: all); call :meth:`regroup_all` after."""
        self._filter = None if ids is None else set(ids)

    def show_only(self, ids: Iterable[str] | None, edges: BucketEdges) -> None:
        """:meth:`set_filter` and :meth:`regroup_all` at ``edges``, at the cost of what is
        shown: a search places only the requests it found, and lifting it brings back the rows
        from before it (moved on to ``edges``) instead of placing every request again. With
        200,000 requests placing them all held the window for 90 ms at each keystroke."""
        if ids is None and self._filter is not None and self._unfiltered is not None:
            self._filter = None
            self._timed, self._lists, self._where, self.cuts, self.edges = self._unfiltered
            self._unfiltered = None
            self.move_clock(edges)
            return
        if ids is not None and self._filter is None:
            self._unfiltered = (self._timed, self._lists, self._where, self.cuts, self.edges)
        self.set_filter(ids)
        self.regroup_all(edges)

    def regroup_all(self, edges: BucketEdges) -> None:
        """Place every entry again (after a reset or a new filter)."""
        self.edges = edges
        now = edges.now.timestamp()
        timed: list[Key] = []
        snoozed: list[Key] = []
        waiting: list[Key] = []
        follow: list[Key] = []
        where: dict[str, int] = {}  # the timed list is the default: only the others are noted
        shown = self._filter
        entries = self.entries
        placed = entries.values() if shown is None else [
            entries[i] for i in shown if i in entries]  # a search: only what it found
        add_timed = timed.append
        # Tuples unpacked in the loop head: attribute access on 100,000 named tuples is what
        # this loop would otherwise spend its time on.
        for request_id, reply_by, received_at, snoozed_until, follow_up in placed:
            if reply_by is None and follow_up is not None and follow_up <= now:
                follow.append((follow_up, request_id))
                where[request_id] = FOLLOW_UP
            elif reply_by is None:
                waiting.append((received_at, request_id))
                where[request_id] = WAITING
            elif snoozed_until is not None and snoozed_until > now:
                snoozed.append((snoozed_until, request_id))
                where[request_id] = SNOOZED
            else:
                add_timed((reply_by, request_id))
        timed.sort()
        snoozed.sort()
        waiting.sort()
        follow.sort()
        self._timed, self._where = timed, where
        self._lists = {SNOOZED: snoozed, WAITING: waiting, FOLLOW_UP: follow}
        self.cuts = self._cut_points(edges)

    # -- questions -----------------------------------------------------------------------------

    def count(self, group: int) -> int:
        """How many rows ``group`` has."""
        if group < TIMED:
            return self.cuts[group + 1] - self.cuts[group]
        return len(self._lists[group])

    def id_at(self, group: int, row: int) -> str:
        """The id on ``row`` of ``group``."""
        if group < TIMED:
            return self._timed[self.cuts[group] + row][1]
        return self._lists[group][row][1]

    def ids(self, group: int, start: int, stop: int) -> list[str]:
        """The ids on rows ``start`` up to ``stop`` of ``group``."""
        if group < TIMED:
            first = self.cuts[group]
            keys = self._timed[first + start:min(first + stop, self.cuts[group + 1])]
        else:
            keys = self._lists[group][start:stop]
        return [key[1] for key in keys]

    def locate(self, request_id: str) -> tuple[int, int] | None:
        """``(group, row)`` of a shown request, ``None`` if it is not shown."""
        entry = self.entries.get(request_id)
        if entry is None or (self._filter is not None and request_id not in self._filter):
            return None
        kind = self._where.get(request_id, _TIMED_LIST)
        if kind == _TIMED_LIST:
            assert entry.reply_by is not None
            position = bisect_left(self._timed, (entry.reply_by, request_id))
            group = bisect_right(self.cuts, position) - 1
            return group, position - self.cuts[group]
        return kind, bisect_left(self._lists[kind], _key(entry, kind))

    def reply_bys_ahead(self, edges: BucketEdges) -> list[float]:
        """Reply-bys after ``edges.now`` up to the first one not yet at risk: all the next
        bucket change can depend on (the list is sorted, so the rest cannot come sooner)."""
        now, at_risk_end = edges.bounds[0], edges.bounds[1]
        first = bisect_right(self._timed, (now, "\uffff"))
        last = bisect_left(self._timed, (at_risk_end, ""))
        return [key[0] for key in self._timed[first:last + 1]]

    def snoozed_overdue(self, now: float) -> int:
        """How many snoozed requests have a reply-by at or before ``now`` (a snooze hides a
        request; it does not make it any less late)."""
        entries = self.entries
        return sum(1 for _end, rid in self._lists[SNOOZED]
                   if (reply_by := entries[rid].reply_by) is not None and reply_by <= now)

    def snoozed_reply_bys_ahead(self, now: float) -> list[float]:
        """Reply-bys of snoozed requests still ahead: each then counts as overdue."""
        entries = self.entries
        return sorted(r for _end, rid in self._lists[SNOOZED]
                      if (r := entries[rid].reply_by) is not None and r > now)

    def snooze_ends(self) -> list[float]:
        """Ends of the running snoozes, soonest first."""
        return [key[0] for key in self._lists[SNOOZED]]

    def follow_ups_ahead(self) -> list[float]:
        """Follow-up times of the waiting requests: when each comes back to be followed up."""
        entries = self.entries
        return sorted(f for _k, rid in self._lists[WAITING]
                      if (f := entries[rid].follow_up) is not None)

    # -- changing ------------------------------------------------------------------------------

    def address_for(self, entry: QueueEntry) -> tuple[int, int] | None:
        """Where :meth:`place` would put ``entry``: ``(group, row)``, ``None`` if filtered out."""
        if self._filter is not None and entry.id not in self._filter:
            return None
        group = GROUPS.index(self.edges.entry_bucket(entry))
        if group >= TIMED:
            return group, bisect_left(self._lists[group], _key(entry, group))
        assert entry.reply_by is not None
        return group, bisect_left(self._timed, (entry.reply_by, entry.id)) - self.cuts[group]

    def place(self, entry: QueueEntry) -> tuple[int, int] | None:
        """Add ``entry`` (not placed yet); its ``(group, row)``, or ``None`` if filtered out."""
        self.entries[entry.id] = entry
        self._unfiltered = None  # lifting a search places every request again
        if self._filter is not None and entry.id not in self._filter:
            return None
        bucket = self.edges.entry_bucket(entry)
        group = GROUPS.index(bucket)
        kind = group if group >= TIMED else _TIMED_LIST
        if kind != _TIMED_LIST:
            self._where[entry.id] = kind
            keys = self._lists[kind]
            key = _key(entry, kind)
            row = bisect_left(keys, key)
            keys.insert(row, key)
            return group, row
        position = self._insert_timed(entry)
        return group, position - self.cuts[group]

    def take(self, request_id: str) -> tuple[int, int] | None:
        """Remove a request; the ``(group, row)`` it had if it was shown."""
        address = self.locate(request_id)
        self.entries.pop(request_id, None)
        self._unfiltered = None
        if address is None:
            return None
        group, row = address
        self._where.pop(request_id, None)
        if group < TIMED:
            del self._timed[self.cuts[group] + row]
            for k in range(group + 1, len(self.cuts)):
                self.cuts[k] -= 1
        else:
            del self._lists[group][row]
        return address

    def moves(self, edges: BucketEdges) -> bool:
        """Whether :meth:`move_clock` to ``edges`` would move any row to another group."""
        if edges.now < self.edges.now:
            return True
        snoozed = self._lists[SNOOZED]
        ended = bool(snoozed) and snoozed[0][0] <= edges.now.timestamp()
        return ended or bool(self._due_follow_ups(edges.now.timestamp())) or (
            self._cut_points(edges) != self.cuts)

    def move_clock(self, edges: BucketEdges) -> bool:
        """Regroup for a new moment: snoozes that ran out join the timed list, cuts move.

        Returns:
            Whether any row may have changed group.
        """
        if edges.now < self.edges.now:  # the clock was set back: snoozes may hold again
            self.regroup_all(edges)
            return True
        self.edges = edges
        now = edges.now.timestamp()
        snoozed = self._lists[SNOOZED]
        ended = bisect_right(snoozed, (now, "\uffff"))
        expired = [key[1] for key in snoozed[:ended]]
        del snoozed[:ended]
        for request_id in expired:
            del self._where[request_id]
            self._insert_timed(self.entries[request_id], recut=False)
        due = self._due_follow_ups(now)
        for key in due:  # waiting with no answer by its follow-up time: back to follow up
            self._lists[WAITING].remove(key)
            entry = self.entries[key[1]]
            self._where[entry.id] = FOLLOW_UP
            follow_key = _key(entry, FOLLOW_UP)
            follow = self._lists[FOLLOW_UP]
            follow.insert(bisect_left(follow, follow_key), follow_key)
        cuts = self._cut_points(edges)
        moved = bool(expired) or bool(due) or cuts != self.cuts
        self.cuts = cuts
        return moved

    # -- internals -----------------------------------------------------------------------------

    def _due_follow_ups(self, now: float) -> list[Key]:
        entries = self.entries
        return [key for key in self._lists[WAITING]
                if (f := entries[key[1]].follow_up) is not None and f <= now]

    def _insert_timed(self, entry: QueueEntry, *, recut: bool = True) -> int:
        assert entry.reply_by is not None
        key = (entry.reply_by, entry.id)
        position = bisect_left(self._timed, key)
        self._timed.insert(position, key)
        if recut:  # the cuts come from the same edges, so the key lands inside its group
            group = GROUPS.index(self.edges.timed_bucket(entry.reply_by))
            for k in range(group + 1, len(self.cuts)):
                self.cuts[k] += 1
        return position

    def _cut_points(self, edges: BucketEdges) -> list[int]:
        bounds = edges.bounds
        keys = self._timed
        cuts = [0, bisect_right(keys, (bounds[0], "\uffff"))]
        cuts += [max(bisect_left(keys, (b, "")), cuts[1]) for b in bounds[1:]]
        return [*cuts, len(keys)]


def _key(entry: QueueEntry, kind: int) -> Key:
    if kind == SNOOZED:
        assert entry.snoozed_until is not None
        return (entry.snoozed_until, entry.id)
    if kind == FOLLOW_UP:
        assert entry.follow_up is not None
        return (entry.follow_up, entry.id)
    return (entry.received_at, entry.id)

