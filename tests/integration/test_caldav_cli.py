# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account caldav set`` and ``unhurried sync caldav`` against a real Radicale."""

from __future__ import annotations

import io
import json
from pathlib import Path

import keyring
import keyring.backend
import pytest

from desktop.cli import main
from tests.fakes import FakeClock
from tests.fakes.keyring_backend import MemoryKeyring
from tests.reliability.secret_scan import scan_app_dirs

pytestmark = pytest.mark.integration




@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_account_set_keeps_the_password_in_the_keyring_and_sync_reports_json(
        tmp_path: Path, radicale, memory_keyring, monkeypatch, capsys) -> None:
    clock = FakeClock()
    data = str(tmp_path / "data")
    monkeypatch.setattr("sys.stdin", io.StringIO(radicale.password + "\n"))
    assert main(["--data-dir", data, "account", "caldav", "set", radicale.url, radicale.user,
                 "--password-stdin"], clock=clock) == 0
    assert memory_keyring.store[("org.unhurried.Unhurried", "caldav:ann@127.0.0.1")] == (
        radicale.password)
    assert radicale.password not in (tmp_path / "data" / "unhurried.sqlite3").read_bytes().decode(
        "latin-1")
    assert main(["--data-dir", data, "add", "Reply to the auditor"], clock=clock) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "sync", "caldav", "--json"], clock=clock) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["sent"], report["received"], report["failed"], report["error"]) == (
        2, 0, [], None)
    assert scan_app_dirs({radicale.password}, data) == []


def test_wrong_password_says_so_and_stores_nothing(tmp_path: Path, radicale, memory_keyring,
                                                   monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    status = main(["--data-dir", str(tmp_path / "d"), "account", "caldav", "set", radicale.url,
                   radicale.user, "--password-stdin"], clock=FakeClock())
    assert status == 1
    assert "refused the login" in capsys.readouterr().err
    assert memory_keyring.store == {}


def test_sync_without_an_account_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "sync", "caldav"], clock=FakeClock()) == 2
    assert "account caldav set" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_a_bad_url_is_refused_before_anything_is_written(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "account", "caldav", "set", "dav.example",
                 "ann", "--password-stdin"], clock=FakeClock()) == 2
    assert "URL" in capsys.readouterr().err


def test_plain_http_to_another_machine_needs_allow_http(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "account", "caldav", "set",
                 "http://dav.example.org/", "ann", "--password-stdin"], clock=FakeClock()) == 2
    error = capsys.readouterr().err
    assert "over plain http" in error
    assert "--allow-http" in error
    assert not (tmp_path / "d").exists()


def test_a_plain_web_server_is_named_not_a_caldav_server(tmp_path: Path, monkeypatch,
                                                        capsys) -> None:
    from tests.reliability import hostile

    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    with hostile.HostileServer(hostile.web_page) as server:
        status = main(["--data-dir", str(tmp_path / "d"), "account", "caldav", "set",
                       f"http://127.0.0.1:{server.port}/", "ann", "--password-stdin"],
                      clock=FakeClock())
    assert status == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "is not a CalDAV server" in line
