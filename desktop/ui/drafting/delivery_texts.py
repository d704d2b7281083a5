# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the drafting window calls delivering a draft: "Send" for mail, "Post" for a reply to
a chat request, with where the post goes (UI layer; the route itself is the outbox's)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import _


@dataclass(frozen=True, slots=True)
class DeliveryTexts:
    """The window's texts for one draft."""

    now: str
    later: str
    later_title: str
    where: str
    """Where it goes ("" for mail: the recipient field says it)."""
    queued: str


def delivery_texts(place: str | None) -> DeliveryTexts:
    """The texts for a draft posted into ``place`` (a room or channel name, "" for a direct
    message), or sent as mail (``None``)."""
    if place is None:
        return DeliveryTexts(_("Send &now"), _("Send &later…"), _("Send later"), "",
                             _("Queued. The request stays open until the server accepts "
                               "the message."))
    where = (_("Goes into {place}, as a reply to the request.").format(place=place) if place
             else _("Goes into the direct message the request came from."))
    return DeliveryTexts(_("&Post"), _("Post &later…"), _("Post later"), where,
                         _("Queued. The request stays open until the chat server accepts "
                           "the reply."))
