# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus blocks in the window: the service, the notifier chain and the controller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop import APP_NAME
from desktop.wiring.feature import Setup
from desktop.wiring.services import open_focus

if TYPE_CHECKING:
    from desktop.ui.common.host import FeatureWindow
    from desktop.ui.focus.controller import FocusController

START_DELAY_MS = 300


@dataclass(frozen=True, slots=True)
class Focus:
    """Focus blocks in the window."""

    controller: FocusController
    close_notifications: Callable[[], None]

    def start(self) -> None:
        """Focus reads every request's version to spot new ones: once the window painted."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(START_DELAY_MS, self.controller.start)

    def close(self) -> None:
        """Put the desktop's own notifications back and leave the notification bus."""
        self.controller.shut_down()
        self.controller.follow_desktop(False)
        self.close_notifications()


def install(window: FeatureWindow, setup: Setup) -> Focus:
    """Focus blocks in the window: the service, the notifier chain and the controller; the
    running window also answers ``unhurried focus …`` from a later start."""
    from babel.dates import format_datetime

    from PySide6.QtWidgets import QApplication

    from desktop.core.focus.notices import SNOOZE_FOR
    from desktop.core.queue.status import status_message
    from desktop.core.requests import Channel
    from desktop.platform.dbus_notify import DBusNotifier
    from desktop.platform.desktop_quiet import detect
    from desktop.platform.notify import (
        CallbackNotifier,
        Gate,
        NotifierChain,
        PlyerNotifier,
        TrayNotifier,
    )
    from desktop.wiring.services import desktop_quieter

    from desktop.ui.focus.banner import clock_text
    from desktop.ui.focus.controller import FocusController

    def style() -> str:  # read at every notification: a change applies at once
        return queue.settings.notification_style

    app, context, formatter = setup.app, setup.context, setup.formatter
    queue = context.queue
    chain = NotifierChain([Gate(PlyerNotifier(APP_NAME), lambda: style() != "window")])
    service = open_focus(context, chain, lambda t: clock_text(formatter, t, context.clock.now()),
                         reader=True)

    def status_text() -> str:
        session = service.current()
        def moment(t: datetime) -> str:
            return format_datetime(t, "EEE d MMM, HH:mm zzz", tzinfo=formatter.zone,
                                   locale=formatter.locale)
        def clock(t: datetime) -> str:
            return format_datetime(t, "HH:mm zzz", tzinfo=formatter.zone, locale=formatter.locale)
        return status_message(queue.settings.policy, queue.calendar, queue.now(), Channel.CHAT,
                              moment, clock, focus_until=session.end if session else None)

    def close_to_tray() -> bool:
        return queue.settings.close_to_tray

    def snooze(ids: tuple[str, ...]) -> None:  # a notification's "Snooze 1 h", undoable
        window.snooze_by_ids(ids, context.clock.now() + SNOOZE_FOR)

    controller = FocusController(window.main_window(), service, formatter, chain, app.windowIcon(),
                                 close_to_tray, status_text,
                                 quieter=desktop_quieter(context, detect), snooze=snooze,
                                 reply=lambda request_id: setup.links.reply(request_id),
                                 look_in_background=True)
    actions = DBusNotifier(APP_NAME, controller.on_notification_action)
    chain.add(Gate(actions, lambda: style() == "actions"), 0)  # plyer: no actions, no urgency
    service.notifier = controller
    if controller.tray is not None:
        chain.add(Gate(TrayNotifier(controller.tray, controller.show_requests),
                       lambda: style() != "window"))
        QApplication.setQuitOnLastWindowClosed(False)  # hidden to the tray, it keeps running
    chain.add(CallbackNotifier(controller.show_notice))
    chain.on_problem = controller.tell
    def execute(argv: list[str]) -> dict[str, Any] | None:
        from desktop import cli  # the whole command line, only when a command arrives
        from desktop.commands.focus import execute_argv

        answer = execute_argv(argv, service, cli.build_parser().parse_args,
                              formatter.locale)
        controller.refresh()
        controller.wake.replan()
        return answer

    if setup.server is not None:
        setup.server.set_executor(execute)
    setup.links.book_focus = controller.book
    return Focus(controller, actions.close)
