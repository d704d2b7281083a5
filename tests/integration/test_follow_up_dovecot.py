# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Waiting with a follow-up against a real Dovecot: the other side's answer, arriving by IMAP
in the thread of a waiting request, resumes its clock and says so in the request's history;
an unrelated message leaves it waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.queue.buckets import Bucket
from desktop.core.queue.history import HistoryKind, describe
from desktop.core.queue.service import QueueService
from desktop.core.requests import State
from desktop.sources.imap import MailSync
from desktop.store.history_repository import SqliteRequestHistory
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore
from tests.fakes import no_holidays
from tests.integration.test_imap_dovecot import Desk, account_for, append

pytestmark = pytest.mark.integration

ASK = (b"From: Alice Example <alice@example.org>\r\nTo: testuser@example.org\r\n"
       b"Subject: Contract draft\r\nDate: Wed, 25 Nov 2026 08:30:00 +0000\r\n"
       b"Message-ID: <ask@example.org>\r\n\r\nCan you check the contract draft?\r\n")
UNRELATED = (b"From: Erin <erin@example.org>\r\nTo: testuser@example.org\r\n"
             b"Subject: Re: Lunch\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
             b"Message-ID: <lunch2@example.org>\r\nIn-Reply-To: <lunch1@example.org>\r\n"
             b"\r\nNoon?\r\n")
ANSWER = (b"From: Alice Example <alice@example.org>\r\nTo: testuser@example.org\r\n"
          b"Subject: Re: Contract draft\r\nDate: Wed, 25 Nov 2026 11:00:00 +0000\r\n"
          b"Message-ID: <answer@example.org>\r\nIn-Reply-To: <ask@example.org>\r\n"
          b"References: <ask@example.org>\r\n\r\nHere is the signed copy.\r\n")


def test_an_answer_in_the_thread_resumes_a_waiting_request(dovecot, tmp_path) -> None:
    desk = Desk(tmp_path / "q.sqlite3")
    history = SqliteRequestHistory(desk.db)
    desk.queue = QueueService(SqliteRequestRepository(desk.db), SqliteSettingsStore(desk.db),
                              desk.clock, no_holidays, "Europe/Berlin", history)
    desk.sync = MailSync(desk.queue, desk.states, desk._connect)
    account = account_for(dovecot, "INBOX")
    append(dovecot, "INBOX", ASK)
    desk.sync.run(account, dovecot.password)
    [asked] = [r for r in desk.queue.all() if r.external_id == "<ask@example.org>"]
    waiting = desk.queue.wait(asked.id)  # follow up in 2 business days
    assert desk.queue.bucket_of(waiting) is Bucket.WAITING

    desk.clock.advance(hours=1)
    append(dovecot, "INBOX", UNRELATED)
    desk.sync.run(account, dovecot.password)
    assert desk.queue.get(asked.id).state is State.WAITING

    desk.clock.advance(hours=1)
    append(dovecot, "INBOX", ANSWER)
    report = desk.sync.run(account, dovecot.password)
    assert report.imported == 1
    resumed = desk.queue.get(asked.id)
    assert resumed.state is State.OPEN
    assert resumed.follow_up_at is None
    assert resumed.pauses[-1].end == desk.clock.now()  # the clock runs again from now
    assert asked.reply_by is not None  # Thu 09:30 in Berlin; two business hours paused
    assert resumed.reply_by == asked.reply_by + timedelta(hours=2)
    [entry] = history.entries(asked.id)
    assert (entry.kind, entry.detail) == (HistoryKind.ANSWERED,
                                          "Alice Example <alice@example.org>")
    assert describe(entry).startswith("Alice Example <alice@example.org> answered in the thread")
