# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail account as settings: read from the typed settings, written as the texts of the
registry's ``IMAP_*`` entries (per device; never synced)."""

from __future__ import annotations

from desktop.core.importing.mail_account import MailAccount, format_folders, make_account
from desktop.core.settings import Settings
from desktop.core.settings import registry as r


def account_from_settings(settings: Settings) -> MailAccount | None:
    """The account in the settings, or ``None`` if none is set up.

    Raises:
        InvalidInput: the stored values break a rule (e.g. edited with ``config set``).
    """
    if not settings.imap_host or not settings.imap_user:
        return None
    return make_account(settings.imap_host, settings.imap_user, port=settings.imap_port,
                        security=settings.imap_security, folders=settings.imap_folders,
                        interval_minutes=settings.imap_interval)


def account_settings(account: MailAccount) -> dict[str, str]:
    """The account as setting texts."""
    return {
        r.IMAP_HOST.key: account.host,
        r.IMAP_PORT.key: str(account.port),
        r.IMAP_SECURITY.key: account.security.value,
        r.IMAP_USER.key: account.user,
        r.IMAP_FOLDERS.key: format_folders(account.folders),
        r.IMAP_INTERVAL.key: str(account.interval_minutes),
    }


def no_account_settings() -> dict[str, str]:
    """The settings that remove the account (the defaults)."""
    entries = (r.IMAP_HOST, r.IMAP_PORT, r.IMAP_SECURITY, r.IMAP_USER, r.IMAP_FOLDERS,
               r.IMAP_INTERVAL)
    return {spec.key: spec.default for spec in entries}
