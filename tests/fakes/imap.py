# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An IMAP server in memory, reached through the same calls as ``imapclient.IMAPClient``.

``FakeImapServer.connect`` is the ``connect`` factory the sync takes. The server can refuse
logins, reset a folder's UIDVALIDITY, and die after a number of FETCH commands (the client then
sees the same ``IMAP4.abort`` a dropped connection raises).
"""

from __future__ import annotations

import imaplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from imapclient.exceptions import LoginError

from desktop.core.importing.mail_account import MailAccount


@dataclass
class FakeMessage:
    data: bytes
    flags: set[bytes] = field(default_factory=set)
    arrived: datetime = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@dataclass
class FakeFolder:
    uidvalidity: int = 1
    next_uid: int = 1
    messages: dict[int, FakeMessage] = field(default_factory=dict)
    selectable: bool = True


class FakeImapServer:
    def __init__(self, user: str = "ann", password: str = "secret") -> None:
        self.user, self.password = user, password
        self.folders: dict[str, FakeFolder] = {"INBOX": FakeFolder()}
        self.fetches_left: int | None = None  # dies when this reaches zero
        self.fetched_uids: list[tuple[str, int]] = []
        self.connections = 0
        self.refuse_connection: Exception | None = None

    def append(self, folder: str, data: bytes, flags: Sequence[bytes] = (),
               arrived: datetime | None = None) -> int:
        box = self.folders.setdefault(folder, FakeFolder())
        uid = box.next_uid
        box.next_uid += 1
        box.messages[uid] = FakeMessage(data, set(flags), arrived or FakeMessage.arrived)
        return uid

    def renumber(self, folder: str) -> None:
        """A new UIDVALIDITY, the same messages under new UIDs (as after a server rebuild)."""
        box = self.folders[folder]
        messages = [box.messages[u] for u in sorted(box.messages)]
        box.uidvalidity += 1
        box.messages = {uid: m for uid, m in enumerate(messages, start=1)}
        box.next_uid = len(messages) + 1

    def die_after_fetches(self, count: int) -> None:
        self.fetches_left = count

    def connect(self, account: MailAccount) -> FakeClient:
        if self.refuse_connection is not None:
            raise self.refuse_connection
        self.connections += 1
        return FakeClient(self)


class FakeClient:
    def __init__(self, server: FakeImapServer) -> None:
        self._server = server
        self._user: str | None = None
        self._folder: str | None = None
        self.logged_out = False

    def login(self, username: str, password: str) -> bytes:
        if (username, password) != (self._server.user, self._server.password):
            raise LoginError("[AUTHENTICATIONFAILED] Authentication failed.")
        self._user = username
        return b"Logged in"

    def logout(self) -> bytes:
        self.logged_out = True
        return b"Logging out"

    def shutdown(self) -> None:
        self.logged_out = True

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes, str]]:
        self._need_login()
        return [((b"\\HasNoChildren",) if box.selectable else (b"\\Noselect",), b"/", name)
                for name, box in self._server.folders.items()]

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        self._need_login()
        box = self._server.folders.get(folder)
        if box is None or not box.selectable:
            raise imaplib.IMAP4.error(f"select failed: Mailbox doesn't exist: {folder}")
        self._folder = folder
        return {b"UIDVALIDITY": box.uidvalidity, b"UIDNEXT": box.next_uid,
                b"EXISTS": len(box.messages), b"READ-ONLY": [b""] if readonly else None}

    def search(self, criteria: Sequence[Any]) -> list[int]:
        box = self._box()
        uids = sorted(box.messages)
        items = list(criteria)
        while items:
            word = items.pop(0)
            if word == "UID":
                wanted = _uid_set(items.pop(0), max(box.messages, default=0))
                uids = [u for u in uids if u in wanted]
            elif word == "ANSWERED":
                uids = [u for u in uids if b"\\Answered" in box.messages[u].flags]
            elif word == "SINCE":
                since: date = items.pop(0)
                uids = [u for u in uids if box.messages[u].arrived.date() >= since]
            else:
                raise imaplib.IMAP4.error(f"unknown search key {word}")
        return uids

    def fetch(self, messages: Sequence[int], data: Sequence[bytes]) -> dict[int, dict[bytes, Any]]:
        box = self._box()
        server = self._server
        if server.fetches_left is not None:
            if server.fetches_left <= 0:
                raise imaplib.IMAP4.abort("socket error: EOF")
            server.fetches_left -= 1
        result: dict[int, dict[bytes, Any]] = {}
        for uid in messages:
            message = box.messages.get(uid)
            if message is None:
                continue
            server.fetched_uids.append((self._folder or "", uid))
            item: dict[bytes, Any] = {b"SEQ": uid}
            for part in data:
                if part == b"BODY.PEEK[]":
                    item[b"BODY[]"] = message.data
                elif part == b"BODY.PEEK[HEADER]":
                    item[b"BODY[HEADER]"] = message.data.replace(b"\r\n", b"\n").split(
                        b"\n\n", 1)[0] + b"\n\n"
                elif part == b"FLAGS":
                    item[b"FLAGS"] = tuple(sorted(message.flags))
                elif part == b"INTERNALDATE":
                    item[b"INTERNALDATE"] = message.arrived
            result[uid] = item
        return result

    def _need_login(self) -> None:
        if self._user is None:
            raise imaplib.IMAP4.error("command not allowed before login")

    def _box(self) -> FakeFolder:
        self._need_login()
        if self._folder is None:
            raise imaplib.IMAP4.error("no folder selected")
        return self._server.folders[self._folder]


def _uid_set(text: str, highest: int) -> set[int]:
    """``n:*`` or ``n:m`` as IMAP reads it: ``*`` is the highest UID, and ``n:*`` with n above
    it still holds the highest one (RFC 3501 6.4.8)."""
    low, _sep, high = text.partition(":")
    start = int(low)
    end = highest if high == "*" else int(high or low)
    start, end = min(start, end), max(start, end)
    return set(range(start, end + 1))
