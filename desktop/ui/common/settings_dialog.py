# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The settings dialog, built from the settings registry.

Working hours get one line per weekday, the policy a channel × priority grid; every value is
typed in the same text form the command line takes, and checked by the core on OK.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority
from desktop.core.settings import REGISTRY, policy_key
from desktop.core.working_hours import DAY_NAMES, format_working_hours, parse_working_hours

from desktop.ui.common.settings_fields import RegistryPage

_DAY_LABELS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
               N_("Saturday"), N_("Sunday"))
# Language names stay in their own language, so anyone can find theirs; the code is the setting.
LANGUAGES = (("", N_("System language")), ("en", "English"), ("de", "Deutsch"),
             ("en_XA", N_("Pseudo (layout check)")))


def _label(key: str) -> str:
    """The translated label of a setting (a variable, so extraction sees no key as text)."""
    return _(REGISTRY[key].label)


def _help(key: str) -> str:
    """The translated help text of a setting."""
    return _(REGISTRY[key].help)


FOCUS_KEYS = ("focus_margin_minutes", "focus_allow", "focus_digest_times",
              "notify_every_minutes", "quiet_desktop", "notification_style", "close_to_tray",
              "start_at_login")
"""The settings on the "Focus and notifications" page, generated from the registry."""


class SettingsDialog(QDialog):
    """Edits the settings; on OK they are stored and every reply-by is derived again.

    Args:
        queue: the queue service (reads and stores settings).
        zones: IANA zone names to offer.
        regions: holiday countries and their subdivisions.
    """

    def __init__(self, queue: QueueService, zones: Sequence[str],
                 regions: Mapping[str, Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self._queue = queue
        self.changed = 0
        tabs = QTabWidget()
        tabs.addTab(self._time_page(zones, regions), _("Working time"))
        tabs.addTab(self._policy_page(), _("Response-time policy"))
        tabs.addTab(self._appearance_page(), _("Appearance"))
        self.focus_page = RegistryPage(FOCUS_KEYS, self._queue.setting_text)
        tabs.addTab(self.focus_page, _("Focus and notifications"))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _time_page(self, zones: Sequence[str], regions: Mapping[str, Sequence[str]]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.zone = QComboBox(editable=True)
        self.zone.addItems(list(zones))
        settings = self._queue.settings
        self.zone.setCurrentText(settings.timezone)
        self.zone.setCompleter(QCompleter(list(zones), self.zone))
        form.addRow(_label("timezone"), self.zone)

        hours = settings.working_hours
        box = QGroupBox(_label("working_hours"))
        grid = QFormLayout(box)
        self.days: list[QLineEdit] = []
        for day, label in enumerate(_DAY_LABELS):
            edit = QLineEdit(",".join(str(r) for r in hours.days[day]),
                             placeholderText=_("no work, or e.g. 09:00-12:00,13:00-17:00"))
            self.days.append(edit)
            grid.addRow(_(label), edit)
        form.addRow(box)

        self.days_off = QLineEdit(",".join(d.isoformat() for d in sorted(settings.days_off)))
        self.days_off.setPlaceholderText(_help("days_off"))
        self.days_off.setMinimumWidth(  # the hint is the only example of the format: show it
            self.days_off.fontMetrics().horizontalAdvance(self.days_off.placeholderText()) + 24)
        form.addRow(_label("days_off"), self.days_off)

        self.country = QComboBox()
        self.country.addItem(_("No public holidays"), "")
        for code in sorted(regions):
            self.country.addItem(code, code)
        self.subdivision = QComboBox()
        self._regions = regions
        self.country.currentIndexChanged.connect(self._on_country_changed)
        country, sub = settings.holidays or ("", None)
        sub = sub or ""
        self.country.setCurrentIndex(max(self.country.findData(country), 0))
        self._on_country_changed()
        self.subdivision.setCurrentIndex(max(self.subdivision.findData(sub), 0))
        form.addRow(_label("holidays"), self.country)
        form.addRow(_("Region"), self.subdivision)

        self.at_risk = QSpinBox(minimum=0, maximum=7 * 24 * 60, suffix=_(" min"))
        self.at_risk.setValue(int(settings.at_risk.total_seconds()) // 60)
        form.addRow(_label("at_risk_minutes"), self.at_risk)
        return page

    def _policy_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(QLabel(_("Write 1bd (business days), 4bh (business hours) or 48h.")),
                       0, 0, 1, len(Priority) + 1)
        self.targets: dict[str, QLineEdit] = {}
        for col, priority in enumerate(Priority, start=1):
            grid.addWidget(QLabel(f"<b>{_(priority.label)}</b>"), 1, col)
        for row, channel in enumerate(Channel, start=2):
            grid.addWidget(QLabel(_(channel.label)), row, 0)
            for col, priority in enumerate(Priority, start=1):
                key = policy_key(channel, priority)
                edit = QLineEdit(self._queue.setting_text(key))
                edit.setAccessibleName(f"{_(channel.label)} {_(priority.label)}")
                self.targets[key] = edit
                grid.addWidget(edit, row, col)
        grid.setRowStretch(len(Channel) + 2, 1)
        return page

    def _appearance_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(_(name) if code in ("", "en_XA") else name, code)
        current = self._queue.settings.language
        index = self.language.findData(current)
        if index < 0:  # a code typed on the command line, e.g. de_AT: keep it selectable
            self.language.addItem(current, current)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)
        form.addRow(_label("language"), self.language)
        self.appearance_page = RegistryPage(("appearance", "me"), self._queue.setting_text)
        form.addRow(self.appearance_page)
        note = QLabel(_("A new language applies when Unhurried starts again."), wordWrap=True)
        note.setObjectName("languageNote")
        form.addRow("", note)
        return page

    def _on_country_changed(self) -> None:
        self.subdivision.clear()
        self.subdivision.addItem(_("Whole country"), "")
        for sub in self._regions.get(self.country.currentData() or "", ()):
            self.subdivision.addItem(sub, sub)

    def values(self) -> dict[str, str]:
        """The dialog's content as setting texts."""
        week = "; ".join(f"{DAY_NAMES[d]} {e.text().strip()}" for d, e in enumerate(self.days)
                         if e.text().strip())
        country = self.country.currentData() or ""
        sub = self.subdivision.currentData() or ""
        values = {
            "timezone": self.zone.currentText().strip(),
            "working_hours": week or "none",
            "days_off": self.days_off.text(),
            "holidays": "-".join(p for p in (country, sub) if p) or "none",
            "at_risk_minutes": str(self.at_risk.value()),
            "language": self.language.currentData() or "",
        }
        values |= {key: edit.text() for key, edit in self.targets.items()}
        values |= self.focus_page.values() | self.appearance_page.values()
        return values

    def accept(self) -> None:
        """Store the settings, or stay open and say what cannot be accepted."""
        values = self.values()
        try:
            if values["working_hours"] != "none":
                values["working_hours"] = format_working_hours(
                    parse_working_hours(values["working_hours"]))
            self.changed = self._queue.update_settings(values)
        except InvalidInput as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()
