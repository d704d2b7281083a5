# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The GitHub source wired to the store: the account, one sync, and the report it gives.

The account (API base, whether done requests mark their thread done on GitHub) and the read
position (``Last-Modified``, when GitHub allows the next poll) live in ``source_accounts``; the
token only in the keyring under ``github:API``. A sync first marks on GitHub the threads whose
request was marked done (when switched on), then polls, imports new threads, closes the
requests whose thread was read on GitHub, and only then records the new position, so a sync cut
short reads the same again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.github_notifications import DEFAULT_API, SOURCE, NotificationThread
from desktop.core.importing.items import Incoming, Problem
from desktop.core.ports import SecretStore
from desktop.sources import github
from desktop.store.source_accounts import SqliteSourceAccounts
from desktop.wiring.services import Context
from desktop.wiring.source_report import (
    SourceReport,
    check_address,
    forget_account,
    put_account,
)

WINDOW_DAYS = 14
"""Threads with activity in these last days are asked for, read ones too: a thread read on
GitHub after its last activity then closes its request."""


def check_api(url: str) -> str:
    """The API base without a trailing slash.

    Raises:
        InvalidInput: not an http(s) address.
    """
    return check_address(url, _("https://api.github.com or https://HOST/api/v3 for GitHub "
                                "Enterprise"))


def secret_key(api: str) -> str:
    """The keyring entry of the token for ``api``."""
    return f"github:{api}"


def set_account(context: Context, secrets: SecretStore, api: str, token: str, *,
                mark_done: bool = False) -> None:
    """Set up (or replace) the GitHub account; the read position starts afresh on a new API.

    Raises:
        desktop.core.errors.SecretsUnavailable: no keyring kept the token (the account is
            saved; the token is held for this run only).
    """
    put_account(context, secrets, SOURCE, api, token, secret_key, mark_done=mark_done)


def account(context: Context) -> dict[str, Any] | None:
    """The account's state, or ``None``."""
    return SqliteSourceAccounts(context.db).get(SOURCE)


def remove_account(context: Context, secrets: SecretStore) -> bool:
    """Forget the account and its token; whether there was one."""
    return forget_account(context, secrets, SOURCE,
                          lambda old: secret_key(str(old.get("api") or DEFAULT_API)))


def sync(context: Context, secrets: SecretStore, *, opener: github.Open | None = None,
         force: bool = False) -> SourceReport:
    """One sync of the GitHub account; ``force`` ignores the poll interval (not a rate limit).

    Raises:
        InvalidInput: no account, or no token in the keyring.
        desktop.sources.github.GitHubError: as :func:`desktop.sources.github.poll`.
    """
    accounts = SqliteSourceAccounts(context.db)
    state = accounts.get(SOURCE)
    if state is None:
        raise InvalidInput(_("No GitHub account is set up; add one with: unhurried account "
                             "github set --token-stdin"))
    api = str(state.get("api") or DEFAULT_API)
    token = secrets.get(secret_key(api))
    if not token:
        raise InvalidInput(_("The GitHub token is not in the keyring; set it again with: "
                             "unhurried account github set --token-stdin"))
    now = context.clock.now()
    report = SourceReport()
    wait = _seconds_until(state.get("next_poll_at"), now)
    if wait and (not force or state.get("rate_limited")):
        report.wait_seconds = wait
        return report
    if state.get("mark_done"):
        report.marked_done = _push_done(accounts, state, api, token, opener, report)
    try:
        result = github.poll(api, token, state.get("last_modified"), opener=opener,
                             since=_window_start(now))
    except github.RateLimited as limited:
        accounts.put(SOURCE, {**state, "rate_limited": True, "next_poll_at": (
            now + timedelta(seconds=limited.seconds)).isoformat()})
        raise
    _apply(context, result, report)
    accounts.put(SOURCE, {**state, "last_modified": result.last_modified, "rate_limited": False,
                          "next_poll_at": (now + timedelta(seconds=result.interval)).isoformat()})
    return report


def _apply(context: Context, result: github.Poll, report: SourceReport) -> None:
    report.not_modified = result.not_modified
    fresh: list[Incoming] = []
    read: list[Incoming] = []
    for thread in result.threads:
        if isinstance(thread, Problem):
            report.failed.append(thread)
        elif thread.read:
            read.append(_closing(thread))
        else:
            fresh.append(thread.item)
    if fresh:
        report.received, report.updated = context.queue.import_batch(fresh)
    report.answered = context.queue.close_answered(read) if read else 0


def _closing(thread: NotificationThread) -> Incoming:
    """A stand-in for "the user dealt with it": it answers the thread's request."""
    item = thread.item
    return Incoming(source=item.source, external_id=f"{item.external_id}:read",
                    subject=item.subject, sender="", received_at=item.received_at,
                    channel=item.channel, replies_to=(item.external_id,))


def _push_done(accounts: SqliteSourceAccounts, state: dict[str, Any], api: str, token: str,
               opener: github.Open | None, report: SourceReport) -> int:
    pushed = set(state.get("pushed_done") or ())
    done = [i for i in accounts.done_external_ids(SOURCE) if i not in pushed]
    count = 0
    for thread_id in done:
        try:
            github.mark_done(api, token, thread_id, opener=opener)
            count += 1
        except github.RateLimited:
            raise
        except github.GitHubError as error:
            if not error.reached or error.refused:
                raise
            report.failed.append(Problem(f"github:{thread_id}", error.message))
        pushed.add(thread_id)  # a thread GitHub no longer knows is not asked again
    state["pushed_done"] = sorted(pushed)
    accounts.put(SOURCE, state)
    return count


def _window_start(now: datetime) -> str:
    """The start of the threads asked for: midnight UTC :data:`WINDOW_DAYS` days ago (the
    same all day, so ``If-Modified-Since`` compares like with like)."""
    start = (now - timedelta(days=WINDOW_DAYS)).astimezone(UTC)
    return start.strftime("%Y-%m-%dT00:00:00Z")


def _seconds_until(text: object, now: datetime) -> int:
    if not isinstance(text, str):
        return 0
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return 0
    return max(0, int((moment - now).total_seconds() + 0.999))
