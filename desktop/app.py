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
from functools import cache, partial

from desktop import APP_ID
from desktop.core.i18n import _
from desktop.platform.clock import SystemClock
from desktop.platform.i18n import install_language, install_qt_translations
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.platform.secrets import SessionSecrets
from desktop.platform.timezone import use_zoneinfo_in_babel
from desktop.store.prefetch import QueuePrefetch
from desktop.wiring.appearance import install_appearance_and_help
from desktop.wiring.drafting import composer, install_drafting
from desktop.wiring.focus import install_focus
from desktop.wiring.health import health_view
from desktop.wiring.services import decision_service
from desktop.wiring.startup import create_application, open_store, setup_logging
from desktop.wiring.window import build_window, raise_window, show_queue

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
    from desktop.wiring.caldav import install_sync
    from desktop.wiring.importing import install_importing

    from desktop.ui.drafting.compose_actions import install_compose
    from desktop.ui.health.actions import add_health_action
    from desktop.ui.queue.decision_actions import DecisionActions

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
    secrets = SessionSecrets()  # one per run: a password the keyring refused lasts till exit
    drafting = install_drafting(window, context, paths, clock, formatter, secrets)
    _new, reply_action = install_compose(window, cache(partial(composer, context, paths,
                                                              language, drafting)))
    DecisionActions(window, decision_service(context))
    add_health_action(window, lambda: health_view(  # focus is wired below, before any click
        context, paths, clock, formatter, window, lambda stretches: focus.book(stretches)))
    sync = install_sync(window, context, paths, clock, secrets)
    app.aboutToQuit.connect(sync.cancel_and_wait)
    server.activated.connect(lambda _argv: raise_window(window))
    importing = install_importing(app, window, context, paths, clock, secrets)
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
        importing.sync_later()
        status = app.exec()
    quit_on_signal.close()
    drafting.close_all()
    if drafting.runner is not None:
        drafting.runner.stop()
    server.close()
    context.close()
    return status


__all__ = ["_", "main"]
