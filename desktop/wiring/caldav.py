# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync wired to a store: the engine on a context, the account, the window's part.

Shared by ``unhurried sync caldav`` / ``account caldav set`` and the window (whose worker
thread runs :func:`sync_job` on a store connection of its own, as imports do). The CalDAV
client, the engine and the iCalendar mapping are imported when a sync or the dialog needs
them, not when the window starts or the command line is parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.core.ports import Clock, SecretStore
from desktop.core.settings import Settings
from desktop.core.settings import registry as r
from desktop.core.sync.items import RESTORE_WINDOW, FocusBlockStore, SyncReport
from desktop.platform.deadline import DEFAULT_DEADLINE_S
from desktop.platform.paths import AppPaths
from desktop.store.focus_sync import SqliteFocusBlocks
from desktop.store.retention import purge_expired
from desktop.store.settings_repository import SqliteSettingsStore
from desktop.store.sync_repository import SqliteSyncState
from desktop.sync.account import Account, check_url, check_user
from desktop.sync.errors import NotConfigured, SyncError
from desktop.wiring.services import Context, open_context

if TYPE_CHECKING:
    from desktop.sync.bindings import Binding
    from desktop.sync.ports import Connection
    from desktop.sync.remote import CalDavRemote, CollectionInfo

TASKS_NAME, CALENDAR_NAME = "Unhurried", "Unhurried focus"


def account_of(ctx: Context) -> Account | None:
    """The CalDAV account stored in ``ctx``'s settings."""
    return Account.from_settings(_stored(ctx))


def _stored(ctx: Context) -> Settings:
    """The settings as stored now (the sync writes its outcome past the queue's copy)."""
    return Settings.from_text(SqliteSettingsStore(ctx.db).values())


def pending_count(ctx: Context) -> int:
    """Local changes waiting to be sent."""
    return len(SqliteSyncState(ctx.db).pending_request_ids())


def connect(account: Account, secrets: SecretStore,
            deadline: float = DEFAULT_DEADLINE_S) -> CalDavRemote:
    """A connection to the account's server.

    Raises:
        NotConfigured: no password in the keyring.
    """
    from desktop.sync.remote import CalDavRemote

    password = secrets.get(account.secret_key)
    if password is None:
        raise NotConfigured(_("No password is stored for {user}; set the account up again "
                              "(unhurried account caldav set URL USER).").format(user=account.user))
    return CalDavRemote(account.url, account.user, password, auth_type=account.auth or None,
                        deadline=deadline)


def sync_caldav(ctx: Context, secrets: SecretStore, *, focus: FocusBlockStore | None = None,
                progress: Callable[[str], None] = lambda _t: None,
                cancelled: Callable[[], bool] = lambda: False,
                remote: Connection | None = None) -> SyncReport:
    """One sync of ``ctx``'s store with its CalDAV account (``unhurried sync caldav``).

    Raises:
        NotConfigured: no account is set up.
    """
    settings = SqliteSettingsStore(ctx.db)
    stored = _stored(ctx)
    account = Account.from_settings(stored)
    if account is None or not account.tasks:
        raise NotConfigured(_("No CalDAV account is set up; run: unhurried account caldav set "
                              "URL USER"))
    from desktop.sync.bindings import FocusBinding, RequestBinding, SettingsBinding
    from desktop.sync.engine import SyncEngine

    state = SqliteSyncState(ctx.db)
    queue = ctx.queue
    remote = remote or connect(account, secrets, ctx.queue.settings.network_deadline)
    pending = _Pending(state)
    collections: dict[str, list[Binding]] = {account.tasks: [
        SettingsBinding(queue, queue.now, lambda i: state.item("settings", i)),
        RequestBinding(queue, ctx.requests.get, pending),
    ]}
    focus = focus if focus is not None else SqliteFocusBlocks(ctx.db)
    if account.calendar:
        collections.setdefault(account.calendar, []).append(FocusBinding(focus, lambda: None))
    engine = SyncEngine(remote, state, ctx.clock, collections,
                        ZoneInfo(queue.settings.timezone), progress, cancelled)
    try:
        report = engine.run()
    finally:
        remote.close()
    report.pending = pending.after(report)
    if report.error is None:  # what can no longer be restored (pending deletions stay)
        purge_expired(ctx.db, ctx.clock.now() - RESTORE_WINDOW)
    changed: dict[str, str] = {}
    learned = remote.auth_type
    if learned and learned != account.auth:
        changed[r.CALDAV_AUTH.key] = learned
    if report.error is None:
        changed.update({r.CALDAV_LAST_ERROR.key: "",
                        r.CALDAV_LAST_SYNC.key: ctx.clock.now().isoformat(timespec="seconds")})
    elif stored.caldav_last_error != report.error:  # no write (and no reload) per retry
        changed[r.CALDAV_LAST_ERROR.key] = report.error
    if changed:
        settings.put(changed)
    return report


class _Pending:
    """The requests waiting to be sent, asked for once when the sync changed nothing."""

    def __init__(self, state: SqliteSyncState) -> None:
        self._state = state
        self._last: list[str] | None = None

    def __call__(self) -> list[str]:
        self._last = self._state.pending_request_ids()
        return self._last

    def after(self, report: SyncReport) -> int:
        """How many wait after the sync that made ``report``."""
        if self._last is not None and not (report.sent or report.received or report.failed
                                           or report.deleted_here or report.deleted_there
                                           or report.conflicts):
            return len(self._last)
        return len(self._state.pending_request_ids())


def sync_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
             progress: Callable[[str], None], cancelled: Callable[[], bool]) -> SyncReport:
    """One sync on a store connection of its own (the window's worker thread)."""
    ctx = open_context(paths, clock)
    try:
        return sync_caldav(ctx, secrets, progress=progress, cancelled=cancelled)
    except NotConfigured as error:
        return SyncReport(error=str(error), pending=pending_count(ctx))
    finally:
        ctx.close()


def set_account(ctx: Context, secrets: SecretStore, url: str, user: str, password: str, *,
                tasks: str | None = None, calendar: str | None = None,
                remote: CalDavRemote | None = None) -> tuple[Account, str | None]:
    """Check the login, pick (or make) the collections and keep the account.

    Returns:
        The account, and a warning for the user if the keyring could not keep the password.

    Raises:
        InvalidInput: bad URL or user.
        SyncError: the server cannot be reached or refused the login.
    """
    from desktop.sync.remote import CalDavRemote

    account = Account(check_url(url), check_user(user))
    own = remote is None
    remote = remote or CalDavRemote(account.url, account.user, password,
                                    deadline=ctx.queue.settings.network_deadline)
    try:
        found = remote.collections()
        tasks_path = _pick(remote, found, tasks, "VTODO", TASKS_NAME)
        calendar_path = _pick(remote, found, calendar, "VEVENT", CALENDAR_NAME)
    finally:
        if own:
            remote.close()
    previous = account_of(ctx)
    account = Account(account.url, account.user, tasks_path, calendar_path,
                      previous.interval_minutes if previous else account.interval_minutes,
                      remote.auth_type or "")
    warning = None
    try:
        secrets.put(account.secret_key, password)
    except SecretsUnavailable as error:
        warning = error.message
    if previous is None or (previous.url, previous.user, previous.tasks, previous.calendar) != (
            account.url, account.user, account.tasks, account.calendar):
        SqliteSyncState(ctx.db).forget_collections()  # another server: start over
    SqliteSettingsStore(ctx.db).put(account.to_settings())
    return account, warning


def _pick(remote: CalDavRemote, found: list[CollectionInfo], wanted: str | None,
          component: str, default_name: str) -> str:
    if wanted:
        for info in found:
            if wanted in (info.url, info.url.rstrip("/"), info.name):
                return info.url
        raise InvalidInput(_("The server has no collection '{name}'; it has: {names}.").format(
            name=wanted, names=", ".join(i.name for i in found) or "—"))
    for info in found:
        if info.name == default_name:
            return info.url
    for info in found:
        if info.components == (component,):
            return info.url
    return remote.create_collection(default_name, component).url


def list_collections(url: str, user: str, password: str, deadline: float = DEFAULT_DEADLINE_S
                     ) -> list[tuple[str, str, tuple[str, ...]]]:
    """The collections on a server, for the account dialog.

    Raises:
        InvalidInput: bad URL or user, or the server refused or cannot be reached (the message
            says which).
    """
    from desktop.sync.remote import CalDavRemote

    remote = CalDavRemote(check_url(url), check_user(user), password, deadline=deadline)
    try:
        return [(c.url, c.name, c.components) for c in remote.collections()]
    except SyncError as error:
        raise InvalidInput(str(error)) from None
    finally:
        remote.close()
