# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Wiring shared by the window and the command line: open the store and build the services.

Part of the composition root (with ``app.py`` and ``cli.py``): the only modules that know
every layer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.demo import build_demo
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.imports import ImportReport, Incoming, Problem
from desktop.core.mail_account import MailAccount, MailServerError, account_from_settings
from desktop.core.ports import Clock, SecretStore
from desktop.core.queue import QueueService
from desktop.core.requests import Request
from desktop.platform.clock import SystemClock
from desktop.platform.holidays import cached_holiday_lookup, holiday_lookup
from desktop.platform.paths import AppPaths
from desktop.platform.resources import read_text
from desktop.platform.timezone import system_zone
from desktop.sources import read_source
from desktop.sources.imap import Connect, MailSync, open_client
from desktop.sources.runner import run_import
from desktop.store.db import open_database
from desktop.store.imap_state_repository import SqliteImapStateRepository
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore

if TYPE_CHECKING:
    import sqlite_utils


@dataclass
class Context:
    """An open store and the services on it."""

    db: sqlite_utils.Database
    requests: SqliteRequestRepository
    queue: QueueService
    clock: Clock
    in_memory: bool = False

    def close(self) -> None:
        """Close the database connection."""
        self.db.conn.close()


def open_context(
    paths: AppPaths | None, clock: Clock | None = None, *, create: bool = True
) -> Context:
    """Open the store under ``paths`` and build the services.

    With ``create=False`` and no database yet, an empty in-memory store stands in, so read-only
    commands and input checks never create files.

    Raises:
        desktop.store.errors.StoreError: the database cannot be opened (message for the user).
    """
    clock = clock or SystemClock()
    target: Path | str = ":memory:"
    in_memory = paths is None or (not create and not paths.database.exists())
    if not in_memory and paths is not None:
        target = paths.database
    db = open_database(target, clock.now())
    requests = SqliteRequestRepository(db)
    lookup = holiday_lookup if paths is None else cached_holiday_lookup(paths.cache_dir)
    queue = QueueService(requests, SqliteSettingsStore(db), clock, lookup, system_zone())
    return Context(db, requests, queue, clock, in_memory)


def run_import_job(
    paths: AppPaths,
    clock: Clock,
    kind: str,
    path: Path,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """One import on a store connection of its own (it runs on the window's worker thread);
    ``mapping`` gives the columns of a CSV file that no preset fits."""
    context = open_context(paths, clock)
    try:
        if kind == "slack":
            items = slack_items(path, context.queue.settings.me)
        else:
            items = read_source(kind, path, mapping=mapping)
        return run_import(context.queue, items, progress=progress, cancelled=cancelled)
    finally:
        context.close()


def mail_account(queue: QueueService) -> MailAccount:
    """The IMAP account in the settings.

    Raises:
        InvalidInput: none is set up, or its settings break a rule.
    """
    account = account_from_settings(queue.setting_text)
    if account is None:
        raise InvalidInput(_("No mail account is set up. Add one with File > Mail account… or "
                             "unhurried account imap set HOST USER."))
    return account


def sync_mail(context: Context, secrets: SecretStore, password: str | None = None, *,
              connect: Connect = open_client, progress: Callable[[int], None] | None = None,
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
    sync = MailSync(context.queue, SqliteImapStateRepository(context.db), connect)
    return sync.run(account, password, progress=progress, cancelled=cancelled)


def run_sync_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
                 progress: Callable[[int], None], cancelled: Callable[[], bool]) -> ImportReport:
    """One mail sync on a store connection of its own (it runs on the window's worker thread)."""
    context = open_context(paths, clock)
    try:
        return sync_mail(context, secrets, progress=progress, cancelled=cancelled)
    finally:
        context.close()


def slack_items(path: Path, me: Sequence[str],
                workspace: str | None = None) -> Iterable[Incoming | Problem]:
    """A Slack export read for the first of the user's identities it knows.

    Raises:
        InvalidInput: no identity is set, or the export knows none of them.
    """
    if not me:
        raise InvalidInput(_("Say who you are in the export: your Slack id, name or email, "
                             "with --me or once for all with: unhurried config set me NAME."))
    for identity in me[:-1]:
        try:
            return read_source("slack", path, me=identity, workspace=workspace)
        except InvalidInput:
            continue
    return read_source("slack", path, me=me[-1], workspace=workspace)


def demo_requests(queue: QueueService) -> list[Request]:
    """The shipped demo requests, placed relative to the queue's now."""
    entries = json.loads(read_text("demo", "requests.json"))["requests"]
    settings = queue.settings
    return build_demo(entries, queue.now(), queue.calendar, settings.policy, settings.at_risk)


def load_demo(context: Context) -> int:
    """Add the demo requests (once: they carry external ids) and return how many were added."""
    fresh = [
        r for r in demo_requests(context.queue)
        if context.requests.find_external(r.source, r.external_id or "") is None
    ]
    context.queue.put_many(fresh)
    return len(fresh)
