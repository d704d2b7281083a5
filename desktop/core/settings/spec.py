# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One setting's declaration: key, default, what the user sees, how its text is read, checked
and written, and where the value goes (to other devices, into the dialog and ``config``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True, eq=False)
class SettingSpec(Generic[T]):
    """One setting.

    Its value is stored as text: :attr:`parse` reads (and so validates) that text into the
    value of :attr:`attr` on :class:`~desktop.core.settings.typed.Settings`, :attr:`format`
    writes the value back as the canonical text. Compared by identity: each entry is declared
    once.
    """

    key: str
    attr: str
    """The attribute of ``Settings`` that holds the value (empty for the policy targets, which
    are read together into ``Settings.policy``)."""
    default: str
    label: str
    group: str
    parse: Callable[[str], T]
    format: Callable[[T], str]
    help: str = ""
    choices: tuple[str, ...] = ()
    """The values a setting with a fixed set takes (the dialog offers them in a list)."""
    synced: bool = True
    """The value travels to the user's other devices (over CalDAV)."""
    visible: bool = True
    """Shown in the settings dialog and by ``config list``; hidden ones are account details
    and run state that their own dialogs and commands edit."""
    rederives: bool = False
    """A change moves reply-by times, so every open request's reply-by is derived again."""
    switch: bool = False
    """A yes/no setting (the dialog shows a check box)."""

    def check(self, text: str) -> str:
        """Validate ``text`` and return its canonical form (what is stored).

        Raises:
            InvalidInput: a value this setting cannot take (the message says why).
        """
        return self.format(self.parse(text))

    def entry(self, value: T) -> dict[str, str]:
        """What to store for ``value`` (for ``update_settings``): ``{key: canonical text}``."""
        return {self.key: self.format(value)}
