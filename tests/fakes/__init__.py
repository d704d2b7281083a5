# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory fakes of the core ports, injected through constructors in tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from desktop.core.queue.buckets import QueueEntry
from desktop.core.requests import Request


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment


class MemorySettingsStore:
    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self.data: dict[str, str] = dict(values or {})

    def values(self) -> Mapping[str, str]:
        return dict(self.data)

    def put(self, values: Mapping[str, str]) -> None:
        self.data.update(values)


class MemoryRequestRepository:
    def __init__(self) -> None:
        self.data: dict[str, Request] = {}
        self.saves = 0

    def get(self, request_id: str) -> Request | None:
        return self.data.get(request_id)

    def save(self, request: Request) -> None:
        self.save_many((request,))

    def save_many(self, requests: Iterable[Request]) -> None:
        for r in requests:
            self.data[r.id] = r
            self.saves += 1

    def active(self) -> list[Request]:
        rows = [r for r in self.data.values() if r.state.value != "done" and r.deleted_at is None]
        far = datetime.max.replace(tzinfo=UTC)
        return sorted(rows, key=lambda r: (r.reply_by or far, r.id))

    def entries(self) -> list[QueueEntry]:
        return [QueueEntry.of(r) for r in self.active()]

    def next_due(self, now: datetime) -> Request | None:
        ahead = [r for r in self.active() if r.state.value == "open" and r.reply_by is not None
                 and r.reply_by > now and not r.is_snoozed(now)]
        return min(ahead, key=lambda r: (r.reply_by, r.id), default=None)

    def versions(self) -> dict[str, str]:
        return {r.id: r.modified_at.isoformat() for r in self.active()}

    def known_ids(self, request_ids: Iterable[str]) -> set[str]:
        return {i for i in request_ids if i in self.data}

    def get_many(self, request_ids: Iterable[str]) -> list[Request]:
        return [self.data[i] for i in request_ids if i in self.data]

    def replace_unchanged(self, requests) -> int:
        fresh = [r for r, seen in requests if self.data.get(r.id) == seen]
        self.save_many(fresh)
        return len(fresh)

    def insert_new(self, requests: Iterable[Request]) -> int:
        fresh = [r for r in requests if r.id not in self.data]
        self.save_many(fresh)
        return len(fresh)

    def all(self, *, include_deleted: bool = False) -> list[Request]:
        rows = [r for r in self.data.values() if include_deleted or r.deleted_at is None]
        return sorted(rows, key=lambda r: (r.received_at, r.id))

    def search(self, query: str, limit: int = 200) -> list[str]:
        q = query.lower()
        return [r.id for r in self.all() if q in r.subject.lower() or q in r.body.lower()][:limit]

    def search_hits(self, query: str, limit: int = 50) -> list[tuple[str, str]]:
        return [(i, self.data[i].subject) for i in self.search(query, limit)]

    def count(self) -> int:
        return len(self.all())

    def ids_starting(self, prefix: str, *, deleted: bool, limit: int) -> list[str]:
        return sorted(i for i, r in self.data.items()
                      if i.startswith(prefix) and (r.deleted_at is not None) == deleted)[:limit]

    def deleted(self) -> list[Request]:
        gone = [r for r in self.data.values() if r.deleted_at is not None]
        return sorted(gone, key=lambda r: (-r.deleted_at.timestamp(), r.id))  # type: ignore[union-attr]


def no_holidays(_country: str, _subdivision: str | None):
    return lambda _year: ()


class FakeSecrets:
    """A secret store in a dict; ``locked=True`` makes ``put`` fail as a locked keyring does."""

    def __init__(self, *, locked: bool = False) -> None:
        self.values: dict[str, str] = {}
        self.locked = locked

    def get(self, account: str) -> str | None:
        return self.values.get(account)

    def put(self, account: str, secret: str) -> None:
        from desktop.core.errors import SecretsUnavailable

        if self.locked:
            raise SecretsUnavailable("keyring locked")
        self.values[account] = secret

    def delete(self, account: str) -> None:
        self.values.pop(account, None)


class RecordingNotifier:
    """A notifier that keeps what it was asked to show; ``working=False`` refuses everything."""

    def __init__(self, *, working: bool = True) -> None:
        self.sent: list = []
        self.working = working

    def notify(self, notification) -> bool:
        if self.working:
            self.sent.append(notification)
        return self.working

    def titles(self) -> list[str]:
        return [n.title for n in self.sent]


class MemoryFocusRepository:
    """Focus blocks, schedules, held requests and the log in lists."""

    def __init__(self) -> None:
        self.blocks: dict = {}
        self.schedule_rows: dict = {}
        self.held_rows: dict = {}
        self.log: list = []

    def sessions(self, since=None) -> list:
        rows = [s for s in self.blocks.values() if s.deleted_at is None
                and (since is None or s.end > since)]
        return sorted(rows, key=lambda s: s.start)

    def save_session(self, session) -> None:
        self.blocks[session.id] = session

    def schedules(self) -> list:
        return [s for s in self.schedule_rows.values() if s.deleted_at is None]

    def save_schedule(self, schedule) -> None:
        self.schedule_rows[schedule.id] = schedule

    def held(self) -> list:
        return list(self.held_rows.values())

    def hold(self, entries) -> None:
        for entry in entries:
            old = self.held_rows.get(entry.request_id)
            if old is not None:
                from dataclasses import replace

                entry = replace(old, breach_at=entry.breach_at)
            self.held_rows[entry.request_id] = entry

    def release(self, request_ids, log) -> None:
        for rid in request_ids:
            self.held_rows.pop(rid, None)
        self.log.extend(log)

    def interruptions(self, since) -> list:
        return [e for e in self.log if e.at >= since]


class FakeDesktopQuiet:
    """A desktop's do-not-disturb switch in memory; ``fail`` makes every call refuse."""

    def __init__(self, name: str = "dunst", quiet: bool = False) -> None:
        self.name = name
        self.holds_critical = name == "dunst"
        self.state = quiet
        self.fail = False
        self.calls: list[str] = []
        self._cookies = 0

    def _check(self) -> None:
        from desktop.core.focus.quiet import QuietUnavailable

        if self.fail:
            raise QuietUnavailable("dunstctl is gone")

    def is_quiet(self) -> bool:
        self._check()
        return self.state

    def quiet(self) -> str:
        self._check()
        self.calls.append("quiet")
        self.state = True
        self._cookies += 1
        return str(self._cookies)

    def unquiet(self, token: str) -> None:
        self._check()
        self.calls.append(f"unquiet {token}")
        self.state = False


class MemoryQuietRecords:
    """The one quiet record in memory; ``history`` lists every write in order."""

    def __init__(self) -> None:
        self.record = None
        self.history: list = []

    def get(self):
        return self.record

    def put(self, record) -> None:
        self.record = record
        self.history.append(record)
