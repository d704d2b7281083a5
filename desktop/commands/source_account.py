# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What ``account github|slack|matrix`` and ``sync github|slack|matrix`` share: the
``show``/``remove`` actions, reading a secret once, printing an account, and running a sync
with its exit status (2: not reached or refused; 1: another answer from the server).

Each source passes its own sentences, already translated, so every message stays a literal
in the module that says it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from desktop.commands import SubParsers
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

Handler = Callable[..., int]


class SourceError(Protocol):
    """The error a live source raises: a line for the user, whether it was reached, refused."""

    message: str
    reached: bool
    refused: bool


class Problem(Protocol):
    """One item a sync could not take."""

    @property
    def where(self) -> str: ...
    @property
    def reason(self) -> str: ...


class SyncReport(Protocol):
    """What a live source's sync reports."""

    @property
    def received(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def answered(self) -> int: ...
    @property
    def failed(self) -> Sequence[Problem]: ...

    def to_json(self) -> dict[str, object]: ...


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``commands.register_all`` asks every module of the package."""


def add_show_remove(actions: SubParsers, show: Handler, remove: Handler) -> None:
    """``show [--json]`` (never the secret) and ``remove`` under ``actions``."""
    shower = actions.add_parser("show", help=_("print the account (never the token)"))
    shower.add_argument("--json", action="store_true")
    shower.set_defaults(handler=show, writes=False)
    actions.add_parser("remove", help=_("forget the account and its token")).set_defaults(
        handler=remove, writes=True)


def read_secret(args: argparse.Namespace, *, from_stdin: bool, prompt: str, not_a_terminal: str,
                empty: str, strip: bool = True) -> str:
    """The secret from the first line of stdin, or asked without echo; read once per run
    (``args.secret_read``), also when the store is created after the check. Tokens are
    stripped; a password (``strip=False``) keeps its spaces."""
    if not hasattr(args, "secret_read"):
        if from_stdin:
            secret = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            secret = getpass.getpass(prompt)
        else:
            raise InvalidInput(not_a_terminal)
        if strip:
            secret = secret.strip()
        if not secret:
            raise InvalidInput(empty)
        args.secret_read = secret
    return str(args.secret_read)


def print_account(data: dict[str, Any], lines: Sequence[tuple[str, object]],
                  as_json: bool) -> int:
    """``data`` as JSON, or ``label: value`` lines."""
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for label, value in lines:
            print(f"{label}: {value}")
    return 0


def token_state(stored: bool) -> str:
    """Where the token is, for ``show``."""
    return _("in the system keyring") if stored else _("not stored")


def print_removed(removed: bool, done: str, nothing: str) -> int:
    """Say whether ``remove`` removed anything."""
    print(done if removed else nothing)
    return 0


def run_sync(sync: Callable[[], SyncReport], error: type[Exception], as_json: bool,
             summary: str, waiting: str = "") -> int:
    """Run ``sync`` and print its report (``summary`` names ``received``, ``updated``,
    ``answered`` and ``failed``; ``waiting`` names ``seconds``, for a server that asked to
    wait); a source ``error`` becomes one line and the exit status."""
    try:
        report = sync()
    except error as failure:
        said: SourceError = failure  # type: ignore[assignment]
        print(f"unhurried: error: {said.message}", file=sys.stderr)
        return 2 if not said.reached or said.refused else 1
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    wait: object = getattr(report, "wait_seconds", 0)
    if waiting and isinstance(wait, int) and wait:
        print(waiting.format(seconds=wait))
        return 0
    print(summary.format(received=report.received, updated=report.updated,
                         answered=report.answered, failed=len(report.failed)))
    for problem in report.failed:
        print(f"  {problem.where}: {problem.reason}")
    return 0
