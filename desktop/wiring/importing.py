# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing in the window: IMAP mail sync, the CSV column mapping and the live sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from desktop.platform.paths import AppPaths
from desktop.wiring.live_sources import install_live_sources
from desktop.wiring.mail import list_mail_folders, run_sync_job
from desktop.wiring.services import Context
from desktop.wiring.window import csv_preview

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.core.ports import Clock, SecretStore

    from desktop.ui.importing.live_source import LiveSourceController
    from desktop.ui.importing.mail_sync import MailSyncController
    from desktop.ui.main_window import MainWindow

MAIL_SYNC_DELAY_MS = 1500
LIVE_SYNC_DELAY_MS = 3000


@dataclass(frozen=True, slots=True)
class Importing:
    """The window's mail sync and live sources, each reloading the queue when it synced."""

    mail: MailSyncController
    live: list[LiveSourceController]

    def sync_later(self) -> None:
        """Sync each once the window has shown (not asked by the user: quiet on failure)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(MAIL_SYNC_DELAY_MS, lambda: self.mail.sync(asked=False))
        for source in self.live:
            QTimer.singleShot(LIVE_SYNC_DELAY_MS, partial(source.sync, asked=False))


def install_importing(app: QApplication, window: MainWindow, context: Context,
                      paths: AppPaths, clock: Clock, secrets: SecretStore) -> Importing:
    """Give the window its importers: File menu actions, status and reload on sync."""
    from desktop.ui.importing.csv_mapping import CsvColumns
    from desktop.ui.importing.mail_sync import MailSyncController

    mail = MailSyncController(context.queue, partial(run_sync_job, paths, clock, secrets),
                              secrets, partial(list_mail_folders, context), window)
    mail.install(window.file_menu, window.demo_action)
    if window.importer is not None:
        window.importer.csv_columns = CsvColumns(context.queue, csv_preview, window)
    mail.synced.connect(window.reload)
    app.aboutToQuit.connect(mail.cancel_and_wait)
    live = install_live_sources(window, window.file_menu, window.demo_action, context, paths,
                                clock, secrets)
    for source in live:
        source.synced.connect(window.reload)
        app.aboutToQuit.connect(source.cancel_and_wait)
    return Importing(mail, live)
