# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync in the window: File > Sync, Edit > CalDAV account, the status, automatic and
debounced runs on a worker thread, and settings another device changed applied on return."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.settings import registry as r
from desktop.store.settings_repository import SqliteSettingsStore
from desktop.store.sync_repository import SqliteSyncState
from desktop.sync.account import Account
from desktop.sync.errors import SyncError
from desktop.wiring.caldav import (
    account_of,
    list_collections,
    pending_count,
    set_account,
    sync_job,
)
from desktop.wiring.feature import Setup

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.host import FeatureWindow
    from desktop.ui.sync.caldav_dialog import AccountForm
    from desktop.ui.sync.status import SyncController


@dataclass(frozen=True, slots=True)
class Sync:
    """The window's CalDAV sync."""

    controller: SyncController

    def start(self) -> None:
        """The controller armed its own timer from the account's interval."""

    def close(self) -> None:
        """Stop after the current batch: what was synced so far stays."""
        self.controller.cancel_and_wait()


def install(window: FeatureWindow, setup: Setup) -> Sync:
    """Give the window its sync: menu actions, status, automatic and debounced runs."""
    from desktop.ui.sync.caldav_dialog import AccountForm, CalDavDialog
    from desktop.ui.sync.status import SyncController, SyncHooks

    ctx, secrets = setup.context, setup.secrets

    def save(form: AccountForm, password: str) -> str | None:
        try:
            _account, warning = set_account(ctx, secrets, form.url, form.user, password,
                                            tasks=form.tasks or None,
                                            calendar=form.calendar or None)
        except SyncError as error:
            raise InvalidInput(str(error)) from None
        SqliteSettingsStore(ctx.db).put(
            {r.CALDAV_INTERVAL.key: r.CALDAV_INTERVAL.check(str(form.interval_minutes))})
        return warning

    def open_dialog(parent: QWidget) -> bool:
        account = account_of(ctx)
        form = AccountForm(account.url, account.user, account.tasks, account.calendar,
                           account.interval_minutes) if account else AccountForm()
        listing = partial(list_collections, deadline=ctx.queue.settings.network_deadline)
        return bool(CalDavDialog(form, listing, save, parent).exec())

    def configured() -> bool:
        account = account_of(ctx)
        return account is not None and bool(account.tasks)

    hooks = SyncHooks(
        job=partial(sync_job, setup.paths, setup.clock, secrets), configured=configured,
        interval_minutes=lambda: (account_of(ctx) or Account("", "")).interval_minutes,
        pending=lambda: pending_count(ctx), open_dialog=open_dialog, clock=setup.clock.now)
    controller = SyncController(window.main_window(), hooks, setup.formatter.clock)
    state = SqliteSyncState(ctx.db)
    window.detail.history = partial(state.history, "request")  # values syncs overwrote
    window.file_menu.insertAction(window.file_menu.actions()[-1], controller.sync_action)
    window.edit_menu.addAction(controller.account_action)
    window.queue_changed.connect(controller.local_change)

    def on_finished(_result: object) -> None:  # settings may have come from another device
        ctx.queue.reload_settings()
        window.queue_changed.disconnect(controller.local_change)  # a reload is no local change
        window.apply_settings()
        window.queue_changed.connect(controller.local_change)

    controller.finished.connect(on_finished)
    controller.failed.connect(on_finished)  # it may have stopped after the settings came
    return Sync(controller)
