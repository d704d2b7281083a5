# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Matrix source wired to the store: the account, one sync, the report.

The account (homeserver, user id, device id) and the read position (the ``/sync`` token, what
is known of each room, the threads the user took part in, the requests still waiting for an
answer per room or thread) live in ``source_accounts``; the access token only in the keyring.
The requests of a sync are committed before its token is, so a sync cut short reads the same
again and the store skips what it has. What a ``/sync`` left out (a room's history before its
last 100 events, back to :data:`~desktop.wiring.matrix_history.HISTORY_DAYS`) is then read page
by page (:mod:`desktop.wiring.matrix_history`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.core.drafting.routes import ReplyPlace
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem, import_id
from desktop.core.importing.matrix_events import SOURCE, mentions, read_event, to_item
from desktop.core.ports import SecretStore
from desktop.sources import matrix
from desktop.store.source_accounts import SqliteSourceAccounts
from desktop.wiring.matrix_history import commit, mark_history, read_history
from desktop.wiring.services import Context
from desktop.wiring.source_report import SourceReport, check_address, forget_account


def secret_key(user_id: str, homeserver: str) -> str:
    """The keyring entry of the access token."""
    return f"matrix:{user_id}@{homeserver}"


def set_account(context: Context, secrets: SecretStore, homeserver: str, user_id: str, *,
                password: str | None = None, token: str | None = None,
                device_id: str = "") -> None:
    """Log in with ``password`` (or take ``token``) and keep the access token in the keyring.

    Raises:
        InvalidInput: not a homeserver address or user id, or neither password nor token.
        desktop.sources.matrix.MatrixError: the server cannot be reached or refused the login;
            nothing was stored.
        desktop.core.errors.SecretsUnavailable: no keyring kept the token.
    """
    homeserver = check_address(homeserver, _("https://matrix.example.org (your homeserver)"))
    if not user_id.startswith("@") or ":" not in user_id:
        raise InvalidInput(_("'{user}' is not a Matrix user id; write it as @name:server.")
                           .format(user=user_id))
    if password:
        token, device_id = matrix.login(homeserver, user_id, password)
    if not token:
        raise InvalidInput(_("Give the password or an access token."))
    accounts = SqliteSourceAccounts(context.db)
    old = accounts.get(SOURCE)
    if old is not None:
        secrets.delete(secret_key(str(old.get("user_id")), str(old.get("homeserver"))))
    accounts.put(SOURCE, {"homeserver": homeserver, "user_id": user_id, "device_id": device_id})
    secrets.put(secret_key(user_id, homeserver), token)


def account(context: Context) -> dict[str, Any] | None:
    """The account's state, or ``None``."""
    return SqliteSourceAccounts(context.db).get(SOURCE)


def remove_account(context: Context, secrets: SecretStore) -> bool:
    """Forget the account, its position and its token; whether there was one."""
    return forget_account(context, secrets, SOURCE, lambda old: secret_key(
        str(old.get("user_id")), str(old.get("homeserver"))))


def open_session(context: Context, secrets: SecretStore) -> matrix.Session:
    """A session logged in with the stored token (the window's long-poll keeps one open).

    Raises:
        InvalidInput: no account, or no token in the keyring.
    """
    state, token = _load(context, secrets)
    return matrix.Session(str(state.get("homeserver")), str(state.get("user_id")), token,
                          str(state.get("device_id") or ""))


def sync(context: Context, secrets: SecretStore, *, session: matrix.Session | None = None,
         wait_ms: int = 0, cancelled: Callable[[], bool] = lambda: False,
         committed: Callable[[SourceReport], None] = lambda _report: None,
         page: int = matrix.HISTORY_PAGE) -> SourceReport:
    """One incremental sync, then the older history it left out, page by page.

    ``wait_ms`` lets the server hold the ``/sync`` until something happens (a long-poll).
    Each page is committed with its position (``committed`` hears what it brought), so a sync
    cut short keeps what it read and the next one goes on from there.

    Raises:
        InvalidInput: no account, or no token in the keyring.
        desktop.sources.matrix.MatrixError: unreachable, refused, or a server error; what
            was committed before stays.
        desktop.sources.matrix.Cancelled: ``cancelled()`` said stop during the ``/sync``.
    """
    state, token = _load(context, secrets)
    own = session or matrix.Session(str(state.get("homeserver")), str(state.get("user_id")),
                                    token, str(state.get("device_id") or ""))
    try:
        result = own.sync(state.get("since"), wait_ms, cancelled)
        report = SourceReport()
        user = str(state.get("user_id"))
        first = state.get("since") is None
        places: dict[str, ReplyPlace] = {}
        fresh, replies = _read(result, state, user, report, places)
        commit(context, fresh, replies, report, places)
        mark_history(state, result, user, context.clock.now(), first)
        state["since"] = result.next_batch
        SqliteSourceAccounts(context.db).put(SOURCE, state)
        committed(report)
        read_history(context, own, state, user, result.display_name, report, cancelled,
                     committed, page)
        return report
    finally:
        if session is None:
            own.close()


def _load(context: Context, secrets: SecretStore) -> tuple[dict[str, Any], str]:
    state = SqliteSourceAccounts(context.db).get(SOURCE)
    if state is None:
        raise InvalidInput(_("No Matrix account is set up; add one with: unhurried account "
                             "matrix set HOMESERVER_URL USER_ID --password-stdin"))
    token = secrets.get(secret_key(str(state.get("user_id")), str(state.get("homeserver"))))
    if not token:
        raise InvalidInput(_("The Matrix access token is not in the keyring; set the account "
                             "again with: unhurried account matrix set"))
    return state, token


def _read(result: matrix.SyncResult, state: dict[str, Any], user: str, report: SourceReport,
          places: dict[str, ReplyPlace]) -> tuple[list[Incoming], list[Incoming]]:
    """The requests and the user's own replies of this sync; ``places`` gets where a reply to
    each request is posted."""
    rooms: dict[str, dict[str, Any]] = state.setdefault("rooms", {})
    threads = set(state.get("threads") or ())
    pending: dict[str, list[str]] = state.setdefault("pending", {})
    fresh: list[Incoming] = []
    replies: list[Incoming] = []
    for room in result.rooms:
        info = rooms.setdefault(room.room_id, {})
        if room.name:
            info["name"] = room.name
        if room.direct is not None:
            info["direct"] = room.direct
        info.setdefault("names", {}).update(room.names)
        name = str(info.get("name") or room.room_id)
        if any(e.get("type") == "m.room.encrypted" for e in room.events):
            report.failed.append(Problem(f"matrix:{name}", _(
                "The room {room} is end-to-end encrypted; Unhurried cannot read its messages.")
                .format(room=name)))
        for raw in room.events:
            event = read_event(room.room_id, raw)
            if event is None:
                continue
            key = f"{room.room_id}/{event.thread}" if event.thread else room.room_id
            if event.sender == user:
                if event.thread:
                    threads.add(event.thread)
                answers = [*pending.pop(key, ()), *([event.reply_to] if event.reply_to else [])]
                replies.append(to_item(event, user, "", tuple(answers)))
                continue
            direct = bool(info.get("direct"))
            if direct or mentions(event, user, result.display_name) or event.thread in threads:
                who = info["names"].get(event.sender) or event.sender
                fresh.append(to_item(event, f"{who} <{event.sender}>", "" if direct else name))
                places[import_id(SOURCE, event.event_id)] = ReplyPlace(
                    room.room_id, event.thread, "" if direct else name)
                pending.setdefault(key, []).append(event.event_id)
    state["threads"] = sorted(threads)
    for key in list(pending):
        pending[key] = pending[key][-50:]
    return fresh, replies
