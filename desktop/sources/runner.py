# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Running an import: items from any source into the queue, in committed batches.

Each batch is one transaction, so a crash or a cancel keeps every batch before it, and the
next run skips what is already there (the queue decides what is new, by source and id). The
user's own messages close what they answer once everything is in, so a reply read before the
request it answers still counts; a run cut short does this on the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext

from desktop.core.importing.items import ImportReport, Incoming, Problem
from desktop.core.queue.service import QueueService

Item = Incoming | Problem
BATCH = 2_000
"""Items per transaction. Each batch rewrites the index pages its random ids land on; at
200,000 mails batches of 500 wrote three times as many pages as batches of 2,000. A batch of
2,000 mails holds the write lock for about 0.2 s."""


def run_import(
    queue: QueueService,
    items: Iterable[Item],
    *,
    batch_size: int = BATCH,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    learn: Callable[[Incoming], object] | None = None,
    atomic: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> ImportReport:
    """Import ``items``; problems go into the report, nothing stops the import but a cancel.

    ``progress`` is called after every batch with the number of items read so far. ``learn``
    sees every item from someone else (the people directory learns their zone and name).
    ``atomic`` opens the store's transaction: each batch, with what is learned from it, is
    one (a transaction per learned sender cost a commit each: 2,000 of them in 20,000 mails).
    """
    report = ImportReport()
    me = queue.settings.me
    batch: list[Incoming] = []
    senders: list[Incoming] = []  # the batch's items from others, for ``learn``
    replies: list[Incoming] = []  # the user's own messages: applied once all is in
    seen = 0

    def flush() -> None:
        with atomic():
            if learn is not None:
                for sender in senders:
                    learn(sender)
            for answer in senders:
                if answer.answer_only:
                    queue.resume_answered([answer])
            if batch:
                report.add(*queue.import_batch(batch))
        senders.clear()
        batch.clear()

    for item in items:
        seen += 1
        if isinstance(item, Problem):
            report.failed.append(item)
            continue
        if item.own or (me and item.is_from(me)):
            replies.append(item)
            continue
        senders.append(item)
        if not item.answer_only:
            batch.append(item)
        if len(senders) >= batch_size:
            flush()
            if progress is not None:
                progress(seen)
            if cancelled():
                report.cancelled = True
                return report
    flush()
    report.answered = queue.close_answered(replies)
    if progress is not None:
        progress(seen)
    return report
