# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""IMAP sync against a real Dovecot on 127.0.0.1: first sync, an appended message fetched
alone, a changed UIDVALIDITY, a wrong password, and the server stopped mid-sync."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from imapclient import IMAPClient

from desktop import cli
from desktop.core.importing.mail_account import (
    FolderState,
    MailAccount,
    MailServerError,
    make_account,
)
from desktop.core.queue.service import QueueService
from desktop.sources.imap import ImapConnection, MailSync, list_folders, open_client
from desktop.store.db import open_database
from desktop.store.imap_state_repository import SqliteImapStateRepository
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore
from tests.conftest import START
from tests.fakes import FakeClock, no_holidays
from tests.fakes.keyring_backend import MemoryKeyring
from tests.reliability.secret_scan import scan_app_dirs

pytestmark = pytest.mark.integration


def mail(number: int) -> bytes:
    return (f"From: Erin <erin@example.org>\r\nTo: testuser@example.org\r\n"
            f"Subject: Appended {number}\r\nDate: Fri, 05 Jan 2024 10:{number:02d}:00 +0000\r\n"
            f"Message-ID: <appended{number}@example.org>\r\n\r\nBody {number}.\r\n").encode()


class Recording:
    """The real client, with the UIDs it fetched noted, and a hook before each fetch."""

    def __init__(self, client: ImapConnection, fetched: list[int], before_fetch: Any) -> None:
        self._client = client
        self._fetched = fetched
        self._before_fetch = before_fetch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def fetch(self, messages: Sequence[int], data: Sequence[bytes]) -> Any:
        self._before_fetch()
        if b"BODY.PEEK[]" in data:
            self._fetched.extend(messages)
        return self._client.fetch(messages, data)


class Desk:
    def __init__(self, path: Path, *, batch_size: int = 50) -> None:
        self.clock = FakeClock(START)
        self.db = open_database(path, self.clock.now())
        settings = SqliteSettingsStore(self.db)
        settings.put({"timezone": "Europe/Berlin"})
        self.queue = QueueService(SqliteRequestRepository(self.db), settings, self.clock,
                                  no_holidays, "Europe/Berlin")
        self.states = SqliteImapStateRepository(self.db)
        self.fetched: list[int] = []
        self.before_fetch: Any = lambda: None
        self.sync = MailSync(self.queue, self.states, self._connect, batch_size=batch_size)

    def _connect(self, account: MailAccount) -> ImapConnection:
        return Recording(open_client(account, timeout=5), self.fetched,
                         lambda: self.before_fetch())

    def subjects(self) -> dict[str, str]:
        return {r.external_id or "": r.subject for r in self.queue.all()}


def account_for(server: Any, *folders: str) -> MailAccount:
    return make_account(server.host, server.user, port=server.port, security="plain",
                        folders=folders or ("INBOX", "Archive"))


def append(server: Any, folder: str, *messages: bytes) -> None:
    with IMAPClient(server.host, server.port, ssl=False, timeout=5) as client:
        client.login(server.user, server.password)
        for data in messages:
            client.append(folder, data)


def test_first_sync_then_an_appended_message_is_fetched_alone(dovecot, tmp_path) -> None:
    desk = Desk(tmp_path / "q.sqlite3")
    account = account_for(dovecot)
    assert list_folders(account, dovecot.password) == ["INBOX", "Archive"]
    report = desk.sync.run(account, dovecot.password)
    assert (report.imported, report.skipped_duplicates) == (4, 0)
    assert desk.subjects()["<msg2@example.org>"] == "Grüße aus Köln ✉"
    assert desk.states.get(account.state_key, "INBOX").last_uid == 3

    append(dovecot, "INBOX", mail(1))
    desk.fetched.clear()
    report = desk.sync.run(account, dovecot.password)
    assert desk.fetched == [4]
    assert (report.imported, report.skipped_duplicates) == (1, 0)
    assert desk.subjects()["<appended1@example.org>"] == "Appended 1"
    assert desk.sync.run(account, dovecot.password).imported == 0


def test_a_changed_uidvalidity_resyncs_without_duplicates(dovecot, tmp_path) -> None:
    desk = Desk(tmp_path / "q.sqlite3")
    account = account_for(dovecot, "Projects")
    with IMAPClient(dovecot.host, dovecot.port, ssl=False, timeout=5) as client:
        client.login(dovecot.user, dovecot.password)
        client.create_folder("Projects")
        client.append("Projects", mail(1))
        client.append("Projects", mail(2))
    desk.sync.run(account, dovecot.password)
    before = desk.states.get(account.state_key, "Projects")
    with IMAPClient(dovecot.host, dovecot.port, ssl=False, timeout=5) as client:
        client.login(dovecot.user, dovecot.password)
        client.delete_folder("Projects")
        client.create_folder("Projects")
        client.append("Projects", mail(2))
        client.append("Projects", mail(1))
        client.append("Projects", mail(3))
    report = desk.sync.run(account, dovecot.password)
    after = desk.states.get(account.state_key, "Projects")
    assert after.uidvalidity != before.uidvalidity
    assert after == FolderState(after.uidvalidity, 3)
    assert (report.imported, report.skipped_duplicates) == (1, 2)
    assert sorted(desk.subjects().values()) == ["Appended 1", "Appended 2", "Appended 3"]


def test_a_wrong_password_is_a_clear_error(dovecot, tmp_path) -> None:
    desk = Desk(tmp_path / "q.sqlite3")
    with pytest.raises(MailServerError, match=r"refused the login for testuser.*password"):
        desk.sync.run(account_for(dovecot), "wrong")
    assert desk.queue.all() == []


def test_the_server_stopped_mid_sync_leaves_whole_batches_and_the_next_sync_completes(
        dovecot, tmp_path) -> None:
    append(dovecot, "INBOX", *(mail(n) for n in range(1, 9)))  # INBOX: 11 messages
    account = account_for(dovecot, "INBOX")
    clean = Desk(tmp_path / "clean.sqlite3")
    clean.sync.run(account, dovecot.password)

    desk = Desk(tmp_path / "q.sqlite3", batch_size=4)
    fetches = []

    def stop_on_second_fetch() -> None:
        fetches.append(1)
        if len(fetches) == 2:
            dovecot.stop()

    desk.before_fetch = stop_on_second_fetch
    with pytest.raises(MailServerError, match=r"connection to 127.0.0.1 was lost.*sync again"):
        desk.sync.run(account, dovecot.password)
    assert len(desk.queue.all()) == 4  # the first batch, whole; nothing of the second
    assert desk.states.get(account.state_key, "INBOX").last_uid == 4

    with pytest.raises(MailServerError, match="refused the connection"):
        desk.sync.run(account, dovecot.password)
    dovecot.start()
    desk.before_fetch = lambda: None
    desk.fetched.clear()
    report = desk.sync.run(account, dovecot.password)
    assert desk.fetched == list(range(5, 12))
    assert report.imported == 7
    assert desk.subjects() == clean.subjects()




def test_the_command_line_syncs_and_exits_2_when_the_server_is_gone(
        dovecot, tmp_path, capsys, monkeypatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        data = ["--data-dir", str(tmp_path / "data")]
        monkeypatch.setattr(sys, "stdin", io.StringIO(dovecot.password + "\n"))
        assert cli.main([*data, "account", "imap", "set", dovecot.host, dovecot.user, "--port",
                         str(dovecot.port), "--security", "plain", "--folder", "INBOX",
                         "--folder", "Archive", "--password-stdin"]) == 0
        capsys.readouterr()
        assert cli.main([*data, "sync", "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report | {"failed": []} == {"imported": 4, "skipped_duplicates": 0, "failed": [],
                                           "cancelled": False, "answered": 0}
        assert cli.main([*data, "account", "imap", "show"]) == 0
        assert dovecot.password not in capsys.readouterr().out
        dovecot.stop()
        assert cli.main([*data, "sync", "--json"]) == 2
        assert "refused the connection" in capsys.readouterr().err
        assert scan_app_dirs({dovecot.password}, tmp_path / "data") == []
    finally:
        keyring.set_keyring(previous)
