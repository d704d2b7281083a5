# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Slack source wired to the store: the account, one sync, progress and cancel.

A sync reads, with the user token of the user's own internal Slack app:

1. ``auth.test``: who the user is and the workspace address (for permalinks);
2. every direct and group message (``conversations.list`` types ``im,mpim``, then
   ``conversations.history`` from each conversation's cursor: the newest ``ts`` read);
3. the newest mentions (``search.messages`` for ``<@ME>``) and the threads the user wrote in
   (``from:<@ME>``); each becomes a thread the user is in;
4. every such thread's new replies (``conversations.replies`` from its cursor).

Messages from others become ``chat`` requests; the user's own later message in the same
conversation or thread answers the ones before it. After each conversation the requests are
committed and then its cursor, so a cancel or a crash keeps what was read and the next sync
goes on from there. Senders' names and profile ``tz`` (``users.info``, once per person) are
kept in ``people_zones`` and taught to the people directory through each request's sender zone
(source ``slack``), as the Slack export does.
A first sync reads the last :data:`FIRST_DAYS` days.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from desktop.core.drafting.routes import ReplyPlace
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem, import_id
from desktop.core.importing.slack_messages import (
    DEFAULT_API,
    SOURCE,
    Message,
    mentions,
    read_message,
    to_item,
    ts_after,
)
from desktop.core.ports import SecretStore
from desktop.sources.slack_api import Cancelled, Open, SlackClient, SlackError
from desktop.store.reply_places import SqliteReplyPlaces
from desktop.store.source_accounts import SqlitePeopleZones, SqliteSourceAccounts
from desktop.wiring.services import Context, people_learner
from desktop.wiring.source_report import (
    SourceReport,
    check_address,
    forget_account,
    put_account,
)

FIRST_DAYS = 14
Progress = Callable[[int, int], None]
"""Called with (conversations read, conversations to read)."""


def secret_key(api: str) -> str:
    """The keyring entry of the token for ``api``."""
    return f"slack:{api}"


def check_api(url: str) -> str:
    """The Web API base without a trailing slash.

    Raises:
        InvalidInput: not an http(s) address.
    """
    return check_address(url, DEFAULT_API)


def set_account(context: Context, secrets: SecretStore, token: str,
                api: str = DEFAULT_API) -> None:
    """Set up (or replace) the Slack account; a new API address starts the cursors afresh.

    Raises:
        desktop.core.errors.SecretsUnavailable: no keyring kept the token.
    """
    put_account(context, secrets, SOURCE, api, token, secret_key)


def account(context: Context) -> dict[str, Any] | None:
    """The account's state, or ``None``."""
    return SqliteSourceAccounts(context.db).get(SOURCE)


def remove_account(context: Context, secrets: SecretStore) -> bool:
    """Forget the account, its cursors and its token; whether there was one."""
    return forget_account(context, secrets, SOURCE,
                          lambda old: secret_key(str(old.get("api") or DEFAULT_API)))


def sync(context: Context, secrets: SecretStore, *, opener: Open | None = None,
         sleep: Callable[[float], None] = time.sleep, progress: Progress | None = None,
         cancelled: Callable[[], bool] = lambda: False) -> SourceReport:
    """One sync of the Slack account (see the module docstring).

    Raises:
        InvalidInput: no account, or no token in the keyring.
        desktop.sources.slack_api.SlackError: Slack cannot be reached, refused the token, or
            asked to wait too long; everything committed up to then stays.
    """
    accounts = SqliteSourceAccounts(context.db)
    state = accounts.get(SOURCE)
    if state is None:
        raise InvalidInput(_("No Slack account is set up; add one with: unhurried account "
                             "slack set --token-stdin"))
    api = str(state.get("api") or DEFAULT_API)
    token = secrets.get(secret_key(api))
    if not token:
        raise InvalidInput(_("The Slack token is not in the keyring; set it again with: "
                             "unhurried account slack set --token-stdin"))
    client = SlackClient(api, token, sleep=sleep, cancelled=cancelled, opener=opener)
    run = _Run(context, accounts, state, client, SourceReport())
    try:
        run.all(progress or (lambda _done, _total: None), cancelled)
    except Cancelled:
        run.report.cancelled = True
    return run.report


class _Run:
    """One sync's state: who the user is, the people met, the cursors."""

    def __init__(self, context: Context, accounts: SqliteSourceAccounts, state: dict[str, Any],
                 client: SlackClient, report: SourceReport) -> None:
        self.context = context
        self.accounts = accounts
        self.state = state
        self.client = client
        self.report = report
        self.people = SqlitePeopleZones(context.db)
        self.learn = people_learner(context)
        self.known = self.people.get_all(SOURCE)
        self.me = ""
        self.url = ""
        first = context.clock.now() - timedelta(days=FIRST_DAYS)
        self.first_ts = f"{first.timestamp():.6f}"

    def all(self, progress: Progress, cancelled: Callable[[], bool]) -> None:
        who = self.client.call("auth.test")
        self.me, self.url = str(who.get("user_id") or ""), str(who.get("url") or "")
        self.known.setdefault(self.me, (str(who.get("user") or self.me), ""))  # "@me" in text
        if self.state.get("user_id") not in (None, self.me):  # another user: start afresh
            self.state = {"api": self.state.get("api")}
        self.state["user_id"] = self.me
        conversations = [c for page in self.client.pages(
            "conversations.list", types="im,mpim", exclude_archived="true", limit=200)
            for c in page.get("channels") or () if isinstance(c, dict) and c.get("id")]
        self._follow_from_search()
        threads = sorted((self.state.get("threads") or {}).items())
        total = len(conversations) + len(threads)
        progress(0, total)
        for done, conversation in enumerate(conversations, 1):
            if cancelled():
                raise Cancelled
            self._conversation(conversation)
            progress(done, total)
        for done, (key, _last) in enumerate(threads, len(conversations) + 1):
            if cancelled():
                raise Cancelled
            self._thread(key)
            progress(done, total)

    def _conversation(self, conversation: dict[str, Any]) -> None:
        channel = str(conversation["id"])
        cursors: dict[str, str] = self.state.setdefault("cursors", {})
        oldest = cursors.get(channel) or self.first_ts
        try:
            raw = [m for page in self.client.pages("conversations.history", channel=channel,
                                                   oldest=oldest, limit=200)
                   for m in page.get("messages") or ()]
        except SlackError as error:
            self._problem(channel, error)
            return
        messages = self._messages(channel, raw, oldest)
        where = "" if conversation.get("is_im") else str(conversation.get("name") or "")
        for message in messages:
            if message.thread_ts and (message.user == self.me or mentions(message, self.me)):
                self._follow(channel, message.thread_ts, message.ts)
        self._store(channel, messages, where)
        if messages:
            cursors[channel] = messages[-1].ts
        self.accounts.put(SOURCE, self.state)

    def _thread(self, key: str) -> None:
        threads: dict[str, str] = self.state.setdefault("threads", {})
        channel, _slash, thread_ts = key.partition("/")
        oldest = threads.get(key) or thread_ts
        try:
            raw = [m for page in self.client.pages("conversations.replies", channel=channel,
                                                   ts=thread_ts, oldest=oldest, limit=200)
                   for m in page.get("messages") or ()]
        except SlackError as error:
            if error.code == "thread_not_found":  # the thread was deleted: stop following it
                threads.pop(key, None)
                self.accounts.put(SOURCE, self.state)
                return
            self._problem(key, error)
            return
        messages = self._messages(channel, raw, oldest)
        self._store(key, messages, (self.state.get("names") or {}).get(channel) or _("thread"))
        if messages:
            threads[key] = messages[-1].ts
        self.accounts.put(SOURCE, self.state)

    def _follow_from_search(self) -> None:
        """Threads the user was mentioned in or wrote in, from the newest search results."""
        for query in (f"<@{self.me}>", f"from:<@{self.me}>"):
            try:
                found = self.client.call("search.messages", query=query, sort="timestamp",
                                         sort_dir="desc", count=100)
            except SlackError as error:
                if error.refused and error.code != "missing_scope":
                    raise
                self.report.failed.append(Problem("slack:search", _(
                    "Mentions in channels need the search:read scope ({code}).").format(
                    code=error.code)))
                return
            matches = (found.get("messages") or {}).get("matches") or ()
            for match in matches:
                channel = match.get("channel") if isinstance(match, dict) else None
                if not isinstance(channel, dict) or channel.get("is_im") or channel.get("is_mpim"):
                    continue  # direct messages are read whole
                if channel.get("name"):
                    self.state.setdefault("names", {})[str(channel.get("id"))] = "#" + str(
                        channel["name"])
                link = str(match.get("permalink") or "")
                thread_ts = link.partition("thread_ts=")[2].partition("&")[0]
                ts = str(match.get("ts") or "")
                if ts and ts_after(ts, self.first_ts):
                    # A mention is itself a request; replies in its thread follow it.
                    self._follow(str(channel.get("id")), thread_ts or ts,
                                 _previous(ts) if query.startswith("<@") else ts)

    def _follow(self, channel: str, thread_ts: str, since: str) -> None:
        threads: dict[str, str] = self.state.setdefault("threads", {})
        key = f"{channel}/{thread_ts}"
        if key not in threads:  # a thread followed already goes on from its cursor
            threads[key] = since

    def _messages(self, channel: str, raw: list[Any], oldest: str) -> list[Message]:
        read = [read_message(channel, m) for m in raw]
        messages = sorted((m for m in read if m is not None and ts_after(m.ts, oldest)),
                          key=lambda m: (len(m.ts.partition(".")[0]), m.ts))
        self._meet({m.user for m in messages} - set(self.known) - {self.me})
        return messages

    def _store(self, key: str, messages: list[Message], where: str) -> None:
        pending: dict[str, list[str]] = self.state.setdefault("pending", {})
        waiting = list(pending.get(key) or ())
        fresh: list[Incoming] = []
        replies: list[Incoming] = []
        names = {uid: name for uid, (name, _tz) in self.known.items()}
        for message in messages:
            if message.user == self.me:
                replies.append(to_item(message, self.me, self.url, where, names,
                                       replies_to=tuple(waiting)))
                waiting = []
            else:
                name = names.get(message.user, message.user)
                zone = self.known.get(message.user, ("", ""))[1]
                fresh.append(replace(
                    to_item(message, f"{name} <{message.user}>", self.url, where, names),
                    sender_zone=zone, zone_source="slack" if zone else ""))
                waiting.append(message.key)
        if fresh:
            # The thread each message is in, so a reply goes to its parent's thread_ts.
            SqliteReplyPlaces(self.context.db).put_many({
                import_id(SOURCE, m.key): ReplyPlace(m.channel, m.thread_ts, where)
                for m in messages if m.user != self.me})
            imported, duplicates = self.context.queue.import_batch(fresh)
            self.report.received += imported
            self.report.updated += duplicates
            for item in fresh:
                self.learn(item)
        if replies:
            self.report.answered += self.context.queue.close_answered(replies)
        pending[key] = waiting[-50:]

    def _meet(self, users: set[str]) -> None:
        """Names and profile zones of people not met before (``users.info``)."""
        met: dict[str, tuple[str, str]] = {}
        for user in sorted(users):
            try:
                info = self.client.call("users.info", user=user).get("user") or {}
            except SlackError as error:
                if error.refused:
                    raise
                continue
            profile = info.get("profile") or {}
            name = str(profile.get("real_name") or profile.get("display_name")
                       or info.get("real_name") or info.get("name") or user)
            met[user] = (" ".join(name.split()), str(info.get("tz") or ""))
        self.people.put_many(SOURCE, met)
        self.known.update(met)

    def _problem(self, where: str, error: SlackError) -> None:
        if not error.reached or error.refused or error.code == "ratelimited":
            raise error
        self.report.failed.append(Problem(f"slack:{where}", error.message))


def _previous(ts: str) -> str:
    """A timestamp just before ``ts``, so the message at ``ts`` itself is read."""
    seconds, _dot, fraction = ts.partition(".")
    value = int(seconds) * 1_000_000 + int((fraction or "0").ljust(6, "0")[:6]) - 1
    return f"{value // 1_000_000}.{value % 1_000_000:06d}"
