# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Health view says and exports: the measures it charts, the one-line reading
("meeting hours up 3 h on last week; 92 % of chat replies on time") and the CSV table."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel import Locale
from babel.numbers import format_decimal, format_percent

from desktop.core.health.measures import WeekFigures
from desktop.core.i18n import N_, _
from desktop.core.requests import Channel
from desktop.core.text import spreadsheet_cell

IN_SENTENCE = {  # a channel inside a sentence ("92 % of chat replies on time")
    Channel.EMAIL.value: N_("email"),
    Channel.CHAT.value: N_("chat"),
    Channel.TRACKER.value: N_("tracker"),
    Channel.MANUAL.value: N_("manual"),
}


@dataclass(frozen=True, slots=True)
class Measure:
    """One chart: its title and axis unit (``N_`` markers) and how to read it from a week."""

    key: str
    title: str
    unit: str
    value: Callable[[WeekFigures], float | None]
    percent: bool = False

    def recorded(self, value: float | None) -> bool:
        """Whether ``value`` is something measured: a share is, even 0 % (as the headline and
        ``stats`` say); a count or duration of 0 is not."""
        return value is not None and (self.percent or value != 0)


MEASURES: tuple[Measure, ...] = (
    Measure("meeting_hours", N_("Meeting hours"), N_("hours"), lambda w: w.meeting_hours),
    Measure("focus_hours", N_("Focus time"), N_("hours"), lambda w: w.focus_minutes / 60),
    Measure("longest_focus", N_("Longest uninterrupted focus"), N_("minutes"),
            lambda w: w.longest_focus_minutes),
    Measure("interruptions", N_("Interruptions per focus hour"), N_("per hour"),
            lambda w: w.interruptions_per_focus_hour),
    Measure("decision_hours", N_("Decision speed (median)"), N_("hours"),
            lambda w: w.decisions.median_hours),
    Measure("replies_on_time", N_("Replies on time"), N_("percent"),
            lambda w: None if w.replies.overall.ratio is None else w.replies.overall.ratio * 100,
            percent=True),
    Measure("reply_hours", N_("Time to reply (median)"), N_("business hours"),
            lambda w: w.median_reply_hours),
    Measure("off_hours_replies", N_("Replies outside the recipient's hours"), N_("percent"),
            lambda w: None if w.off_hours.ratio is None else w.off_hours.ratio * 100,
            percent=True),
)

CSV_COLUMNS = ("week", "meeting_hours", "focus_minutes", "longest_focus_minutes",
               "interruptions", "interruptions_per_focus_hour", "decisions_made",
               "decisions_median_hours", "decisions_slowest_hours", "replies_due",
               "replies_on_time", "reply_on_time_ratio", "median_reply_business_hours",
               "replies_delivered_known_hours", "replies_outside_recipient_hours",
               "replies_outside_recipient_hours_ratio")


def number(value: float | None, locale: Locale, percent: bool = False) -> str:
    """A figure for the reader: one decimal, a percentage without decimals, or a dash."""
    if value is None:
        return "—"
    if percent:
        return format_percent(value / 100, locale=locale)
    return format_decimal(round(value, 1), format="#,##0.#", locale=locale)


def reading(weeks: Sequence[WeekFigures], locale: Locale) -> str:
    """One line on the current week: meetings against last week, and replies on time for the
    channel with the most replies due."""
    if not weeks:
        return _("No data yet: import a calendar (File > Import) or load the demo data.")
    this = weeks[-1]
    parts = []
    if len(weeks) > 1:
        delta = this.meeting_hours - weeks[-2].meeting_hours
        amount = number(abs(delta), locale)
        if abs(delta) < 0.05:
            parts.append(_("meeting hours as last week"))
        elif delta > 0:
            parts.append(_("meeting hours up {amount} h on last week").format(amount=amount))
        else:
            parts.append(_("meeting hours down {amount} h on last week").format(amount=amount))
    else:
        parts.append(_("{amount} meeting hours this week").format(
            amount=number(this.meeting_hours, locale)))
    channels = this.replies.by_channel
    if channels:
        name, share = max(channels.items(), key=lambda item: (item[1].due, item[0]))
        ratio = share.ratio
        label = _(IN_SENTENCE[name]) if name in IN_SENTENCE else name
        parts.append(_("{percent} of {channel} replies on time").format(
            percent=number(None if ratio is None else ratio * 100, locale, percent=True),
            channel=label))
    else:
        parts.append(_("no replies due yet this week"))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def csv_text(weeks: Sequence[WeekFigures]) -> str:
    """The weeks as CSV: one row per week, the columns of ``stats --json``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for week in weeks:
        row = week.to_json()
        writer.writerow({k: "" if row[k] is None else spreadsheet_cell(row[k])
                         for k in CSV_COLUMNS})
    return out.getvalue()
