# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Translation functions used by every layer: ``_``, ``ngettext`` and the deferred marker ``N_``.

The platform layer loads a catalogue and calls :func:`install`; until then texts stay English.
This module only holds the active ``gettext`` translations object; it reads no files.
"""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def install(translations: _gettext.NullTranslations) -> None:
    """Make ``translations`` the catalogue that ``_`` and ``ngettext`` look up."""
    global _translations
    _translations = translations


def _(message: str) -> str:
    """Translate ``message`` through the installed catalogue."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet (translated at display)."""
    return message
