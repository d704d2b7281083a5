# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV, IMAP and SMTP against servers that stall, drip, never stop, or are not what the URL
promised: each exchange ends within its deadline, in bounded memory, with one clear sentence.

The deadline is injected (about 1 s) so each test takes a second or two; the peak of Python
memory during the exchange is measured with :mod:`tracemalloc`.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest

from desktop.core.drafting.outbox import OutgoingMail, Security, SendFailed, SmtpAccount
from desktop.core.importing.mail_account import MailAccount, MailServerError
from desktop.core.importing.mail_account import Security as ImapSecurity
from desktop.platform.smtp import SmtpTransport
from desktop.sources.imap import list_folders, open_client
from desktop.sync.errors import ServerFailed, ServerUnreachable, SyncError
from desktop.sync.remote import CalDavRemote
from tests.reliability import hostile

DEADLINE = 1.0
SLACK = 2.5
"""Seconds past the deadline an exchange may take to wind down (thread start, close)."""
MIB = 1 << 20


@contextmanager
def measured() -> Iterator[dict[str, float]]:
    """Time and peak traced memory (MiB) of the block."""
    found: dict[str, float] = {}
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield found
    finally:
        found["seconds"] = time.monotonic() - started
        found["peak_mib"] = tracemalloc.get_traced_memory()[1] / MIB
        tracemalloc.stop()


def failure_of(run: Callable[[], Any], kind: type[Exception]) -> tuple[str, dict[str, float]]:
    with measured() as found, pytest.raises(kind) as error:
        run()
    message = str(error.value)
    assert "\n" not in message.strip(), "one line for the user"
    return message, found


# -- CalDAV -----------------------------------------------------------------------------------


def _caldav(port: int, scheme: str = "http", deadline: float = DEADLINE) -> CalDavRemote:
    return CalDavRemote(f"{scheme}://127.0.0.1:{port}/dav/", "ann", "secret", deadline=deadline)


def test_caldav_endless_207_stops_at_the_size_cap():
    # the cap, not the deadline, must end it: give it time to stream 64 MiB under tracemalloc
    with hostile.HostileServer(hostile.endless_http_207()) as server:
        remote = _caldav(server.port, deadline=20)
        message, found = failure_of(lambda: remote._guard(
            lambda: remote._propfind_etags("/dav/cal/")), ServerFailed)
        remote.close()
    assert "larger than 64 MiB" in message
    assert found["peak_mib"] < 200, found  # twice the cap, not the gigabytes it streams


@pytest.mark.parametrize("behaviour", [
    pytest.param(hostile.drip(b"HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\n\r\n<",
                              0.2, http=True), id="dripping"),
    pytest.param(hostile.drip(b"HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\n\r\n",
                              10, http=True), id="headers-dripped-slower-than-the-deadline"),
    pytest.param(hostile.silent, id="silent"),
])
def test_caldav_stalling_server_ends_at_the_deadline(behaviour):
    with hostile.HostileServer(behaviour) as server:
        remote = _caldav(server.port)
        message, found = failure_of(lambda: remote.changes("/dav/cal/", None), ServerUnreachable)
        remote.close()
    assert f"within {DEADLINE:g} s" in message
    assert found["seconds"] < DEADLINE + SLACK


@pytest.mark.parametrize("behaviour", [hostile.web_page, hostile.web_page_200],
                         ids=["501-to-webdav", "200-page-to-everything"])
def test_caldav_url_of_a_plain_web_server_says_so(behaviour):
    with hostile.HostileServer(behaviour) as server:
        remote = _caldav(server.port)
        message, _found = failure_of(lambda: remote.changes("/dav/cal/", None), ServerFailed)
        for run in (remote.collections, lambda: remote._propfind_etags("/dav/cal/")):
            with pytest.raises(SyncError, match="not a CalDAV server"):
                run()
        remote.close()
    assert "is not a CalDAV server" in message
    assert "check the URL" in message


def test_caldav_https_to_a_plain_server_names_the_mismatch():
    with hostile.HostileServer(hostile.web_page) as server:
        remote = _caldav(server.port, "https")
        message, found = failure_of(lambda: remote.changes("/dav/cal/", None), ServerUnreachable)
        remote.close()
    assert "does not speak TLS" in message
    assert found["seconds"] < DEADLINE + SLACK


# -- IMAP -------------------------------------------------------------------------------------

IMAP_GREETING = b"* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n"


def _imap(port: int, security: ImapSecurity = ImapSecurity.PLAIN) -> MailAccount:
    return MailAccount("127.0.0.1", "ann", port=port, security=security)


def _imap_folders(port: int, security: ImapSecurity = ImapSecurity.PLAIN) -> list[str]:
    return list_folders(_imap(port, security), "secret",
                        lambda account: open_client(account, deadline=DEADLINE))


@pytest.mark.parametrize("behaviour", [
    pytest.param(hostile.drip(IMAP_GREETING, 0.2), id="dripping-greeting"),
    pytest.param(hostile.silent, id="silent"),
    pytest.param(hostile.endless(b"", b"", greeting=IMAP_GREETING, line_command=True),
                 id="login-never-answered"),
])
def test_imap_stalling_server_ends_at_the_deadline(behaviour):
    with hostile.HostileServer(behaviour) as server:
        message, found = failure_of(lambda: _imap_folders(server.port), MailServerError)
    assert f"within {DEADLINE:g} s" in message
    assert found["seconds"] < DEADLINE + SLACK


@pytest.mark.parametrize("filler", [
    pytest.param(b"* 1 EXISTS " + b"x" * 4000 + b"\r\n", id="untagged-lines"),
    pytest.param(b"* 1 FETCH (BODY[] {99999999999}\r\n" + b"x" * 4096, id="terabyte-literal"),
])
def test_imap_endless_answer_stops_at_the_size_cap(filler):
    behaviour = hostile.endless(filler, filler, greeting=IMAP_GREETING, line_command=True)
    with hostile.HostileServer(behaviour) as server:
        message, found = failure_of(lambda: _imap_folders(server.port), MailServerError)
    assert "larger than" in message or f"within {DEADLINE:g} s" in message
    assert found["peak_mib"] < 150, found
    assert found["seconds"] < DEADLINE + SLACK


def test_imap_tls_to_a_plain_server_names_the_mismatch():
    with hostile.HostileServer(hostile.greet(IMAP_GREETING)) as server:
        message, found = failure_of(lambda: _imap_folders(server.port, ImapSecurity.TLS),
                                    MailServerError)
    assert "secure connection" in message
    assert "Check the port and security" in message
    assert found["seconds"] < DEADLINE + SLACK


# -- SMTP -------------------------------------------------------------------------------------

SMTP_GREETING = b"220 mail.example.org ESMTP\r\n"
MAIL = OutgoingMail("d1", "me@example.org", "ann@example.org", "Hello", "Body",
                    datetime(2026, 12, 4, 12, 0, tzinfo=UTC))


def _send(port: int, security: Security = Security.NONE) -> None:
    account = SmtpAccount("127.0.0.1", "me", "me@example.org", port, security)
    SmtpTransport(account, "secret", deadline=DEADLINE).send(MAIL)


@pytest.mark.parametrize("behaviour", [
    pytest.param(hostile.drip(SMTP_GREETING * 100, 0.2), id="dripping"),
    pytest.param(hostile.silent, id="silent"),
])
def test_smtp_stalling_server_ends_at_the_deadline(behaviour):
    with hostile.HostileServer(behaviour) as server:
        message, found = failure_of(lambda: _send(server.port), SendFailed)
    assert f"within {DEADLINE:g} s" in message
    assert found["seconds"] < DEADLINE + SLACK


def test_smtp_endless_greeting_stops_at_the_size_cap():
    line = b"220-" + b"x" * 1000 + b"\r\n"
    with (hostile.HostileServer(hostile.endless(line, line)) as server, measured() as found,
          pytest.raises(SendFailed) as error):
        _send(server.port)
    assert "more than 1 MiB of replies" in error.value.reason
    assert not error.value.transient
    assert found["peak_mib"] < 20, found
    assert found["seconds"] < DEADLINE + SLACK


def test_smtp_tls_to_a_plain_server_names_the_mismatch():
    with (hostile.HostileServer(hostile.greet(SMTP_GREETING)) as server,
          pytest.raises(SendFailed) as error):
        _send(server.port, Security.TLS)
    assert "does not speak TLS" in error.value.reason


def test_smtp_refuses_cleartext_to_another_machine_before_connecting():
    account = SmtpAccount("smtp.example.org", "me", "me@example.org", 25, Security.NONE)
    with pytest.raises(SendFailed, match="only allowed to this machine") as error:
        SmtpTransport(account, "secret", deadline=DEADLINE).send(MAIL)
    assert not error.value.transient
