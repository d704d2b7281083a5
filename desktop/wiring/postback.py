# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outbox's delivery routes: mail through SMTP, Slack replies into their thread.

Which route a reply takes follows its request's source (see
:mod:`desktop.core.drafting.routes`). Tokens come only from the keyring.
"""

from __future__ import annotations

from typing import Any

from desktop.core.drafting.outbox import MailTransport
from desktop.core.drafting.routes import CHAT_SOURCES, RoutedTransport
from desktop.core.errors import CoreError
from desktop.core.ports import SecretStore
from desktop.wiring.services import Context


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


def posts_back(context: Context, request_id: str) -> bool:
    """Whether a reply to this request is posted into its chat room or thread."""
    return source_of(context, request_id) in CHAT_SOURCES


def routed_transport(context: Context, secrets: SecretStore, mail: MailTransport | None,
                     *, slack_opener: Any = None) -> RoutedTransport | None:
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
                lambda request_id: external_id_of(context, request_id))
    if mail is None and not routes:
        return None
    return RoutedTransport(mail, routes, lambda request_id: source_of(context, request_id))
