# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main window: building it, showing the queue in it, raising it, the CSV preview."""

from __future__ import annotations

import contextlib
import logging
import zoneinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from desktop.platform.holidays import supported_regions
from desktop.platform.i18n import formatting_locale
from desktop.platform.paths import AppPaths
from desktop.store.prefetch import QueuePrefetch
from desktop.wiring.demo import load_demo
from desktop.wiring.services import Context, reading_search, run_import_job

if TYPE_CHECKING:
    from desktop.core.ports import Clock
    from desktop.core.queue.buckets import QueueEntry

    from desktop.ui.common.formatting import Formatter
    from desktop.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

def show_queue(window: MainWindow, context: Context, prefetch: QueuePrefetch | None,
                seen_version: int) -> None:
    """Show the window with the queue: a large one paints its top first and reads the rest
    after (on the prefetch thread, then ``rest_read`` on the window's thread)."""
    head = prefetch.head() if prefetch else None
    if prefetch is None or head is None:
        window.load(prefetch.entries() if prefetch else None, seen_version)
        window.show()
        return
    def rest() -> list[QueueEntry]:
        entries = prefetch.entries()  # an empty queue is [], not a failure to read it
        return context.queue.entries() if entries is None else entries

    window.load_head(head, rest, seen_version)
    window.show()

    def rest_read() -> None:  # on the prefetch thread
        try:
            window.model.read_rest()  # placed here, so the GUI thread only swaps them in
        except Exception:  # the GUI thread places them again on complete(), and reports
            logger.warning("could not place the queue on the reading thread", exc_info=True)
        with contextlib.suppress(RuntimeError):  # the window was closed before that
            window.rest_read.emit()

    prefetch.read_rest(then=rest_read)


def raise_window(window: object) -> None:
    from PySide6.QtWidgets import QMainWindow

    if isinstance(window, QMainWindow):
        window.showNormal()
        window.raise_()
        window.activateWindow()



def csv_preview(path: Path, limit: int = 5) -> tuple[str, list[str], list[list[str]]]:
    from desktop.sources.tracker_csv import preview

    return preview(path, limit)


def build_window(context: Context, paths: AppPaths, clock: Clock,
                 language: str) -> tuple[MainWindow, Formatter]:
    """The main window over the queue, with dates in the user's language and zone."""
    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.main_window import MainWindow

    formatter = Formatter(safe_locale(formatting_locale(language)),
                          ZoneInfo(context.queue.settings.timezone))
    window = MainWindow(
        context.queue, formatter,
        settings_choices=lambda: (sorted(zoneinfo.available_timezones()),
                                  supported_regions()),
        data_version=context.requests.data_version,
        demo=lambda: load_demo(context),
        importer=partial(run_import_job, paths, clock),
        search=reading_search(context),
    )
    return window, formatter
