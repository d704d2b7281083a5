# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""No password on disk: after a session with an account password kept through the keyring
adapter (a working keyring, then a refusing one), the data dir, logs, exports and crash
reports hold it in no form. The scanner itself is shown to find every form it claims."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import keyring
import pytest

from desktop.cli import main as cli_main
from desktop.core.errors import SecretsUnavailable
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import SessionSecrets
from tests.fakes.keyring_backend import MemoryKeyring
from tests.reliability.secret_scan import scan_for_secrets

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Tr0ub4dor&3 p@ss/wörd+=?"
_CRASH = """
import sys
from pathlib import Path
from desktop.ui.common.crash_dialog import install_excepthook
install_excepthook(Path(sys.argv[1]), lambda: "20261125T090000")
password = sys.argv[2]
raise RuntimeError(f"login failed for imap:ann@example.org ({len(password)} chars)")
"""
ACCOUNT = "imap:ann@example.org"




@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "cache" / "unhurried.log"
    path.parent.mkdir(parents=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_a_session_with_a_password_leaves_it_nowhere_on_disk(
        tmp_path: Path, log_file: Path, restore_keyring: None) -> None:
    data = tmp_path / "data"
    paths = resolve_paths(data)
    assert cli_main(["--data-dir", str(data), "demo"]) == 0

    working = MemoryKeyring()
    keyring.set_keyring(working)
    secrets = SessionSecrets()
    secrets.put(ACCOUNT, PASSWORD)
    assert secrets.get(ACCOUNT) == PASSWORD
    assert working.store  # it went to the keyring, nowhere else

    keyring.set_keyring(MemoryKeyring(locked=True))
    session = SessionSecrets()
    with pytest.raises(SecretsUnavailable) as refused:
        session.put(ACCOUNT, PASSWORD)
    assert PASSWORD not in str(refused.value)
    assert session.get(ACCOUNT) == PASSWORD  # kept for this run, in memory only
    logging.getLogger("desktop.reliability").warning("refused: %s", refused.value)

    # A bug while the password is in a local, in a process of its own (as the app's excepthook
    # would run it, without a window to show the dialog in).
    crash = subprocess.run([sys.executable, "-c", _CRASH, str(paths.crash_dir), PASSWORD],
                           env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                           text=True, timeout=120)
    assert "RuntimeError: login failed" in crash.stderr

    assert cli_main(["--data-dir", str(data), "export", "--out", str(data / "export.json")]) == 0
    assert cli_main(["--data-dir", str(data), "export", "--format", "csv", "--out",
                     str(data / "export.csv")]) == 0
    assert list(paths.crash_dir.glob("crash-*.txt")), "the crash report was not written"
    assert log_file.stat().st_size > 0
    assert scan_for_secrets({PASSWORD}, [paths.data_dir, paths.cache_dir, paths.config_dir]) == []


@pytest.mark.parametrize("written", [
    PASSWORD,
    "AUTH PLAIN " + base64.b64encode(("\0ann\0" + PASSWORD).encode()).decode(),
    "Authorization: Basic " + base64.b64encode(("ann:" + PASSWORD).encode()).decode(),
    f"https://ann:{quote(PASSWORD, safe='')}@imap.example.org/",
    '{"password": "' + PASSWORD.replace("ö", "\\u00f6") + '"}',
])
def test_the_scanner_finds_each_form(tmp_path: Path, written: str) -> None:
    (tmp_path / "leak.txt").write_text(f"before {written} after", "utf-8")
    assert scan_for_secrets({PASSWORD}, [tmp_path]) != []


def test_the_scanner_reads_sqlite_files_raw(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli_main(["--data-dir", str(data), "add", f"note {PASSWORD}"]) == 0
    [finding, *_rest] = scan_for_secrets({PASSWORD}, [data])
    assert finding.path.name.startswith("unhurried.sqlite3")
