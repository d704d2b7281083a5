# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window built through the same wiring functions ``app.py`` calls, with fakes for the
clock and the secrets: each feature ends up in the window's menus and reaches its services."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialog

from desktop.app import FEATURES
from desktop.core.sync.items import SyncReport
from desktop.platform.paths import resolve_paths
from desktop.wiring.feature import Setup
from desktop.wiring.services import open_context
from desktop.wiring.window import build_window
from tests.fakes import FakeClock, FakeSecrets

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _texts(menu_actions: list[QAction]) -> list[str]:
    return [a.text() for a in menu_actions if not a.isSeparator()]


@pytest.fixture
def restore_palette(qapp: QApplication):
    before = QGuiApplication.palette()
    yield
    QGuiApplication.setPalette(before)
    qapp.styleHints().unsetColorScheme()


@pytest.fixture
def wired(qtbot, qapp: QApplication, tmp_path: Path):
    """The window with every feature installed through ``app.FEATURES``, as ``app.py`` does."""
    clock = FakeClock(NOW)
    paths = resolve_paths(str(tmp_path))
    context = open_context(paths, clock)
    window, formatter = build_window(context, paths, clock, "en")
    qtbot.addWidget(window)
    setup = Setup(qapp, context, paths, clock, formatter, "en", FakeSecrets())
    installed = [install(window, setup) for install in FEATURES]
    drafting, _health, _sync, importing, _focus, _desktop = installed
    yield window, context, drafting.controller, importing, setup, installed
    for feature in reversed(installed):
        feature.close()
    context.close()


def test_the_real_installs_put_drafting_and_importing_into_the_menus(wired) -> None:
    window, _context, _drafting, importing, *_rest = wired
    file_items = _texts(window.file_menu.actions())
    edit_items = _texts(window.edit_menu.actions())
    assert any("SMTP" in text for text in edit_items)  # the drafting install's account dialog
    assert "Sync mai&l now" in file_items  # the mail sync install
    assert len(importing.live) == 3  # GitHub, Slack and Matrix
    assert window.importer is not None
    assert window.importer.csv_columns is not None


def test_marked_done_after_sending_is_a_step_of_the_windows_undo_stack(wired) -> None:
    window, context, drafting, *_rest = wired
    from desktop.core.requests import Channel, Priority

    request = context.queue.add("Contract renewal", sender="ana@example.org",
                                channel=Channel.EMAIL, priority=Priority.NORMAL,
                                received_at=NOW)
    window.reload()
    assert drafting.env.mark_done is not None
    drafting.env.mark_done(request.id)  # what the draft window calls after sending
    assert request.id not in {entry.id for entry in context.queue.entries()}
    window.undo_stack.undo()  # Edit > Undo reaches it
    assert request.id in {entry.id for entry in context.queue.entries()}


def test_the_export_answer_is_remembered_in_the_settings(wired) -> None:
    _window, context, drafting, *_rest = wired
    drafting.env.set_mark_done_on_export("yes")
    assert context.queue.settings.mark_done_on_export == "yes"
    assert drafting.env.mark_done_on_export() == "yes"


def test_every_feature_lands_where_the_window_had_it(wired) -> None:
    window, *_rest = wired
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "F&ocus", "&Help"]  # Help stays last
    file_items = _texts(window.file_menu.actions())
    assert file_items[1] == "New message from &template…"  # compose: after Add request
    assert file_items[-3:] == ["Load &demo data", "S&ync with CalDAV now", "&Quit"]
    edit_items = _texts(window.edit_menu.actions())
    assert edit_items[edit_items.index("Mark &done") - 1] == "Repl&y…"
    assert edit_items[-3:] == ["This is a decisi&on", "Decision &made…", "CalDAV accoun&t…"]
    assert _texts(window.view_menu.actions())[-2:] == ["&People…", "&Health"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_find_focus_time_in_health_books_through_the_focus_feature(wired, qtbot) -> None:
    from desktop.ui.focus.time_dialog import FocusTimeDialog
    from desktop.ui.health.view import HealthView

    window, _context, _drafting, _importing, _setup, installed = wired
    focus = installed[4]
    [health] = [a for a in window.view_menu.actions() if a.text() == "&Health"]
    health.trigger()  # View > Health, built on first use
    [view] = window.findChildren(HealthView)
    view.hide()
    dialog = view.find_focus_time()
    assert isinstance(dialog, FocusTimeDialog)
    stretches = dialog.model.checked()
    assert stretches, "a week of working hours without meetings has free stretches"
    for row in range(1, dialog.model.rowCount()):
        dialog.model.setData(dialog.model.index(row), Qt.CheckState.Unchecked,
                             Qt.ItemDataRole.CheckStateRole)
    dialog.schedule_button.click()
    planned = [(s.start, s.end) for s in focus.controller.service.all_sessions()]
    assert planned == [stretches[0]]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_notifications_reply_opens_the_reply_to_that_request(wired, qtbot) -> None:
    from desktop.core.requests import Channel

    from desktop.ui.drafting.compose import ComposeDialog

    window, context, _drafting, _importing, setup, _installed = wired
    first = context.queue.add("Budget question", sender="ana@example.org",
                              channel=Channel.EMAIL, received_at=NOW)
    second = context.queue.add("Release date", sender="ben@example.org",
                               channel=Channel.EMAIL, received_at=NOW)
    window.reload()
    window.select_request(first.id)
    setup.links.reply(second.id)  # what the focus feature calls for a notification's Reply
    assert window.current_request() == context.queue.get(second.id)
    [dialog] = window.findChildren(ComposeDialog)
    qtbot.addWidget(dialog)
    assert dialog.form is not None
    assert dialog.form.raw_values()["subject"] == "Re: Release date"


def test_a_finished_sync_applies_settings_from_another_device(wired, tmp_path: Path) -> None:
    window, context, _drafting, _importing, setup, installed = wired
    sync = installed[2]
    job = open_context(setup.paths, setup.clock)  # the sync job's own connection
    job.queue.update_settings({"timezone": "America/New_York"})
    job.close()
    with_history = window.detail.history
    assert with_history is not None
    assert with_history("no-such-request") == []
    sync.controller.finished.emit(SyncReport(received=1))
    assert context.queue.settings.timezone == "America/New_York"
    assert str(setup.formatter.zone) == "America/New_York"  # times shown in the new zone
    assert not sync.controller.running  # taking the settings in is no local change


def test_the_dark_setting_recolours_the_queue_live(wired, qapp, restore_palette) -> None:
    from desktop.ui.common.appearance import queue_colours

    window, context, *_rest = wired
    context.queue.update_settings({"appearance": "dark"})
    window.settings_applied.emit()  # the settings dialog's OK
    assert window.model.colours == queue_colours(True)
    assert QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 60
    context.queue.update_settings({"appearance": "light"})
    window.settings_applied.emit()
    assert window.model.colours == queue_colours(False)


def test_closing_stops_every_feature_and_leaves_no_thread(wired) -> None:
    window, context, *_rest, installed = wired
    for number in range(200):
        context.queue.add(f"Request {number}")
    focus = installed[4]
    focus.controller.start()  # its first look at the queue runs on a worker thread
    for feature in reversed(installed):
        feature.close()
    for feature in reversed(installed):
        feature.close()  # closing twice (a signal's quit, then the app's) is harmless
    window.close()  # the window's own search and import threads
    assert [t.name for t in threading.enumerate() if t.name.startswith("unhurried")] == []
