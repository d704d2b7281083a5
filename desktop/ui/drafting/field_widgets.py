# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One input widget per template field type, each with ``value()``, ``set_value()`` and a
``changed`` signal, so the form treats them alike.

Lists are edited one item per line; people complete from the queue's senders; a date-time has a
zone picker and offers deadlines at the end of the recipient's next working days.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.suggestions import suggest_deadlines
from desktop.core.drafting.templates import Field, FieldKind, Moment, RawValue, parse_value
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.working_hours import WorkingHours

_LINES_SHOWN = {FieldKind.MULTILINE: 4, FieldKind.LIST: 3}


class FieldWidget(QWidget):
    """Base of the field widgets."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setToolTip(field.help)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def value(self) -> RawValue:
        raise NotImplementedError

    def set_value(self, value: RawValue) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        value = self.value()
        return value is None or value in ("", ()) or value == []


def _example(field: Field) -> str:
    example = field.example
    return "\n".join(example) if isinstance(example, tuple) else example


class LineField(FieldWidget):
    """Text, link and person: one line; a person completes from known senders."""

    def __init__(self, field: Field, people: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit(placeholderText=_example(field), clearButtonEnabled=True)
        self.edit.setObjectName(f"field_{field.name}")
        if field.kind is FieldKind.PERSON and people:
            completer = QCompleter(list(people), self.edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.edit.setCompleter(completer)
        if isinstance(field.default, str):
            self.edit.setText(field.default)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> RawValue:
        return self.edit.text()

    def set_value(self, value: RawValue) -> None:
        self.edit.setText(str(value or ""))


class TextField(FieldWidget):
    """Several lines; for a list, one item per line."""

    def __init__(self, field: Field, parent: QWidget | None) -> None:
        super().__init__(field, parent)
        hint = _example(field)
        if field.kind is FieldKind.LIST:
            shape = " | ".join(field.parts)
            hint = (_("One per line: {shape}").format(shape=shape) + "\n" if shape else
                    _("One per line") + "\n") + hint
        self.edit = QPlainTextEdit(placeholderText=hint, tabChangesFocus=True)
        self.edit.setObjectName(f"field_{field.name}")
        lines = _LINES_SHOWN.get(field.kind, 3)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * (lines + 1) + 12)
        default = field.default
        if default:
            self.edit.setPlainText("\n".join(default) if isinstance(default, tuple)
                                   else str(default))
        self.edit.textChanged.connect(self.changed.emit)
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> RawValue:
        text = self.edit.toPlainText()
        if self.field.kind is FieldKind.LIST:
            return [line for line in text.splitlines() if line.strip()]
        return text

    def set_value(self, value: RawValue) -> None:
        text = "\n".join(value) if isinstance(value, list | tuple) else str(value or "")
        self.edit.setPlainText(text)


class ChoiceField(FieldWidget):
    """One of a few choices."""

    def __init__(self, field: Field, parent: QWidget | None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"field_{field.name}")
        if not field.required:
            self.combo.addItem("")
        self.combo.addItems(list(field.choices))
        if isinstance(field.default, str):
            self.combo.setCurrentText(field.default)
        self.combo.currentTextChanged.connect(lambda _text: self.changed.emit())
        self.row.addWidget(self.combo)
        self.row.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> RawValue:
        return self.combo.currentText()

    def set_value(self, value: RawValue) -> None:
        self.combo.setCurrentText(str(value or ""))


class MultiChoiceField(FieldWidget):
    """Several of a few choices, as check boxes."""

    def __init__(self, field: Field, parent: QWidget | None) -> None:
        super().__init__(field, parent)
        self.boxes = [QCheckBox(choice) for choice in field.choices]
        chosen = field.default if isinstance(field.default, tuple) else ()
        for box in self.boxes:
            box.setChecked(box.text() in chosen)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.row.addWidget(box)
        self.row.addStretch(1)

    def value(self) -> RawValue:
        return [box.text() for box in self.boxes if box.isChecked()]

    def set_value(self, value: RawValue) -> None:
        chosen = set(value) if isinstance(value, list | tuple) else {str(value)}
        for box in self.boxes:
            box.setChecked(box.text() in chosen)


class DateTimeField(FieldWidget):
    """A date and time in a chosen zone; optional ones have a check box to leave them out."""

    def __init__(self, field: Field, zone: str, zones: Sequence[str],
                 now: Callable[[], datetime], parent: QWidget | None) -> None:
        super().__init__(field, parent)
        self._now = now
        self.enabled = QCheckBox()
        self.enabled.setToolTip(_("Include this date"))
        self.edit = QDateTimeEdit(calendarPopup=True, displayFormat="ddd d MMM yyyy, HH:mm")
        self.edit.setObjectName(f"field_{field.name}")
        self.zone = QComboBox(editable=True)
        self.zone.setObjectName(f"zone_{field.name}")
        self.zone.addItems(list(zones) if zone in zones else [zone, *zones])
        self.zone.setCurrentText(zone)
        completer = self.zone.completer()
        if completer is not None:  # an editable combo box always has one
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        # long zone names ("America/Argentina/ComodRivadavia") must not widen the whole form
        self.zone.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.zone.setMinimumContentsLength(10)
        self.zone.setToolTip(_("The recipient's time zone"))
        self.suggest = QToolButton()
        self.suggest.setText(_("Suggest"))
        self.suggest.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.suggest.setToolTip(_("Deadlines at the end of the recipient's next working days"))
        self.suggest.setMenu(QMenu(self.suggest))
        self.suggest.menu().aboutToShow.connect(self._fill_suggestions)
        for widget in (self.enabled, self.edit, self.zone, self.suggest):
            self.row.addWidget(widget)
        self.row.setStretch(1, 1)
        self.setFocusProxy(self.edit)
        self.enabled.setVisible(not field.required)
        self.set_value(self._initial(field, zone))
        self.enabled.toggled.connect(self._on_enabled_toggled)
        self.edit.dateTimeChanged.connect(lambda _value: self.changed.emit())
        self.zone.currentTextChanged.connect(lambda _text: self.changed.emit())

    def _initial(self, field: Field, zone: str) -> Moment | None:
        try:
            default = parse_value(field, field.default if isinstance(field.default, str)
                                  else None, now=self._now(), zone=zone)
        except InvalidInput:
            default = None
        if isinstance(default, Moment) or not field.required:
            return default if isinstance(default, Moment) else None
        found = self.suggestions(zone)
        return Moment(found[0], zone) if found else Moment(self._now(), zone)

    def suggestions(self, zone: str) -> list[datetime]:
        try:
            calendar = BusinessCalendar(ZoneInfo(zone), WorkingHours.office())
        except (ValueError, KeyError):
            return []
        return suggest_deadlines(self._now(), calendar, count=3)

    def _fill_suggestions(self) -> None:
        menu = self.suggest.menu()
        menu.clear()
        zone = self.zone.currentText()
        for moment in self.suggestions(zone):
            local = moment.astimezone(ZoneInfo(zone))
            action = menu.addAction(_("{when} (end of their working day)").format(
                when=self._qt(local).toString("ddd d MMM, HH:mm")))
            action.triggered.connect(lambda _c=False, m=moment: self.set_value(Moment(m, zone)))
        if menu.isEmpty():
            menu.addAction(_("No working days found for this time zone")).setEnabled(False)

    @staticmethod
    def _qt(local: datetime) -> QDateTime:
        return QDateTime(QDate(local.year, local.month, local.day),
                         QTime(local.hour, local.minute))

    def _on_enabled_toggled(self, on: bool) -> None:
        for widget in (self.edit, self.zone, self.suggest):
            widget.setEnabled(on)
        self.changed.emit()

    def value(self) -> RawValue:
        if not self.field.required and not self.enabled.isChecked():
            return None
        zone = self.zone.currentText().strip()
        try:
            tz = ZoneInfo(zone)
        except (ValueError, KeyError):
            return f"{self.edit.dateTime().toString('yyyy-MM-dd HH:mm')} {zone}"  # the form
            # reports the unknown zone through parse_value
        qdate, qtime = self.edit.date(), self.edit.time()
        local = datetime(qdate.year(), qdate.month(), qdate.day(), qtime.hour(), qtime.minute(),
                         tzinfo=tz)
        return Moment(local.astimezone(UTC), zone)

    def set_value(self, value: RawValue) -> None:
        if isinstance(value, Moment):
            self.zone.setCurrentText(value.zone)
            self.edit.setDateTime(self._qt(value.local))
        self.enabled.setChecked(isinstance(value, Moment))
        for widget in (self.edit, self.zone, self.suggest):
            widget.setEnabled(isinstance(value, Moment) or self.field.required)


def make_field_widget(field: Field, zone: str, zones: Sequence[str], people: Sequence[str],
                      now: Callable[[], datetime], parent: QWidget | None) -> FieldWidget:
    """The widget for ``field``'s type (sections are group boxes, made by the form)."""
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.LINK, FieldKind.PERSON):
        return LineField(field, people, parent)
    if kind in (FieldKind.MULTILINE, FieldKind.LIST):
        return TextField(field, parent)
    if kind is FieldKind.CHOICE:
        return ChoiceField(field, parent)
    if kind is FieldKind.MULTICHOICE:
        return MultiChoiceField(field, parent)
    return DateTimeField(field, zone, zones, now, parent)
