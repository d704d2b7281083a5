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
from functools import cache, partial
from logging.handlers import RotatingFileHandler
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.i18n import _
from desktop.platform.clock import SystemClock
from desktop.platform.holidays import supported_regions
from desktop.platform.i18n import (
    formatting_locale,
    install_language,
    install_qt_translations,
)
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.platform.resources import resource_path
from desktop.platform.secrets import SessionSecrets
from desktop.platform.timezone import use_zoneinfo_in_babel
from desktop.store.diagnosis import explain
from desktop.store.errors import StoreError
from desktop.store.prefetch import QueuePrefetch
from desktop.wiring.appearance import install_appearance_and_help
from desktop.wiring.drafting import composer, install_drafting
from desktop.wiring.focus import install_focus
from desktop.wiring.health import health_view
from desktop.wiring.services import (
    decision_service,
    list_mail_folders,
    load_demo,
    open_context,
    run_import_job,
    run_sync_job,
)
from desktop.wiring.window import csv_preview, raise_window, show_queue

logger = logging.getLogger(__name__)

FOCUS_START_DELAY_MS = 300


def main(argv: Sequence[str] | None = None) -> int:
    """Run Unhurried. Returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    window_args = _window_arguments(args_list)
    if window_args is None:
        from desktop import cli  # with its parser and every command: only for the CLI

        return cli.main(args_list)
    data_dir, smoke, new_window = window_args
    paths = resolve_paths(data_dir)
    _setup_logging(paths)
    return _run_window(paths, args_list, smoke=smoke, new_window=new_window)


def _window_arguments(args: list[str]) -> tuple[str | None, bool, bool] | None:
    """``(data dir, smoke, new window)`` when ``args`` start the window; ``None`` for anything
    else (a command, ``--help``, a typo), which the CLI's parser then answers."""
    data_dir, smoke, new_window, rest = None, False, False, list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--smoke":
            smoke = True
        elif arg == "--new-window":
            new_window = True
        elif arg == "--data-dir" and rest:
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir="):
            data_dir = arg.partition("=")[2]
        else:
            return None
    return data_dir, smoke, new_window


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
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.platform.single_instance import InstanceServer, forward, server_path

    from desktop.ui.common.crash_dialog import install_excepthook
    from desktop.ui.importing.csv_mapping import CsvColumns
    from desktop.ui.importing.mail_sync import MailSyncController

    clock = SystemClock()
    install_excepthook(paths.crash_dir, lambda: clock.now().strftime("%Y%m%dT%H%M%S"),
                       partial(_store_failure, paths.database))
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
    seen_version = context.requests.data_version()  # before the queue is read ahead
    prefetch = None if context.in_memory else QueuePrefetch(paths.database,
                                                            context.queue.edges())
    use_zoneinfo_in_babel()

    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.drafting.compose_actions import install_compose
    from desktop.ui.health.actions import add_health_action
    from desktop.ui.main_window import MainWindow
    from desktop.ui.queue.decision_actions import DecisionActions
    language = install_language(context.queue.settings.language)
    install_qt_translations(app, language)

    server = InstanceServer(socket, app)
    formatter = Formatter(safe_locale(formatting_locale(language)),
                          ZoneInfo(context.queue.settings.timezone))
    window = MainWindow(
        context.queue, formatter,
        settings_choices=lambda: (sorted(zoneinfo.available_timezones()),
                                  supported_regions()),
        data_version=context.requests.data_version,
        demo=lambda: load_demo(context),
        importer=partial(run_import_job, paths, clock),
    )
    secrets = SessionSecrets()  # one per run: a password the keyring refused lasts till exit
    drafting = install_drafting(window, context, paths, clock, formatter, secrets)
    _new, reply_action = install_compose(window, cache(partial(composer, context, paths,
                                                              language, drafting)))
    DecisionActions(window, decision_service(context))
    add_health_action(window, lambda: health_view(  # focus is wired below, before any click
        context, paths, clock, formatter, window, lambda stretches: focus.book(stretches)))
    from desktop.wiring.caldav import install_sync

    sync = install_sync(window, context, paths, clock, secrets)
    app.aboutToQuit.connect(sync.cancel_and_wait)
    server.activated.connect(lambda _argv: raise_window(window))
    mail = MailSyncController(context.queue, partial(run_sync_job, paths, clock, secrets),
                              secrets, partial(list_mail_folders, context), window)
    mail.install(window.file_menu, window.demo_action)
    if window.importer is not None:
        window.importer.csv_columns = CsvColumns(context.queue, csv_preview, window)
    mail.synced.connect(window.reload)
    app.aboutToQuit.connect(mail.cancel_and_wait)
    from desktop.wiring.live_sources import install_live_sources

    live = install_live_sources(window, window.file_menu, window.demo_action, context, paths,
                                clock, secrets)
    for source in live:
        source.synced.connect(window.reload)
        app.aboutToQuit.connect(source.cancel_and_wait)
    focus = install_focus(app, window, context, formatter, server, reply_action)
    from desktop.ui.common.quit_signals import QuitOnSignal

    quit_on_signal = QuitOnSignal(app.quit, app)  # a logout's SIGTERM still restores the desktop
    install_appearance_and_help(app, window, context, paths)
    if not (smoke or new_window):  # the first window keeps answering later starts
        server.listen()
    show_queue(window, context, prefetch, seen_version)
    # Focus reads every request's version to spot new ones: once the window has painted.
    QTimer.singleShot(FOCUS_START_DELAY_MS, focus.start)
    if smoke:  # once the event loop has shown the window: check, then quit
        from desktop.smoke import SmokeTarget, run_smoke_checks

        QTimer.singleShot(0, lambda: app.exit(run_smoke_checks(SmokeTarget(context, window,
                                                                            app))))
        status = app.exec()
    else:
        QTimer.singleShot(0, window.offer_demo)
        QTimer.singleShot(1500, lambda: mail.sync(asked=False))
        for source in live:
            QTimer.singleShot(3000, partial(source.sync, asked=False))
        status = app.exec()
    quit_on_signal.close()
    drafting.close_all()
    if drafting.runner is not None:
        drafting.runner.stop()
    server.close()
    context.close()
    return status


def _store_failure(database: Path, error: BaseException) -> str | None:
    """The sentence for a database failure met while the window runs (damage, a lock)."""
    found = explain(error, database)
    return None if found is None else str(found)


__all__ = ["_", "main"]
