# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the live sources' wiring shares: the report of one sync (``sync KIND --json``) and
forgetting an account with its token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Problem
from desktop.core.ports import SecretStore
from desktop.store.source_accounts import SqliteSourceAccounts

if TYPE_CHECKING:
    from desktop.wiring.services import Context


@dataclass(slots=True)
class SourceReport:
    """What one sync of a live source did (the ``sync github|slack --json`` shape)."""

    received: int = 0
    """New requests."""
    updated: int = 0
    """Threads already in the queue that had new activity."""
    answered: int = 0
    """Requests closed because the user dealt with them at the source."""
    failed: list[Problem] = field(default_factory=list)
    not_modified: bool = False
    wait_seconds: int = 0
    """When the source asked to wait and nothing was fetched: how long."""
    marked_done: int = 0
    """Threads marked done at the source for requests done here."""
    cancelled: bool = False
    """The user cancelled; what was read up to then is kept."""

    def to_json(self) -> dict[str, Any]:
        """The report as ``--json`` prints it."""
        return {"received": self.received, "updated": self.updated, "answered": self.answered,
                "failed": [{"source": p.where, "reason": p.reason} for p in self.failed],
                "not_modified": self.not_modified, "wait_seconds": self.wait_seconds,
                "marked_done": self.marked_done, "cancelled": self.cancelled}


def check_address(url: str, example: str) -> str:
    """A service's address (an API base, a homeserver) without a trailing slash.

    Raises:
        InvalidInput: not an http(s) address; the message shows ``example``, the service's own.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query:
        raise InvalidInput(_("'{url}' is not an API address; write it as {example}.").format(
            url=url, example=example))
    return url.strip().rstrip("/")


def put_account(context: Context, secrets: SecretStore, source: str, api: str, token: str,
                secret_key: Callable[[str], str], **fields: object) -> None:
    """Set up (or replace) ``source``'s account at ``api``, its ``token`` in the keyring (named
    from the API address by ``secret_key``) and its other ``fields`` in the state. Another
    ``api`` than before drops the old token and the read positions; the same one keeps them.

    Raises:
        desktop.core.errors.SecretsUnavailable: no keyring kept the token (the account is
            saved).
    """
    accounts = SqliteSourceAccounts(context.db)
    old = accounts.get(source)
    if old is not None and old.get("api") not in (None, api):
        secrets.delete(secret_key(str(old["api"])))
    state = dict(old) if old is not None and old.get("api") == api else {}
    accounts.put(source, {**state, **fields, "api": api})
    secrets.put(secret_key(api), token)


def forget_account(context: Context, secrets: SecretStore, source: str,
                   secret_key: Callable[[dict[str, Any]], str]) -> bool:
    """Forget ``source``'s account, its read positions and its token (named from the
    account's state by ``secret_key``); whether there was one."""
    accounts = SqliteSourceAccounts(context.db)
    old = accounts.get(source)
    if old is None:
        return False
    secrets.delete(secret_key(old))
    return accounts.remove(source)
