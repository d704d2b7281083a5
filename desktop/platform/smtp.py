# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sending mail over SMTP, and the message it sends (also what Save as .eml writes).

Messages are built with :mod:`email` under the SMTP policy: headers that are not ASCII are
RFC 2047 encoded, lines end in CRLF, and the body is UTF-8 (quoted-printable or base64,
whichever is shorter). ``Message-ID`` is made from the draft id, so a second try of the same
draft carries the same id and a duplicate is recognisable.

Failures map to :class:`~desktop.core.drafting.outbox.SendFailed`: a refused login or a 5xx reply is
permanent; a server that cannot be reached, a timeout or a 4xx reply is temporary (tried
again later). The password is never logged.
"""

from __future__ import annotations

import email.policy
import email.utils
import logging
import smtplib
import socket
import ssl
from datetime import datetime
from email.message import EmailMessage

from desktop.core.drafting.outbox import OutgoingMail, Security, SendFailed, SmtpAccount
from desktop.core.i18n import _

logger = logging.getLogger(__name__)

TIMEOUT_S = 30


def message_id(draft_id: str, sender: str) -> str:
    """The ``Message-ID`` of a draft: the same for every try."""
    domain = sender.rpartition("@")[2].strip(" >") or "unhurried.invalid"
    return f"<{draft_id}@{domain}>"


def build_message(mail: OutgoingMail) -> EmailMessage:
    """The message for ``mail``: From, To, Subject, Date, Message-ID, the thread headers of a
    reply (In-Reply-To, References) and a UTF-8 body."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = mail.sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = email.utils.format_datetime(mail.date)
    message["Message-ID"] = message_id(mail.draft_id, mail.sender)
    if mail.in_reply_to:
        message["In-Reply-To"] = mail.in_reply_to
    if mail.references or mail.in_reply_to:
        message["References"] = mail.references or mail.in_reply_to
    message.set_content(mail.body, charset="utf-8")
    return message


def eml_bytes(subject: str, body: str, to: str, sender: str, *, date: datetime,
              draft_id: str = "", in_reply_to: str = "", references: str = "") -> bytes:
    """The bytes of an .eml file of a message (the headers SMTP would send)."""
    mail = OutgoingMail(draft_id or email.utils.make_msgid().strip("<>").partition("@")[0],
                        sender, to, subject, body, date, in_reply_to, references)
    return build_message(mail).as_bytes()


def recipients(to: str) -> list[str]:
    """The addresses of a To line (``Ann <ann@x.org>, bob@y.org``)."""
    return [address for _name, address in email.utils.getaddresses([to]) if "@" in address]


class SmtpTransport:
    """The ``MailTransport`` port over :mod:`smtplib`.

    Args:
        account: server, user and From address.
        password: from the keyring; ``None`` sends without logging in.
        timeout: seconds to wait for the server.
    """

    def __init__(self, account: SmtpAccount, password: str | None, *,
                 timeout: float = TIMEOUT_S) -> None:
        self._account = account
        self._password = password
        self._timeout = timeout

    def send(self, mail: OutgoingMail) -> None:
        """Send one message.

        Raises:
            SendFailed: not accepted (``transient`` when trying later may help).
        """
        to = recipients(mail.to)
        if not to:
            raise SendFailed(_("'{to}' is not an email address.").format(to=mail.to),
                             transient=False)
        message = build_message(mail)
        account = self._account
        try:
            with self._connect() as smtp:
                if self._password is not None and account.username:
                    smtp.login(account.username, self._password)
                smtp.send_message(message, from_addr=account.from_address, to_addrs=to)
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

    def _connect(self) -> smtplib.SMTP:
        account = self._account
        context = ssl.create_default_context()
        if account.security is Security.TLS:
            return smtplib.SMTP_SSL(account.host, account.port, timeout=self._timeout,
                                    context=context)
        smtp = smtplib.SMTP(account.host, account.port, timeout=self._timeout)
        try:
            if account.security is Security.STARTTLS:
                smtp.starttls(context=context)
        except BaseException:
            smtp.close()
            raise
        return smtp


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


def _describe(error: BaseException) -> str:
    if isinstance(error, socket.timeout | TimeoutError):
        return _("no answer in time")
    if isinstance(error, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(error, ssl.SSLError):
        return _("TLS failed: {reason}").format(reason=error.reason or error)
    return str(error) or type(error).__name__
