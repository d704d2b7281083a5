# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loading the gettext catalogue for the chosen language (compiled ``.mo`` under
``resources/locale``) and picking the system's language when the user chose none."""

from __future__ import annotations

import gettext
import locale
import os

from desktop.core import i18n
from desktop.platform.resources import resource_path

DOMAIN = "unhurried"


def system_language() -> str:
    """The language of the session (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0].split(".")[0]
    code = locale.getlocale()[0]
    return code or "en"


def install_language(language: str) -> str:
    """Install the catalogue for ``language`` (empty: the system's); English if none exists.

    Returns:
        The language code in force, e.g. ``de_DE`` or ``en``.
    """
    chosen = language or system_language()
    translations = gettext.translation(
        DOMAIN, localedir=str(resource_path("locale")), languages=[chosen], fallback=True
    )
    i18n.install(translations)
    return chosen
