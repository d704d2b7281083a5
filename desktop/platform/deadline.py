# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A total deadline and a size cap for one exchange with a server (platform layer).

A socket timeout bounds each read, but a server that sends one byte every few seconds never
trips it, and one that streams without end fills memory. So every exchange (one HTTP request,
one IMAP command, one SMTP session) runs under a :class:`Watchdog` that cuts the connection
when the total deadline passes, and its reply is read through a :class:`CappedReader` (or
counted by the caller) that stops at a byte budget. The adapters turn :class:`DeadlinePassed`
and :class:`ReplyTooLarge` into one sentence for the user.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol

logger = logging.getLogger(__name__)

DEFAULT_DEADLINE_S = 30.0
"""A whole request and its reply in this time: a working server answers a sync request in
well under a second, and 30 s survives a slow mobile link; the user can change it."""


class DeadlinePassed(TimeoutError):
    """The whole exchange took longer than its deadline (a stalled or dripping server)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


class ReplyTooLarge(Exception):
    """The server sent more than the exchange may read (an endless or hostile reply).

    Deliberately not an ``OSError``: the protocol libraries turn those into "disconnected",
    which would hide the reason.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(f"the reply is larger than {limit // (1024 * 1024)} MiB")
        self.limit = limit


class Watchdog:
    """Calls ``abort`` once ``seconds`` have passed, unless the ``with`` block ended first.

    ``abort`` must make the blocked read return (shut the socket down, close the session); it
    runs on a timer thread and its ``OSError`` is ignored. After the block, :meth:`check`
    raises :class:`DeadlinePassed` if the deadline cut the exchange short.
    """

    def __init__(self, seconds: float, abort: Callable[[], None]) -> None:
        self.seconds = seconds
        self._abort = abort
        self._lock = threading.Lock()
        self._done = False
        self.fired = False
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._started = time.monotonic()

    def __enter__(self) -> Watchdog:
        self._started = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left before the deadline (never below zero)."""
        return max(0.0, self.seconds - (time.monotonic() - self._started))

    @property
    def passed(self) -> bool:
        """Whether the deadline fired or its time is up (a socket timeout as long as the
        deadline can beat the timer thread on a busy machine: that is the deadline too)."""
        return self.fired or self.remaining() <= 0

    def check(self) -> None:
        """Raise :class:`DeadlinePassed` if the deadline has fired or passed."""
        if self.passed:
            raise DeadlinePassed(self.seconds)

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
        logger.info("deadline of %g s passed; cutting the connection", self.seconds)
        try:
            self._abort()
        except (OSError, ValueError, AttributeError) as error:  # already closed or never opened
            logger.debug("abort after the deadline: %s", error)


def shut(sock: socket.socket | None) -> None:
    """Make a read blocked on ``sock`` (plain or TLS) return at once."""
    if sock is not None:
        # the plain socket's shutdown: SSLSocket.shutdown would drop its TLS state under the
        # reading thread
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class CappedReader:
    """A binary file over a socket that stops at ``limit`` bytes in all.

    It stands in for the ``makefile('rb')`` file of :mod:`imaplib` and :mod:`smtplib`, which
    read replies through ``read(n)`` and ``readline(n)`` only. A literal announced larger than
    what is left is refused before anything is read or allocated. Lines may have a smaller
    budget of their own (``line_limit``): protocol lines are short, and a server that sends
    them without end should stop long before the budget meant for message bodies.
    """

    CHUNK = 1 << 20

    def __init__(self, raw: _Readable, limit: int, line_limit: int | None = None) -> None:
        self._raw = raw
        self.limit = limit
        self.line_limit = limit if line_limit is None else min(line_limit, limit)
        self.count = 0
        self.line_count = 0

    def reset(self) -> None:
        """Start the budget again (a new exchange on the same connection)."""
        self.count = 0
        self.line_count = 0

    def _take(self, size: int) -> None:
        self.count += size
        if self.count > self.limit:
            raise ReplyTooLarge(self.limit)

    def read(self, size: int = -1, /) -> bytes:
        if size < 0 or self.count + size > self.limit:
            raise ReplyTooLarge(self.limit)
        parts = []
        left = size
        while left > 0:
            part = self._raw.read(min(left, self.CHUNK))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        data = b"".join(parts)
        self._take(len(data))
        return data

    def readline(self, size: int = -1, /) -> bytes:
        line = self._raw.readline(size)
        self.line_count += len(line)
        if self.line_count > self.line_limit:
            raise ReplyTooLarge(self.line_limit)
        self._take(len(line))
        return line

    def close(self) -> None:
        self._raw.close()

    def __getattr__(self, name: str) -> object:
        return getattr(self._raw, name)
