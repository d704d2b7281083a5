# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The moments the queue shown can change at, for the window's next-wake timer and status."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.queue.buckets import Bucket, BucketEdges

from desktop.ui.queue.head_rows import HeadRows
from desktop.ui.queue.rows import QueueRows


class WakeTimes:
    """Part of :class:`~desktop.ui.queue.model.QueueModel`, which sets the attributes declared
    here: the times of the rows shown, as aware datetimes."""

    _rows: QueueRows | HeadRows
    _now: datetime

    def count(self, bucket: Bucket) -> int:
        raise NotImplementedError

    def overdue_count(self) -> int:
        """Overdue requests shown, snoozed ones included: the status bar counts them all."""
        return self.count(Bucket.OVERDUE) + self._rows.snoozed_overdue(self._now.timestamp())

    def reply_bys(self, edges: BucketEdges) -> list[datetime]:
        """Reply-bys of shown open requests that the next bucket change at ``edges`` can
        depend on (for the next-wake timer): those ahead, up to the first not yet at risk."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.reply_bys_ahead(edges)]

    def snooze_ends(self) -> list[datetime]:
        """Ends of the running snoozes."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.snooze_ends()]

    def snoozed_reply_bys(self) -> list[datetime]:
        """Reply-bys of snoozed requests still ahead: the overdue count changes then."""
        now = self._now.timestamp()
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.snoozed_reply_bys_ahead(now)]

    def follow_ups(self) -> list[datetime]:
        """Follow-up times of the waiting requests shown: each then moves to Follow up."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.follow_ups_ahead()]
