# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Slack workspace exports (the ``.zip`` a workspace admin downloads) as incoming chat requests.

A message becomes a request when it is addressed to the user: it mentions them (``<@U…>``;
``@here``, ``@channel`` and ``@everyone`` do not count), it is in a direct or group message
they are a member of, or it is a thread reply after their own message in that thread (they
started it or replied in it). Bots and system notices are left out. The user's own messages
are not requests; one that follows requests in the same thread (or, outside threads, in the same
DM) comes as a reply (``own``) that answers them, so an import closes what was already answered.

Thread membership needs the whole conversation, so each conversation is read twice: first for
the threads the user wrote in, then to yield. Broken parts (a day file that is not JSON, a
corrupt member, a message without a time) become problems; only a file that is not a Slack
export at all, or a ``me`` that is none of its users, raises ``InvalidInput``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.importing.items import LATEST, Incoming, Problem
from desktop.core.people import Source
from desktop.core.requests import Channel, Priority
from desktop.sources.slack_archive import OPEN_ERRORS, load_member
from desktop.sources.slack_users import find_me, user_name

Item = Incoming | Problem
Key = tuple[int, int]
SOURCE = "slack"
MAX_SUBJECT = 120
_MAX_LINKS = 20
_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
_TS = re.compile(r"(\d{1,12})(?:\.(\d{1,9}))?")
_TOKEN = re.compile(r"<([^<>\n]*)>|&(lt|gt|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}
_SITE = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,80}[a-z0-9])?")
_URGENT = re.compile(r"\burgent\b", re.IGNORECASE)
_BROADCASTS = ("here", "channel", "everyone")
_USER_SUBTYPES = ("", "thread_broadcast", "file_share", "me_message")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_END = int((LATEST - _EPOCH).total_seconds())  # later times are not plausible (see there)


@dataclass(frozen=True, slots=True)
class _Conversation:
    id: str
    folder: str
    """The folder of its day files: the name of a channel or group DM, the id of a DM."""
    members: frozenset[str]
    direct: bool
    """A DM or group DM: every message in it is for each member."""


def read_slack_export(path: Path, me: str, *, workspace: str | None = None) -> Iterator[Item]:
    """The messages for ``me`` in a Slack export, in conversation, day and time order.

    ``me`` is a user id (``U…``) or a name, real name, display name or email from
    ``users.json`` (any case). With ``workspace`` (the ``acme`` of ``acme.slack.com``) each
    request's first link is the message's permalink.

    Raises:
        InvalidInput: the file is not a zip or has no ``users.json``, ``me`` matches no user or
            several, or ``workspace`` is not a workspace name.
    """
    reader = _Reader(path, _site(workspace) if workspace else "")
    try:
        archive = zipfile.ZipFile(path)
    except OPEN_ERRORS as error:
        raise InvalidInput(_("{path} is not a Slack export: it could not be read as a zip file "
                             "({error}).").format(path=path, error=error)) from error
    with archive:
        users = reader.index(archive)
    reader.me = find_me(me, users)
    reader.mention = re.compile("<@" + re.escape(reader.me) + "[|>]")
    return reader.items()


def _site(workspace: str) -> str:
    name = workspace.strip().lower().removeprefix("https://").removeprefix("http://")
    name = name.rstrip("/").removesuffix(".slack.com")
    if not _SITE.fullmatch(name):
        raise InvalidInput(_("'{value}' is not a Slack workspace name; give the part before "
                             ".slack.com, e.g. acme.").format(value=workspace))
    return name


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _ts_key(value: object) -> Key | None:
    """A Slack ``ts`` (``"1732530000.123456"``) as (seconds, nanoseconds), for sorting."""
    match = _TS.fullmatch(value) if isinstance(value, str) else None
    return (int(match[1]), int((match[2] or "").ljust(9, "0"))) if match else None


def _unescape(text: str) -> str:
    """``&lt;``, ``&gt;`` and ``&amp;`` (the only entities Slack writes) as characters."""
    return _TOKEN.sub(lambda m: _ENTITIES.get(m[2] or "", m[0]), text)


def _subject(text: str) -> str:
    line = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= MAX_SUBJECT else line[:MAX_SUBJECT - 1].rstrip() + "…"


class _Reader:
    """One export: its index (read eagerly, to fail early), then the messages for ``me``."""

    def __init__(self, path: Path, site: str) -> None:
        self.path, self.site, self.me, self.prefix = path, site, "", ""
        self.names: dict[str, str] = {}
        self.zones: dict[str, str] = {}
        self.channels: dict[str, str] = {}
        """Channel id to name, for ``<#C…>`` without a label."""
        self.conversations: list[_Conversation] = []
        self.days: dict[str, list[str]] = {}
        self.pending: list[Problem] = []
        self.reported: set[str] = set()
        self.mention = re.compile("(?!)")

    def index(self, archive: zipfile.ZipFile) -> list[dict[str, Any]]:
        """Read users.json, the conversation lists and the day file names; return the users."""
        names = archive.namelist()
        found = sorted((n for n in names if n.rpartition("/")[2] == "users.json"),
                       key=lambda n: (n.count("/"), n))
        if not found:
            raise InvalidInput(_("{path} is not a Slack export: it has no users.json.").format(
                path=self.path))
        self.prefix = found[0].removesuffix("users.json")
        users, reason = load_member(archive, found[0])
        if reason or not isinstance(users, list):
            raise InvalidInput(_("{path} is not a Slack export: its users.json could not be "
                                 "read ({error}).").format(
                path=self.path, error=reason or _("it is not a list")))
        valid = [u for u in users if isinstance(u, dict) and _str(u.get("id"))]
        if len(valid) < len(users):
            left_out = len(users) - len(valid)
            self.pending.append(Problem(f"{self.path}:{found[0]}", ngettext(
                "{count} entry without a user id was left out.",
                "{count} entries without a user id were left out.", left_out).format(
                count=left_out)))
        self.names = {u["id"]: user_name(u) for u in valid}
        self.zones = {u["id"]: u["tz"] for u in valid if isinstance(u.get("tz"), str)}
        for name in names:
            folder, slash, day = name.removeprefix(self.prefix).partition("/")
            if name.startswith(self.prefix) and slash:
                days = self.days.setdefault(folder, [])
                days.extend([name] if _DAY.fullmatch(day) else [])
        for listing in _LISTS:
            if self.prefix + listing in names:
                self._conversations(archive, self.prefix + listing)
        self.conversations.sort(key=lambda c: (c.folder, c.id))
        self.channels = {c.id: c.folder for c in self.conversations if c.folder != c.id}
        for days in self.days.values():
            days.sort()
        return valid

    def _conversations(self, archive: zipfile.ZipFile, member: str) -> None:
        where, dms = f"{self.path}:{member}", member.endswith("dms.json")
        entries, reason = load_member(archive, member)
        if reason or not isinstance(entries, list):
            self.pending.append(Problem(where, reason or _("The file is not a list.")))
            return
        known = {c.id for c in self.conversations}
        for entry in entries:
            ident = _str(entry.get("id")) if isinstance(entry, dict) else ""
            folder = ident if dms else _str(entry.get("name")) if ident else ""
            if not folder:
                self.pending.append(Problem(where, _("An entry without an id or name was left "
                                                     "out.")))
            elif ident not in known:
                known.add(ident)
                members = entry.get("members")
                self.conversations.append(_Conversation(ident, folder, frozenset(
                    m for m in members if isinstance(m, str)) if isinstance(members, list)
                    else frozenset(), dms or member.endswith("mpims.json")))

    def items(self) -> Iterator[Item]:
        """Problems of the index, then each conversation's requests."""
        yield from self.pending
        self.pending.clear()
        try:
            archive = zipfile.ZipFile(self.path)
        except OPEN_ERRORS as error:
            yield Problem(str(self.path), _("The file could not be read: {error}").format(
                error=error))
            return
        with archive:
            for conversation in self.conversations:
                days = self.days.get(conversation.folder)
                if days is None:
                    yield Problem(f"{self.path}:{self.prefix}{conversation.folder}/", _(
                        "The export lists the conversation {name} but has no folder for it.")
                        .format(name=conversation.folder))
                    continue
                threads = self._threads(archive, days)
                waiting: dict[str, list[str]] = {}
                for member in days:
                    yield from self._day(archive, conversation, member, threads, waiting)

    def _threads(self, archive: zipfile.ZipFile, days: list[str]) -> dict[str, Key]:
        """Thread ts to the time of the user's first message in that thread."""
        mine: dict[str, Key] = {}
        for member in days:
            messages = load_member(archive, member, self.me.encode())[0]
            for message in messages if isinstance(messages, list) else ():
                if isinstance(message, dict) and message.get("user") == self.me:
                    key, root = _ts_key(message.get("ts")), message.get("thread_ts")
                    root = root if isinstance(root, str) and root else message.get("ts")
                    if key is not None and isinstance(root, str):
                        mine[root] = min(mine.get(root, key), key)
        return mine

    def _day(self, archive: zipfile.ZipFile, conversation: _Conversation, member: str,
             threads: dict[str, Key], waiting: dict[str, list[str]]) -> Iterator[Item]:
        """The requests of one day file, and the user's own replies that answer earlier ones.

        ``waiting`` holds, per thread (its root ts) and for the DM itself (``""``), the requests
        not answered yet; it carries over from one day to the next.
        """
        where = f"{self.path}:{member}"
        messages, reason = load_member(archive, member)
        if reason or not isinstance(messages, list):
            yield Problem(where, reason or _("The file does not hold a list of messages."))
            return
        direct = conversation.direct and self.me in conversation.members
        keyed = sorted((_ts_key(m.get("ts") if isinstance(m, dict) else None) or (-1, -1),
                        number, m) for number, m in enumerate(messages, start=1))
        for key, number, message in keyed:
            item = self._message(conversation.id, where, number, key, message, direct, threads)
            if isinstance(item, Incoming):
                _await(waiting, item, message, direct)
            elif item is None:
                item = self._own_reply(conversation.id, key, message, direct, waiting)
            if item is not None:
                yield item
            if self.pending:
                yield from self.pending
                self.pending.clear()

    def _message(self, conversation: str, where: str, number: int, key: Key, message: object,
                 direct: bool, threads: dict[str, Key]) -> Item | None:
        """The request in one message, a problem, or None for a message not for the user."""
        if not isinstance(message, dict):
            return Problem(where, _("Message {number} is not a JSON object.").format(
                number=number))
        subtype = message.get("subtype", "")
        if (message.get("type", "message") != "message" or message.get("hidden") is True
                or not isinstance(subtype, str) or subtype not in _USER_SUBTYPES):
            return None  # joins, topic changes, bot posts and other notices
        user = _str(message.get("user"))
        if not user or user == self.me:
            return None if user or message.get("bot_id") else Problem(where, _(
                "Message {number} has no author.").format(number=number))
        if not 0 <= key[0] < _END:
            return Problem(where, _("Message {number} has no readable time (ts).").format(
                number=number))
        ts, text, thread = message["ts"], _str(message.get("text")), message.get("thread_ts")
        in_thread = isinstance(thread, str) and thread != ts
        after = threads.get(thread) if isinstance(thread, str) and in_thread else None
        if not (direct or (after is not None and key > after) or self.mention.search(text)):
            if not in_thread:
                return None
            return Incoming(  # an answer in a thread: it may resume a request waiting on it
                source=SOURCE, external_id=f"{conversation}:{ts}", subject="",
                sender=self._user(user, where, message.get("user_profile")),
                received_at=_EPOCH + timedelta(seconds=key[0], microseconds=key[1] // 1000),
                channel=Channel.CHAT, replies_to=(f"{conversation}:{thread}",),
                answer_only=True)
        body, links = self._resolve(text, where)
        files = message.get("files")
        files = [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []
        names = ", ".join(n for f in files if (n := _str(f.get("title")) or _str(f.get("name"))))
        permalink = (f"https://{self.site}.slack.com/archives/{conversation}/p"
                     f"{ts.replace('.', '')}") if self.site else ""
        links = [permalink, *links, *(_str(f.get("permalink")) for f in files)]
        return Incoming(
            source=SOURCE,
            external_id=f"{conversation}:{ts}",
            subject=_subject(body) or _subject(names),
            sender=self._user(user, where, message.get("user_profile")),
            received_at=_EPOCH + timedelta(seconds=key[0], microseconds=key[1] // 1000),
            body=body.strip(),
            links=tuple(dict.fromkeys(link for link in links if link))[:_MAX_LINKS],
            channel=Channel.CHAT,
            priority=Priority.HIGH if _URGENT.search(text) else Priority.NORMAL,
            sender_zone=self.zones.get(user, ""),
            zone_source=Source.SLACK.value if user in self.zones else "",
            replies_to=(f"{conversation}:{thread}",) if in_thread else (),
        )

    def _own_reply(self, conversation: str, key: Key, message: object, direct: bool,
                   waiting: dict[str, list[str]]) -> Incoming | None:
        """The user's own message as a reply to what waits in its thread (or in the DM when
        it is not in a thread); None for anything else."""
        if (not isinstance(message, dict) or _str(message.get("user")) != self.me
                or message.get("type", "message") != "message" or message.get("hidden") is True
                or message.get("subtype", "") not in _USER_SUBTYPES or not 0 <= key[0] < _END):
            return None
        ts, thread = message.get("ts"), message.get("thread_ts")
        place = thread if isinstance(thread, str) and thread != ts else "" if direct else None
        answered = waiting.pop(place, []) if place is not None else []
        if not answered:
            return None
        return Incoming(
            source=SOURCE, external_id=f"{conversation}:{ts}", subject="",
            sender=self.names.get(self.me, self.me),
            received_at=_EPOCH + timedelta(seconds=key[0], microseconds=key[1] // 1000),
            channel=Channel.CHAT, replies_to=tuple(answered), own=True)

    def _user(self, user: str, where: str, profile: object = None, label: str = "") -> str:
        """The name of a user; one problem per user missing from users.json."""
        if user in self.names or not user:
            return self.names.get(user, label)
        name = label or (user_name(profile) if isinstance(profile, dict) else "") or user
        if user not in self.reported:
            self.reported.add(user)
            self.pending.append(Problem(where, _("The user {user} is not in users.json; they "
                                                 "are shown as '{name}'.").format(
                user=user, name=name)))
        return name

    def _resolve(self, text: str, where: str) -> tuple[str, list[str]]:
        """Slack markup as plain text, and the web links in it."""
        links: list[str] = []

        def token(match: re.Match[str]) -> str:
            if match[2]:
                return _ENTITIES[match[2]]
            target, _bar, label = (_unescape(part) for part in match[1].partition("|"))
            if target.startswith("@"):
                return "@" + self._user(target[1:], where, label=label.removeprefix("@"))
            if target.startswith("#"):
                return "#" + (label or self.channels.get(target[1:], target[1:]))
            if target.startswith("!"):
                word = target[1:].partition("^")[0]
                return "@" + word if word in _BROADCASTS or not label else label
            if target.startswith(("http://", "https://")):
                links.append(target)
            if not label or label in (target, target.partition(":")[2].lstrip("/")):
                return label or target
            return f"{label} ({target})"

        return _TOKEN.sub(token, text), links


def _await(waiting: dict[str, list[str]], item: Incoming, message: dict[str, Any],
           direct: bool) -> None:
    """Note that ``item`` waits for the user's answer: in its thread, or (a message at the top
    of a DM) in the DM or in a thread started under it."""
    ts, thread = message.get("ts"), message.get("thread_ts")
    if isinstance(thread, str) and thread != ts:
        waiting.setdefault(thread, []).append(item.external_id)
        return
    waiting.setdefault(str(ts), []).append(item.external_id)
    if direct:
        waiting.setdefault("", []).append(item.external_id)
