# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An ``imapclient`` connection with a deadline and a size cap on every command (sources layer).

The socket timeout bounds each read, but a server that sends a byte every few seconds never
trips it, and one that answers a command without end (untagged lines, or a literal announced
as terabytes) fills memory. Here every command, and the connect with its greeting, runs under a
:class:`~desktop.platform.deadline.Watchdog` that cuts the socket at the deadline, and every
reply is read through a :class:`~desktop.platform.deadline.CappedReader`.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Literal, Protocol, TypeVar

from desktop.platform.deadline import CappedReader, DeadlinePassed, ReplyTooLarge, Watchdog, shut

MAX_REPLY_BYTES = 256 << 20
"""The most one command's answer may hold. A fetch batch is 50 whole messages, and providers
refuse messages over 25–50 MB, so a real batch stays far below this; an endless answer stops
here instead of at the memory's end."""

MAX_LINE_BYTES = 32 << 20
"""The most one command's answer may hold outside message bodies: a SEARCH of a million UIDs
is 8 MB and a LIST of thousands of folders well under 1 MB, so untagged lines without end stop
here."""

T = TypeVar("T")


class _Line:
    """What the watchdog and the reader share for one connection: its socket and budget."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.sock: socket.socket | None = None
        self.reader: CappedReader | None = None
        self.broken = False

    def wrap(self, imap: imaplib.IMAP4) -> None:
        """Read ``imap``'s replies through a capped reader (after connect and STARTTLS)."""
        self.sock = imap.sock
        self.reader = CappedReader(imap.file, self.limit,  # type: ignore[arg-type]
                                   min(self.limit, MAX_LINE_BYTES))
        imap.file = self.reader  # type: ignore[assignment]

    def cut(self) -> None:
        shut(self.sock)


class _CappedIMAP(imaplib.IMAP4):
    """The capped reader put in at connect and after STARTTLS; a fresh budget per command."""

    _line: _Line

    def open(self, host: str = "", port: int = 143,
             timeout: float | None = None) -> None:
        super().open(host, port, timeout)
        self._line.wrap(self)

    def starttls(self, ssl_context: ssl.SSLContext | None = None
                 ) -> tuple[Literal["OK"], list[None]]:
        result = super().starttls(ssl_context)
        self._line.wrap(self)
        return result

    def _command(self, name: str, *args: str | bytes) -> str:
        if self._line.reader is not None:
            self._line.reader.reset()
        return super()._command(name, *args)  # type: ignore[misc,no-any-return]


def _client_class() -> Callable[..., _Client]:
    from imapclient import IMAPClient, imap4, tls  # type: ignore[import-untyped]

    class Plain(_CappedIMAP, imap4.IMAP4WithTimeout):  # type: ignore[misc]
        def __init__(self, line: _Line, host: str, port: int, timeout: float | None) -> None:
            self._line = line
            imap4.IMAP4WithTimeout.__init__(self, host, port, timeout)

    class Secure(_CappedIMAP, tls.IMAP4_TLS):  # type: ignore[misc]
        def __init__(self, line: _Line, host: str, port: int, context: ssl.SSLContext,
                     timeout: float | None) -> None:
            self._line = line
            tls.IMAP4_TLS.__init__(self, host, port, context, timeout)

    class Client(IMAPClient):  # type: ignore[misc]
        """``IMAPClient`` over the capped protocol classes."""

        def __init__(self, line: _Line, *args: object, **kwargs: object) -> None:
            self._line = line
            super().__init__(*args, **kwargs)

        def _create_IMAP4(self) -> imaplib.IMAP4:  # noqa: N802 (the library's name)
            connect = getattr(self._timeout, "connect", None)
            if self.ssl:
                return Secure(self._line, self.host, self.port, self.ssl_context, connect)
            return Plain(self._line, self.host, self.port, connect)

    return Client


class _Client(Protocol):
    """What is called on an ``imapclient.IMAPClient`` here (imapclient has no type hints)."""

    normalise_times: bool

    def starttls(self, ssl_context: ssl.SSLContext | None = None) -> object: ...

    def login(self, username: str, password: str) -> object: ...

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes | None, str]]: ...

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]: ...

    def search(self, criteria: Sequence[str | date]) -> list[int]: ...

    def fetch(self, messages: Sequence[int], data: Sequence[bytes]
              ) -> dict[int, dict[bytes, Any]]: ...

    def logout(self) -> object: ...

    def shutdown(self) -> None: ...


class BoundedConnection:
    """The ``ImapConnection`` the sync uses, each call within the deadline and the cap.

    After a deadline or an oversized answer the connection is cut, and ``logout`` only closes
    it (a hostile server would stall the goodbye too).
    """

    def __init__(self, client: _Client, line: _Line, deadline: float) -> None:
        self._client = client
        self._line = line
        self._deadline = deadline

    def _run(self, call: Callable[[], T]) -> T:
        watchdog = Watchdog(self._deadline, self._line.cut)
        try:
            with watchdog:
                return call()
        except ReplyTooLarge:
            self._line.broken = True
            self._line.cut()
            raise
        except Exception:
            if watchdog.passed:
                self._line.broken = True
                raise DeadlinePassed(self._deadline) from None
            raise

    def login(self, username: str, password: str) -> object:
        return self._run(lambda: self._client.login(username, password))

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes | None, str]]:
        return self._run(self._client.list_folders)

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        return self._run(lambda: self._client.select_folder(folder, readonly=readonly))

    def search(self, criteria: Sequence[str | date]) -> list[int]:
        return self._run(lambda: self._client.search(criteria))

    def fetch(self, messages: Sequence[int], data: Sequence[bytes]
              ) -> dict[int, dict[bytes, Any]]:
        return self._run(lambda: self._client.fetch(messages, data))

    def logout(self) -> object:
        if self._line.broken:
            self.shutdown()
            return None
        return self._run(self._client.logout)

    def shutdown(self) -> None:
        self._client.shutdown()


def connect_bounded(host: str, port: int, *, tls: bool, starttls: bool, timeout: float,
                    deadline: float, limit: int = MAX_REPLY_BYTES) -> BoundedConnection:
    """Connect (greeting and STARTTLS included) within ``deadline`` seconds.

    Raises:
        DeadlinePassed: the server did not greet (or finish STARTTLS) in time.
        OSError, ssl.SSLError, imaplib.IMAP4.error: as the connection fails.
    """
    line = _Line(limit)
    context = ssl.create_default_context()
    watchdog = Watchdog(deadline, line.cut)
    client: _Client | None = None
    try:
        with watchdog:
            client = _client_class()(line, host, port=port, ssl=tls, ssl_context=context,
                                     timeout=min(timeout, deadline))
            if starttls:
                client.starttls(context)
    except Exception:
        if client is not None:
            client.shutdown()
        elif line.sock is not None:
            line.sock.close()
        if watchdog.passed:
            raise DeadlinePassed(deadline) from None
        raise
    client.normalise_times = False  # aware datetimes for INTERNALDATE
    return BoundedConnection(client, line, deadline)
