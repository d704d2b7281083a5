# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every interactive control in the windows and dialogs has a name and a description a screen
reader can say, and Tab moves through a dialog in the order it reads.

The name and description are what Qt's accessibility layer reports
(``QAccessibleInterface.text(Name)``/``text(Description)``): a set accessible name, a button's
text, or the label a form field is the buddy of; a set description, else the tool tip (or a
line edit's placeholder). A control without either is listed with its class and name, so the
failure says what to fix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.people import PeopleDirectory, Source
from desktop.platform.resources import resource_path
from desktop.platform.templates import TemplateLibrary
from desktop.store.people_repository import SqlitePeopleRepository
from tests.fakes import FakeSecrets, MemoryFocusRepository, RecordingNotifier

from desktop.ui.common.help import AboutDialog, ShortcutsDialog, install_help
from desktop.ui.common.settings_dialog import SettingsDialog
from desktop.ui.drafting.compose import ComposeDialog
from desktop.ui.drafting.dialogs import DraftsDialog, HistoryDialog, SendLaterDialog
from desktop.ui.drafting.outbox_dialog import OutboxDialog
from desktop.ui.drafting.smtp_dialog import SmtpAccountDialog
from desktop.ui.drafting.window import DraftWindow
from desktop.ui.focus.controller import FocusController
from desktop.ui.focus.dialog import ScheduleDialog, StartFocusDialog
from desktop.ui.focus.time_dialog import FocusTimeDialog
from desktop.ui.health.view import HealthView
from desktop.ui.importing.csv_mapping import CsvMappingDialog
from desktop.ui.importing.imap_dialog import MailAccountDialog
from desktop.ui.importing.live_source import LiveSource, SourceAccountDialog
from desktop.ui.people.view import PeopleDialog
from desktop.ui.queue.add_dialog import AddRequestDialog
from desktop.ui.queue.trash import DeletedDialog
from desktop.ui.sync.caldav_dialog import AccountForm, CalDavDialog

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QTextEdit, QPlainTextEdit, QAbstractSlider)


def unnamed(root: QWidget) -> list[str]:
    """The interactive controls under ``root`` (itself included) that have no name or no
    description."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the line edit inside a spin box or combo box: named through its owner
        if isinstance(widget, (QScrollBar, QHeaderView)):
            continue  # parts of a view, announced by their role and the header's texts
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        about = face.text(QAccessible.Text.Description) if face is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} '{widget.objectName()}'")
        elif not about.strip():
            missing.append(f"{type(widget).__name__} '{name}' has no description")
    return missing


def _reads_before(first: QWidget, second: QWidget, root: QWidget) -> bool:
    """Whether ``first`` comes before ``second`` in reading order: above it, or on the same
    line and to its left."""
    a, b = (QRect(w.mapTo(root, QPoint(0, 0)), w.size()) for w in (first, second))
    if b.top() >= a.bottom() - 2 or a.top() >= b.bottom() - 2:  # on different lines
        return a.top() < b.top()
    return a.left() <= b.left()


def tab_order_breaks(root: QWidget) -> list[str]:
    """Places where Tab in ``root`` goes back up or to the left (reading order broken)."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget not in chain:
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if (takes_tab and widget.isVisibleTo(root) and widget.isEnabled()
                and widget.window() is root
                and not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return [f"{_label(a)} -> {_label(b)}" for a, b in pairwise(chain)
            if not _reads_before(a, b, root)]


def _label(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return f"{type(widget).__name__} '{face.text(QAccessible.Text.Name) if face else ''}'"


@pytest.fixture
def focus(window, repository, clock, formatter) -> FocusController:
    desktop = RecordingNotifier()
    service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                           lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, service, formatter, desktop, QIcon(), lambda: True)
    install_help(window, "Unhurried", "1.0", Path("/data"))
    window.load()
    return controller


def _dialogs(window, focus, service, formatter) -> dict[str, Callable[[], QWidget]]:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    return {
        "settings": lambda: SettingsDialog(service, ["UTC", "Europe/Berlin"], {"DE": ["BE"]},
                                           window),
        "start focus": lambda: StartFocusDialog(focus.service.state(), formatter, now, window),
        "schedule": lambda: ScheduleDialog(list, lambda text: None, lambda text: None, window),
        "keyboard shortcuts": lambda: ShortcutsDialog(window),
        "about": lambda: AboutDialog("Unhurried", "1.0", Path("/data"), window),
        "smtp account": lambda: SmtpAccountDialog(None, lambda account, password: None,
                                                  window),
        "csv columns": lambda: CsvMappingDialog("tasks.csv", ["Title", "Due"],
                                                [["Q3 budget", "2026-12-01"]], {}, window),
        "mail account": lambda: MailAccountDialog(service, FakeSecrets(),
                                                  lambda *args: [], window),
        "add request": lambda: AddRequestDialog(service, window),
        "caldav account": lambda: CalDavDialog(AccountForm(), lambda *args: [],
                                               lambda form, password: None, window),
        "send later": lambda: SendLaterDialog(now, formatter, "America/New_York"),
        "github account": lambda: SourceAccountDialog(LiveSource(
            "GitHub", lambda *args: None, lambda: None, lambda *args: None,
            "https://api.github.com", "Mark done on GitHub", 2), window),
        "find focus time": lambda: FocusTimeDialog(
            [(now, now + timedelta(hours=2))], lambda span: None, formatter.locale,
            formatter.zone),
    }


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_main_window_has_no_unnamed_control(window, focus, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert unnamed(window) == [], unnamed(window)
    focus.service.start(length=timedelta(minutes=30))  # the banner's buttons show
    focus.refresh()
    focus.show_requests(("a",))  # and the notice's
    assert focus.banner.isVisibleTo(window)
    assert focus.notice.isVisibleTo(window)
    assert unnamed(window) == [], unnamed(window)


@pytest.mark.parametrize("name", ["settings", "start focus", "schedule", "keyboard shortcuts",
                                  "about", "smtp account", "csv columns", "mail account",
                                  "add request", "caldav account", "send later",
                                  "find focus time", "github account"])
def test_no_dialog_has_an_unnamed_control(window, focus, service, formatter, qtbot,
                                          name) -> None:
    dialog = _dialogs(window, focus, service, formatter)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == [], unnamed(dialog)
    assert tab_order_breaks(dialog) == [], tab_order_breaks(dialog)
    dialog.close()


def test_the_tab_order_check_finds_a_jump_back_up(qtbot) -> None:
    dialog = QWidget()
    qtbot.addWidget(dialog)
    edits = [QLineEdit(dialog) for _ in range(3)]
    for row, edit in enumerate(edits):
        edit.move(0, 40 * row)
    dialog.show()
    assert tab_order_breaks(dialog) == []
    QWidget.setTabOrder(edits[0], edits[2])  # first, third, then up to the second
    assert len(tab_order_breaks(dialog)) == 1


def test_the_draft_window_has_no_unnamed_control(draft_env, qtbot) -> None:
    window = DraftWindow(draft_env, draft_env.drafts.create(subject="Q3 budget"),
                         autosave_ms=20)
    qtbot.addWidget(window)
    window.show()
    assert unnamed(window) == [], unnamed(window)
    window.close()


def test_the_people_dialog_has_no_unnamed_control(db, clock, qtbot) -> None:
    directory = PeopleDirectory(SqlitePeopleRepository(db), clock)
    directory.learn("Ana Lima <ana@x.org>", Source.MAIL_DATE, zone="Etc/GMT+5")
    dialog = PeopleDialog(directory)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == [], unnamed(dialog)
    assert tab_order_breaks(dialog) == [], tab_order_breaks(dialog)
    dialog.close()


def test_the_outbox_and_drafts_dialogs_have_no_unnamed_control(draft_env, qtbot) -> None:
    draft = draft_env.drafts.create(subject="Q3 budget")
    for dialog in (OutboxDialog(draft_env.outbox, draft_env.formatter, lambda _d: None),
                   DraftsDialog(lambda: [draft], draft_env.formatter, lambda _d: None,
                                lambda _d: lambda: None),
                   HistoryDialog(draft_env.drafts.history(draft.id), draft_env.formatter),
                   DeletedDialog(list, lambda ids: None, draft_env.formatter,
                                 lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC))):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed(dialog) == [], (type(dialog).__name__, unnamed(dialog))
        assert tab_order_breaks(dialog) == [], (type(dialog).__name__, tab_order_breaks(dialog))
        dialog.close()


def test_the_compose_dialog_and_the_health_view_have_no_unnamed_control(
        tmp_path: Path, formatter, qtbot) -> None:
    library = TemplateLibrary(resource_path("templates"), tmp_path / "user",
                              own_zone="Europe/Berlin")
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    compose = ComposeDialog(library, lambda: now, "UTC", ["UTC", "Europe/Berlin"])
    health = HealthView(lambda count: [], list, None, formatter.locale, formatter.zone)
    for widget in (compose, health):
        qtbot.addWidget(widget)
        widget.show()
        assert unnamed(widget) == [], (type(widget).__name__, unnamed(widget))
    compose.close()
    health.close()
