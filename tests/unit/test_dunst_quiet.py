# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""dunst's switch with a recorded ``dunstctl``: rules when dunst has loaded Unhurried's
drop-in, a pause (and the drop-in written beside the user's own dunstrc) when not, and what
the rules held shown again at the end (the real dunst: ``tests/integration/
test_dunst_breakthrough.py``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME
from desktop.core.focus.quiet import QuietUnavailable
from desktop.platform.dunst_quiet import DROP_IN, DROP_IN_NAME, DunstQuiet, default_dunst_quiet


class Dunstctl:
    """``dunstctl`` with or without Unhurried's rules loaded; records what it was told."""

    def __init__(self, rules: bool, history: list[dict[str, object]] | None = None) -> None:
        self.rules, self.history = rules, history or []
        self.ran: list[str] = []

    def __call__(self, argv: Sequence[str]) -> str:
        line = " ".join(argv)
        self.ran.append(line)
        if argv[1] == "rule" and not self.rules:
            raise QuietUnavailable("no such rule")
        if argv[1] == "is-paused":
            return "false\n"
        if argv[1] == "history":
            return json.dumps({"type": "aa{sv}", "data": [[
                {key: {"type": "x", "data": value} for key, value in entry.items()}
                for entry in self.history]]})
        return ""


def _dunst(tmp_path: Path, tool: Dunstctl, user_rc: bool = True) -> DunstQuiet:
    if user_rc:
        (tmp_path / "config" / "dunst").mkdir(parents=True)
        (tmp_path / "config" / "dunst" / "dunstrc").write_text("[global]\n")
    return DunstQuiet(tool, tmp_path / "config", tmp_path / "run" / "rules",
                      clock_us=lambda: 1_000)


def test_without_the_rules_it_pauses_and_writes_the_drop_in_beside_the_users_dunstrc(
        tmp_path: Path) -> None:
    tool = Dunstctl(rules=False)
    dunst = _dunst(tmp_path, tool)
    assert dunst.quiet() == ""
    assert tool.ran[-1] == "dunstctl set-paused true"
    assert dunst.holds_critical is True
    drop_in = tmp_path / "config" / "dunst" / "dunstrc.d" / DROP_IN_NAME
    assert drop_in.read_text() == DROP_IN
    assert f"appname = {APP_NAME}" in DROP_IN
    dunst.unquiet("")
    assert tool.ran[-1] == "dunstctl set-paused false"


def test_no_drop_in_is_written_when_dunst_reads_the_systems_dunstrc(tmp_path: Path) -> None:
    dunst = _dunst(tmp_path, Dunstctl(rules=False), user_rc=False)
    dunst.quiet()
    assert not (tmp_path / "config").exists()  # dunst would not read it there


def test_with_the_rules_it_never_pauses_and_shows_what_they_held_oldest_first(
        tmp_path: Path) -> None:
    tool = Dunstctl(rules=True)
    dunst = _dunst(tmp_path, tool)
    token = dunst.quiet()
    assert token == "rules:1000"
    assert tool.ran == ["dunstctl rule unhurried_focus_pass enable",
                        "dunstctl rule unhurried_focus_hold enable"]
    assert dunst.is_quiet() is True
    assert dunst.holds_critical is False

    tool.history = [
        {"appname": "Chat", "id": 9, "timestamp": 1_500},
        {"appname": "Mail", "id": 7, "timestamp": 1_200},
        {"appname": "Chat", "id": 3, "timestamp": 900},  # before the block: not held
        {"appname": APP_NAME, "id": 8, "timestamp": 1_300},  # a breakthrough that was shown
    ]
    tool.ran.clear()
    dunst.unquiet(token)
    assert tool.ran == ["dunstctl rule unhurried_focus_hold disable",
                        "dunstctl rule unhurried_focus_pass disable", "dunstctl history",
                        "dunstctl history-pop 7", "dunstctl history-pop 9"]
    assert dunst.is_quiet() is False


def test_after_a_crash_a_new_process_knows_the_rules_are_on_and_turns_them_off(
        tmp_path: Path) -> None:
    token = _dunst(tmp_path, Dunstctl(rules=True)).quiet()
    tool = Dunstctl(rules=True)
    again = DunstQuiet(tool, tmp_path / "config", tmp_path / "run" / "rules")
    assert again.is_quiet() is True  # so a block still running is not "taken over"
    again.unquiet(token)
    assert "dunstctl rule unhurried_focus_hold disable" in tool.ran
    assert again.is_quiet() is False


def test_the_session_folders_come_from_the_environment(tmp_path: Path) -> None:
    tool = Dunstctl(rules=True)
    dunst = default_dunst_quiet(tool, {"HOME": str(tmp_path), "XDG_RUNTIME_DIR":
                                       str(tmp_path / "run")})
    assert dunst.quiet().startswith("rules:")
    assert list((tmp_path / "run").rglob("dunst-focus-rules"))
    without_runtime = default_dunst_quiet(tool, {"HOME": str(tmp_path)})
    assert without_runtime.quiet() == ""  # nowhere to note the rules: a pause
