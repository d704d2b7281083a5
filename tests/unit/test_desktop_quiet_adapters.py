# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop do-not-disturb adapters with a recorded command runner (the real tools run in
``tests/integration/test_desktop_quiet.py``), finding the desktop, the stored record, and
``focus status --json`` naming the backend."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.focus.quiet import QuietRecord, QuietUnavailable
from desktop.core.settings import REGISTRY, check_value
from desktop.platform.desktop_quiet import (
    DunstQuiet,
    GnomeQuiet,
    KdeQuiet,
    SwayncQuiet,
    detect,
    run_command,
)
from desktop.platform.paths import resolve_paths
from desktop.store.db import open_database
from desktop.store.quiet_repository import SqliteQuietRecords
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Tool:
    """A command-line tool's answers, and the commands it was given."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.ran: list[str] = []

    def __call__(self, argv: Sequence[str]) -> str:
        line = " ".join(argv)
        self.ran.append(line)
        return self.answers.get(line, "")


def test_gnome_turns_banners_off_and_on() -> None:
    tool = Tool({"gsettings get org.gnome.desktop.notifications show-banners": "true\n"})
    gnome = GnomeQuiet(tool)
    assert gnome.is_quiet() is False
    assert gnome.quiet() == ""
    gnome.unquiet("")
    assert tool.ran[1:] == ["gsettings set org.gnome.desktop.notifications show-banners false",
                            "gsettings set org.gnome.desktop.notifications show-banners true"]


def test_dunst_pauses_and_resumes() -> None:
    tool = Tool({"dunstctl is-paused": "true\n"})
    dunst = DunstQuiet(tool)
    assert dunst.is_quiet() is True
    dunst.quiet()
    dunst.unquiet("")
    assert tool.ran[1:] == ["dunstctl set-paused true", "dunstctl set-paused false"]


def test_swaync_turns_do_not_disturb_on_and_off() -> None:
    tool = Tool({"swaync-client --get-dnd --skip-wait": "false\n"})
    swaync = SwayncQuiet(tool)
    assert swaync.is_quiet() is False
    swaync.quiet()
    swaync.unquiet("")
    assert tool.ran[1:] == ["swaync-client --dnd-on --skip-wait",
                            "swaync-client --dnd-off --skip-wait"]


def test_an_answer_that_is_not_a_boolean_is_refused_not_guessed() -> None:
    with pytest.raises(QuietUnavailable, match="dunstctl"):
        DunstQuiet(Tool({"dunstctl is-paused": "maybe"})).is_quiet()


def test_a_missing_or_failing_tool_is_an_environment_failure(tmp_path: Path) -> None:
    with pytest.raises(QuietUnavailable, match="Could not run"):
        run_command([str(tmp_path / "no-such-tool")])
    with pytest.raises(QuietUnavailable, match="refused"):
        run_command(["false"])
    assert run_command(["echo", "true"]) == "true\n"


@pytest.mark.parametrize(("server", "tools", "desktop", "expected"), [
    ("dunst", {"dunstctl"}, "", DunstQuiet),
    ("dunst", set(), "", type(None)),
    ("SwayNotificationCenter", {"swaync-client"}, "sway", SwayncQuiet),
    ("Plasma", set(), "KDE", KdeQuiet),
    ("gnome-shell", {"gsettings"}, "", GnomeQuiet),
    ("", {"gsettings"}, "ubuntu:GNOME", GnomeQuiet),
    ("", {"gsettings"}, "XFCE", type(None)),
    ("notification-daemon", {"gsettings", "dunstctl"}, "", type(None)),
])
def test_the_desktop_is_found_by_its_notification_server(
        server: str, tools: set[str], desktop: str, expected: type) -> None:
    found = detect({"XDG_CURRENT_DESKTOP": desktop}, lambda: server,
                   lambda name: f"/usr/bin/{name}" if name in tools else None)
    assert type(found) is expected


def test_kde_without_a_session_bus_is_an_environment_failure(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    with pytest.raises(QuietUnavailable):
        KdeQuiet().is_quiet()


def test_the_record_survives_in_the_store_and_is_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    db = open_database(path, NOW)
    records = SqliteQuietRecords(db)
    assert records.get() is None
    record = QuietRecord("kde", False, NOW, token="7", quieted=True)
    records.put(record)
    db.conn.close()
    again = open_database(path, NOW)  # what the next start after a crash reads
    assert SqliteQuietRecords(again).get() == record
    SqliteQuietRecords(again).put(None)
    assert SqliteQuietRecords(again).get() is None
    again.conn.close()


def test_quiet_desktop_is_a_setting_on_by_default() -> None:
    spec = REGISTRY["quiet_desktop"]
    assert spec.default == "yes"
    assert check_value("quiet_desktop", "off") == "no"


def test_focus_status_names_the_backend_holding_the_desktop(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))  # no window listens here
    data = tmp_path / "data"
    clock = FakeClock(NOW)
    assert main(["--data-dir", str(data), "focus", "start", "--for", "30m"], clock=clock) == 0
    db = open_database(resolve_paths(str(data)).database, NOW)
    SqliteQuietRecords(db).put(QuietRecord("dunst", False, NOW, quieted=True))
    db.conn.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "focus", "status", "--json"], clock=clock) == 0
    assert json.loads(capsys.readouterr().out)["desktop_quieted"] == "dunst"
