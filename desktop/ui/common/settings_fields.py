# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A settings page generated from the registry (:data:`desktop.core.settings.REGISTRY`): a
check box for a yes/no setting, a list for one with fixed choices, a line for the rest; the
label and the hint come from the declaration, so ``config`` and the dialog cannot disagree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from desktop.core.i18n import _
from desktop.core.settings import SettingSpec, parse_switch


class RegistryPage(QWidget):
    """Edits ``entries``; :meth:`values` gives their texts for ``update_settings``.

    Args:
        entries: the settings on this page, in order.
        current: reads a setting's text in force.
    """

    def __init__(self, entries: Sequence[SettingSpec[Any]],
                 current: Callable[[SettingSpec[Any]], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        for spec in entries:
            key = spec.key
            text = current(spec)
            field: QWidget
            if spec.switch:
                field = QCheckBox(_(spec.label))
                field.setChecked(parse_switch(text))
                form.addRow(field)
            elif spec.choices:
                field = QComboBox()
                field.addItems(list(spec.choices))
                field.setCurrentText(text)
                form.addRow(_(spec.label), field)
            else:
                field = QLineEdit(text)
                field.setPlaceholderText(_(spec.help) if spec.help else "")
                form.addRow(_(spec.label), field)
            field.setObjectName(key)
            field.setAccessibleName(_(spec.label))
            if spec.help:
                field.setToolTip(_(spec.help))
                field.setAccessibleDescription(_(spec.help))
            self.fields[key] = field

    def values(self) -> dict[str, str]:
        """Each setting's text as the page shows it."""
        out: dict[str, str] = {}
        for key, field in self.fields.items():
            if isinstance(field, QCheckBox):
                out[key] = "yes" if field.isChecked() else "no"
            elif isinstance(field, QComboBox):
                out[key] = field.currentText()
            elif isinstance(field, QLineEdit):
                out[key] = field.text()
        return out
