# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""IMAP mail: the account in the settings, one sync into the store, the server's folders."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import ImportReport
from desktop.core.importing.mail_account import MailAccount, MailServerError
from desktop.core.importing.mail_settings import account_from_settings
from desktop.core.ports import Clock, SecretStore
from desktop.core.queue.service import QueueService
from desktop.platform.paths import AppPaths
from desktop.store.imap_state_repository import SqliteImapStateRepository
from desktop.wiring.services import Context, open_context

if TYPE_CHECKING:
    from desktop.sources.imap import Connect


def mail_account(queue: QueueService) -> MailAccount:
    """The IMAP account in the settings.

    Raises:
        InvalidInput: none is set up, or its settings break a rule.
    """
    account = account_from_settings(queue.settings)
    if account is None:
        raise InvalidInput(_("No mail account is set up. Add one with File > Mail account… or "
                             "unhurried account imap set HOST USER."))
    return account


def sync_mail(context: Context, secrets: SecretStore, password: str | None = None, *,
              connect: Connect | None = None, progress: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> ImportReport:
    """Sync the IMAP account into the store of ``context`` (password from ``secrets``).

    Raises:
        InvalidInput: no account is set up.
        MailServerError: no password is known, or the server failed (message for the user).
    """
    account = mail_account(context.queue)
    password = password if password is not None else secrets.get(account.secret_key)
    if password is None:
        raise MailServerError(_("No password is stored for {user} on {host} (or the keyring is "
                                "locked). Enter it in File > Mail account…, or run: unhurried "
                                "account imap set.").format(user=account.user, host=account.host))
    from desktop.sources.imap import MailSync, open_client

    connect = connect or partial(open_client, deadline=context.queue.settings.network_deadline)
    sync = MailSync(context.queue, SqliteImapStateRepository(context.db), connect)
    return sync.run(account, password, progress=progress, cancelled=cancelled)


def list_mail_folders(context: Context, account: MailAccount, password: str) -> list[str]:
    """The account's folders, within the network deadline the settings hold now."""
    from desktop.sources.imap import list_folders, open_client  # imapclient: when asked

    return list_folders(account, password, connect=partial(
        open_client, deadline=context.queue.settings.network_deadline))


def run_sync_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
                 progress: Callable[[int], None], cancelled: Callable[[], bool]) -> ImportReport:
    """One mail sync on a store connection of its own (it runs on the window's worker thread)."""
    context = open_context(paths, clock)
    try:
        return sync_mail(context, secrets, progress=progress, cancelled=cancelled)
    finally:
        context.close()
