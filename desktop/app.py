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
from collections.abc import Sequence

from desktop import APP_ID
from desktop.core.i18n import _
from desktop.platform.clock import SystemClock
from desktop.platform.i18n import install_language, install_qt_translations
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.platform.secrets import SessionSecrets
from desktop.platform.timezone import use_zoneinfo_in_babel
from desktop.store.prefetch import QueuePrefetch
from desktop.wiring import appearance, drafting, focus, health, importing, sync
from desktop.wiring.feature import Feature, Setup
from desktop.wiring.startup import create_application, open_store, setup_logging
from desktop.wiring.window import build_window, raise_window, show_queue

logger = logging.getLogger(__name__)

FEATURES: tuple[Feature, ...] = (drafting.install, health.install, sync.install,
                                 importing.install, focus.install, appearance.install)
"""Installed in this order: each adds its menu entries after the ones before it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run Unhurried. Returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    window_args = _window_arguments(args_list)
    if window_args is None:
        from desktop import cli  # with its parser and every command: only for the CLI

        return cli.main(args_list)
    data_dir, smoke, new_window = window_args
    paths = resolve_paths(data_dir)
    setup_logging(paths)
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


def _run_window(paths: AppPaths, argv: list[str], *, smoke: bool, new_window: bool) -> int:
    """Show the window; ``--new-window`` opens a second one (its own process) on the same
    store instead of handing over to the running window; both follow each other's changes."""
    from PySide6.QtCore import QTimer

    from desktop.platform.single_instance import InstanceServer, forward, server_path

    from desktop.ui.common.quit_signals import QuitOnSignal

    clock = SystemClock()
    app = create_application(paths, argv, clock)
    socket = server_path(APP_ID, paths.data_dir)
    if not (smoke or new_window) and forward(socket, argv):
        logger.info("handed over to the running window")
        return 0
    context = open_store(paths, clock, show_dialog=not smoke)
    if context is None:
        return 2
    seen_version = context.requests.data_version()  # before the queue is read ahead
    prefetch = None if context.in_memory else QueuePrefetch(paths.database,
                                                            context.queue.edges())
    use_zoneinfo_in_babel()
    language = install_language(context.queue.settings.language)
    install_qt_translations(app, language)
    server = InstanceServer(socket, app)
    window, formatter = build_window(context, paths, clock, language)
    setup = Setup(app, context, paths, clock, formatter, language, SessionSecrets(), server)
    installed = [install(window, setup) for install in FEATURES]
    server.activated.connect(lambda _argv: raise_window(window))
    quit_on_signal = QuitOnSignal(app.quit, app)  # a logout's SIGTERM still restores the desktop
    if not (smoke or new_window):  # the first window keeps answering later starts
        server.listen()
    show_queue(window, context, prefetch, seen_version)
    for feature in installed:
        feature.start()
    if smoke:  # once the event loop has shown the window: check, then quit
        from desktop.smoke import SmokeTarget, run_smoke_checks

        QTimer.singleShot(0, lambda: app.exit(run_smoke_checks(SmokeTarget(context, window,
                                                                            app))))
    else:
        QTimer.singleShot(0, window.offer_demo)
    status = app.exec()
    quit_on_signal.close()
    for feature in reversed(installed):
        feature.close()
    server.close()
    context.close()
    return status


__all__ = ["_", "main"]
