# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Posting a reply back into the Slack thread its request came from (``chat.postMessage``).

A Slack request's external id is ``channel/ts`` (Web API) or ``conversation:ts`` (export); the
reply goes to that conversation with ``thread_ts`` set to the thread the message is in (its
parent's ``ts``, kept as the request's reply place when it was imported), or to the message's
own ``ts`` when it is not in a thread, so it lands in the request's thread. Slack's
``chat.postMessage`` wants the parent's ``ts``: a reply's own ``ts`` starts no thread.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.drafting.outbox import OutgoingMail, SendFailed
from desktop.core.drafting.routes import ReplyPlace
from desktop.core.i18n import _
from desktop.sources.slack_api import SlackClient, SlackError

ExternalIdOf = Callable[[str], str | None]
"""The external id of the request with this id (``None``: the request is gone)."""
PlaceOf = Callable[[str], ReplyPlace | None]
"""Where the source said a reply to this request goes (``None``: it did not)."""


class SlackPoster:
    """A :class:`~desktop.core.drafting.outbox.MailTransport` that posts into Slack threads."""

    def __init__(self, client: SlackClient, external_id_of: ExternalIdOf,
                 place_of: PlaceOf = lambda request_id: None) -> None:
        self._client = client
        self._external_id_of = external_id_of
        self._place_of = place_of

    def send(self, mail: OutgoingMail) -> None:
        """Post ``mail``'s body into its request's thread.

        Raises:
            SendFailed: Slack refused it (permanent) or could not be reached (temporary).
        """
        external = self._external_id_of(mail.reply_to) if mail.reply_to else None
        external = external or ""
        conversation, _sep, ts = external.rpartition("/" if "/" in external else ":")
        if not conversation or not ts:
            raise SendFailed(_("The Slack thread of this reply is no longer known."),
                             transient=False)
        place = self._place_of(mail.reply_to)
        if place is not None and place.place == conversation and place.thread:
            ts = place.thread
        try:
            self._client.call("chat.postMessage", channel=conversation, text=mail.body,
                              thread_ts=ts)
        except SlackError as error:
            raise SendFailed(error.message, transient=not error.reached
                             or error.code == "ratelimited") from None
