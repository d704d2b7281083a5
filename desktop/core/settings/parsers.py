# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How setting texts are read and written: one parser (which also validates) and one
formatter per kind of value; the registry (:mod:`desktop.core.settings.registry`) pairs them.

Every parser raises :class:`~desktop.core.errors.InvalidInput` with a message for the user;
every formatter gives the text its parser reads back.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

_REGION = re.compile(r"^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,5}))?$")


def parse_identities(text: str) -> str:
    """Check the user's own addresses and chat ids: ``ann@example.org, U024BE7LH``.

    Raises:
        InvalidInput: an entry holds a control character.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if any(not part.isprintable() for part in parts):
        raise InvalidInput(_("Write your addresses and ids on one line, separated by commas."))
    return ", ".join(parts)


def parse_zone(text: str) -> str:
    """Check an IANA time-zone name such as ``Europe/Berlin``.

    Raises:
        InvalidInput: not a known zone.
    """
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            _("Unknown time zone '{value}'; use an IANA name such as Europe/Berlin or UTC.").format(
                value=text
            )
        ) from None
    return name


def parse_region(text: str) -> tuple[str, str | None] | None:
    """Read a holiday region: ``DE``, ``DE-BE`` (country and subdivision) or ``none``.

    Raises:
        InvalidInput: not in that form.
    """
    value = text.strip()
    if value.lower() in ("", "none"):
        return None
    match = _REGION.match(value)
    if not match:
        raise InvalidInput(
            _("Write holidays as a country code such as DE, a region such as DE-BE, or none.")
        )
    return match[1].upper(), match[2].upper() if match[2] else None


def parse_days_off(text: str) -> frozenset[date]:
    """Read days off: ISO dates separated by commas (``2026-12-24,2026-12-31``), or nothing.

    Raises:
        InvalidInput: a date that cannot be read.
    """
    days: set[date] = set()
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise InvalidInput(
                _("Write days off as dates like 2026-12-24, separated by commas.")
            ) from None
    return frozenset(days)


def parse_minutes(text: str) -> int:
    """Read a whole number of minutes between 0 and one week.

    Raises:
        InvalidInput: not such a number.
    """
    try:
        minutes = int(text.strip())
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= 7 * 24 * 60:
        raise InvalidInput(_("Write a whole number of minutes, for example 60."))
    return minutes


def parse_seconds(text: str) -> int:
    """Read a whole number of seconds from 1 to 600 (a network deadline).

    Raises:
        InvalidInput: not such a number.
    """
    try:
        seconds = int(text.strip())
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= 600:
        raise InvalidInput(_("Write a whole number of seconds from 1 to 600, for example 30."))
    return seconds


def parse_language(text: str) -> str:
    """Read a language code (``en``, ``de``, ``de_DE``) or an empty text for the system's."""
    value = text.strip()
    if value and not re.match(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?$", value):
        raise InvalidInput(_("Write a language code such as en or de, or leave it empty."))
    return value


APPEARANCES = ("system", "light", "dark")
NOTIFICATION_STYLES = ("actions", "simple", "window")
"""``actions``: the desktop's notification service with Open/Snooze/Reply buttons; ``simple``:
plain desktop notifications (plyer) or the tray; ``window``: only in Unhurried's window."""


def parse_appearance(text: str) -> str:
    """Read ``system``, ``light`` or ``dark``.

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value not in APPEARANCES:
        raise InvalidInput(_("Write system, light or dark."))
    return value


def parse_notification_style(text: str) -> str:
    """Read ``actions``, ``simple`` or ``window``.

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value not in NOTIFICATION_STYLES:
        raise InvalidInput(_("Write actions, simple or window."))
    return value


def parse_switch(text: str) -> bool:
    """Read ``yes``/``no`` (also ``on``/``off``, ``true``/``false``, ``1``/``0``).

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value in ("yes", "on", "true", "1"):
        return True
    if value in ("no", "off", "false", "0"):
        return False
    raise InvalidInput(_("Write yes or no."))


def parse_ask(text: str) -> str:
    """Read ``ask``, ``yes`` or ``no`` (a question the user may answer once for all).

    Raises:
        InvalidInput: anything else.
    """
    value = text.strip().lower()
    if value == "ask":
        return value
    try:
        return "yes" if parse_switch(value) else "no"
    except InvalidInput:
        raise InvalidInput(_("Write ask, yes or no.")) from None


def parse_undo_seconds(text: str) -> int:
    """Read how many seconds Send now waits for an undo: a whole number from 0 to 300.

    Raises:
        InvalidInput: not such a number.
    """
    try:
        seconds = int(text.strip())
    except ValueError:
        seconds = -1
    if not 0 <= seconds <= 300:
        raise InvalidInput(_("Write a whole number of seconds from 0 to 300, for example 10."))
    return seconds


def parse_names(text: str) -> tuple[str, ...]:
    """:func:`parse_identities` as a tuple of names."""
    return tuple(part for part in parse_identities(text).split(", ") if part)


def format_names(names: tuple[str, ...]) -> str:
    """Names as their setting text: ``ann@example.org, U024BE7LH``."""
    return ", ".join(names)


def parse_span(text: str) -> timedelta:
    """:func:`parse_minutes` as a span of time."""
    return timedelta(minutes=parse_minutes(text))


def format_span(span: timedelta) -> str:
    """A span of time as its setting text: whole minutes."""
    return str(int(span.total_seconds()) // 60)


def format_switch(on: bool) -> str:
    """``yes`` or ``no``."""
    return "yes" if on else "no"


def format_region(region: tuple[str, str | None] | None) -> str:
    """A holiday region as :func:`parse_region` reads it: ``DE-BE``, ``DE`` or ``none``."""
    return "none" if region is None else "-".join(part for part in region if part)


def format_days_off(days: frozenset[date]) -> str:
    """Days off as ISO dates in order, separated by commas."""
    return ",".join(day.isoformat() for day in sorted(days))


def format_clock_times(minutes: tuple[int, ...]) -> str:
    """Minutes after midnight as ``11:30, 15:30``."""
    return ", ".join(f"{m // 60:02d}:{m % 60:02d}" for m in minutes)


def parse_text(text: str) -> str:
    """Any text, kept as it is (values the program itself writes, such as a sync's outcome)."""
    return text


def parse_interval(text: str) -> int:
    """Minutes between automatic runs: :func:`parse_minutes`, at least one."""
    return max(1, parse_minutes(text))
