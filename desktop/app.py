# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Composition root: ``unhurried`` starts the window, ``unhurried COMMAND`` runs the CLI.

The window starts in this order: parse arguments, resolve paths, set up logging, install the
crash dialog, create the QApplication, hand over to a running instance if there is one (before
touching the database), open and migrate the store, build the adapters, show the window.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import zoneinfo
from collections.abc import Callable, Sequence
from functools import cache, partial
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.i18n import _
from desktop.core.settings import registry as setting
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
from desktop.platform.timezone import AllZones, use_zoneinfo_in_babel
from desktop.store.diagnosis import explain
from desktop.store.errors import StoreError
from desktop.store.prefetch import QueuePrefetch
from desktop.wiring.services import (
    Context,
    apply_autostart,
    compute_weeks,
    decision_service,
    list_mail_folders,
    load_demo,
    open_context,
    open_focus,
    open_people,
    run_import_job,
    run_sync_job,
    stats_service,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.core.queue.buckets import QueueEntry

    from desktop.ui.common.formatting import Formatter
    from desktop.ui.drafting.compose import Composer
    from desktop.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

DECISION_TEMPLATE = "decision"  # resources/templates/decision.j2
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


def _show_queue(window: MainWindow, context: Context, prefetch: QueuePrefetch | None,
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
    drafting = _install_drafting(window, context, paths, clock, formatter, secrets)
    _new, reply_action = install_compose(window, cache(partial(_composer, context, paths,
                                                              language, drafting)))
    DecisionActions(window, decision_service(context))
    add_health_action(window, lambda: _health_view(  # focus is wired below, before any click
        context, paths, clock, formatter, window, lambda stretches: focus.book(stretches)))
    from desktop.wiring.caldav import install_sync

    sync = install_sync(window, context, paths, clock, secrets)
    app.aboutToQuit.connect(sync.cancel_and_wait)
    server.activated.connect(lambda _argv: _raise(window))
    mail = MailSyncController(context.queue, partial(run_sync_job, paths, clock, secrets),
                              secrets, partial(list_mail_folders, context), window)
    mail.install(window.file_menu, window.demo_action)
    if window.importer is not None:
        window.importer.csv_columns = CsvColumns(context.queue, _csv_preview, window)
    mail.synced.connect(window.reload)
    app.aboutToQuit.connect(mail.cancel_and_wait)
    from desktop.wiring.live_sources import install_live_sources

    live = install_live_sources(window, window.file_menu, window.demo_action, context, paths,
                                clock, secrets)
    for source in live:
        source.synced.connect(window.reload)
        app.aboutToQuit.connect(source.cancel_and_wait)
    focus = _wire_focus(app, window, context, formatter, server, reply_action)
    from desktop.ui.common.quit_signals import QuitOnSignal

    quit_on_signal = QuitOnSignal(app.quit, app)  # a logout's SIGTERM still restores the desktop
    _install_appearance_and_help(app, window, context, paths)
    if not (smoke or new_window):  # the first window keeps answering later starts
        server.listen()
    _show_queue(window, context, prefetch, seen_version)
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


def _install_appearance_and_help(app: Any, window: MainWindow, context: Context,
                                 paths: AppPaths) -> None:
    """Light or dark as the system or the setting says (live), and the Help menu (last)."""
    from desktop.ui.common.appearance import Appearance
    from desktop.ui.common.help import install_help

    install_help(window, APP_NAME, __version__, paths.data_dir)
    appearance = Appearance(app, lambda: context.queue.settings.appearance)
    appearance.changed.connect(window.model.set_dark)
    window.settings_applied.connect(appearance.apply)
    appearance.apply()
    from desktop.wiring.portals import in_background, install_quick_capture

    from desktop.ui.common.operation import Operation

    background = in_background(Operation(window, "background-portal"))
    apply_autostart(context, background)  # the entry follows the setting, also after `config set`
    window.settings_applied.connect(lambda: apply_autostart(context, background))
    app.aboutToQuit.connect(install_quick_capture(window, Operation(window, "portal")).close)


def _composer(context: Context, paths: AppPaths, language: str, drafting: Any) -> Composer:
    """The compose dialogs' maker, built when first used: Jinja2 and the form widgets cost
    0.1 s that the window's start does without. "Edit as draft" goes on in the draft editor;
    a decision proposal drafted there starts the clock on that decision."""
    from desktop.platform.templates import open_library

    from desktop.ui.drafting.compose import ComposedMessage, Composer

    people = open_people(context)

    def open_draft(message: ComposedMessage) -> None:
        draft_window = drafting.new_draft(
            message.reply_to, subject=message.subject, body=message.body,
            recipient=message.recipient, template_id=message.template_id,
            recipient_zone=people.zone_of(message.recipient) or "")
        if message.template_id == DECISION_TEMPLATE:
            decision_service(context).open_decision(message.subject or _("Decision"),
                                                    draft_id=draft_window.draft.id)

    settings = context.queue.settings
    return Composer(
        open_library(paths.config_dir, language, settings.timezone), context.clock.now,
        own_zone=lambda: context.queue.settings.timezone,
        zones=lambda: sorted(zoneinfo.available_timezones()),
        people=context.requests.senders, open_draft=open_draft, zone_of=people.zone_of)


def _health_view(context: Context, paths: AppPaths, clock: SystemClock, formatter: Formatter,
                 parent: QWidget, book: Callable[[list[Any]], None]) -> QWidget:
    """The Health view, built when first opened: pyqtgraph brings numpy (0.3 s). ``book``
    turns the stretches ticked in "Find focus time" into focus blocks."""
    from desktop.ui.health.view import HealthView

    return HealthView(partial(compute_weeks, paths, clock), stats_service(context).free_time,
                      book, formatter.locale, formatter.zone, parent)


def _wire_focus(app: Any, window: Any, context: Any, formatter: Any, server: Any,
                reply_action: Any) -> Any:
    """Focus blocks in the window: the service, the notifier chain and the controller."""
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

    queue = context.queue
    chain = NotifierChain([Gate(PlyerNotifier(APP_NAME), lambda: style() != "window")])
    service = open_focus(context, chain, lambda t: clock_text(formatter, t, context.clock.now()))

    def status_text() -> str:
        session = service.current()
        def moment(t: Any) -> str:
            return format_datetime(t, "EEE d MMM, HH:mm zzz", tzinfo=formatter.zone,
                                   locale=formatter.locale)
        def clock(t: Any) -> str:
            return format_datetime(t, "HH:mm zzz", tzinfo=formatter.zone, locale=formatter.locale)
        return status_message(queue.settings.policy, queue.calendar, queue.now(), Channel.CHAT,
                              moment, clock, focus_until=session.end if session else None)

    def close_to_tray() -> bool:
        return queue.settings.close_to_tray

    def snooze(ids: tuple[str, ...]) -> None:  # a notification's "Snooze 1 h", undoable
        window.snooze_by_ids(ids, context.clock.now() + SNOOZE_FOR)

    def reply(request_id: str) -> None:  # a notification's "Reply"
        window.view.select_request(request_id)
        reply_action.trigger()

    controller = FocusController(window, service, formatter, chain, app.windowIcon(),
                                 close_to_tray, status_text,
                                 quieter=desktop_quieter(context, detect), snooze=snooze,
                                 reply=reply, look_in_background=True)
    actions = DBusNotifier(APP_NAME, controller.on_notification_action)
    chain.add(Gate(actions, lambda: style() == "actions"), 0)  # plyer: no actions, no urgency
    app.aboutToQuit.connect(actions.close)
    app.aboutToQuit.connect(lambda: controller.follow_desktop(False))  # put the desktop back
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

        answer = execute_argv(argv, service, cli.build_parser().parse_args)
        controller.refresh()
        controller.wake.replan()
        return answer

    server.set_executor(execute)
    return controller


def _install_drafting(window: Any, context: Any, paths: AppPaths, clock: SystemClock,
                      formatter: Any, secrets: SessionSecrets) -> Any:
    """Drafts, the outbox runner and the SMTP account dialog, in the window's menus."""
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from desktop.store.focus_history import StoreFocusHistory
    from desktop.wiring.postback import post_place_name
    from desktop.wiring.services import deliver_outbox, open_drafting

    from desktop.ui.drafting.actions import DraftingController
    from desktop.ui.drafting.env import DraftEnvironment
    from desktop.ui.drafting.outbox_runner import OutboxRunner
    from desktop.ui.people.view import install_people

    drafting, queue = open_drafting(context), context.queue

    def save_account(account: Any, password: str | None) -> None:
        drafting.accounts.put(account)
        if password is not None:
            secrets.put(account.secret_key, password)

    def edit_account(parent: Any) -> bool:
        from desktop.ui.drafting.smtp_dialog import SmtpAccountDialog

        dialog = SmtpAccountDialog(drafting.accounts.get(), save_account, parent)
        saved = bool(dialog.exec())
        if dialog.warning:
            QMessageBox.warning(parent, _("SMTP account"), dialog.warning)
        return saved

    def set_mark_done(on: bool) -> None:
        queue.update_settings(setting.MARK_DONE_ON_SEND.entry(on))

    people = open_people(context)
    runner = OutboxRunner(partial(deliver_outbox, paths, clock, secrets),
                          drafting.outbox.next_due, clock.now, window)
    env = DraftEnvironment(
        drafting.drafts, drafting.outbox, formatter,
        user_zone=lambda: queue.settings.timezone, hours=lambda: queue.settings.working_hours,
        busy=lambda start, end: [(span.start, span.end)  # never into a focus block
                                 for span in StoreFocusHistory(context.db).spans(start, end)],
        zones=AllZones(),
        sender=lambda: (a.from_address if (a := drafting.accounts.get()) else ""),
        account_ready=lambda: drafting.accounts.get() is not None,
        edit_account=edit_account, deliver_soon=runner.deliver_soon,
        mark_done=window.mark_done_by_id,  # a step of Edit > Undo
        mark_done_on_send=lambda: queue.settings.mark_done_on_send,
        set_mark_done_on_send=set_mark_done,
        mark_done_on_export=lambda: queue.settings.mark_done_on_export,
        set_mark_done_on_export=lambda choice: queue.update_settings(
            setting.MARK_DONE_ON_EXPORT.entry(choice)),
        undo_seconds=lambda: queue.settings.send_undo_seconds,
        hours_of=lambda recipient: (p.working_hours if (p := people.find(recipient)) else None),
        open_url=lambda url: QDesktopServices.openUrl(QUrl(url)),
        secret_scanner=_scan_secrets,
        post_place=lambda request_id: post_place_name(context, request_id))
    controller = DraftingController(window, env, runner, edit_account,
                                    undo_stack=window.undo_stack)
    controller.install(window.file_menu, window.edit_menu)
    window.detail.person = people.find
    window.detail.reply_scheduled = lambda request_id: (
        (d.retry_at or d.send_at) if (d := drafting.outbox.scheduled_reply(request_id)) else None)
    window.model.set_scheduled_replies(drafting.outbox.scheduled_replies)
    runner.delivered.connect(lambda _report: window.reload())  # delivered replies close
    controller.outbox_changed = window.reload
    install_people(window, people)
    interrupted = drafting.outbox.recover()
    runner.start()
    if interrupted:
        QTimer.singleShot(0, lambda: controller.report_interrupted(interrupted))
    return controller


def _store_failure(database: Path, error: BaseException) -> str | None:
    """The sentence for a database failure met while the window runs (damage, a lock)."""
    found = explain(error, database)
    return None if found is None else str(found)


def _scan_secrets(text: str) -> Any:
    from desktop.platform.secret_scan import scan  # detect-secrets: when a draft is checked

    return scan(text)


def _csv_preview(*args: Any, **kwargs: Any) -> Any:
    from desktop.sources.tracker_csv import preview

    return preview(*args, **kwargs)


def _raise(window: object) -> None:
    from PySide6.QtWidgets import QMainWindow

    if isinstance(window, QMainWindow):
        window.showNormal()
        window.raise_()
        window.activateWindow()


__all__ = ["_", "main"]
