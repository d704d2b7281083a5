# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Delivery routes: a reply goes back the way its request came.

A draft answering a Matrix or Slack request is posted into the same room or thread; any other
draft goes out as mail. :class:`RoutedTransport` is a :class:`MailTransport` itself, so the
outbox's states, scheduling, refusal and crash recovery are the same for every route.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.core.drafting.outbox import MailTransport, OutgoingMail, SendFailed
from desktop.core.i18n import _

SourceOf = Callable[[str], str | None]
"""The source (``"matrix"``, ``"slack"``, ``"imap"`` …) of the request with this id, or
``None`` when it is gone."""


class RoutedTransport:
    """Sends each message through the route of its request's source.

    Args:
        mail: the transport of drafts that answer no chat request (SMTP).
        routes: the transport per chat source, e.g. ``{"matrix": …, "slack": …}``.
        source_of: looks a request's source up.
    """

    def __init__(self, mail: MailTransport | None, routes: Mapping[str, MailTransport],
                 source_of: SourceOf) -> None:
        self._mail = mail
        self._routes = dict(routes)
        self._source_of = source_of

    def route(self, message: OutgoingMail) -> MailTransport:
        """The transport ``message`` goes through.

        Raises:
            SendFailed: (permanent) its route has no account set up.
        """
        source = self._source_of(message.reply_to) if message.reply_to else None
        if source is not None and source in self._routes:
            return self._routes[source]
        if source is not None and source in CHAT_SOURCES:
            raise SendFailed(_("No {source} account is set up to post this reply.")
                             .format(source=source), transient=False)
        if self._mail is None:
            raise SendFailed(_("No SMTP account is set up to send this reply."), transient=False)
        return self._mail

    def send(self, mail: OutgoingMail) -> None:
        """Hand ``mail`` to the server of its route.

        Raises:
            SendFailed: it was not accepted, or its route has no account.
        """
        self.route(mail).send(mail)


CHAT_SOURCES = frozenset({"matrix", "slack"})
"""Sources whose replies are posted back into the room or thread rather than mailed."""


@dataclass(frozen=True, slots=True)
class ReplyPlace:
    """Where a reply to a chat request is posted."""

    place: str
    """The Matrix room id or the Slack channel id."""
    thread: str = ""
    """The thread the request is in: a Matrix thread root's event id, a Slack parent
    ``thread_ts`` ("" when it is not in a thread)."""
    name: str = ""
    """The room's or channel's name as the source showed it ("" for a direct message)."""
