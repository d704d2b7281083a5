# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Jinja2 filters for the field types: deadlines with time zones, people, lists and quotes.

Dates are formatted with Babel for the interface language; zone names are written the way
readers (and the context checker) recognise them: an abbreviation such as ``CET`` where the zone
has one, otherwise ``UTC+05:30``. A deadline shows the recipient's zone first and the writer's in
parentheses when it differs: ``by Thu 27 Nov, 17:00 UTC (18:00 CET)``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime

from desktop.core.drafting.templates import Moment
from desktop.core.i18n import _

_ADDRESS = re.compile(r"\s*(?:<[^>]*>|\(@?[^)]*\))\s*")
QUOTE_WIDTH = 72


def babel_locale(name: str) -> Locale:
    """A Babel locale for ``name`` (``de``, ``de_DE``), English when unknown or empty."""
    try:
        return Locale.parse(name.replace("-", "_")) if name else Locale("en")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def zone_label(moment: datetime) -> str:
    """``CET``, ``UTC`` or ``UTC+05:30`` for an aware local datetime."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-" and name.isalpha():
        return name
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


class Filters:
    """The filters, bound to a locale and the writer's own zone."""

    def __init__(self, language: str, own_zone: str) -> None:
        self.locale = babel_locale(language)
        self.own_zone = own_zone

    def as_dict(self) -> dict[str, Callable[..., str]]:
        """The filters by the names templates use."""
        return {"moment": self.moment, "deadline": self.deadline, "day": self.day,
                "name": person_name, "first_name": first_name, "bullets": bullets,
                "quote": quote, "owner_due": owner_due,
                "zone": lambda m: zone_label(m.local)}

    def day(self, value: Moment) -> str:
        """``Thu 27 Nov`` in the moment's zone."""
        return format_datetime(value.local, "EEE d MMM", locale=self.locale)

    def moment(self, value: Moment | None, own: bool = True) -> str:
        """``Thu 27 Nov, 17:00 UTC (18:00 CET)``: the moment's zone, then the writer's."""
        if value is None:
            return ""
        local = value.local
        text = "{} {}".format(format_datetime(local, "EEE d MMM, HH:mm", locale=self.locale),
                              zone_label(local))
        mine = value.at.astimezone(ZoneInfo(self.own_zone))
        if own and (mine.utcoffset() != local.utcoffset() or zone_label(mine) != zone_label(
                local)):
            pattern = "HH:mm" if mine.date() == local.date() else "EEE HH:mm"
            text += f" ({format_datetime(mine, pattern, locale=self.locale)} {zone_label(mine)})"
        return text

    def deadline(self, value: Moment | None, own: bool = True) -> str:
        """``by Thu 27 Nov, 17:00 UTC (18:00 CET)``."""
        if value is None:
            return ""
        return _("by {moment}").format(moment=self.moment(value, own))


def person_name(person: str) -> str:
    """``Maya Cohen`` from ``Maya Cohen <maya@example.org>`` or ``Anna Schmidt (@anna)``."""
    text = _ADDRESS.sub(" ", person or "").strip().strip('"')
    if not text:
        inner = re.search(r"<([^@>]+)@|\(@?([^)]+)\)", person or "")
        text = next((g for g in inner.groups() if g), "") if inner else ""
    return text.lstrip("@") or (person or "").strip()


def first_name(person: str) -> str:
    """The first word of :func:`person_name`: ``Maya``."""
    name = person_name(person)
    return name.split()[0] if name.split() else name


def bullets(items: Iterable[object], marker: str = "- ") -> str:
    """One item per line, each after ``marker``."""
    return "\n".join(f"{marker}{item}" for item in items)


def owner_due(item: Mapping[str, str]) -> str:
    """`` (Ana, due Fri 28 Nov)`` from an item's ``owner`` and ``due`` parts; empty without."""
    owner, due = item.get("owner", ""), item.get("due", "")
    if owner and due:
        return " " + _("({owner}, due {due})").format(owner=owner, due=due)
    if owner or due:
        return " ({})".format(owner or _("due {due}").format(due=due))
    return ""


def quote(text: str, lines: int = 4) -> str:
    """The first ``lines`` lines of ``text`` (wrapped), each after ``> ``; ``> …`` if cut."""
    wrapped: list[str] = []
    for paragraph in (text or "").strip().splitlines():
        wrapped.extend(textwrap.wrap(paragraph, QUOTE_WIDTH) or [""])
    shown = wrapped[:lines]
    if len(wrapped) > lines:
        shown.append("…")
    return "\n".join(f"> {line}".rstrip() for line in shown)
