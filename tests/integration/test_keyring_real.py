# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IMAP password in a real Secret Service (gnome-keyring): set with the CLI, read back by
the sync that logs in to a real Dovecot with it, and found in no file under the data dir, no
log line, no command output and no export."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import SERVICE, KeyringSecrets
from tests.integration.conftest import dovecot_binary
from tests.integration.dovecot import Dovecot

pytestmark = pytest.mark.integration

PASSWORD = "Kq7-zebra-lantern-91"  # distinctive: any copy of it is found


@pytest.fixture
def server() -> Iterator[Dovecot]:
    made = Dovecot(dovecot_binary(), password=PASSWORD)
    try:
        made.start()
        yield made
    finally:
        made.remove()


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Every log record of the test, at DEBUG, into the profile's log file (as the app does)."""
    path = resolve_paths(tmp_path / "data").log_file
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def test_the_password_round_trips_through_gnome_keyring_and_is_written_nowhere(
        real_keyring, secret_service, server, log_file, tmp_path, capsys, monkeypatch) -> None:
    data_dir = tmp_path / "data"
    data = ["--data-dir", str(data_dir)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main([*data, "account", "imap", "set", server.host, server.user, "--port",
                     str(server.port), "--security", "plain", "--password-stdin"]) == 0
    key = f"imap:{server.user}@{server.host}"
    assert KeyringSecrets().get(key) == PASSWORD

    if shutil.which("secret-tool"):  # seen from outside the app, too
        found = subprocess.run(["secret-tool", "lookup", "service", SERVICE, "username", key],
                               env=secret_service, capture_output=True, text=True, check=False)
        assert found.stdout == PASSWORD

    assert cli.main([*data, "sync", "--json"]) == 0  # logs in with the keyring's password
    assert cli.main([*data, "account", "imap", "show", "--json"]) == 0
    assert cli.main([*data, "config", "list"]) == 0
    export = tmp_path / "export.json"
    assert cli.main([*data, "export", "--format", "json", "--out", str(export)]) == 0
    assert cli.main([*data, "export", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert '"imported": 3' in out
    assert PASSWORD not in out + err

    files = [p for p in data_dir.rglob("*") if p.is_file()] + [export]
    assert log_file in files
    assert any(p.suffix == ".sqlite3" for p in files)
    assert log_file.stat().st_size > 0  # the sync did log
    leaks = [p for p in files if PASSWORD.encode() in p.read_bytes()]
    assert leaks == []

    assert cli.main([*data, "account", "imap", "remove"]) == 0
    assert KeyringSecrets().get(key) is None
