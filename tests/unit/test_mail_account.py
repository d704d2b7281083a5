# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail account's rules and settings, the folder-state table, and the account and sync
commands (the password goes to the keyring only and is never printed)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import keyring
import keyring.backend
import pytest

from desktop import cli
from desktop.core.errors import InvalidInput
from desktop.core.importing.mail_account import (
    FolderState,
    Security,
    make_account,
    parse_folder_list,
)
from desktop.core.importing.mail_settings import account_from_settings, account_settings
from desktop.core.settings import Settings
from desktop.store.imap_state_repository import SqliteImapStateRepository
from tests.fakes.keyring_backend import MemoryKeyring


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "LOCALHOST"])
def test_plain_logins_are_allowed_to_this_machine(host: str) -> None:
    account = make_account(host, "ann", security="plain")
    assert (account.port, account.security) == (143, Security.PLAIN)


def test_plain_logins_to_other_hosts_are_refused_with_the_way_out() -> None:
    with pytest.raises(InvalidInput, match="Choose TLS or STARTTLS"):
        make_account("imap.example.org", "ann", security="plain")


def test_ports_default_by_security_and_bad_values_are_refused() -> None:
    assert make_account("imap.example.org", "ann").port == 993
    assert make_account("imap.example.org", "ann", security="starttls").port == 143
    assert make_account("imap.example.org", "ann", port=1993).port == 1993
    for bad in ({"port": 70000}, {"security": "ssl"}, {"folders": ["  "]},
                {"interval_minutes": -1}):
        with pytest.raises(InvalidInput):
            make_account("imap.example.org", "ann", **bad)
    with pytest.raises(InvalidInput, match="host name"):
        make_account("imap example", "ann")


def test_folders_keep_commas_in_names_through_the_settings() -> None:
    account = make_account("h.example", "ann", folders=["INBOX", "Clients, old"])
    values = account_settings(account)
    assert json.loads(values["imap.folders"]) == ["INBOX", "Clients, old"]
    assert account_from_settings(Settings.from_text(values)) == account
    assert parse_folder_list("INBOX, Sent ,INBOX") == ("INBOX", "Sent")
    assert account.secret_key == "imap:ann@h.example"


def test_folder_states_are_kept_per_account_and_folder(db) -> None:
    states = SqliteImapStateRepository(db)
    states.put("a", "INBOX", FolderState(7, 10))
    states.put("a", "INBOX", FolderState(7, 12))
    states.put("b", "INBOX", FolderState(1, 1))
    assert states.get("a", "INBOX") == FolderState(7, 12)
    assert states.get("a", "Sent") is None
    assert states.forget("a") == 1
    assert states.get("a", "INBOX") is None
    assert states.get("b", "INBOX") == FolderState(1, 1)


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_account_set_show_remove_keep_the_password_in_the_keyring_only(
        tmp_path: Path, capsys, monkeypatch, memory_keyring) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pw\n"))
    status, out, _err = run(capsys, *data, "account", "imap", "set", "mail.example.org", "ann",
                            "--folder", "INBOX", "--folder", "Sent", "--interval", "5",
                            "--password-stdin")
    assert status == 0
    assert "keyring" in out
    assert memory_keyring.store == {("org.unhurried.Unhurried", "imap:ann@mail.example.org"):
                                    "s3cret-pw"}
    status, out, _err = run(capsys, *data, "account", "imap", "show", "--json")
    assert json.loads(out) == {"host": "mail.example.org", "port": 993, "security": "tls",
                               "user": "ann", "folders": ["INBOX", "Sent"],
                               "interval_minutes": 5, "password_stored": True}
    status, out, _err = run(capsys, *data, "account", "imap", "show")
    assert "s3cret-pw" not in out
    assert "in the system keyring" in out
    for path in (tmp_path / "data").rglob("*"):
        assert not path.is_file() or b"s3cret-pw" not in path.read_bytes()
    assert run(capsys, *data, "account", "imap", "remove")[0] == 0
    assert memory_keyring.store == {}
    assert "No mail account" in run(capsys, *data, "account", "imap", "show")[1]


def test_account_set_refuses_bad_input_and_creates_nothing(tmp_path: Path, capsys,
                                                           monkeypatch, memory_keyring) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setattr(sys, "stdin", io.StringIO("pw\n"))
    status, _out, err = run(capsys, *data, "account", "imap", "set", "mail.example.org", "ann",
                            "--security", "plain", "--password-stdin")
    assert status == 2
    assert "only allowed to this machine" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    status, _out, err = run(capsys, *data, "account", "imap", "set", "localhost", "ann",
                            "--password-stdin")
    assert status == 2
    assert "empty" in err
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite3"))
    assert memory_keyring.store == {}


def test_sync_without_an_account_or_for_caldav_says_what_to_do(tmp_path: Path, capsys) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    status, _out, err = run(capsys, *data, "sync")
    assert status == 2
    assert "account imap set" in err
    status, _out, err = run(capsys, *data, "sync", "caldav", "--json")
    assert status == 2
    assert "No CalDAV account is set up; run: unhurried account caldav set URL USER" in err
