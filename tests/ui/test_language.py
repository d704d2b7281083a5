# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window in German and in the pseudo-locale: menus, headers and status translated,
accelerators unique in every menu, Qt's own dialogs translated, and the language chosen in the
settings dialog."""

from __future__ import annotations

import re
from gettext import NullTranslations
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu

from desktop.core.queue.service import QueueService
from desktop.platform.i18n import install_qt_translations
from tests.catalogue_tools import compiled, speaking
from tests.ui.conftest import BERLIN, REGIONS, ZONES

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.common.settings_dialog import SettingsDialog
from desktop.ui.main_window import MainWindow

ACCEPTED = 1


def make_window(qtbot, service: QueueService, locale: str) -> MainWindow:
    window = MainWindow(service, Formatter(safe_locale(locale), BERLIN),
                        settings_choices=lambda: (ZONES, REGIONS), data_version=lambda: 0,
                        demo=lambda: 0, importer=lambda *args: None)
    qtbot.addWidget(window)
    return window


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_window_in_german_has_german_menus_headers_and_status(qtbot, service,
                                                                  tmp_path: Path) -> None:
    service.add("Budget?")
    with speaking(compiled(tmp_path, "de")):
        window = make_window(qtbot, service, "de")
        window.load()
        assert menu_titles(window)[:3] == ["&Datei", "&Bearbeiten", "&Ansicht"]
        assert window.add_action.text() == "Anfrage &hinzufügen…"
        assert window.snooze_menu.title() == "&Zurückstellen"
        headers = [window.model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(window.model.columnCount())]
        assert headers[:3] == ["Restzeit", "Antwort bis", "Von"]
        assert window.status.text() == "1 in der Warteschlange · 0 überfällig · 0 gefährdet"
        assert window.search.placeholderText() == "Suchen (Strg+F)"


def test_the_window_in_english_stays_english(qtbot, service) -> None:
    window = make_window(qtbot, service, "en")
    assert menu_titles(window)[:3] == ["&File", "&Edit", "&View"]


def test_the_pseudo_locale_marks_every_menu(qtbot, service, tmp_path: Path) -> None:
    with speaking(compiled(tmp_path, "en_XA")):
        window = make_window(qtbot, service, "en_XA")
    titles = menu_titles(window)
    assert titles[0].startswith("[&Fîļé")
    assert all(t.startswith("[") and t.endswith("]") for t in titles)


@pytest.mark.parametrize("language", ["en", "de", "en_XA"])
def test_accelerators_are_unique_in_every_menu(qtbot, service, tmp_path: Path,
                                               language: str) -> None:
    catalogue = compiled(tmp_path, language) if language != "en" else NullTranslations()
    with speaking(catalogue):
        window = make_window(qtbot, service, language)
    menus = [window.menuBar(), *window.findChildren(QMenu)]
    for menu in menus:
        texts = [a.text() for a in menu.actions() if a.text()]
        keys = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
        assert len(keys) == len(set(keys)), (language, texts)


def test_qt_standard_dialogs_are_translated_for_german(qapp) -> None:
    translator = install_qt_translations(qapp, "de")
    assert translator is not None
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_language_is_chosen_in_the_settings_dialog(qtbot, service,
                                                       settings_store) -> None:
    dialog = SettingsDialog(service, ZONES, REGIONS)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == ""
    assert dialog.language.itemText(dialog.language.findData("en_XA")) == (
        "Pseudo (layout check)")
    assert dialog.findChild(type(dialog.error), "languageNote").text() == (
        "A new language applies when Unhurried starts again.")
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.accept()
    assert dialog.result() == ACCEPTED
    assert settings_store.data["language"] == "de"
    assert service.settings.language == "de"


def test_a_language_typed_on_the_command_line_stays_selected(qtbot, service) -> None:
    service.update_settings({"language": "de_AT"})
    dialog = SettingsDialog(service, ZONES, REGIONS)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "de_AT"
    assert dialog.values()["language"] == "de_AT"
