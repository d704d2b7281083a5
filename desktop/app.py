# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Composition root: ``unhurried`` starts the window, ``unhurried COMMAND`` runs the CLI.

The window starts in this order: parse arguments, resolve paths, set up logging, install the
crash dialog, create the QApplication, hand over to a running instance if there is one (before
touching the database), open and migrate the store, build the adapters, show the window.
"""

from __future__ import annotations

import logging
import sys
import zoneinfo
from collections.abc import Sequence
from functools import partial
from logging.handlers import RotatingFileHandler
from zoneinfo import ZoneInfo

from desktop import APP_ID, APP_NAME, __version__, cli
from desktop.core.i18n import _
from desktop.platform.clock import SystemClock
from desktop.platform.holidays import supported_regions
from desktop.platform.i18n import install_language
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.platform.resources import resource_path
from desktop.services import load_demo, open_context, run_import_job
from desktop.smoke import SmokeTarget, run_smoke_checks
from desktop.store.errors import StoreError

logger = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Unhurried. Returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = cli.build_parser().parse_args(args_list)
    except cli.UsageError:
        return cli.main(args_list)
    if args.command is not None:
        return cli.main(args_list)
    paths = resolve_paths(args.data_dir)
    _setup_logging(paths)
    return _run_window(paths, args_list, smoke=args.smoke, new_window=args.new_window)


def _setup_logging(paths: AppPaths) -> None:
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


def _run_window(paths: AppPaths, argv: list[str], *, smoke: bool, new_window: bool) -> int:
    """Show the window; ``--new-window`` opens a second one (its own process) on the same
    store instead of handing over to the running window; both follow each other's changes."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.platform.single_instance import InstanceServer, forward, server_path

    from desktop.ui.crash_dialog import install_excepthook
    from desktop.ui.formatting import Formatter, safe_locale
    from desktop.ui.main_window import MainWindow

    clock = SystemClock()
    install_excepthook(paths.crash_dir, lambda: clock.now().strftime("%Y%m%dT%H%M%S"))
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_ID)  # the X11 WM_CLASS: the .desktop StartupWMClass
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("unhurried")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", f"{APP_ID}.svg"))))

    socket = server_path(APP_ID, paths.data_dir)
    if not (smoke or new_window) and forward(socket, argv):
        logger.info("handed over to the running window")
        return 0
    try:
        context = open_context(paths, clock)
    except StoreError as error:
        print(f"unhurried: error: {error}", file=sys.stderr)
        if not smoke:  # a smoke run has nobody to close a dialog
            QMessageBox.critical(None, APP_NAME, str(error))
        return 2
    language = install_language(context.queue.settings.language)
    translator = QTranslator(app)
    if translator.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)

    server = InstanceServer(socket, app)
    formatter = Formatter(safe_locale(language), ZoneInfo(context.queue.settings.timezone))
    window = MainWindow(
        context.queue, formatter,
        settings_choices=lambda: (sorted(zoneinfo.available_timezones()),
                                  supported_regions()),
        data_version=context.requests.data_version,
        demo=lambda: load_demo(context),
        importer=partial(run_import_job, paths, clock),
    )
    server.activated.connect(lambda _argv: _raise(window))
    if not (smoke or new_window):  # the first window keeps answering later starts
        server.listen()
    window.load()
    window.show()
    if smoke:  # once the event loop has shown the window: check, then quit
        QTimer.singleShot(0, lambda: app.exit(run_smoke_checks(SmokeTarget(context, window,
                                                                            app))))
        status = app.exec()
    else:
        QTimer.singleShot(0, window.offer_demo)
        status = app.exec()
    server.close()
    context.close()
    return status


def _raise(window: object) -> None:
    from PySide6.QtWidgets import QMainWindow

    if isinstance(window, QMainWindow):
        window.showNormal()
        window.raise_()
        window.activateWindow()


__all__ = ["_", "main"]
