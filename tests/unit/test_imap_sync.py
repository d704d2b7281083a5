# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""IMAP sync against an in-memory server: incremental by UID, a changed UIDVALIDITY, answered
mail, the user's own replies, errors the user can fix, and a server that dies mid-sync."""

from __future__ import annotations

import contextlib
import socket
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.importing.items import import_id
from desktop.core.importing.mail_account import (
    FolderState,
    MailAccount,
    MailServerError,
    make_account,
)
from desktop.core.queue.service import QueueService
from desktop.sources.imap import MailSync, list_folders
from desktop.sources.mail_files import read_eml
from desktop.sources.runner import run_import
from desktop.store.db import open_database
from desktop.store.imap_state_repository import SqliteImapStateRepository
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore
from tests.conftest import START
from tests.fakes import FakeClock, no_holidays
from tests.fakes.imap import FakeImapServer

ACCOUNT = make_account("127.0.0.1", "ann", port=14143, security="plain",
                       folders=("INBOX",))


def message(number: int, *, sender: str = "Bob <bob@example.org>", replies_to: str = "",
            subject: str = "") -> bytes:
    thread = f"In-Reply-To: <m{replies_to}@example.org>\r\n" if replies_to else ""
    return (f"From: {sender}\r\nTo: ann@example.org\r\n"
            f"Subject: {subject or f'Question {number}'}\r\n"
            f"Date: Tue, 24 Nov 2026 {8 + number % 8:02d}:{number % 60:02d}:00 +0000\r\n"
            f"Message-ID: <m{number}@example.org>\r\n{thread}\r\n"
            f"Could you look at item {number}?\r\n").encode()


class Desk:
    """A store, the queue on it, the folder states, and a sync for a server."""

    def __init__(self, server: FakeImapServer, *, batch_size: int = 3, me: str = "") -> None:
        self.clock = FakeClock(START)
        self.db = open_database(":memory:", self.clock.now())
        settings = SqliteSettingsStore(self.db)
        settings.put({"timezone": "Europe/Berlin", "me": me})
        self.queue = QueueService(SqliteRequestRepository(self.db), settings, self.clock,
                                  no_holidays, "Europe/Berlin")
        self.states = SqliteImapStateRepository(self.db)
        self.sync = MailSync(self.queue, self.states, server.connect, batch_size=batch_size)

    def run(self, account: MailAccount = ACCOUNT, password: str = "secret", **kwargs):
        return self.sync.run(account, password, **kwargs)

    def queue_state(self) -> dict[str, tuple[str, str]]:
        return {r.external_id or "": (r.subject, r.state.value) for r in self.queue.all()}


@pytest.fixture
def server() -> FakeImapServer:
    made = FakeImapServer()
    for number in range(1, 8):
        made.append("INBOX", message(number))
    return made


def test_the_first_sync_imports_every_message_and_remembers_the_last_uid(server) -> None:
    desk = Desk(server)
    report = desk.run()
    assert (report.imported, report.skipped_duplicates, report.failed) == (7, 0, [])
    assert sorted(desk.queue_state()) == sorted(f"<m{n}@example.org>" for n in range(1, 8))
    assert desk.states.get(ACCOUNT.state_key, "INBOX") == FolderState(1, 7)


def test_the_next_sync_fetches_only_the_new_message(server) -> None:
    desk = Desk(server)
    desk.run()
    server.fetched_uids.clear()
    uid = server.append("INBOX", message(8))
    report = desk.run()
    assert server.fetched_uids == [("INBOX", uid)]
    assert (report.imported, report.skipped_duplicates) == (1, 0)
    assert desk.run().imported == 0
    assert server.fetched_uids == [("INBOX", uid)]  # nothing new: nothing fetched


def test_a_changed_uidvalidity_reads_the_folder_again_without_duplicates(server) -> None:
    desk = Desk(server)
    desk.run()
    desk.queue.done(import_id("mail", "<m2@example.org>"))
    server.renumber("INBOX")
    server.append("INBOX", message(9))
    report = desk.run()
    assert (report.imported, report.skipped_duplicates) == (1, 7)
    assert len(desk.queue.all()) == 8
    assert desk.queue_state()["<m2@example.org>"][1] == "done"  # the user's change stays
    assert desk.states.get(ACCOUNT.state_key, "INBOX") == FolderState(2, 8)


def test_answered_mail_is_done_at_once_and_when_flagged_later(server) -> None:
    server.append("INBOX", message(20), flags=[b"\\Answered", b"\\Seen"])
    desk = Desk(server)
    report = desk.run()
    assert report.answered == 1
    assert desk.queue_state()["<m20@example.org>"][1] == "done"
    assert desk.queue_state()["<m3@example.org>"][1] == "open"

    server.folders["INBOX"].messages[3].flags.add(b"\\Answered")
    assert desk.run().answered == 1
    assert desk.queue_state()["<m3@example.org>"][1] == "done"
    # Reopened by the user: the flag does not close it again.
    desk.clock.advance(minutes=5)
    desk.queue.reopen(import_id("mail", "<m3@example.org>"))
    assert desk.run().answered == 0
    assert desk.queue_state()["<m3@example.org>"][1] == "open"


def test_a_reply_from_me_closes_the_request_even_when_read_first(server) -> None:
    server.append("Sent", message(30, sender="Ann <ann@example.org>", replies_to="4"))
    account = make_account("localhost", "ann", security="plain", folders=("Sent", "INBOX"))
    desk = Desk(server, me="ann@example.org")
    report = desk.run(account)
    assert report.imported == 7  # my own reply is not a request
    assert report.answered == 1
    assert desk.queue_state()["<m4@example.org>"][1] == "done"
    assert "<m30@example.org>" not in desk.queue_state()


def test_the_same_mail_from_a_file_and_from_imap_is_one_request(server, tmp_path: Path) -> None:
    desk = Desk(server)
    eml = tmp_path / "m1.eml"
    eml.write_bytes(message(1))
    assert run_import(desk.queue, read_eml(eml)).imported == 1
    report = desk.run()
    assert (report.imported, report.skipped_duplicates) == (6, 1)


def test_a_wrong_password_is_a_clear_error_and_writes_nothing(server) -> None:
    desk = Desk(server)
    with pytest.raises(MailServerError, match="refused the login for ann") as raised:
        desk.run(password="wrong")
    assert "password" in raised.value.message
    assert desk.queue.all() == []
    assert desk.states.get(ACCOUNT.state_key, "INBOX") is None


@pytest.mark.parametrize(("error", "words"), [
    (ConnectionRefusedError(111, "Connection refused"), "refused the connection on port 14143"),
    (socket.gaierror(-2, "Name or service not known"), "was not found"),
    (TimeoutError("timed out"), "did not answer in time"),
    (ssl.SSLError(1, "WRONG_VERSION_NUMBER"), "TLS usually uses port 993"),
])
def test_network_failures_say_what_to_check(server, error, words) -> None:
    server.refuse_connection = error
    with pytest.raises(MailServerError, match=words) as raised:
        Desk(server).run()
    assert raised.value.connected is False


def test_a_missing_folder_says_to_choose_again(server) -> None:
    account = make_account("localhost", "ann", security="plain", folders=("INBOX", "Gone"))
    desk = Desk(server)
    with pytest.raises(MailServerError, match=r"'Gone' could not be read.*Mail account"):
        desk.run(account)
    assert len(desk.queue.all()) == 7  # the folders before it are in


def test_a_server_dying_mid_sync_keeps_whole_batches_and_the_next_sync_completes(server) -> None:
    desk = Desk(server, batch_size=3)
    server.die_after_fetches(1)
    with pytest.raises(MailServerError, match=r"connection to 127.0.0.1 was lost") as raised:
        desk.run()
    assert raised.value.connected is True
    assert len(desk.queue.all()) == 3  # one whole batch, nothing of the next
    assert desk.states.get(ACCOUNT.state_key, "INBOX") == FolderState(1, 3)
    server.fetches_left = None
    server.fetched_uids.clear()
    assert desk.run().imported == 4
    assert [uid for _folder, uid in server.fetched_uids] == [4, 5, 6, 7]


class CrashingStates(SqliteImapStateRepository):
    """Dies (as the process would) right after the n-th batch was committed."""

    def __init__(self, db, crash_at: int) -> None:
        super().__init__(db)
        self.puts = 0
        self.crash_at = crash_at

    def put(self, account, folder, state) -> None:
        self.puts += 1
        if self.puts == self.crash_at:
            raise KeyboardInterrupt  # what a kill between the two commits looks like
        super().put(account, folder, state)


def test_a_crash_between_the_batch_and_the_uid_leaves_no_duplicate(server) -> None:
    desk = Desk(server, batch_size=3)
    crashing = MailSync(desk.queue, CrashingStates(desk.db, 2), server.connect, batch_size=3)
    with pytest.raises(KeyboardInterrupt):
        crashing.run(ACCOUNT, "secret")
    assert len(desk.queue.all()) == 6  # the second batch is in, its UID not recorded
    report = desk.run()
    assert (report.imported, report.skipped_duplicates) == (1, 3)
    assert len(desk.queue.all()) == 7


def test_cancel_stops_after_a_batch_and_keeps_it(server) -> None:
    desk = Desk(server, batch_size=2)
    seen: list[int] = []
    report = desk.run(progress=seen.append, cancelled=lambda: len(seen) >= 2)
    assert report.cancelled
    assert seen == [2, 4]
    assert len(desk.queue.all()) == 4
    assert desk.run().imported == 3


def test_list_folders_leaves_out_containers_and_puts_inbox_first(server) -> None:
    server.append("Archive", message(40))
    server.append("Lists", message(41))
    server.folders["Lists"].selectable = False
    server.append("a-team", message(42))
    assert list_folders(ACCOUNT, "secret", server.connect) == ["INBOX", "a-team", "Archive"]
    with pytest.raises(MailServerError, match="refused the login"):
        list_folders(ACCOUNT, "nope", server.connect)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count=st.integers(1, 14), batch=st.integers(1, 5),
       crashes=st.lists(st.integers(0, 4), max_size=3),
       answered=st.sets(st.integers(1, 14)), renumber=st.booleans())
def test_syncs_cut_short_anywhere_end_like_one_clean_sync(count, batch, crashes, answered,
                                                          renumber) -> None:
    def build() -> FakeImapServer:
        made = FakeImapServer()
        for number in range(1, count + 1):
            flags = [b"\\Answered"] if number in answered else []
            made.append("INBOX", message(number), flags=flags,
                        arrived=datetime(2026, 11, 24, tzinfo=UTC))
        return made

    clean_server = build()
    clean = Desk(clean_server, batch_size=batch)
    clean.run()

    server = build()
    desk = Desk(server, batch_size=batch)
    for fetches in crashes:
        server.die_after_fetches(fetches)
        with contextlib.suppress(MailServerError):
            desk.run()
        server.fetches_left = None
        if renumber:
            server.renumber("INBOX")
    desk.run()
    assert desk.queue_state() == clean.queue_state()
    assert len(desk.queue.all()) == count


def test_a_lookback_is_bounded_in_time(server) -> None:
    desk = Desk(server)
    desk.run()
    old = server.folders["INBOX"].messages[2]
    old.flags.add(b"\\Answered")
    old.arrived = START - timedelta(days=30)
    assert desk.run().answered == 0


def test_a_mail_nested_too_deep_is_reported_and_the_folder_syncs_past_it(server) -> None:
    """Issue 21: a RecursionError on one mail kept IMAP at that UID for good."""
    from tests.reliability.hostile_inputs import nested_mail

    desk = Desk(server)
    desk.run()
    deep = server.append("INBOX", nested_mail(1_000, "deep"))
    after = server.append("INBOX", message(9))
    report = desk.run()
    assert report.imported == 1
    [problem] = report.failed
    assert problem.where.endswith(f"UID={deep}")
    assert "MIME nesting depth" in problem.reason
    assert desk.states.get(ACCOUNT.state_key, "INBOX").last_uid == after
    assert desk.run().failed == []  # the next run starts after it
