# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried config set|get|list``: settings from the command line."""

from __future__ import annotations

import argparse

from desktop.commands import SubParsers, command
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.settings import VISIBLE, spec_of
from desktop.core.settings import registry as setting
from desktop.wiring.services import Context, apply_autostart


def register(sub: SubParsers) -> None:
    """Add ``config``; only ``config set`` writes."""
    config = command(sub, "config", _cmd_config, writes=False,
                     help=_("read or change settings"))
    config_sub = config.add_subparsers(dest="action", metavar="ACTION",
                                       parser_class=type(config), required=True)
    setter = config_sub.add_parser("set", help=_("change a setting"))
    setter.set_defaults(writes=True)
    setter.add_argument("key")
    setter.add_argument("value", nargs="+")
    getter = config_sub.add_parser("get", help=_("print a setting"))
    getter.add_argument("key")
    config_sub.add_parser("list", help=_("print every setting"))


def _cmd_config(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    if args.action == "set":
        value = " ".join(args.value)
        if not spec_of(args.key).visible:
            raise InvalidInput(_("'{key}' is kept by its own dialog or command, not by config "
                                 "set.").format(key=args.key))
        if checked_only:
            # check against an empty store first: nothing is created for a bad value
            queue.update_settings({args.key: value})
            return 0
        queue.update_settings({args.key: value})
        if spec_of(args.key) is setting.START_AT_LOGIN:
            apply_autostart(ctx)
        print(queue.setting_text(args.key))
    elif args.action == "get":
        print(queue.setting_text(args.key))
    else:
        settings = queue.settings
        for spec in VISIBLE:  # account details and run state have their own commands
            print(f"{spec.key} = {settings.text(spec)}")
    return 0
