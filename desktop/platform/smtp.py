# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sending mail over SMTP, and the message it sends (also what Save as .eml writes).

Messages are built by :mod:`desktop.core.drafting.outputs` (the builder Save as .eml and
``unhurried draft`` use): headers that are not ASCII are RFC 2047 encoded, lines end in CRLF,
and the body is UTF-8. ``Message-ID`` is made from the draft id, so a second try of the same
draft carries the same id and a duplicate is recognisable.

Failures map to :class:`~desktop.core.drafting.outbox.SendFailed`: a refused login or a 5xx reply is
permanent; a server that cannot be reached, a timeout or a 4xx reply is temporary (tried
again later). The password is never logged.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from email.message import EmailMessage

from desktop.core.drafting import outputs
from desktop.core.drafting.outbox import (
    OutgoingMail,
    Security,
    SendFailed,
    SmtpAccount,
    check_security,
)
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.platform.deadline import (
    DEFAULT_DEADLINE_S,
    CappedReader,
    DeadlinePassed,
    ReplyTooLarge,
    Watchdog,
    shut,
)

logger = logging.getLogger(__name__)

TIMEOUT_S = 30
"""Seconds for one read or write (the whole session has its own deadline)."""
MAX_REPLY_BYTES = 1 << 20
"""All the server may say in one session: replies are a few short lines each, and even a long
EHLO list is under 2 KiB, so 1 MiB only stops a server that talks without end."""


def build_message(mail: OutgoingMail) -> EmailMessage:
    """The message for ``mail``, made by the one output builder (as Save as .eml makes it),
    with the thread headers of a reply (In-Reply-To, References).

    Raises:
        InvalidInput: the sender or a recipient is not an email address.
    """
    return outputs.build_message(mail.subject, mail.body, mail.to, mail.sender,
                                 message_id=outputs.message_id(mail.draft_id, mail.sender),
                                 date=mail.date, in_reply_to=mail.in_reply_to,
                                 references=mail.references)


class SmtpTransport:
    """The ``MailTransport`` port over :mod:`smtplib`.

    Args:
        account: server, user and From address.
        password: from the keyring; ``None`` sends without logging in.
        timeout: seconds to wait for each read or write.
        deadline: seconds for the whole session (connect, login, send).
    """

    def __init__(self, account: SmtpAccount, password: str | None, *,
                 timeout: float = TIMEOUT_S, deadline: float = DEFAULT_DEADLINE_S) -> None:
        self._account = account
        self._password = password
        self._timeout = min(timeout, deadline)
        self._deadline = deadline

    def send(self, mail: OutgoingMail) -> None:
        """Send one message.

        Raises:
            SendFailed: not accepted (``transient`` when trying later may help).
        """
        to = outputs.bare_addresses(mail.to)
        if not to:
            raise SendFailed(_("'{to}' is not an email address.").format(to=mail.to),
                             transient=False)
        account = self._account
        try:
            check_security(account.host, account.security)
            message = build_message(mail)
        except InvalidInput as error:
            raise SendFailed(error.message, transient=False) from None
        try:
            self._session(message, to)
        except DeadlinePassed:
            logger.warning("SMTP %s:%s: no complete exchange within %g s", account.host,
                           account.port, self._deadline)
            raise SendFailed(_deadline_message(account, self._deadline),
                             transient=True) from None
        except ReplyTooLarge as error:
            raise SendFailed(_("{host} sent more than {size} MiB of replies; it is not behaving "
                               "like a mail server. Check the server and port in Edit > SMTP "
                               "account.").format(host=account.host, size=error.limit >> 20),
                             transient=False) from None
        except smtplib.SMTPAuthenticationError:
            raise SendFailed(_("{host} refused the login for {user}; check the user name and "
                               "password in Edit > SMTP account.").format(
                host=account.host, user=account.username), transient=False) from None
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(_("{host} refused the recipient {to}.").format(
                host=account.host, to=", ".join(error.recipients)), transient=False) from None
        except smtplib.SMTPResponseException as error:
            reason = _("{host} answered {code}: {text}").format(
                host=account.host, code=error.smtp_code,
                text=_decode(error.smtp_error))
            raise SendFailed(reason, transient=400 <= error.smtp_code < 500) from None
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("SMTP %s:%s unreachable: %s", account.host, account.port,
                           type(error).__name__)
            raise SendFailed(_("{host}:{port} could not be reached ({reason}).").format(
                host=account.host, port=account.port, reason=_describe(error)),
                transient=True) from None
        logger.info("sent draft %s to %d recipient(s)", mail.draft_id, len(to))

    def _session(self, message: EmailMessage, to: list[str]) -> None:
        """Connect, log in and send, all within the deadline.

        Raises:
            DeadlinePassed: the deadline cut the session (whatever smtplib made of that).
        """
        account = self._account
        smtp = _smtp_class(account.security)(timeout=self._timeout)
        watchdog = Watchdog(self._deadline, lambda: shut(smtp.sock))
        try:
            with watchdog, smtp:
                self._connect(smtp)
                if self._password is not None and account.username:
                    smtp.login(account.username, self._password)
                smtp.send_message(message, from_addr=account.from_address, to_addrs=to)
        except (OSError, smtplib.SMTPException):
            watchdog.check()  # a connection cut by the deadline looks like a disconnect
            raise

    def _connect(self, smtp: smtplib.SMTP) -> None:
        account = self._account
        # built without a host (so the watchdog has the object before it connects), smtplib
        # would check the certificate against "": name the host it verifies
        smtp._host = account.host  # type: ignore[attr-defined]
        smtp.connect(account.host, account.port)
        if account.security is Security.STARTTLS:
            smtp.starttls(context=ssl.create_default_context())


class _CappedSMTP(smtplib.SMTP):
    """SMTP whose replies are read through a :class:`CappedReader` (one budget per session)."""

    _reader: CappedReader | None = None

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            # new after connect and after STARTTLS; the budget goes on across both
            used = self._reader.count if self._reader is not None else 0
            self._reader = CappedReader(self.sock.makefile("rb"), MAX_REPLY_BYTES)
            self._reader.count = used
            self.file = self._reader
        return super().getreply()


class _CappedSMTPSSL(_CappedSMTP, smtplib.SMTP_SSL):
    """Implicit TLS, with the same capped replies."""

    def __init__(self, timeout: float) -> None:
        smtplib.SMTP_SSL.__init__(self, timeout=timeout, context=ssl.create_default_context())


def _smtp_class(security: Security) -> type[smtplib.SMTP]:
    return _CappedSMTPSSL if security is Security.TLS else _CappedSMTP


def _deadline_message(account: SmtpAccount, seconds: float) -> str:
    return _("{host}:{port} did not finish within {seconds} s (it stalled or answers far too "
             "slowly); sending is tried again later. If this repeats, check the server and "
             "port, or raise network.deadline_seconds.").format(
        host=account.host, port=account.port, seconds=f"{seconds:g}")


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


def _describe(error: BaseException) -> str:
    if isinstance(error, DeadlinePassed | socket.timeout | TimeoutError):
        return _("no answer in time")
    if isinstance(error, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(error, ssl.SSLError) and error.reason == "WRONG_VERSION_NUMBER":
        return _("it does not speak TLS on this port; choose starttls (usually port 587) or "
                 "the server's TLS port (usually 465)")
    if isinstance(error, ssl.SSLError):
        return _("TLS failed: {reason}").format(reason=error.reason or error)
    return str(error) or type(error).__name__
