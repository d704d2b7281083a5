# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Error labels take their colour from their palette: at least 4.5:1 on the window in light
and dark, repainted when the scheme switches live, and no fixed error red left in the UI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.common.appearance import contrast, dark_palette
from desktop.ui.common.error_text import error_colour, error_label, show_as_error

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
TEXT = QPalette.ColorRole.WindowText


@pytest.fixture
def restore_palette(qapp):
    before = QGuiApplication.palette()
    yield
    QGuiApplication.setPalette(before)


def _schemes(qapp) -> dict[str, QPalette]:
    return {"light": qapp.style().standardPalette(), "dark": dark_palette()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_error_colour_has_at_least_aa_contrast_in_both_schemes(qapp, scheme) -> None:
    palette = _schemes(qapp)[scheme]
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        background = palette.color(role)
        assert contrast(error_colour(background), background) >= 4.5, (scheme, role)


def test_the_old_fixed_red_fails_in_dark_which_is_why_it_went(qapp) -> None:
    from PySide6.QtGui import QColor

    assert contrast(QColor("#b3261e"), dark_palette().color(QPalette.ColorRole.Window)) < 4.5


def test_an_error_label_repaints_when_the_scheme_switches_live(
        qtbot, qapp, restore_palette) -> None:
    QGuiApplication.setPalette(_schemes(qapp)["light"])
    page = QWidget()
    qtbot.addWidget(page)
    label = error_label()
    QVBoxLayout(page).addWidget(label)
    label.setText("The address is missing.")
    label.show()

    def readable() -> bool:
        palette = label.palette()
        return contrast(palette.color(TEXT), palette.color(QPalette.ColorRole.Window)) >= 4.5

    assert readable()
    light_text = label.palette().color(TEXT)
    QGuiApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: label.palette().color(TEXT) != light_text, timeout=2000)
    assert label.palette().color(QPalette.ColorRole.Window) == dark_palette().color(
        QPalette.ColorRole.Window)  # only the text colour is the label's own
    assert readable()
    QGuiApplication.setPalette(_schemes(qapp)["light"])
    qtbot.waitUntil(lambda: label.palette().color(TEXT) == light_text, timeout=2000)


def test_an_error_can_be_cleared_back_to_the_normal_text_colour(qtbot, qapp) -> None:
    label = QLabel("Synced.")
    qtbot.addWidget(label)
    normal = label.palette().color(TEXT)
    show_as_error(label)
    show_as_error(label)  # twice is once
    assert label.palette().color(TEXT) != normal
    show_as_error(label, False)
    assert label.palette().color(TEXT) == normal


def test_no_window_or_dialog_paints_errors_in_a_fixed_colour() -> None:
    fixed = re.compile(r"setStyleSheet\([^)]*#(b3261e|b00020)", re.IGNORECASE)
    offenders = [str(path.relative_to(UI)) for path in UI.rglob("*.py")
                 if fixed.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
