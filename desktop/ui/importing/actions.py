# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing from the window: File > Import…, files dropped on the window, a progress dialog
that can cancel, and the report afterwards.

The import itself runs on a worker thread through an injected job (the app opens a store
connection of its own for it), so the window stays responsive; batches already committed
stay when the user cancels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.importing.items import ImportReport
from desktop.core.queue.service import QueueService
from desktop.core.settings import registry as setting

from desktop.ui.common.host import CsvColumnsChoice
from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)

ImportJob = Callable[..., ImportReport]
"""Runs one import: (kind, path, progress(items read), cancelled()[, mapping=]) -> report; a
CSV's column ``mapping`` is passed only when there is one."""

_SHOWN_PROBLEMS = 200


def kind_for(path: Path) -> str | None:
    """What a dropped or chosen path is: ``maildir``, ``mbox``, ``eml``, ``csv`` or ``None``."""
    if path.is_dir():
        return "maildir" if (path / "cur").is_dir() or (path / "new").is_dir() else None
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "slack"
    if suffix == ".eml":
        return "eml"
    if suffix == ".csv":
        return "csv"
    if suffix in (".ics", ".ical", ".ifb"):
        return "ics"
    if suffix in (".mbox", ".mbx", "") or path.name.lower() in ("inbox", "mbox"):
        return "mbox"
    return None


class ImportController(QObject):
    """Owns the import actions and runs one import at a time."""

    progressed = Signal(int)
    done = Signal(ImportReport)
    """An import ran to its end (or was cancelled): what it read, kept and skipped."""
    failed = Signal(str)
    """An import stopped early; the message says why, for the user."""
    imported = Signal()

    def __init__(self, job: ImportJob, parent: QWidget,
                 know_user: Callable[[], bool] = lambda: True) -> None:
        super().__init__(parent)
        self._job = job
        self._know_user = know_user  # Slack: makes sure we know who "me" is (may ask)
        self._window = parent
        self._op = Operation(self, "unhurried-import")
        self._dialog: QProgressDialog | None = None
        self.report_box: QMessageBox | None = None
        """The last import's report (kept so it stays open, and for tests)."""
        self.csv_columns: CsvColumnsChoice | None = None
        """Decides a CSV file's columns before the import (may ask); set by the app."""
        self.progressed.connect(self._on_progressed)
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.actions = [
            self._action(_("Import mail &folder (Maildir)…"), self._choose_maildir),
            self._action(_("Import mail&box or .eml file…"), self._choose_mail_file),
            self._action(_("Import tracker &CSV…"), self._choose_csv),
            self._action(_("Import CSV, choosing the col&umns…"),
                         lambda: self._choose_csv(columns=True)),
            self._action(_("Import &Slack export (.zip)…"), self._choose_slack),
            self._action(_("Import calendar (.&ics)…"), self._choose_calendar),
        ]
        self._kind = ""

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._op.running

    def start(self, kind: str, path: Path, *, choose_columns: bool = False) -> bool:
        """Import ``path`` as ``kind`` on the worker thread; ``False`` if one is running (or
        the user cancelled the choice of a CSV's columns)."""
        if self.running:
            QMessageBox.information(self._window, _("Import"),
                                    _("An import is already running; wait for it to finish."))
            return False
        if kind == "slack" and not self._know_user():
            return False
        mapping = None
        if kind == "csv" and self.csv_columns is not None:
            go_on, mapping = self.csv_columns(path, choose_columns)
            if not go_on:
                return False
        self._kind = kind
        dialog = QProgressDialog(_("Importing {name}…").format(name=path.name), _("Cancel"),
                                 0, 0, self._window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(_("Import"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self._op.cancel)
        self._dialog = dialog
        extra = {"mapping": mapping} if mapping else {}

        def describe(error: Exception) -> str:
            if isinstance(error, OSError):  # a file or disk the user can fix
                return _("The import stopped: {error}").format(error=error)
            return _("The import stopped because of an error: {error}. What was imported "
                     "before it stays; the log has the details.").format(error=error)

        return self._op.start(
            lambda step: self._job(kind, path, step.progress, step.cancelled, **extra),
            done=self.done.emit, failed=self.failed.emit, progress=self.progressed.emit,
            describe=describe)

    def drop(self, paths: Iterable[Path]) -> bool:
        """Import the first dropped path that is mail or CSV; says so if none is."""
        for path in paths:
            kind = kind_for(path)
            if kind is not None:
                return self.start(kind, path)
        QMessageBox.warning(self._window, _("Import"),
                            _("Drop a Maildir folder, an mbox or .eml file, a CSV export, a "
                              "Slack export (.zip) or a calendar (.ics)."))
        return False

    def cancel_and_wait(self) -> None:
        """Stop a running import after its current batch (the window is closing)."""
        self._op.cancel_and_wait()

    # -- main thread -----------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _choose_maildir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, _("Choose a Maildir folder"))
        if folder:
            self.start("maildir", Path(folder))

    def _choose_mail_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, _("Choose an mbox or .eml file"), "",
            _("Mail (*.mbox *.mbx *.eml);;All files (*)"))
        if name:
            path = Path(name)
            self.start("eml" if path.suffix.lower() == ".eml" else "mbox", path)

    def _choose_csv(self, *, columns: bool = False) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, _("Choose a CSV export"), "", _("CSV (*.csv);;All files (*)"))
        if name:
            self.start("csv", Path(name), choose_columns=columns)

    def _choose_slack(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, _("Choose a Slack workspace export"), "", _("Zip (*.zip)"))
        if name:
            self.start("slack", Path(name))

    def _choose_calendar(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, _("Choose a calendar file"), "", _("Calendar (*.ics);;All files (*)"))
        if name:
            self.start("ics", Path(name))

    def _on_progressed(self, count: int) -> None:
        if self._dialog is not None:
            self._dialog.setLabelText(ngettext("{count} item read…", "{count} items read…",
                                               count).format(count=count))

    def _on_done(self, report: ImportReport) -> None:
        self._close_progress()
        self.imported.emit()
        self._show_report(report)

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self._window, _("Import"), message)

    def _close_progress(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    def _show_report(self, report: ImportReport) -> None:
        box = QMessageBox(self._window)
        box.setObjectName("importReport")
        box.setWindowTitle(_("Import"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        lines = [ngettext("{count} request imported.", "{count} requests imported.",
                          report.imported).format(count=report.imported),
                 ngettext("{count} was already in the queue.", "{count} were already in the "
                          "queue.", report.skipped_duplicates).format(
                     count=report.skipped_duplicates)]
        if self._kind == "ics":  # a calendar replaces its events: nothing is "already there"
            lines = [ngettext("{count} calendar event imported; View > Health shows your "
                              "meeting hours.", "{count} calendar events imported; View > "
                              "Health shows your meeting hours.", report.imported).format(
                count=report.imported)]
        if report.answered:
            lines.append(ngettext("{count} marked done: you had replied.",
                                  "{count} marked done: you had replied.",
                                  report.answered).format(count=report.answered))
        if report.cancelled:
            lines.append(_("Cancelled: what was imported before stays."))
        if report.failed:
            lines.append(ngettext("{count} problem; see the details.",
                                  "{count} problems; see the details.",
                                  len(report.failed)).format(count=len(report.failed)))
            shown = [f"{p.where}: {p.reason}" for p in report.failed[:_SHOWN_PROBLEMS]]
            if len(report.failed) > _SHOWN_PROBLEMS:
                shown.append(_("… and {count} more (unhurried import --json lists all).")
                             .format(count=len(report.failed) - _SHOWN_PROBLEMS))
            box.setDetailedText("\n".join(shown))
        box.setText("\n".join(lines))
        box.setIcon(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information)
        box.open()
        self.report_box = box


def know_user(queue: QueueService, parent: QWidget) -> bool:
    """Before a Slack import: the user's name there, asked once and kept in settings."""
    if queue.settings.me:
        return True
    text, ok = QInputDialog.getText(
        parent, _("Import"), _("Who are you in this workspace? Your Slack name, id or email:"))
    if not ok or not text.strip():
        return False
    try:
        queue.update_settings({setting.ME.key: text})
    except InvalidInput as error:
        QMessageBox.warning(parent, _("Import"), error.message)
        return False
    return True


def dropped_paths(urls: Iterable[QUrl]) -> list[Path]:
    """Local file paths from dropped URLs."""
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
