# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafting in the window: drafts, the outbox runner, the SMTP account, the compose dialogs and
the people directory."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING

from desktop.core.i18n import _
from desktop.core.settings import registry as setting
from desktop.platform.timezone import AllZones
from desktop.wiring.feature import Setup
from desktop.wiring.services import decision_service, open_people

if TYPE_CHECKING:
    from desktop.core.drafting.outbox import SmtpAccount
    from desktop.core.drafting.secrets import SecretHit

    from desktop.ui.common.host import FeatureWindow
    from desktop.ui.drafting.actions import DraftingController
    from desktop.ui.drafting.compose import Composer

DECISION_TEMPLATE = "decision"  # resources/templates/decision.j2


@dataclass(frozen=True, slots=True)
class Drafting:
    """Drafting in the window: its controller (draft windows, the outbox runner)."""

    controller: DraftingController

    def start(self) -> None:
        """The runner started at install: a reply due while the window was shut goes out."""

    def close(self) -> None:
        """Close every draft window (each saves first) and stop the outbox runner."""
        self.controller.close_all()
        if self.controller.runner is not None:
            self.controller.runner.stop()


def install(window: FeatureWindow, setup: Setup) -> Drafting:
    """Drafts, the outbox runner, the SMTP account dialog, File > New message from template,
    Edit > Reply and View > People, in the window's menus."""
    from desktop.ui.drafting.compose_actions import install_compose

    controller = install_drafting(window, setup)
    _new, reply = install_compose(window, cache(partial(composer, setup, controller)))

    def reply_to(request_id: str) -> None:  # a notification's Reply
        window.select_request(request_id)
        reply.trigger()

    setup.links.reply = reply_to
    return Drafting(controller)


def install_drafting(window: FeatureWindow, setup: Setup) -> DraftingController:
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

    context, paths, clock, secrets = setup.context, setup.paths, setup.clock, setup.secrets
    drafting, queue = open_drafting(context), context.queue

    def save_account(account: SmtpAccount, password: str | None) -> None:
        drafting.accounts.put(account)
        if password is not None:
            secrets.put(account.secret_key, password)

    def edit_account(parent: object) -> bool:
        from PySide6.QtWidgets import QWidget

        from desktop.ui.drafting.smtp_dialog import SmtpAccountDialog

        parent = parent if isinstance(parent, QWidget) else None  # always a widget in practice
        dialog = SmtpAccountDialog(drafting.accounts.get(), save_account, parent)
        saved = bool(dialog.exec())
        if dialog.warning:
            QMessageBox.warning(parent, _("SMTP account"), dialog.warning)
        return saved

    def set_mark_done(on: bool) -> None:
        queue.update_settings(setting.MARK_DONE_ON_SEND.entry(on))

    def set_mark_done_on_export(choice: str) -> None:
        queue.update_settings(setting.MARK_DONE_ON_EXPORT.entry(choice))

    people = open_people(context)
    runner = OutboxRunner(partial(deliver_outbox, paths, clock, secrets),
                          drafting.outbox.next_due, clock.now, window.main_window())
    env = DraftEnvironment(
        drafting.drafts, drafting.outbox, setup.formatter,
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
        set_mark_done_on_export=set_mark_done_on_export,
        undo_seconds=lambda: queue.settings.send_undo_seconds,
        hours_of=lambda recipient: (p.working_hours if (p := people.find(recipient)) else None),
        open_url=lambda url: QDesktopServices.openUrl(QUrl(url)),
        secret_scanner=scan_secrets,
        post_place=lambda request_id: post_place_name(context, request_id))
    controller = DraftingController(window.main_window(), env, runner, edit_account,
                                    undo_stack=window.undo_stack)
    controller.install(window.file_menu, window.edit_menu)
    window.detail.person = people.find
    window.detail.reply_scheduled = lambda request_id: (
        (d.retry_at or d.send_at) if (d := drafting.outbox.scheduled_reply(request_id)) else None)
    window.set_scheduled_replies(drafting.outbox.scheduled_replies)
    runner.delivered.connect(lambda _report: window.reload())  # delivered replies close
    controller.outbox_changed = window.reload
    install_people(window, people)
    interrupted = drafting.outbox.recover()
    runner.start()
    if interrupted:
        QTimer.singleShot(0, lambda: controller.report_interrupted(interrupted))
    return controller


def composer(setup: Setup, drafting: DraftingController) -> Composer:
    """The compose dialogs' maker, built when first used: Jinja2 and the form widgets cost
    0.1 s that the window's start does without. "Edit as draft" goes on in the draft editor;
    a decision proposal drafted there starts the clock on that decision."""
    from desktop.platform.templates import open_library

    from desktop.ui.drafting.compose import ComposedMessage, Composer

    context = setup.context
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
        open_library(setup.paths.config_dir, setup.language, settings.timezone),
        context.clock.now,
        own_zone=lambda: context.queue.settings.timezone,
        zones=lambda: sorted(zoneinfo.available_timezones()),
        people=context.requests.senders, open_draft=open_draft, zone_of=people.zone_of)


def scan_secrets(text: str) -> list[SecretHit]:
    from desktop.platform.secret_scan import scan  # detect-secrets: when a draft is checked

    return scan(text)
