# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests from an IMAP account: new mail in the chosen folders, read incrementally.

Each folder is read from the UID after the last one imported, in batches. A batch is committed to
the queue (:meth:`~desktop.core.queue.service.QueueService.import_batch`, one transaction) *before*
the folder's last UID is advanced, so a crash or a server that dies mid-sync leaves nothing
half-written, and the next sync fetches the rest (a batch committed but not yet recorded is fetched
again and skipped as a duplicate). A changed UIDVALIDITY reads the folder again from the start; the
queue keys mail by Message-ID (as the mail-file importer does), so nothing comes in twice, and the
same mail imported from a file and from IMAP is one request.

A message with the ``\\Answered`` flag, or a reply from one of the user's own addresses (the
``me`` setting) in the same thread, marks the request it answers done.

The server is reached through an injected ``connect`` (``open_client`` for the real
``imapclient``; tests pass a fake). Everything the user can fix is raised as
:class:`~desktop.core.importing.mail_account.MailServerError` with a sentence saying what to do.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any, Protocol

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import ImportReport, Incoming, Problem
from desktop.core.importing.mail_account import (
    LOOPBACK,
    FolderState,
    MailAccount,
    MailServerError,
    Security,
)
from desktop.core.queue.service import QueueService
from desktop.platform.deadline import DEFAULT_DEADLINE_S, DeadlinePassed, ReplyTooLarge
from desktop.sources.imap_bounded import connect_bounded
from desktop.sources.mail import SOURCE, read_message

logger = logging.getLogger(__name__)

BATCH = 50
"""Messages fetched and committed together (whole messages: attachments come along)."""
TIMEOUT = 30.0
ANSWERED_LOOKBACK = timedelta(days=14)
"""How far back messages already read are checked for a ``\\Answered`` flag set since."""
_BODY = b"BODY[]"
_HEADER = b"BODY[HEADER]"


class ImapConnection(Protocol):
    """The part of ``imapclient.IMAPClient`` the sync uses (a fake implements the same)."""

    def login(self, username: str, password: str) -> object: ...

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes | None, str]]: ...

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]: ...

    def search(self, criteria: Sequence[str | date]) -> list[int]: ...

    def fetch(self, messages: Sequence[int], data: Sequence[bytes]) -> dict[int, dict[bytes, Any]]:
        ...

    def logout(self) -> object: ...

    def shutdown(self) -> None: ...


Connect = Callable[[MailAccount], ImapConnection]


class FolderStates(Protocol):
    """Where the sync keeps how far each folder was read (the store's repository)."""

    def get(self, account: str, folder: str) -> FolderState | None: ...

    def put(self, account: str, folder: str, state: FolderState) -> None: ...


def open_client(account: MailAccount, timeout: float = TIMEOUT,
                deadline: float = DEFAULT_DEADLINE_S) -> ImapConnection:
    """A connection to the account's server with its security (certificates are checked).

    Every command, and the connect with the greeting, must finish within ``deadline`` seconds
    and its answer within a size cap (:mod:`desktop.sources.imap_bounded`).

    Raises:
        InvalidInput: an unencrypted connection to another machine.
        OSError, ssl.SSLError, imaplib.IMAP4.error: as the connection fails (``MailSync`` and
            :func:`list_folders` turn them into :class:`MailServerError`).
    """
    if account.security is Security.PLAIN and account.host.lower() not in LOOPBACK:
        raise InvalidInput(_("Unencrypted logins are only allowed to this machine (localhost); "
                             "choose TLS or STARTTLS."))
    connection: ImapConnection = connect_bounded(
        account.host, account.port, tls=account.security is Security.TLS,
        starttls=account.security is Security.STARTTLS, timeout=timeout, deadline=deadline)
    return connection


def list_folders(account: MailAccount, password: str, connect: Connect = open_client
                 ) -> list[str]:
    """The names of the folders on the server that can hold mail, INBOX first.

    Raises:
        MailServerError: the server cannot be reached or refuses the login.
    """
    with _session(account, password, connect) as client, _talking(account, connected=True):
        found = [name for flags, _delimiter, name in client.list_folders()
                 if b"\\Noselect" not in {f for f in flags} and b"\\NonExistent" not in flags]
    return sorted(found, key=lambda n: (n.upper() != "INBOX", n.casefold()))


class MailSync:
    """Reads new mail from an account's folders into the queue.

    Args:
        queue: the queue service (imports batches, closes answered requests).
        states: how far each folder was read.
        connect: opens a connection to the account's server.
        batch_size: messages per committed batch.
    """

    def __init__(self, queue: QueueService, states: FolderStates, connect: Connect = open_client,
                 *, batch_size: int = BATCH) -> None:
        self._queue = queue
        self._states = states
        self._connect = connect
        self._batch = max(1, batch_size)

    def run(self, account: MailAccount, password: str, *,
            progress: Callable[[int], None] | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> ImportReport:
        """Sync every chosen folder; returns what was imported and closed.

        ``progress`` is called after every batch with the number of messages read so far. A
        cancel stops after the current batch; what was committed stays.

        Raises:
            MailServerError: the server could not be reached, refused the login, lacks a
                folder, or went away (everything committed before stays).
        """
        run = _Run(self._queue, self._states, account, ImportReport(), progress, cancelled)
        with _session(account, password, self._connect) as client:
            for folder in account.folders:
                with _talking(account, connected=True, folder=folder):
                    run.folder(client, folder, self._batch)
                if run.report.cancelled:
                    break
        # Replies read before the requests they answer (Sent synced before INBOX) count too.
        run.report.answered += self._queue.close_answered(run.replies)
        return run.report


class _Run:
    """One sync's progress through the folders."""

    def __init__(self, queue: QueueService, states: FolderStates, account: MailAccount,
                 report: ImportReport, progress: Callable[[int], None] | None,
                 cancelled: Callable[[], bool]) -> None:
        self.queue, self.states, self.account, self.report = queue, states, account, report
        self.progress, self.cancelled = progress, cancelled
        self.replies: list[Incoming] = []
        self.seen = 0

    def folder(self, client: ImapConnection, folder: str, batch: int) -> None:
        info = client.select_folder(folder, readonly=True)
        validity = int(info[b"UIDVALIDITY"])
        key = self.account.state_key
        known = self.states.get(key, folder)
        last = known.last_uid if known is not None and known.uidvalidity == validity else 0
        if known is not None and known.uidvalidity != validity:
            logger.info("UIDVALIDITY of %s changed; reading it again", folder)
        uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
        if not uids and (known is None or known.uidvalidity != validity):
            self.states.put(key, folder, FolderState(validity, last))
        for start in range(0, len(uids), batch):
            chunk = uids[start:start + batch]
            fetched = client.fetch(chunk, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
            self._store(folder, chunk, fetched)
            # Only now, with the batch committed, may the folder move past it.
            self.states.put(key, folder, FolderState(validity, chunk[-1]))
            self.seen += len(chunk)
            if self.progress is not None:
                self.progress(self.seen)
            if self.cancelled():
                self.report.cancelled = True
                return
        if last:
            self._answered_since(client, folder, last)

    def _store(self, folder: str, uids: Sequence[int], fetched: dict[int, dict[bytes, Any]]
               ) -> None:
        me = self.queue.settings.me
        requests: list[Incoming] = []
        closing: list[Incoming] = []
        for uid in uids:
            data = fetched.get(uid)
            if data is None or not isinstance(data.get(_BODY), bytes):
                continue  # expunged between SEARCH and FETCH
            where = self._where(folder, uid)
            arrived = _aware(data.get(b"INTERNALDATE"))
            fallback = partial(_or_now, arrived, self.queue.now)
            for item in read_message(data[_BODY], where, fallback):
                if isinstance(item, Problem):
                    self.report.failed.append(item)
                elif me and item.is_from(me):
                    closing.append(item)
                    self.replies.append(item)
                else:
                    requests.append(item)
                    if b"\\Answered" in (data.get(b"FLAGS") or ()):
                        closing.append(_answer_to(item))
        self.report.add(*self.queue.import_batch(requests))
        self.report.answered += self.queue.close_answered(closing)

    def _answered_since(self, client: ImapConnection, folder: str, last: int) -> None:
        """Close requests whose mail was flagged ``\\Answered`` after it was imported."""
        since = (self.queue.now() - ANSWERED_LOOKBACK).date()
        uids = sorted(u for u in client.search(["ANSWERED", "SINCE", since, "UID", f"1:{last}"])
                      if u <= last)
        answers: list[Incoming] = []
        for start in range(0, len(uids), BATCH * 4):
            chunk = uids[start:start + BATCH * 4]
            for uid, data in client.fetch(chunk, [b"BODY.PEEK[HEADER]"]).items():
                header = data.get(_HEADER)
                if not isinstance(header, bytes):
                    continue
                for item in read_message(header, self._where(folder, uid), self.queue.now):
                    if isinstance(item, Incoming) and not item.external_id.startswith("sha256:"):
                        answers.append(_answer_to(item))
        self.report.answered += self.queue.close_answered(answers)

    def _where(self, folder: str, uid: int) -> str:
        return f"imap://{self.account.user}@{self.account.host}/{folder};UID={uid}"


def _answer_to(item: Incoming) -> Incoming:
    """A stand-in for the user's reply to ``item`` (its mail has the ``\\Answered`` flag),
    dated when the mail arrived: a request the user changed since is left alone."""
    return Incoming(source=SOURCE, external_id="answered:" + item.external_id, subject="",
                    sender="", received_at=item.received_at, replies_to=(item.external_id,))


def _or_now(moment: datetime | None, now: Callable[[], datetime]) -> datetime:
    return moment or now()


def _aware(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


@contextmanager
def _session(account: MailAccount, password: str, connect: Connect
             ) -> Iterator[ImapConnection]:
    """A logged-in connection, logged out (or just dropped) afterwards."""
    with _talking(account, connected=False):
        client = connect(account)
    try:
        with _talking(account, connected=False):
            client.login(account.user, password)
        yield client
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            with suppress(OSError, imaplib.IMAP4.error):  # the server is gone: close our end
                client.shutdown()


@contextmanager
def _talking(account: MailAccount, *, connected: bool, folder: str | None = None
             ) -> Iterator[None]:
    """Turn what a server or the network can do wrong into one :class:`MailServerError`."""
    try:
        yield
    except MailServerError:
        raise
    except Exception as error:
        message = _explain(error, account, connected, folder)
        if message is None:
            raise
        logger.warning("IMAP %s:%s: %s: %s", account.host, account.port,
                       type(error).__name__, error)
        raise MailServerError(message, connected=connected) from error


def _explain(error: Exception, account: MailAccount, connected: bool,
             folder: str | None) -> str | None:
    from imapclient.exceptions import (  # type: ignore[import-untyped]
        CapabilityError,
        LoginError,
    )

    host, port = account.host, account.port
    if isinstance(error, DeadlinePassed):
        return _("{host}:{port} did not answer completely within {seconds} s (it stalled or "
                 "sends very slowly). Everything imported up to then is kept; sync again later, "
                 "and if this repeats check the server or raise network.deadline_seconds."
                 ).format(host=host, port=port, seconds=f"{error.seconds:g}")
    if isinstance(error, ReplyTooLarge):
        return _("{host}:{port} sent an answer larger than {size} MiB, which no mail folder "
                 "needs; the sync stopped. Check that the server and port are right.").format(
            host=host, port=port, size=error.limit >> 20)
    if isinstance(error, LoginError):
        return _("{host} refused the login for {user}. Check the user name and password "
                 "(File > Mail account…).").format(host=host, user=account.user)
    if isinstance(error, CapabilityError):
        return _("{host} does not offer STARTTLS on port {port}. Choose TLS, usually on port "
                 "993 (File > Mail account…).").format(host=host, port=port)
    if connected and isinstance(error, imaplib.IMAP4.abort | OSError):
        return _("The connection to {host} was lost during the sync. Everything imported up to "
                 "then is kept; sync again to fetch the rest.").format(host=host)
    if isinstance(error, ssl.SSLCertVerificationError):
        return _("The certificate of {host} could not be verified ({reason}). Check the host "
                 "name; if the server is yours, install a valid certificate.").format(
            host=host, reason=error.verify_message or error)
    if isinstance(error, ssl.SSLError):
        return _("A secure connection to {host}:{port} failed ({reason}). Check the port and "
                 "security: TLS usually uses port 993, STARTTLS port 143.").format(
            host=host, port=port, reason=getattr(error, "reason", None) or error)
    if isinstance(error, socket.gaierror):
        return _("The mail server {host} was not found. Check the host name and your network."
                 ).format(host=host)
    if isinstance(error, ConnectionRefusedError):
        return _("{host} refused the connection on port {port}. Check the port and that the "
                 "server is running.").format(host=host, port=port)
    if isinstance(error, TimeoutError):
        return _("{host}:{port} did not answer in time. Check your network and the port.").format(
            host=host, port=port)
    if isinstance(error, OSError | imaplib.IMAP4.abort):
        return _("{host}:{port} could not be reached ({reason}). Check the host, the port and "
                 "your network.").format(host=host, port=port, reason=error)
    if folder is not None and isinstance(error, imaplib.IMAP4.error):
        return _("The folder '{folder}' could not be read on {host} ({reason}). Choose the "
                 "folders again (File > Mail account…).").format(
            folder=folder, host=host, reason=error)
    if isinstance(error, imaplib.IMAP4.error):
        return _("{host} answered with an error ({reason}). Try again later.").format(
            host=host, reason=error)
    return None
