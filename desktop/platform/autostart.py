# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start at login: an XDG autostart entry (``~/.config/autostart/<app-id>.desktop``).

Desktops that follow the XDG Autostart spec (GNOME, KDE Plasma, Xfce, most others) start every
entry in that folder at login. Inside Flatpak the folder is not the host's; there the
Background portal is asked instead (:mod:`desktop.platform.portals`; :func:`in_flatpak`
tells which applies).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop import APP_ID, APP_NAME


def in_flatpak(env: Mapping[str, str] | None = None) -> bool:
    """Whether this runs inside a Flatpak sandbox."""
    return bool((os.environ if env is None else env).get("FLATPAK_ID"))


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    """Where the entry goes: ``$XDG_CONFIG_HOME/autostart`` (``~/.config/autostart``)."""
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def start_command() -> list[str]:
    """How this installation starts: the ``unhurried`` script, else this Python."""
    script = shutil.which("unhurried")
    return [script] if script else [sys.executable, "-m", "desktop"]


def entry(command: list[str]) -> str:
    """The autostart entry's text (Desktop Entry spec 1.5)."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        f"Exec={shlex.join(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def set_autostart(enabled: bool, command: list[str] | None = None,
                  env: Mapping[str, str] | None = None) -> Path:
    """Write (``enabled``) or remove the entry; returns its path.

    Raises:
        OSError: the folder cannot be written.
    """
    path = autostart_file(env)
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    text = entry(command or start_command())
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
