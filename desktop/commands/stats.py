# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried stats [--weeks N] [--json]``: the async-health measures per ISO week."""

from __future__ import annotations

import argparse
import json

from desktop.commands import SubParsers, command
from desktop.core.health.measures import WeekFigures
from desktop.core.health.stats import MAX_WEEKS
from desktop.core.i18n import _
from desktop.wiring.services import Context, stats_service


def _text(value: float | None, pattern: str = "{:.1f}") -> str:
    return "—" if value is None else pattern.format(value)


def _row(week: WeekFigures) -> list[str]:
    ratio = week.replies.overall.ratio
    return [str(week.week), _text(week.meeting_hours), _text(week.focus_minutes, "{:.0f}"),
            _text(week.longest_focus_minutes, "{:.0f}"),
            _text(week.decisions.median_hours), _text(week.decisions.slowest_hours),
            "—" if ratio is None else f"{ratio:.0%}",
            _text(week.median_reply_hours), _off_hours(week)]


def _off_hours(week: WeekFigures) -> str:
    """``1 of 4`` replies delivered outside the recipient's hours (``—``: none known)."""
    counted = week.off_hours
    if not counted.known:
        return "—"
    return _("{outside} of {known}").format(outside=counted.outside, known=counted.known)


def _cmd_stats(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    weeks = stats_service(ctx).weeks(args.weeks)
    if args.json:
        print(json.dumps([w.to_json() for w in weeks], ensure_ascii=False, indent=2))
        return 0
    header = [_("week"), _("meetings h"), _("focus min"), _("longest min"),
              _("decide median h"), _("slowest h"), _("replies on time"), _("reply median h"),
              _("off their hours")]
    rows = [header, *(_row(w) for w in weeks)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            _("write a number of weeks from 1 to {max}").format(max=MAX_WEEKS))
    return value


def register(sub: SubParsers) -> None:
    """Add ``stats``."""
    parser = command(sub, "stats", _cmd_stats, writes=False,
                     help=_("meeting hours, focus, decision speed and reply targets per week"))
    parser.add_argument("--weeks", type=_weeks, default=8, metavar="N",
                        help=_("how many weeks up to this one (default 8)"))
    parser.add_argument("--json", action="store_true")
