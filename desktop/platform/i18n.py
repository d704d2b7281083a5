# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loading the gettext catalogue for the chosen language (compiled ``.mo`` under
``resources/locale``), Qt's own translations for its standard dialogs, and picking the system's
language when the user chose none."""

from __future__ import annotations

import gettext
import locale
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core import i18n
from desktop.platform.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

DOMAIN = "unhurried"

logger = logging.getLogger(__name__)


def system_language() -> str:
    """The language of the session (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0].split(".")[0]
    code = locale.getlocale()[0]
    return code or "en"


def install_language(language: str, localedir: Path | None = None) -> str:
    """Install the catalogue for ``language`` (empty: the system's); English if none exists.

    Args:
        language: a code such as ``de``, ``de_AT`` or ``en_XA`` (the pseudo-locale).
        localedir: where the compiled catalogues are (default: the shipped ones).

    Returns:
        The language code in force, e.g. ``de_DE`` or ``en``.
    """
    chosen = (language or system_language()).replace("-", "_")
    folder = localedir if localedir is not None else resource_path("locale")
    translations = gettext.translation(
        DOMAIN, localedir=str(folder), languages=[chosen], fallback=True
    )
    i18n.install(translations)
    return chosen


def formatting_locale(language: str) -> str:
    """The locale for dates and numbers: ``language``, with the system's region when the user
    chose only a language (``en`` on an ``en_GB`` system formats as ``en_GB``: 24-hour clock,
    weeks from Monday)."""
    system = system_language().replace("-", "_")
    if "_" not in language and system.split("_")[0] == language and "_" in system:
        return system
    return language


def install_qt_translations(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load Qt's ``qtbase`` catalogue for ``language`` (buttons of message boxes, file and
    colour dialogs, context menus of text fields) from the Qt installation and install it.

    Returns:
        The installed ``QTranslator``, or ``None`` when Qt has no catalogue for ``language``
        (English, the pseudo-locale).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(QLocale(language), "qtbase", "_", folder):
        if not language.startswith("en"):
            logger.info("no Qt translations for %s in %s", language, folder)
        return None
    app.installTranslator(translator)
    return translator
