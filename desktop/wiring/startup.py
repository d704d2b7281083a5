# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window's first steps: logging, the crash dialog, the QApplication and the store.

Qt is imported inside the functions: ``unhurried COMMAND`` passes through ``app.main`` too
and must not pay for it.
"""

from __future__ import annotations

import logging
import sys
from functools import partial
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_ID, APP_NAME, __version__
from desktop.platform.paths import AppPaths
from desktop.platform.resources import resource_path
from desktop.store.diagnosis import explain
from desktop.store.errors import StoreError
from desktop.wiring.services import Context, open_context

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.core.ports import Clock


def setup_logging(paths: AppPaths) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers[0].setLevel(logging.WARNING)
    try:
        paths.cache_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=3,
                                            encoding="utf-8"))
    except OSError:
        pass
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def create_application(paths: AppPaths, argv: list[str], clock: Clock) -> QApplication:
    """The crash dialog first, then the QApplication named as the .desktop file says."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.ui.common.crash_dialog import install_excepthook

    install_excepthook(paths.crash_dir, lambda: clock.now().strftime("%Y%m%dT%H%M%S"),
                       partial(store_failure, paths.database))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_ID)  # the X11 WM_CLASS: the .desktop StartupWMClass
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("unhurried")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", f"{APP_ID}.svg"))))
    return app


def open_store(paths: AppPaths, clock: Clock, *, show_dialog: bool) -> Context | None:
    """The opened and migrated store, or ``None`` once the user was told why not."""
    try:
        return open_context(paths, clock)
    except StoreError as error:
        print(f"unhurried: error: {error}", file=sys.stderr)
        if show_dialog:  # a smoke run has nobody to close a dialog
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, APP_NAME, str(error))
        return None


def store_failure(database: Path, error: BaseException) -> str | None:
    """The sentence for a database failure met while the window runs (damage, a lock)."""
    found = explain(error, database)
    return None if found is None else str(found)
