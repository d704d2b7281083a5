# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Clashes among a window's actions: two menu items with one accelerator letter, or two
actions on one shortcut (Qt then runs neither and says "Ambiguous shortcut overload").

Features add actions from their own modules, so only the wired window can show a clash;
``unhurried --smoke`` runs this and fails on any.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

_ACCELERATOR = re.compile(r"&([^&\s])")
_WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def clashes(window: QMainWindow) -> list[str]:
    """Every clash, one line each; empty when there is none."""
    found = []
    for menu in window.menuBar().findChildren(QMenu) + [m for m in window.findChildren(QMenu)]:
        letters: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            match = _ACCELERATOR.search(action.text())
            if match:
                letters[match.group(1).casefold()].append(action.text())
        found += [f"menu {menu.title()!r}: {' / '.join(texts)} share &{letter}"
                  for letter, texts in letters.items() if len(texts) > 1]
    keys: dict[str, list[str]] = defaultdict(list)
    for action in set(window.findChildren(QAction)):
        if action.shortcutContext() not in _WINDOW_WIDE:
            continue
        for shortcut in action.shortcuts():
            if not shortcut.isEmpty():
                keys[shortcut.toString()].append(action.text())
    found += [f"shortcut {key}: {' / '.join(texts)}" for key, texts in keys.items()
              if len(texts) > 1]
    return sorted(set(found))
