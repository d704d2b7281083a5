# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Building 100,000 requests from the shared corpus, for the window benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import rows

from desktop.core.requests import Channel, Priority, Request

# The corpus spans the 60 days before this moment; "now" sits at its end.
CORPUS_END = datetime(2025, 5, 23, 10, 0, tzinfo=UTC)
_CHANNELS = {"email": Channel.EMAIL, "chat": Channel.CHAT, "tracker": Channel.TRACKER}


def corpus_requests(n: int) -> list[Request]:
    """``n`` open requests from the corpus CSV; received times spread so every bucket fills."""
    out = []
    for index, row in enumerate(rows(n)):
        received = datetime.fromisoformat(row["received_at"]).astimezone(UTC)
        # Spread over the 60 days ending a week after CORPUS_END, so some are still ahead.
        received += timedelta(days=7) * (index % 3 == 0)
        out.append(Request(
            id=f"{index:032x}", subject=row["subject"], sender=row["sender"],
            channel=_CHANNELS.get(row["channel"], Channel.EMAIL),
            priority=Priority(row["priority"]) if row["priority"] in Priority._value2member_map_
            else Priority.NORMAL,
            received_at=min(received, CORPUS_END), modified_at=CORPUS_END,
            source="bench", external_id=row["id"]))
    return out


def store_with(path: Path, n: int) -> Path:
    """A data dir whose store holds ``n`` corpus requests (built once per path)."""
    from desktop.platform.paths import resolve_paths
    from desktop.wiring.services import open_context

    paths = resolve_paths(path)
    if paths.database.exists():
        return path

    class Fixed:
        def now(self) -> datetime:
            return CORPUS_END

    context = open_context(paths, Fixed())
    context.queue.update_settings({"timezone": "Europe/Berlin", "holidays": "DE-BE"})
    context.queue.put_many(corpus_requests(n))
    context.close()
    return path
