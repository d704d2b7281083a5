# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which column is which, for a CSV file no preset knows: a dialog with one choice per field
and a preview of the requests the first rows become.

The choice is remembered per header (setting ``csv.mappings``), so the next file with the same
columns is imported without asking; File > "Import CSV, choosing the columns…" asks again with
the remembered choice filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.csv_mapping import (
    FIELDS,
    REQUIRED,
    check_mapping,
    guess_mapping,
    remember,
    remembered,
)
from desktop.core.queue.service import QueueService
from desktop.core.settings import registry as setting

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.error_text import error_label

CsvPreview = Callable[[Path], tuple[str, list[str], list[list[str]]]]
"""Reads a CSV file's fitting preset, header and first rows; raises ``InvalidInput``."""

class CsvMappingDialog(QDialog):
    """One combo box per field; a preview of the first rows as requests.

    Args:
        name: the file's name (shown in the title line).
        header: the CSV's columns.
        rows: its first rows.
        mapping: the choice to start from (remembered, or guessed).
    """

    def __init__(self, name: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                 mapping: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("CSV columns"))
        self.setObjectName("csvMappingDialog")
        self._header = [c.strip() for c in header]
        self._rows = rows
        self.mapping: dict[str, str] = {}
        intro = QLabel(_("{name} is not a format Unhurried knows. Say which column holds what; "
                         "the choice is remembered for files with these columns.").format(
            name=name), wordWrap=True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for field, label in FIELDS.items():
            combo = QComboBox()
            combo.addItem(_("(none)"), "")
            describe(combo, _("The column of the file that holds this value, or none."))
            for column in self._header:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(combo.findData(mapping.get(field, "")), 0))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.combos[field] = combo
            text = _(label) + (" *" if field in REQUIRED else "")
            form.addRow(text, combo)
        self.preview = QStandardItemModel(self)
        self.table = table = QTableView()
        table.setModel(self.preview)
        table.setAccessibleName(_("Preview of the first rows"))
        describe(table, _("The first rows of the file as they would be imported."))
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(150)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(fields)
        layout.addWidget(QLabel(_("The first rows as requests:")))
        layout.addWidget(table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._on_combo_changed()

    def chosen(self) -> dict[str, str]:
        """Field to column, for the fields that have one."""
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData()}

    def _on_combo_changed(self, *_args: object) -> None:
        chosen = self.chosen()
        self.preview.clear()
        fields = [f for f in FIELDS if f in chosen]
        self.preview.setHorizontalHeaderLabels([_(FIELDS[f]) for f in fields])
        index = {c: i for i, c in reversed(list(enumerate(self._header)))}
        for row in self._rows:
            cells = []
            for field in fields:
                position = index[chosen[field]]
                text = row[position] if position < len(row) else ""
                item = QStandardItem(" ".join(text.split())[:200])  # plain text, one line
                item.setEditable(False)
                cells.append(item)
            self.preview.appendRow(cells)
        self.table.resizeColumnsToContents()  # five rows at most: cheap

    def accept(self) -> None:
        """Keep the choice, or stay open and say what is missing."""
        try:
            self.mapping = check_mapping(self.chosen(), self._header)
        except InvalidInput as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()


class CsvColumns:
    """Decides the columns of a CSV import: a preset, a remembered mapping, or the dialog.

    Args:
        queue: reads and stores the remembered mappings (setting ``csv.mappings``).
        preview: reads a file's fitting preset, header and first rows.
        parent: the window the dialog belongs to.
        ask: shows the dialog and returns the mapping, or ``None`` when cancelled (tests
            replace it).
    """

    def __init__(self, queue: QueueService, preview: CsvPreview, parent: QWidget,
                 ask: Callable[[CsvMappingDialog], bool] | None = None) -> None:
        self._queue = queue
        self._preview = preview
        self._parent = parent
        self._ask = ask or (lambda dialog: bool(dialog.exec()))

    def __call__(self, path: Path, choose: bool = False) -> tuple[bool, dict[str, str] | None]:
        """(go on?, mapping): ``None`` as mapping when a preset fits and ``choose`` is off."""
        try:
            preset, header, rows = self._preview(path)
        except InvalidInput as error:
            QMessageBox.warning(self._parent, _("Import"), error.message)
            return False, None
        stored = self._queue.settings.csv_mappings
        known = remembered(stored, header)
        if not choose and preset != "generic":
            return True, None
        if not choose and known:
            return True, known
        dialog = CsvMappingDialog(path.name, header, rows, known or guess_mapping(header),
                                  self._parent)
        if not self._ask(dialog):
            return False, None
        self._queue.update_settings(
            setting.CSV_MAPPINGS.entry(remember(stored, header, dialog.mapping)))
        return True, dialog.mapping
