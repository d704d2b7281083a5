# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Choosing the language: the setting, else the session's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG);
the catalogue installed for ``_``; the formatting locale keeps the system's region."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from desktop.core.i18n import _
from desktop.platform.i18n import formatting_locale, install_language, system_language
from tests.catalogue_tools import compiled, speaking

_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch):
    """Set the session's locale variables (the others unset)."""
    def set_(**values: str) -> None:
        for name in _VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)
    return set_


@pytest.fixture
def locale_dir(tmp_path: Path) -> Path:
    compiled(tmp_path, "de")  # compiles every language into tmp_path
    return tmp_path


@pytest.mark.parametrize(("values", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de_DE"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de_AT"),
    ({"LANG": "de_DE.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr_FR"),
    ({"LANGUAGE": "de:en", "LANG": "en_GB.UTF-8"}, "de"),
    ({"LC_ALL": "C", "LANG": "de_CH.UTF-8"}, "de_CH"),
])
def test_the_system_language_comes_from_the_session(session, values, expected) -> None:
    session(**values)
    assert system_language() == expected


def test_the_setting_wins_over_the_system(session, locale_dir: Path) -> None:
    session(LANG="en_US.UTF-8")
    with speaking(_null()):
        assert install_language("de", locale_dir) == "de"
        assert _("&File") == "&Datei"


def test_an_empty_setting_follows_the_system(session, locale_dir: Path) -> None:
    session(LANG="de_DE.UTF-8")
    with speaking(_null()):
        assert install_language("", locale_dir) == "de_DE"
        assert _("Reply by") == "Antwort bis"


def test_the_pseudo_locale_and_unknown_languages(session, locale_dir: Path) -> None:
    session(LANG="de_DE.UTF-8")
    with speaking(_null()):
        assert install_language("en_XA", locale_dir) == "en_XA"
        assert _("Reply by").startswith("[Ŕéþļý ƀý")
        assert install_language("fr", locale_dir) == "fr"
        assert _("Reply by") == "Reply by"
        assert install_language("de-AT", locale_dir) == "de_AT"
        assert _("Reply by") == "Antwort bis"


def test_formatting_keeps_the_system_region_for_a_bare_language(session) -> None:
    session(LANG="en_GB.UTF-8")
    assert formatting_locale("en") == "en_GB"
    assert formatting_locale("de") == "de"
    assert formatting_locale("en_US") == "en_US"
    session(LANG="de_DE.UTF-8")
    assert formatting_locale("en") == "en"


def _null() -> gettext.NullTranslations:
    return gettext.NullTranslations()
