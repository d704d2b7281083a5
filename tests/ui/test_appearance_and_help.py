# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window follows the desktop: light or dark from the system scheme or the setting, live;
overdue and at-risk colours readable in both; Help > Keyboard shortcuts from the actions;
Help > About; and queue rows that read as a sentence."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from desktop.core.queue.buckets import Bucket
from desktop.core.settings import check_value

from desktop.ui.common.appearance import (
    Appearance,
    contrast,
    dark_palette,
    queue_colours,
    wants_dark,
)
from desktop.ui.common.help import AboutDialog, ShortcutsDialog, collect_shortcuts, install_help
from desktop.ui.queue.model import Column


@pytest.fixture
def restore_palette(qapp):
    before = QGuiApplication.palette()
    yield
    QGuiApplication.setPalette(before)
    qapp.styleHints().unsetColorScheme()


@pytest.mark.parametrize(("setting", "system", "dark"), [
    ("system", Qt.ColorScheme.Dark, True),
    ("system", Qt.ColorScheme.Light, False),
    ("system", Qt.ColorScheme.Unknown, False),
    ("light", Qt.ColorScheme.Dark, False),
    ("dark", Qt.ColorScheme.Light, True),
])
def test_the_setting_overrides_the_system_scheme(setting, system, dark) -> None:
    assert wants_dark(setting, system) is dark


def test_appearance_is_a_setting_that_takes_system_light_or_dark() -> None:
    assert check_value("appearance", " Dark ") == "dark"
    with pytest.raises(ValueError, match="system, light or dark"):
        check_value("appearance", "blue")


@pytest.mark.parametrize("dark", [False, True])
def test_overdue_and_at_risk_colours_have_contrast_in_both_schemes(qapp, dark) -> None:
    base = (dark_palette() if dark else qapp.style().standardPalette()).color(
        QPalette.ColorRole.Base)
    for colour in queue_colours(dark).values():
        assert contrast(colour, base) >= 4.5, (colour.name(), base.name())


def test_the_dark_palette_reads_well() -> None:
    palette = dark_palette()
    roles = QPalette.ColorRole
    for text, back in ((roles.Text, roles.Base), (roles.WindowText, roles.Window),
                       (roles.ButtonText, roles.Button), (roles.HighlightedText,
                                                          roles.Highlight)):
        assert contrast(palette.color(text), palette.color(back)) >= 7


def test_dark_applies_live_and_the_queue_recolours(qapp, window, service,
                                                   restore_palette, qtbot) -> None:
    service.add("Q3 budget", sender="Ana")
    window.load()
    setting = ["dark"]
    appearance = Appearance(qapp, lambda: setting[0])
    appearance.changed.connect(window.model.set_dark)
    with qtbot.waitSignal(window.model.dataChanged, timeout=1000):
        appearance.apply()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 60
    assert window.model.colours[Bucket.OVERDUE].lightness() > 150
    setting[0] = "light"
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)  # as the desktop switches
    assert QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200
    assert appearance.dark is False


def test_overdue_is_said_in_words_not_only_in_colour(window, service, clock) -> None:
    request = service.add("Q3 budget", sender="Ana")
    clock.advance(timedelta(days=3))
    window.load()
    index = window.model.index_of(request.id)
    assert window.model.data(index, Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Overdue by ")
    time_left = index.siblingAtColumn(Column.TIME_LEFT)
    assert "overdue" in window.model.data(time_left, Qt.ItemDataRole.DisplayRole)
    assert window.model.data(time_left, Qt.ItemDataRole.DecorationRole) is not None


def test_a_queue_row_reads_as_a_sentence(window, service, clock) -> None:
    request = service.add("Q3 budget", sender="Ana")
    clock.advance(service.get(request.id).reply_by - clock.now() + timedelta(hours=2))
    window.load()
    index = window.model.index_of(request.id)
    assert (window.model.data(index, Qt.ItemDataRole.AccessibleTextRole)
            == "Overdue by 2 hours, from Ana, Q3 budget")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_keyboard_shortcuts_are_read_from_the_actions(window, qtbot) -> None:
    menu = install_help(window, "Unhurried", "1.2.3", Path("/data"))
    assert window.menuBar().actions()[-1].menu() is menu
    shortcuts = {(s.action, s.keys) for s in collect_shortcuts(window)}
    assert ("Mark done", "D") in shortcuts
    assert ("Keyboard shortcuts", "Ctrl+/") in shortcuts
    assert ("Later today (3 hours)", "S") in shortcuts
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = {dialog.model.data(dialog.model.index(r, 0)) for r in range(dialog.model.rowCount())}
    assert "Edit > Mark done" in rows
    assert "Edit > Snooze > Later today (3 hours)" in rows
    assert dialog.model.rowCount() == len(shortcuts)


def test_about_gives_version_licence_and_data_folder(qtbot) -> None:
    dialog = AboutDialog("Unhurried", "1.2.3", Path("/home/ana/.local/share/unhurried"))
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.lines]
    assert texts[0] == "Unhurried 1.2.3"
    assert "Licence: GPL-3.0-or-later" in texts
    assert "Your data: /home/ana/.local/share/unhurried" in texts
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.lines)



def test_the_notice_banner_reads_in_a_dark_window_too(qtbot, restore_palette) -> None:
    from PySide6.QtGui import QColor

    from desktop.ui.focus.banner import NOTICE_DARK, NOTICE_LIGHT, NoticeBanner

    for background, text in (NOTICE_LIGHT, NOTICE_DARK):
        assert contrast(QColor(text), QColor(background)) >= 7
    light = QGuiApplication.palette()
    banner = NoticeBanner()
    qtbot.addWidget(banner)
    assert NOTICE_LIGHT[1] in banner.text.styleSheet()
    QGuiApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: NOTICE_DARK[1] in banner.text.styleSheet())  # live, not glaring
    QGuiApplication.setPalette(light)
    qtbot.waitUntil(lambda: NOTICE_LIGHT[1] in banner.text.styleSheet())
