# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the D-Bus adapters use of jeepney, as Protocols: jeepney ships no type hints, so these
name the attributes read, and mypy checks the adapters against them.

A message's body holds D-Bus values, typed only by the signature string sent along with them
(as JSON is typed only by its text), so :attr:`Message.body` stays a tuple of ``Any``.
"""

from __future__ import annotations

import socket
from collections import deque
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Protocol


class Header(Protocol):
    """``jeepney.low_level.Header``."""

    @property
    def fields(self) -> Mapping[object, object]: ...


class Message(Protocol):
    """``jeepney.low_level.Message``: a call, a reply or a signal."""

    @property
    def header(self) -> Header: ...

    @property
    def body(self) -> tuple[Any, ...]: ...


class Filter(Protocol):
    """``jeepney.io.common.FilterHandle``: the messages matching a rule, queued as they come."""

    @property
    def queue(self) -> deque[Message]: ...

    def __enter__(self) -> deque[Message]: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None: ...


class Connection(Protocol):
    """``jeepney.io.blocking.DBusConnection``."""

    @property
    def unique_name(self) -> str: ...

    @property
    def sock(self) -> socket.socket: ...

    def send_and_get_reply(self, message: Message, *, timeout: float | None = None) -> Message:
        ...

    def filter(self, rule: object, *, queue: deque[Message] | None = None) -> Filter: ...

    def recv_until_filtered(self, queue: deque[Message], *, timeout: float | None = None
                            ) -> Message: ...

    def recv_messages(self, *, timeout: float | None = None) -> None: ...

    def close(self) -> None: ...
