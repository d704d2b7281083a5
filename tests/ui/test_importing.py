# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing from the window: the worker thread, progress, cancel, the report, dropped files,
and errors shown as messages. The import job is a fake injected like the real one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.core.errors import InvalidInput
from desktop.core.importing.items import ImportReport, Problem
from tests.ui.conftest import REGIONS, ZONES

from desktop.ui.importing.actions import ImportController, kind_for
from desktop.ui.main_window import MainWindow


class FakeJob:
    """Reports progress, then waits until the test lets it finish (or it is cancelled)."""

    def __init__(self, report: ImportReport | None = None, error: Exception | None = None):
        self.report = report or ImportReport(imported=3, skipped_duplicates=1)
        self.error = error
        self.calls: list[tuple[str, Path]] = []
        self.release = threading.Event()
        self.saw_cancel = False

    def __call__(self, kind, path, progress, cancelled):
        self.calls.append((kind, path))
        progress(500)
        while not self.release.wait(0.01):
            if cancelled():
                self.saw_cancel = True
                self.report.cancelled = True
                break
        if self.error is not None:
            raise self.error
        return self.report


@pytest.fixture
def job() -> FakeJob:
    return FakeJob()


@pytest.fixture
def window(qtbot, service, formatter, job) -> MainWindow:
    made = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                      data_version=lambda: 0, demo=lambda: 0, importer=job)
    qtbot.addWidget(made)
    made.load()
    return made


def finish(qtbot, controller: ImportController, job: FakeJob) -> None:
    job.release.set()
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)


def test_kinds_are_told_by_the_path(tmp_path: Path) -> None:
    (tmp_path / "Mail" / "cur").mkdir(parents=True)
    assert kind_for(tmp_path / "Mail") == "maildir"
    assert kind_for(tmp_path) is None
    for name, kind in (("a.eml", "eml"), ("x.CSV", "csv"), ("inbox", "mbox"),
                       ("b.mbox", "mbox"), ("c.pdf", None)):
        (tmp_path / name).write_text("", "utf-8")
        assert kind_for(tmp_path / name) == kind


def test_an_import_runs_in_the_background_and_reports(qtbot, window, job, tmp_path) -> None:
    controller = window.importer
    with qtbot.waitSignal(controller.imported, timeout=5000):
        assert controller.start("mbox", tmp_path / "mail.mbox")
        assert controller.running  # the window's thread is free meanwhile
        qtbot.waitUntil(lambda: controller._dialog is not None
                        and "500" in controller._dialog.labelText(), timeout=5000)
        job.release.set()
    assert job.calls == [("mbox", tmp_path / "mail.mbox")]
    box = controller.report_box
    assert "3 requests imported." in box.text()
    assert "1 was already in the queue." in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_cancel_stops_the_job_and_says_what_stays(qtbot, window, job, tmp_path) -> None:
    controller = window.importer
    controller.start("maildir", tmp_path)
    qtbot.waitUntil(lambda: bool(job.calls), timeout=5000)
    controller._dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)
    assert job.saw_cancel
    assert "what was imported before stays" in controller.report_box.text()


def test_problems_are_listed_as_plain_text_details(qtbot, window, tmp_path) -> None:
    report = ImportReport(imported=1, failed=[Problem("<b>x.eml</b>", "bad date")])
    window.importer._job = FakeJob(report)
    window.importer._job.release.set()
    window.importer.start("eml", tmp_path / "x.eml")
    qtbot.waitUntil(lambda: not window.importer.running, timeout=5000)
    box = window.importer.report_box
    assert box.detailedText() == "<b>x.eml</b>: bad date"
    assert box.icon() == QMessageBox.Icon.Warning


def test_an_unreadable_source_is_a_message_not_a_crash(qtbot, window, tmp_path,
                                                        monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.importer._job = FakeJob(error=InvalidInput("not a Maildir"))
    window.importer._job.release.set()
    window.importer.start("maildir", tmp_path)
    qtbot.waitUntil(lambda: not window.importer.running, timeout=5000)
    assert shown == ["not a Maildir"]


def test_a_file_the_user_can_fix_is_named_without_calling_it_a_bug(qtbot, window, tmp_path,
                                                                  monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.importer._job = FakeJob(error=PermissionError(13, "Permission denied", "inbox.mbox"))
    window.importer._job.release.set()
    window.importer.start("mbox", tmp_path / "inbox.mbox")
    qtbot.waitUntil(lambda: not window.importer.running, timeout=5000)
    assert shown == ["The import stopped: [Errno 13] Permission denied: 'inbox.mbox'"]
    assert window.importer._dialog is None  # the progress is gone


def test_a_dropped_maildir_is_imported(qtbot, window, job, tmp_path) -> None:
    (tmp_path / "Mail" / "new").mkdir(parents=True)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "Mail"))])
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert job.calls == [("maildir", tmp_path / "Mail")]
    finish(qtbot, window.importer, job)


def test_a_second_import_waits_for_the_first(qtbot, window, job, tmp_path,
                                              monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.importer.start("mbox", tmp_path / "a")
    assert not window.importer.start("mbox", tmp_path / "b")
    assert told
    finish(qtbot, window.importer, job)


def test_a_slack_export_asks_once_who_the_user_is(qtbot, window, job, service, tmp_path,
                                                  monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    asked: list[str] = []

    def answer(_parent, _title, label):
        asked.append(label)
        return "ann@example.org", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    zipped = tmp_path / "slack.zip"
    zipped.write_bytes(b"PK")
    assert kind_for(zipped) == "slack"
    assert window.importer.start("slack", zipped)
    finish(qtbot, window.importer, job)
    assert service.settings.me == ("ann@example.org",)
    window.importer.start("slack", zipped)
    finish(qtbot, window.importer, job)
    assert len(asked) == 1  # remembered in the settings
    assert job.calls == [("slack", zipped), ("slack", zipped)]


def test_declining_to_say_who_you_are_imports_nothing(window, job, tmp_path,
                                                       monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("", False))
    assert not window.importer.start("slack", tmp_path / "slack.zip")
    assert job.calls == []


def test_a_bug_in_the_import_is_reported_and_never_leaves_the_dialog_up(
        qtbot, window, tmp_path, monkeypatch, caplog) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.importer._job = FakeJob(error=RuntimeError("boom"))
    window.importer._job.release.set()
    window.importer.start("mbox", tmp_path / "m")
    qtbot.waitUntil(lambda: not window.importer.running, timeout=5000)
    assert "boom" in shown[0]
    assert window.importer._dialog is None
    assert "import failed" in caplog.text
