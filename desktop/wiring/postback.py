# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outbox's delivery routes: mail through SMTP, Slack and Matrix replies into their room
and thread.

Which route a reply takes follows its request's source (see
:mod:`desktop.core.drafting.routes`). Tokens come only from the keyring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.drafting.outbox import MailTransport
from desktop.core.drafting.routes import CHAT_SOURCES, ReplyPlace, RoutedTransport
from desktop.core.errors import CoreError
from desktop.core.ports import SecretStore
from desktop.wiring.services import Context

if TYPE_CHECKING:
    from desktop.sources.slack_api import Open


def source_of(context: Context, request_id: str) -> str | None:
    """The source of the request with this id (``None``: it is gone)."""
    try:
        return context.queue.get(request_id).source
    except CoreError:
        return None


def external_id_of(context: Context, request_id: str) -> str | None:
    """The external id of the request with this id (``None``: gone or made by hand)."""
    try:
        return context.queue.get(request_id).external_id
    except CoreError:
        return None


def reply_place(context: Context, request_id: str) -> ReplyPlace | None:
    """Where a reply to this chat request is posted (``None``: gone, or not known).

    A request imported before places were kept is answered where its permalink says: a
    Matrix request in the room of its ``matrix.to`` link (outside any thread), a Slack request
    in the ``thread_ts`` of its link (in the conversation of its external id).
    """
    from urllib.parse import unquote

    from desktop.store.reply_places import SqliteReplyPlaces

    place = SqliteReplyPlaces(context.db).get(request_id)
    if place is not None:
        return place
    try:
        request = context.queue.get(request_id)
    except CoreError:
        return None
    prefix = "https://matrix.to/#/"
    for link in request.links:
        if request.source == "matrix" and link.startswith(prefix):
            room = unquote(link[len(prefix):].partition("/")[0])
            return ReplyPlace(room) if room.startswith("!") else None
        if request.source == "slack" and "thread_ts=" in link and request.external_id:
            thread = link.partition("thread_ts=")[2].partition("&")[0]
            return ReplyPlace(request.external_id.partition("/")[0], thread)
    return None


def posts_back(context: Context, request_id: str) -> bool:
    """Whether a reply to this request is posted into its chat room or thread."""
    return source_of(context, request_id) in CHAT_SOURCES


def routed_transport(context: Context, secrets: SecretStore, mail: MailTransport | None,
                     *, slack_opener: Open | None = None) -> RoutedTransport | None:
    """Every route that has an account (``None``: none has)."""
    from desktop.core.importing.slack_messages import DEFAULT_API, SOURCE
    from desktop.sources.slack_api import SlackClient
    from desktop.sources.slack_post import SlackPoster
    from desktop.wiring import slack

    routes: dict[str, MailTransport] = {}
    state = slack.account(context)
    if state is not None:
        api = str(state.get("api") or DEFAULT_API)
        token = secrets.get(slack.secret_key(api))
        if token:
            routes[SOURCE] = SlackPoster(
                SlackClient(api, token, opener=slack_opener),
                lambda request_id: external_id_of(context, request_id),
                lambda request_id: reply_place(context, request_id))
    matrix_route = _matrix_route(context, secrets)
    if matrix_route is not None:
        routes["matrix"] = matrix_route
    if mail is None and not routes:
        return None
    return RoutedTransport(mail, routes, lambda request_id: source_of(context, request_id))


def _matrix_route(context: Context, secrets: SecretStore) -> MailTransport | None:
    from desktop.sources.matrix_post import MatrixPoster
    from desktop.wiring import matrix

    state = matrix.account(context)
    if state is None:
        return None
    homeserver, user = str(state.get("homeserver")), str(state.get("user_id"))
    token = secrets.get(matrix.secret_key(user, homeserver))
    if not token:
        return None

    def target(request_id: str) -> tuple[str, ReplyPlace | None] | None:
        event_id = external_id_of(context, request_id)
        return None if event_id is None else (event_id, reply_place(context, request_id))

    return MatrixPoster(homeserver, user, token, str(state.get("device_id") or ""), target)


def post_place_name(context: Context, request_id: str) -> str | None:
    """What the drafting window calls the place a reply to this request is posted: its room's
    or channel's name ("" for a direct message, or when no source said); ``None`` when the
    reply is not posted but mailed."""
    if not posts_back(context, request_id):
        return None
    place = reply_place(context, request_id)
    return "" if place is None else place.name
