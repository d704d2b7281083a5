# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: the same services as the window.

Bad input (an unknown channel, a time that cannot be read, a missing id, an unreadable or newer
database) ends with exit status 2 and one line on stderr that says what was wrong and what is
accepted; nothing is written then.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from desktop import __version__
from desktop.commands import Handler, register_all
from desktop.core.errors import CoreError, InvalidInput, NotFound
from desktop.core.i18n import _
from desktop.core.ports import Clock
from desktop.platform.i18n import install_language
from desktop.platform.paths import resolve_paths
from desktop.store.db import set_busy_notice
from desktop.store.diagnosis import explain
from desktop.store.errors import StoreError
from desktop.wiring.services import open_context

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The parser for ``unhurried``; with no subcommand the window starts."""
    parser = _Parser(prog="unhurried", description=_("Async-first work desk."))
    parser.add_argument("--data-dir", metavar="DIR", help=_("keep all data in DIR"))
    parser.add_argument("--version", action="version", version=f"unhurried {__version__}")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--new-window", action="store_true",
                        help=_("open another window on the same data, beside the running one"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    register_all(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command line. Returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError(_("no command given; run 'unhurried --help'"))
        return _dispatch(args, clock)
    except UsageError as error:
        return _fail(str(error))
    except (InvalidInput, StoreError) as error:
        return _fail(str(error))
    except NotFound as error:
        return _fail(_("No request with id '{id}'; 'unhurried list' shows the ids.").format(
            id=error.request_id))
    except CoreError as error:
        return _fail(str(error), EXIT_FAILED)
    except BrokenPipeError:  # `unhurried list | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    print(f"unhurried: error: {message}", file=sys.stderr)
    return status


def _dispatch(args: argparse.Namespace, clock: Clock | None) -> int:
    paths = resolve_paths(args.data_dir)
    handler: Handler = args.handler  # declared beside each command
    writes: bool = args.writes
    # Read-only commands and input checks run on the existing store (or an empty one in memory);
    # the store is created only once the input has been accepted.
    ctx = open_context(paths, clock, create=False)
    install_language(ctx.queue.settings.language)  # the window's language, on the terminal too
    try:
        if writes and ctx.in_memory:
            handler(args, ctx, checked_only=True)
            ctx.close()
            ctx = open_context(paths, clock, create=True)
        set_busy_notice(ctx.db, lambda text: print(text, file=sys.stderr, flush=True))
        return handler(args, ctx, checked_only=False)
    except sqlite3.Error as error:  # damage or a lock met in the middle of a command
        found = explain(error, paths.database)
        if found is None:
            raise
        raise found from error
    finally:
        ctx.close()
