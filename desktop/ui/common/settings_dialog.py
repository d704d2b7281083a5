# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The settings dialog, built from the settings registry.

Working hours get one line per weekday, the policy a channel × priority grid, the language a
list; every other visible entry is placed by :class:`RegistryPage` from its declaration (the
last tab takes whatever no other page shows). Every value is typed in the same text form the
command line takes, and checked by the entry's own parser on OK.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

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
from desktop.core.requests import Channel, Priority
from desktop.core.settings import VISIBLE, SettingsAccess, SettingSpec, policy_key, spec_of
from desktop.core.settings import registry as setting
from desktop.core.working_hours import DAY_NAMES

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.error_text import error_label
from desktop.ui.common.settings_fields import RegistryPage

_DAY_LABELS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
               N_("Saturday"), N_("Sunday"))
T = TypeVar("T")

# Language names stay in their own language, so anyone can find theirs; the code is the setting.
LANGUAGES = (("", N_("System language")), ("en", "English"), ("de", "Deutsch"),
             ("en_XA", N_("Pseudo (layout check)")))


def _label(spec: SettingSpec[T]) -> str:
    """The translated label of a setting (a variable, so extraction sees no key as text)."""
    return _(spec.label)


def _help(spec: SettingSpec[T]) -> str:
    """The translated help text of a setting."""
    return _(spec.help)


OWN_WIDGETS = (setting.TIMEZONE, setting.WORKING_HOURS, setting.DAYS_OFF, setting.HOLIDAYS,
               setting.AT_RISK, setting.LANGUAGE)
"""The visible entries this dialog edits with widgets of its own (the policy grid aside)."""
FOCUS_ENTRIES = tuple(spec for spec in VISIBLE if spec.group == setting.FOCUS)
"""The settings on the "Focus and notifications" page."""
APPEARANCE_ENTRIES = (setting.APPEARANCE, setting.ME)
POLICY_ENTRIES = (setting.FOLLOW_UP,)
OTHER_ENTRIES = tuple(
    spec for spec in VISIBLE
    if spec.attr and spec not in OWN_WIDGETS + FOCUS_ENTRIES + APPEARANCE_ENTRIES + POLICY_ENTRIES
)
"""Every other visible entry (sending, network): no visible setting is left out of the dialog."""


class SettingsDialog(QDialog):
    """Edits the settings; on OK they are stored and every reply-by is derived again.

    Args:
        queue: reads and stores settings (the queue service, which re-derives reply-bys).
        zones: IANA zone names to offer.
        regions: holiday countries and their subdivisions.
    """

    def __init__(self, queue: SettingsAccess, zones: Sequence[str],
                 regions: Mapping[str, Sequence[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self._queue = queue
        self.changed = 0
        tabs = QTabWidget()
        tabs.setUsesScrollButtons(False)  # every page in sight: the dialog grows to fit
        tabs.addTab(self._time_page(zones, regions), _("Working time"))
        tabs.addTab(self._policy_page(), _("Response-time policy"))
        tabs.addTab(self._appearance_page(), _("Appearance"))
        self.focus_page = RegistryPage(FOCUS_ENTRIES, self._queue.settings.text)
        tabs.addTab(self.focus_page, _("Focus and notifications"))
        self.other_page = RegistryPage(OTHER_ENTRIES, self._queue.settings.text)
        tabs.addTab(self.other_page, _("Sending and network"))
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
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
        describe(self.zone,
                 _("Your time zone: reply-by times are counted in your working hours there."))
        form.addRow(_label(setting.TIMEZONE), self.zone)

        hours = settings.working_hours
        box = QGroupBox(_label(setting.WORKING_HOURS))
        grid = QFormLayout(box)
        self.days: list[QLineEdit] = []
        for day, label in enumerate(_DAY_LABELS):
            edit = QLineEdit(",".join(str(r) for r in hours.days[day]),
                             placeholderText=_("no work, or e.g. 09:00-12:00,13:00-17:00"))
            self.days.append(edit)
            grid.addRow(_(label), edit)
        form.addRow(box)

        self.days_off = QLineEdit(",".join(d.isoformat() for d in sorted(settings.days_off)))
        self.days_off.setPlaceholderText(_help(setting.DAYS_OFF))
        self.days_off.setMinimumWidth(  # the hint is the only example of the format: show it
            self.days_off.fontMetrics().horizontalAdvance(self.days_off.placeholderText()) + 24)
        form.addRow(_label(setting.DAYS_OFF), self.days_off)

        self.country = QComboBox()
        self.country.addItem(_("No public holidays"), "")
        for code in sorted(regions):
            self.country.addItem(code, code)
        self.subdivision = QComboBox()
        describe(self.country, _("The country whose public holidays are not working days."))
        describe(self.subdivision, _("The region of that country, for regional holidays."))
        self._regions = regions
        self.country.currentIndexChanged.connect(self._on_country_changed)
        country, sub = settings.holidays or ("", None)
        sub = sub or ""
        self.country.setCurrentIndex(max(self.country.findData(country), 0))
        self._on_country_changed()
        self.subdivision.setCurrentIndex(max(self.subdivision.findData(sub), 0))
        form.addRow(_label(setting.HOLIDAYS), self.country)
        form.addRow(_("Region"), self.subdivision)

        self.at_risk = QSpinBox(minimum=0, maximum=7 * 24 * 60, suffix=_(" min"))
        self.at_risk.setValue(int(settings.at_risk.total_seconds()) // 60)
        describe(self.at_risk,
                 _("A request counts as at risk when less business time than this is left."))
        form.addRow(_label(setting.AT_RISK), self.at_risk)
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
                edit = QLineEdit(self._queue.settings.text(spec_of(key)))
                edit.setAccessibleName(f"{_(channel.label)} {_(priority.label)}")
                describe(edit,
                         _("The reply-by target for this channel and priority, e.g. 1bd or 4bh."))
                self.targets[key] = edit
                grid.addWidget(edit, row, col)
        self.policy_extra = RegistryPage(POLICY_ENTRIES, self._queue.settings.text)
        grid.addWidget(self.policy_extra, len(Channel) + 2, 0, 1, len(Priority) + 1)
        grid.setRowStretch(len(Channel) + 3, 1)
        return page

    def _appearance_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        describe(self.language, _("The language of the window; it changes at the next start."))
        for code, name in LANGUAGES:
            self.language.addItem(_(name) if code in ("", "en_XA") else name, code)
        current = self._queue.settings.language
        index = self.language.findData(current)
        if index < 0:  # a code typed on the command line, e.g. de_AT: keep it selectable
            self.language.addItem(current, current)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)
        form.addRow(_label(setting.LANGUAGE), self.language)
        self.appearance_page = RegistryPage(APPEARANCE_ENTRIES, self._queue.settings.text)
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
            setting.TIMEZONE.key: self.zone.currentText().strip(),
            setting.WORKING_HOURS.key: week or "none",
            setting.DAYS_OFF.key: self.days_off.text(),
            setting.HOLIDAYS.key: "-".join(p for p in (country, sub) if p) or "none",
            setting.AT_RISK.key: str(self.at_risk.value()),
            setting.LANGUAGE.key: self.language.currentData() or "",
        }
        values |= {key: edit.text() for key, edit in self.targets.items()}
        for page in (self.focus_page, self.appearance_page, self.policy_extra, self.other_page):
            values |= page.values()
        return values

    def accept(self) -> None:
        """Store the settings, or stay open and say what cannot be accepted."""
        values = self.values()
        try:
            self.changed = self._queue.update_settings(values)
        except InvalidInput as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()
