# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Guards against PySide6 bugs the app works around (see the pin in pyproject.toml)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QStringListModel, Qt


def test_emitting_model_signals_keeps_the_refcount_of_true(qapp) -> None:
    # PySide6 6.12.0 decrements True on each emit; the window emits dataChanged every minute
    # and would eventually abort the interpreter.
    model = QStringListModel(["a", "b"])
    before = sys.getrefcount(True)
    for _ in range(200):
        model.dataChanged.emit(model.index(0), model.index(1), [Qt.ItemDataRole.DisplayRole])
        model.layoutChanged.emit()
    assert sys.getrefcount(True) >= before - 5
