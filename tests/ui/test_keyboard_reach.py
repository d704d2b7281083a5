# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Everything by keyboard: every menu opens with Alt and a letter of its own, every action in
the menus has a name, and Tab moves through the window in the order it is laid out."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu

from desktop.core.focus.service import FocusService, FocusSettings
from tests.fakes import MemoryFocusRepository, RecordingNotifier

from desktop.ui.common.help import install_help
from desktop.ui.focus.controller import FocusController


@pytest.fixture
def full_window(window, repository, clock, formatter):
    desktop = RecordingNotifier()
    service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                           lambda: FocusSettings(zone="Europe/Berlin"))
    FocusController(window, service, formatter, desktop, QIcon(), lambda: True)
    install_help(window, "Unhurried", "1.0", Path("/data"))
    window.load()
    return window


def _mnemonic(text: str) -> str:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else ""


def test_every_menu_has_a_letter_of_its_own_and_every_item_a_name(full_window) -> None:
    menus = [a.menu() for a in full_window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    letters = [_mnemonic(menu.title()) for menu in menus]
    assert all(letters), [m.title() for m in menus]
    assert len(set(letters)) == len(letters), letters

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert action.text().strip(), menu.title()
            if isinstance(action.menu(), QMenu):
                walk(action.menu())

    for menu in menus:
        walk(menu)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_tab_goes_from_the_search_to_the_queue_to_the_details(full_window, qtbot) -> None:
    full_window.show()
    qtbot.waitExposed(full_window)
    order = []
    widget = full_window.search
    for _ in range(40):
        order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        if widget is full_window.search:
            break
    assert order.index("searchBox") < order.index("queueView") < order.index("detailPane")
