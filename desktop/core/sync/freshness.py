# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Whether a CalDAV collection is unchanged since the last sync, from its last-modified time
alone (pure: the engine asks the server, this only judges the answer).

Asking a server what changed (``sync-collection``, or ``getctag``) is cheap in HTTP but not
on every server: Radicale works out the state of every item for it, about one second per
10,000. Its collection ``getlastmodified`` is only the newest modification time of the
collection folder and its files, a few ``stat`` calls. Before the full check the engine asks
for that time (a *stamp*: the value and the server's ``Date`` when it answered); after a sync
that took in everything up to that moment, the stamp is kept. Next time, the same
last-modified means nothing changed since, on these conditions:

* **Whole seconds.** HTTP times have one-second resolution, so a change made after the check
  but within the same second as the collection's last change would keep the same value. The
  kept stamp counts only if the server's ``Date`` was at least :data:`MARGIN` later than the
  last-modified (three seconds: a file system with two-second times rounds a change down by
  up to two seconds, and a kernel's file times lag the wall clock by a tick, so a change made
  just after a check two seconds past the last one could still show the old time). Then any
  later change gets a later time.
* **Servers whose collection time covers its items.** WebDAV does not say that a
  collection's last-modified moves when a member changes, and servers differ (some report the
  time the collection was made). The stamp is trusted only on servers known to move it for
  every added, changed and deleted item: those whose sync tokens start with one of
  :data:`TRUSTED_TOKENS`. Elsewhere (or without ``getlastmodified``: Nextcloud, iCloud) every
  sync asks what changed.
* **A full check at least every** :data:`MAX_AGE` (by the server's clock), and whenever the
  server's clock went back: a safety net for what the rules above cannot see (a server
  restored from a backup with its file times, a skewed proxy clock).

Changes made here still go out after a skipped check; they move the collection's time, so the
next sync asks in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

MARGIN = timedelta(seconds=3)
"""How much later than the last-modified the kept check must have been."""

MAX_AGE = timedelta(hours=1)
"""The longest a kept stamp stands in for the full check."""

TRUSTED_TOKENS = ("http://radicale.org/ns/sync/",)
"""Sync-token prefixes of servers whose collection last-modified covers every item change
(Radicale: the newest time of the folder, its properties and its item files)."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A collection's last-modified time and the server's clock when it said so (UTC)."""

    last_modified: datetime
    checked_at: datetime


def http_time(text: str | None) -> datetime | None:
    """An HTTP date (``Wed, 25 Nov 2026 19:06:12 GMT``) as an aware UTC time; ``None`` for
    anything else."""
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def stamp_of(last_modified: str | None, date: str | None) -> Stamp | None:
    """The stamp of a ``getlastmodified`` value and the answer's ``Date`` header, if both
    are there and readable."""
    modified, checked = http_time(last_modified), http_time(date)
    if modified is None or checked is None:
        return None
    return Stamp(modified, checked)


def trusted(token: str | None) -> bool:
    """Whether the server that gave ``token`` moves a collection's time with every change."""
    return token is not None and token.startswith(TRUSTED_TOKENS)


def unchanged(kept: Stamp | None, now: Stamp | None, token: str | None) -> bool:
    """Whether the collection is surely unchanged since the sync that kept ``kept``.

    Args:
        kept: the stamp taken before the last complete sync of the collection.
        now: the stamp the server gives now.
        token: the sync token kept for the collection (which server this is).
    """
    if kept is None or now is None or not trusted(token):
        return False
    if now.last_modified != kept.last_modified:
        return False
    if kept.checked_at - kept.last_modified < MARGIN:
        return False  # the last change was too close to the check: one may have followed
    return timedelta(0) <= now.checked_at - kept.checked_at <= MAX_AGE
