# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing in the window: IMAP mail sync, the CSV column mapping and the live sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from desktop.wiring.feature import Setup
from desktop.wiring.window import csv_preview

if TYPE_CHECKING:
    from desktop.ui.common.host import FeatureWindow
    from desktop.ui.importing.live_source import LiveSourceController
    from desktop.ui.importing.mail_sync import MailSyncController

MAIL_SYNC_DELAY_MS = 1500
LIVE_SYNC_DELAY_MS = 3000


@dataclass(frozen=True, slots=True)
class Importing:
    """The window's mail sync and live sources, each reloading the queue when it synced."""

    mail: MailSyncController
    live: list[LiveSourceController]

    def start(self) -> None:
        """Sync each once the window has shown (not asked by the user: quiet on failure)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(MAIL_SYNC_DELAY_MS, lambda: self.mail.sync(asked=False))
        for source in self.live:
            QTimer.singleShot(LIVE_SYNC_DELAY_MS, partial(source.sync, asked=False))

    def close(self) -> None:
        """Stop the syncs after their current batch: what was imported so far stays."""
        self.mail.cancel_and_wait()
        for source in self.live:
            source.cancel_and_wait()


def install(window: FeatureWindow, setup: Setup) -> Importing:
    """Give the window its importers: File menu actions, status and reload on sync."""
    from desktop.wiring.live_sources import install_live_sources  # the sources' clients
    from desktop.wiring.mail import list_mail_folders, run_sync_job

    from desktop.ui.importing.csv_mapping import CsvColumns
    from desktop.ui.importing.mail_sync import MailSyncController

    context, paths, clock, secrets = setup.context, setup.paths, setup.clock, setup.secrets
    mail = MailSyncController(context.queue, partial(run_sync_job, paths, clock, secrets),
                              secrets, partial(list_mail_folders, context), window.main_window(),
                              clock_text=setup.formatter.clock)
    mail.install(window.file_menu, window.demo_action)
    if window.importer is not None:
        window.importer.csv_columns = CsvColumns(context.queue, csv_preview,
                                                 window.main_window())
    mail.synced.connect(window.reload)
    live = install_live_sources(window, setup)
    for source in live:
        source.synced.connect(window.reload)
    return Importing(mail, live)
