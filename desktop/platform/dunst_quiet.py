# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""dunst's do-not-disturb, with Unhurried's urgent breakthroughs still shown.

dunst 1.9 (Debian 12) has no way to let one notification through a pause: while paused,
``queues_notification_is_ready`` answers no for every notification, whatever its urgency or
rules (pause levels and the ``override_pause_level`` rule came with dunst 1.10). What 1.9
does have is rules that can be switched at run time (``dunstctl rule NAME enable``) and
drop-in files (``dunstrc.d/*.conf`` beside the base ``dunstrc`` dunst loaded, read when
dunst starts). So when the user's own ``dunstrc`` is in ``$XDG_CONFIG_HOME/dunst``,
Unhurried writes one drop-in there with two rules, both off:

- ``unhurried_focus_hold``: every notification goes to dunst's history without being shown
  (``skip_display``);
- ``unhurried_focus_pass``: Unhurried's critical ones (its breakthroughs) are shown.

A block turns both on; its end turns them off and shows again, oldest first, what other apps
sent during the block (``dunstctl history-pop ID``), as resuming a pause would. dunst's own
paused state is never touched in this mode, so it is exactly as the user left it.

Until dunst has loaded the drop-in (it was just written, or the user's ``dunstrc`` is the
system's), a block pauses dunst as before; a paused dunst also holds Unhurried's
breakthroughs, so :attr:`DunstQuiet.holds_critical` is true then and the window shows them
itself. Whether the rules are on is kept in a file in the session's runtime folder (dunst
1.9 cannot be asked), written before they are turned on, so a restart after a crash knows.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from desktop import APP_ID, APP_NAME
from desktop.core.focus.quiet import QuietUnavailable
from desktop.core.i18n import _

logger = logging.getLogger(__name__)

HOLD_RULE = "unhurried_focus_hold"
PASS_RULE = "unhurried_focus_pass"
DROP_IN_NAME = "90-unhurried-focus.conf"
RULES_TOKEN = "rules:"
"""Prefix of :meth:`DunstQuiet.quiet`'s token when the rules hold (dunst's monotonic clock
in microseconds when the block began follows it); an empty token means a pause."""

DROP_IN = f"""\
# Written by Unhurried ({APP_ID}). Both rules stay off until a focus block turns them on
# with `dunstctl rule NAME enable`: then other notifications go to the history unshown and
# Unhurried's urgent ones are still shown; when the block ends the held ones are shown.
# Delete this file (and restart dunst) to have Unhurried pause dunst instead.
[{HOLD_RULE}]
    enabled = false
    skip_display = true

[{PASS_RULE}]
    enabled = false
    appname = {APP_NAME}
    urgency = critical
    skip_display = false
"""

Runner = Callable[[Sequence[str]], str]


def _read_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "false"):
        return value == "true"
    raise QuietUnavailable(_("{command} gave an answer Unhurried does not understand.")
                           .format(command="dunstctl"))


def _monotonic_us() -> int:
    """dunst stamps notifications with ``g_get_monotonic_time`` (CLOCK_MONOTONIC, µs)."""
    return time.monotonic_ns() // 1000


class DunstQuiet:
    """dunst: the drop-in's rules when dunst has loaded them, else ``dunstctl set-paused``.

    Args:
        run: runs ``dunstctl``; returns its output or raises :class:`QuietUnavailable`.
        config_home: ``$XDG_CONFIG_HOME`` (where the user's ``dunst/dunstrc`` may be);
            ``None`` never uses rules.
        state: the file that says the rules are on (in the session's runtime folder);
            ``None`` never uses rules.
        clock_us: dunst's clock, to tell what arrived during the block.
    """

    name = "dunst"

    def __init__(self, run: Runner, config_home: Path | None = None,
                 state: Path | None = None,
                 clock_us: Callable[[], int] = _monotonic_us) -> None:
        self._run = run
        self._config_home = config_home
        self._state = state
        self._clock_us = clock_us

    @property
    def holds_critical(self) -> bool:
        """Whether a breakthrough would wait now: not while the rules hold the others."""
        return not self._rules_on()

    def _rules_on(self) -> bool:
        return self._state is not None and self._state.exists()

    def is_quiet(self) -> bool:
        """Whether dunst holds notifications: paused, or Unhurried's rules are on."""
        return self._rules_on() or _read_bool(self._run(["dunstctl", "is-paused"]))

    def quiet(self) -> str:
        """Turn the rules on when dunst has them, else pause dunst."""
        if self._state is not None and self._config_home is not None:
            since = self._clock_us()
            self._state.parent.mkdir(parents=True, exist_ok=True)
            self._state.write_text(str(since))  # recorded BEFORE the change
            try:
                self._rules(True)
            except QuietUnavailable:
                self._state.unlink(missing_ok=True)
                self._write_drop_in()
            else:
                return f"{RULES_TOKEN}{since}"
        self._run(["dunstctl", "set-paused", "true"])
        return ""

    def unquiet(self, token: str) -> None:
        """Turn the rules off and show what they held, or resume a pause (``token`` empty)."""
        if not token.startswith(RULES_TOKEN):
            self._run(["dunstctl", "set-paused", "false"])
            return
        self._rules(False)
        if self._state is not None:
            self._state.unlink(missing_ok=True)
        since = int(token.removeprefix(RULES_TOKEN) or 0)
        for held in self._held_since(since):
            self._run(["dunstctl", "history-pop", str(held)])

    def _rules(self, on: bool) -> None:
        state = "enable" if on else "disable"
        # The pass rule first on, last off: a breakthrough is never caught between the two.
        order = (PASS_RULE, HOLD_RULE) if on else (HOLD_RULE, PASS_RULE)
        for rule in order:
            self._run(["dunstctl", "rule", rule, state])

    def _held_since(self, since: int) -> list[int]:
        """Ids of other apps' notifications that reached dunst's history since ``since``."""
        try:
            data = json.loads(self._run(["dunstctl", "history"]))["data"][0]
            entries = [{key: value["data"] for key, value in entry.items()} for entry in data]
            held = [entry for entry in entries
                    if entry["appname"] != APP_NAME and int(entry["timestamp"]) >= since]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            logger.warning("dunst's history could not be read: %s", error)
            return []
        return [int(entry["id"]) for entry in sorted(held, key=lambda e: int(e["timestamp"]))]

    def _write_drop_in(self) -> None:
        """Write the drop-in where dunst will read it (beside the user's own ``dunstrc``), so
        the next dunst start has the rules; never beside the system's file."""
        assert self._config_home is not None
        base = self._config_home / "dunst" / "dunstrc"
        path = base.parent / "dunstrc.d" / DROP_IN_NAME
        if not base.is_file() or (path.is_file() and path.read_text() == DROP_IN):
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(DROP_IN)
        except OSError as error:
            logger.warning("could not write %s: %s", path, error)
            return
        logger.info("wrote %s: dunst shows Unhurried's breakthroughs during focus from its "
                    "next start", path)


def default_dunst_quiet(run: Runner, env: Mapping[str, str]) -> DunstQuiet:
    """A :class:`DunstQuiet` with the folders of the session in ``env``."""
    home = env.get("HOME") or str(Path.home())
    config_home = Path(env.get("XDG_CONFIG_HOME") or Path(home) / ".config")
    runtime = env.get("XDG_RUNTIME_DIR")
    state = Path(runtime) / APP_ID / "dunst-focus-rules" if runtime else None
    return DunstQuiet(run, config_home, state)
