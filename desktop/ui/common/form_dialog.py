# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shape every form dialog shares: its fields, a line for what is wrong, and the buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desktop.ui.common.accessibility import describe_buttons


def lay_out_form(dialog: QDialog, form: QFormLayout, error: QLabel, *,
                 save: bool = False) -> QDialogButtonBox:
    """Put ``form``, ``error`` and Ok (or Save) / Cancel into ``dialog``; returns the buttons."""
    first = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(first | QDialogButtonBox.StandardButton.Cancel)
    describe_buttons(buttons)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return buttons
