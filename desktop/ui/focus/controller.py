# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus in the window: the Focus menu, the banners, the tray, and the one timer that drives
the focus service.

The controller plugs into the main window from outside (its menu bar, ``top_area`` and
``queue_changed``). It is the notifier the focus service talks to: it passes notifications on
to the chain of desktop backends and, for a digest, also keeps it in the window's banner, so a
click always opens those requests, whichever backend showed it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QSystemTrayIcon

from desktop.core.errors import InvalidInput
from desktop.core.focus import notices
from desktop.core.focus.changes import RequestChanges
from desktop.core.focus.quiet import DesktopQuieter, Outcome
from desktop.core.focus.service import FocusService
from desktop.core.i18n import _, ngettext
from desktop.core.ports import Notification, Notifier
from desktop.core.requests import Request

from desktop.ui.common.formatting import Formatter
from desktop.ui.common.operation import Operation
from desktop.ui.focus.banner import FocusBanner, NoticeBanner
from desktop.ui.focus.dialog import ScheduleDialog, StartFocusDialog
from desktop.ui.focus.tray import FocusTray
from desktop.ui.queue.wake_timer import WakeTimer

logger = logging.getLogger(__name__)

EXTEND_BY = timedelta(minutes=15)
IDLE_WAIT = timedelta(hours=1)


class FocusController(QObject):
    """Wires a :class:`FocusService` into the main window.

    Args:
        window: the main window (its ``menuBar()``, ``top_area``, ``queue_changed``, ``model``).
        service: the focus service; its notifier should be this controller.
        formatter: formats times for the user.
        desktop: the desktop notifier chain (plyer, tray, window).
        icon: the tray icon's image.
        close_to_tray: reads the setting of the same name.
        status_text: the status message for others, for "Copy status message".
        quieter: quiets the desktop's own notifications during a block (``None``: never).
        snooze: hides requests for :data:`notices.SNOOZE_FOR` (a notification's "Snooze 1 h").
        reply: opens the reply to one request (a notification's "Reply").
        look_in_background: read every request's version (the first look, and the look
            after each change in the window) and the next request due on a worker; tests
            look at once.
    """

    state_changed = Signal()

    def __init__(self, window: QMainWindow, service: FocusService, formatter: Formatter,
                 desktop: Notifier, icon: QIcon, close_to_tray: Callable[[], bool],
                 status_text: Callable[[], str] | None = None, parent: QObject | None = None,
                 quieter: DesktopQuieter | None = None,
                 snooze: Callable[[tuple[str, ...]], None] | None = None,
                 reply: Callable[[str], None] | None = None,
                 look_in_background: bool = False) -> None:
        super().__init__(parent or window)
        # The first look reads every request's version: 0.5 s on 200,000, which the window
        # would stand still for right after its first paint. The app reads it on a worker.
        self._first_look = Operation(self, "unhurried-focus-first-look",
                                     threaded=look_in_background)
        # So does every later look, after each change in the window (an undo, a reload).
        self._look = Operation(self, "unhurried-focus-look", threaded=look_in_background)
        self._due = Operation(self, "unhurried-focus-due", threaded=look_in_background)
        self.quieter = quieter
        self._snooze = snooze
        self._reply = reply
        self._quiet_problem = ""
        self.quiet_label = QLabel(window)
        self.quiet_label.setObjectName("desktopQuiet")
        self.quiet_label.setAccessibleName(_("Desktop notifications"))
        self.quiet_label.hide()
        window.statusBar().addPermanentWidget(self.quiet_label)
        self.window = window
        self.service = service
        self._fmt = formatter
        self._desktop = desktop
        self._close_to_tray = close_to_tray
        self._status_text = status_text
        self.banner = FocusBanner(formatter, window)
        self.notice = NoticeBanner(window)
        top = getattr(window, "top_area", None)
        if top is not None:
            top.addWidget(self.banner)
            top.addWidget(self.notice)
        self.banner.stop_requested.connect(self.stop)
        self.banner.extend_requested.connect(self.extend)
        self.notice.show_requested.connect(self.show_requests)
        self._build_actions()
        self.tray: FocusTray | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = FocusTray(icon, self.start_action, self.stop_action, self.extend_action,
                                  self.open_action, self.quit_action, self)
            self.tray.show()
        self.wake = WakeTimer(service.now, self._next_event, self)
        self.wake.due.connect(self._on_wake_due)
        self.wake.ticked.connect(self.refresh)
        changed = getattr(window, "queue_changed", None)
        if changed is not None:
            changed.connect(self._on_window_queue_changed)
        window.installEventFilter(self)

    # -- set-up --------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(_("&Start focus…"), self.ask_start, "Ctrl+Shift+F")
        self.stop_action = self._action(_("S&top focus"), self.stop)
        self.extend_action = self._action(_("&Extend 15 min"), self.extend)
        self.schedule_action = self._action(_("S&chedule…"), self.edit_schedule)
        self.copy_action = self._action(_("Copy status &message"), self.copy_status)
        self.open_action = self._action(_("&Open Unhurried"), self.open_window)
        self.quit_action = self._action(_("&Quit"), self.quit)
        self.menu = self.window.menuBar().addMenu(_("F&ocus"))
        for action in (self.start_action, self.stop_action, self.extend_action, None,
                       self.schedule_action, self.copy_action):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        self.copy_action.setVisible(self._status_text is not None)

    def start(self) -> None:
        """Begin: note what is in the queue, catch up on what is due, arm the timer."""
        self._first_look.start(lambda _step: self.service.read_versions(),
                               done=self.service.first_look, failed=logger.warning)
        self.service.tick()
        self.refresh()
        self.wake.start()

    # -- the Notifier port -----------------------------------------------------------------------

    def notify(self, notification: Notification) -> bool:
        """Show through the desktop chain; a digest is also kept in the window's banner."""
        delivered = self._desktop.notify(notification)
        held = (notification.urgent and self.quieter is not None
                and self.quieter.holds_breakthroughs())
        if notification.kind == "digest" or not delivered or held:
            self.show_notice(notification)
        if held:  # the paused desktop would keep it until the block ends
            QApplication.alert(self.window)
        return True

    def on_notification_action(self, key: str, notification: Notification) -> None:
        """The user picked an action on a desktop notification."""
        ids = notification.request_ids
        if key in (notices.OPEN, notices.DEFAULT):
            self.show_requests(ids)
        elif key == notices.SNOOZE and self._snooze is not None and ids:
            self._snooze(ids)
            self.window.statusBar().showMessage(ngettext(
                "Snoozed for an hour.", "Snoozed {count} requests for an hour.",
                len(ids)).format(count=len(ids)), 6000)
        elif key == notices.REPLY and self._reply is not None and len(ids) == 1:
            self.show_requests(ids)
            self._reply(ids[0])

    def show_notice(self, notification: Notification) -> None:
        """Show a notification in the window."""
        self.notice.show_notice(notification)

    def tell(self, message: str) -> None:
        """Tell the user something about the app itself (once per problem)."""
        self.notice.show_message(message)

    # -- actions -------------------------------------------------------------------------------

    def ask_start(self) -> bool:
        """Ask how long, then start a block. Returns whether one started."""
        if self.service.current() is not None:
            self.open_window()
            return False
        dialog = StartFocusDialog(self.service.state(), self._fmt, self.service.now(),
                                  self.window)
        if not dialog.exec():
            return False
        return self._run(lambda: self.service.start(length=dialog.length))

    def stop(self) -> bool:
        """Stop the running block (its digest comes out)."""
        return self._run(self.service.stop)

    def extend(self) -> bool:
        """Make the running block 15 minutes longer."""
        return self._run(lambda: self.service.extend(EXTEND_BY))

    def edit_schedule(self) -> None:
        """Show the recurring schedules."""
        dialog = ScheduleDialog(lambda: list(self.service.schedules), self.service.add_schedule,
                                self.service.remove_schedule, self.window)
        dialog.exec()
        self.refresh()
        self.wake.replan()

    def copy_status(self) -> None:
        """Copy the status message (focus end and reply promise) to the clipboard."""
        if self._status_text is None:
            return
        text = self._status_text()
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(_("Copied: {text}").format(text=text), 6000)

    def open_window(self) -> None:
        """Bring the window up."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def show_requests(self, request_ids: tuple[str, ...]) -> None:
        """Open the window on these requests (empty: the whole queue again)."""
        self.open_window()
        model = getattr(self.window, "model", None)
        if model is None:
            return
        if not request_ids:
            model.set_filter(None)
            return
        model.set_filter(request_ids)
        self.notice.show_filtered(ngettext(
            "Showing the request from the focus digest.",
            "Showing the {count} requests from the focus digest.",
            len(request_ids)).format(count=len(request_ids)))

    def shut_down(self) -> None:
        """Stop the timer and the reads of the queue on the workers (the app is quitting):
        an answer coming after the store is closed goes nowhere."""
        self.wake.stop()
        for operation in (self._first_look, self._look, self._due):
            operation.forget()
            operation.wait()

    def quit(self) -> None:
        """Quit for real, even when closing the window would only hide it."""
        self._quitting = True
        self.window.close()
        app = QGuiApplication.instance()
        if app is not None:
            app.quit()

    def book(self, stretches: list[tuple[datetime, datetime]]) -> None:
        """Plan focus blocks for the stretches "Find focus time" ticked.

        Raises:
            InvalidInput: a stretch overlaps a planned block or has passed; nothing is booked.
        """
        self.service.book(stretches)
        self.refresh()
        self.wake.replan()

    def _run(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except InvalidInput as error:
            QMessageBox.warning(self.window, _("Focus"), error.message)
            return False
        self.refresh()
        self.wake.replan()
        return True

    # -- time and changes ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Quiet or restore the desktop as the block says; show the current state in the
        banner, the status bar, the menu and the tray (once the next request due is read,
        on the worker: a query over the whole queue)."""
        self.follow_desktop(self.service.current() is not None)
        self._due.start(lambda _step: self.service.next_due(), done=self._show_state,
                        failed=logger.warning, supersede=True)

    def _show_state(self, first: Request | None) -> None:
        state = self.service.state_with(first)
        self.quiet_label.setVisible(state.desktop_quieted is not None)
        if state.desktop_quieted is not None:
            self.quiet_label.setText(_("Desktop notifications held ({backend})").format(
                backend=state.desktop_quieted))
        now = self.service.now()
        self.banner.show_state(state, now)
        self.start_action.setEnabled(not state.active)
        self.stop_action.setEnabled(state.active)
        self.extend_action.setEnabled(state.active)
        if self.tray is not None:
            self.tray.show_state(state, now)
        self.state_changed.emit()

    def follow_desktop(self, block_running: bool) -> None:
        """Quiet the desktop while a block runs, put it back otherwise (also at quit: pass
        ``False``), and say when the user took do-not-disturb over or it failed."""
        if self.quieter is None:
            return
        outcome = self.quieter.follow(block_running)
        if outcome is Outcome.TAKEN_OVER:
            self.tell(_("You turned the desktop's do-not-disturb off during this focus block; "
                        "Unhurried leaves it as you set it."))
        elif outcome is Outcome.FAILED and self.quieter.problem != self._quiet_problem:
            self.tell(self.quieter.problem)
        elif outcome is not Outcome.UNCHANGED:
            logger.info("desktop notifications: %s", outcome.value)
        self._quiet_problem = self.quieter.problem

    def reload(self) -> None:
        """Read the focus state from the store again (another process changed it)."""
        self.service.reload()
        self.refresh()
        self.wake.replan()

    def _next_event(self) -> datetime:
        now = self.service.now()
        planned = self.service.next_event()
        return planned if planned is not None else now + IDLE_WAIT

    def _on_wake_due(self) -> None:
        self.service.tick()
        self.refresh()

    def _on_window_queue_changed(self) -> None:
        self.service.reload()
        # A newer change supersedes a look still reading: its answer covers both.
        self._look.start(lambda _step: self.service.read_changes(),
                         done=self._on_look_done, failed=logger.warning, supersede=True)

    def _on_look_done(self, found: RequestChanges) -> None:
        self.service.apply_changes(found)
        self.refresh()
        self.wake.replan()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only a close from the window manager hides to the tray; File > Quit and the tray's
        # Quit close from code (not spontaneous) and really quit.
        if (watched is self.window and event.type() == QEvent.Type.Close
                and event.spontaneous() and not getattr(self, "_quitting", False)
                and self.tray is not None and self.tray.isVisible() and self._close_to_tray()):
            event.ignore()
            self.window.hide()
            logger.info("window hidden to the tray")
            return True
        return super().eventFilter(watched, event)
