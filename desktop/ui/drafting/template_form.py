# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A form built from a template's fields, with a debounced live render.

One widget per field type (see :mod:`desktop.ui.drafting.field_widgets`); fields of an optional
section sit in a checkable group box. Every change restarts a short timer; when it fires the values
are read (:func:`desktop.core.drafting.templates.fill`), errors are shown under their fields and the
template is rendered. ``rendered(subject, body)`` carries the result; ``failed(message)`` a broken
template (file and line). A required field only complains once it was edited or
:meth:`TemplateForm.validate` was called, so a fresh form is not a wall of red.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.core.drafting.templates import (
    FieldKind,
    Filled,
    RawValue,
    Template,
    TemplateBroken,
    Value,
    fill,
)
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

from desktop.ui.common.accessibility import describe
from desktop.ui.common.error_text import show_as_error
from desktop.ui.drafting.field_widgets import FieldWidget, make_field_widget

RENDER_DELAY_MS = 250
Renderer = Callable[[Template, Mapping[str, Value]], tuple[str, str]]


class TemplateForm(QWidget):
    """The fields of ``template`` and a live render of them.

    Args:
        template: the template to fill.
        render: renders a template with read values; returns ``(subject, body)``; may raise
            ``TemplateBroken``.
        now: the current instant (injected clock).
        zone: the recipient's zone, the default for date-time fields.
        zones: the time zones offered.
        people: names and addresses offered while typing a person.
    """

    rendered = Signal(str, str)
    failed = Signal(str)

    def __init__(self, template: Template, render: Renderer, now: Callable[[], datetime],
                 zone: str, zones: Sequence[str], people: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self._render = render
        self._now = now
        self._zone = zone
        self._touched: set[str] = set()
        self._validate_all = False
        self.filled: Filled | None = None
        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.sections: dict[str, QGroupBox] = {}
        self.timer = QTimer(self, singleShot=True, interval=RENDER_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("templateProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("padding: 4px;")
        show_as_error(self.problem)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        main = QFormLayout()
        main.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        main.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(main)
        for field in template.fields:
            if field.kind is FieldKind.SECTION:
                box = QGroupBox(field.label, checkable=True)
                box.setChecked(bool(field.default))
                box.setToolTip(field.help)
                box.setLayout(QFormLayout())
                box.toggled.connect(lambda _on, name=field.name: self._on_field_changed(name))
                self.sections[field.name] = box
                main.addRow(box)
                continue
            widget = make_field_widget(field, zone, zones, people, now, self)
            for part in widget.findChildren(QWidget):  # the label names the row, not its edit
                if not part.accessibleName():
                    part.setAccessibleName(field.label)
                if not part.accessibleDescription():
                    describe(part, field.help or _("Fills in “{field}” in the message.").format(
                        field=field.label))
            widget.changed.connect(lambda name=field.name: self._on_field_changed(name))
            self.widgets[field.name] = widget
            error = QLabel(wordWrap=True)
            error.setObjectName("fieldError")
            error.setTextFormat(Qt.TextFormat.PlainText)
            show_as_error(error)
            error.hide()
            self.errors[field.name] = error
            row = QWidget()
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            label = field.label + (" *" if field.required else "")
            target = self.sections[field.section].layout() if field.section in self.sections \
                else main
            assert isinstance(target, QFormLayout)
            target.addRow(label, row)
        layout.addStretch(1)

    # -- values ---------------------------------------------------------------------------------

    def raw_values(self) -> dict[str, RawValue]:
        """What the widgets hold, as raw values for :func:`fill`."""
        values: dict[str, RawValue] = {n: box.isChecked() for n, box in self.sections.items()}
        values.update({name: widget.value() for name, widget in self.widgets.items()})
        return values

    def set_values(self, values: Mapping[str, RawValue]) -> None:
        """Put values into the widgets (a prefill); unknown names are ignored."""
        for name, value in values.items():
            if name in self.sections:
                self.sections[name].setChecked(bool(value))
            elif name in self.widgets:
                self.widgets[name].set_value(value)
        self.timer.start()

    def validate(self) -> bool:
        """Show every field's error, required ones included; whether the form is complete."""
        self._validate_all = True
        self.refresh()
        return self.filled is not None and self.filled.ok

    # -- rendering ------------------------------------------------------------------------------

    def _on_field_changed(self, name: str) -> None:
        self._touched.add(name)
        self.timer.start()

    def refresh(self) -> None:
        """Read the values, show their errors and render now."""
        self.timer.stop()
        try:
            filled = fill(self.template, self.raw_values(), now=self._now(), zone=self._zone)
        except InvalidInput as error:
            self._show_problem(error.message)
            return
        self.filled = filled
        for name, label in self.errors.items():
            message = filled.errors.get(name, "")
            missing = name in filled.errors and self.widgets[name].is_empty()
            if missing and not (self._validate_all or name in self._touched):
                message = ""
            label.setText(message)
            label.setVisible(bool(message))
        try:
            subject, body = self._render(self.template, filled.values)
        except TemplateBroken as error:
            self._show_problem(_("This template has an error and cannot be shown: {error}")
                               .format(error=error))
            return
        self.problem.hide()
        self.rendered.emit(subject, body)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.failed.emit(message)
