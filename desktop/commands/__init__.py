# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Command-line commands that live beside ``cli.py``, one module per feature.

Every command lives here; ``cli.py`` only parses and dispatches. Each module has
``register(sub)``: it adds its parsers to the ``unhurried`` subparsers through :func:`command`,
which sets two defaults on each, ``handler`` (``(args, ctx, *, checked_only) -> int``) and
``writes`` (whether the command changes the store; a writing
command is first run with ``checked_only=True`` on an empty store, and the real store is only
created once its input has been accepted; a sub-action may override it, as ``config set``
does). Bad input raises ``InvalidInput`` (exit 2). Dates for people go through
:func:`formatter`, the window's formatter for the user's language and zone.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from desktop.platform.i18n import formatting_locale

from desktop.ui.common.formatting import Formatter, safe_locale

if TYPE_CHECKING:
    from desktop.wiring.services import Context

Handler = Callable[..., int]


class SubParsers(Protocol):
    """What ``add_subparsers`` returns (for any parser class): ``register(sub)`` and each
    account kind add their parsers to it."""

    def add_parser(self, name: str, *, help: str | None = ...) -> argparse.ArgumentParser: ...


def register_all(sub: SubParsers) -> None:
    """Let every module of this package add its commands to ``sub``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)


def command(
    sub: SubParsers, name: str, handler: Handler, *, writes: bool, help: str
) -> argparse.ArgumentParser:
    """Add the subcommand ``name`` run by ``handler``; returns its parser for arguments."""
    parser = sub.add_parser(name, help=help)
    parser.set_defaults(handler=handler, writes=writes)
    return parser


def formatter(ctx: Context) -> Formatter:
    """How dates and numbers are written for the user (as in the window)."""
    settings = ctx.queue.settings
    return Formatter(safe_locale(formatting_locale(settings.language or "en")),
                     ZoneInfo(settings.timezone))
