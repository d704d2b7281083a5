# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the drafting window calls delivering a draft: "Send" for mail, "Post" for a reply to
a chat request, with where the post goes (UI layer; the route itself is the outbox's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class DeliveryTexts:
    """The window's texts for one draft."""

    now: str
    later: str
    later_title: str
    where: str
    """Where it goes ("" for mail: the recipient field says it)."""
    queued: str
    counting: Callable[[int], str]
    """The undo countdown for ``n`` seconds."""
    done: str
    """What happened, with ``{when}``."""
    anyway: str
    """The button that queues it although the checker found an error."""


def _sending_in(n: int) -> str:
    return ngettext("Sending in {n} second.", "Sending in {n} seconds.", n).format(n=n)


def _posting_in(n: int) -> str:
    return ngettext("Posting in {n} second.", "Posting in {n} seconds.", n).format(n=n)


def delivery_texts(place: str | None) -> DeliveryTexts:
    """The texts for a draft posted into ``place`` (a room or channel name, "" for a direct
    message), or sent as mail (``None``)."""
    if place is None:
        return DeliveryTexts(_("Send &now"), _("Send &later…"), _("Send later"), "",
                             _("Queued. The request stays open until the server accepts "
                               "the message."),
                             _sending_in,
                             _("Sent {when}."), _("&Send anyway"))
    where = (_("Goes into {place}, as a reply to the request.").format(place=place) if place
             else _("Goes into the direct message the request came from."))
    return DeliveryTexts(_("&Post"), _("Post &later…"), _("Post later"), where,
                         _("Queued. The request stays open until the chat server accepts "
                           "the reply."),
                         _posting_in,
                         _("Posted {when}."), _("&Post anyway"))
