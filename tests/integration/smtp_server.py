# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it was sent, and a port with
nothing listening (a server that is down). Import the fixtures into a test module."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

USER, PASSWORD = "ann", "S3cr3t-pa55-for-smtp-only"


@dataclass
class Received:
    """One message as the server got it."""

    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class SmtpServer:
    """The running server: where it listens, what it got, and how to stop and start it."""

    port: int
    messages: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)
    """Recipients the server answers with 550 (no such mailbox)."""
    controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        server = self

        class Handler:
            async def handle_RCPT(self, _server: Any, _session: Any, envelope: Any,
                                  address: str, _options: Any) -> str:
                if address in server.refused:
                    return "550 5.1.1 <" + address + ">: mailbox unavailable"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
                server.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                                envelope.original_content or envelope.content))
                return "250 OK"

        def authenticator(_server: Any, _session: Any, _envelope: Any, _mechanism: str,
                          auth_data: Any) -> AuthResult:
            ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
            if ok:
                server.logins.append(USER)
            return AuthResult(success=ok, handled=False)  # False: the server answers 535

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     authenticator=authenticator, auth_require_tls=False)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _need_aiosmtpd() -> None:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        message = "needs aiosmtpd: pip install aiosmtpd (Debian: apt-get install python3-aiosmtpd)"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message + " (REQUIRE_INTEGRATION=1)")
        pytest.skip(message)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on 127.0.0.1 that accepts AUTH LOGIN/PLAIN for ``USER``/``PASSWORD``."""
    _need_aiosmtpd()
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def down_server() -> Iterator[SmtpServer]:
    """A port where the server is down; ``start()`` brings it up mid-test."""
    _need_aiosmtpd()
    server = SmtpServer(free_port())
    yield server
    server.stop()
