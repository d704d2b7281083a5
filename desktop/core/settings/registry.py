# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every setting, declared once (:data:`REGISTRY`).

Other modules name a setting by its entry here (``registry.ME.key``) or read its typed value
(``settings.me``), never by a key written out: the settings dialog, ``unhurried config`` and the
CalDAV sync of settings are generated from these entries and their flags.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Any, TypeVar

from desktop.core.errors import InvalidInput
from desktop.core.focus.plan import parse_clock_times
from desktop.core.i18n import N_, _
from desktop.core.importing import mail_account as imap
from desktop.core.importing.csv_mapping import check_mappings
from desktop.core.policy import DEFAULT_TARGETS, Target, parse_target
from desktop.core.requests import Channel, Priority
from desktop.core.settings import parsers as p
from desktop.core.settings.parsers import APPEARANCES, NOTIFICATION_STYLES
from desktop.core.settings.spec import SettingSpec
from desktop.core.sync import account as caldav
from desktop.core.working_hours import format_working_hours, parse_working_hours

T = TypeVar("T")

ASK_CHOICES = ("ask", "yes", "no")

WORKING_TIME, FOCUS, DRAFTING = N_("Working time"), N_("Focus"), N_("Drafting")
POLICY, MAIL_ACCOUNT, CALENDAR_SYNC = (N_("Response-time policy"), N_("Mail account"),
                                       N_("Calendar sync"))
YES_OR_NO = N_("yes or no")


def _switch(key: str, attr: str, default: str, label: str, group: str,
            help: str = YES_OR_NO) -> SettingSpec[bool]:
    return SettingSpec(key, attr, default, label, group, p.parse_switch, p.format_switch, help,
                       switch=True)


def _span(key: str, attr: str, default: str, label: str, group: str,
          help: str = "") -> SettingSpec[timedelta]:
    return SettingSpec(key, attr, default, label, group, p.parse_span, p.format_span, help)


def _account(key: str, attr: str, default: str, label: str, group: str,
             parse: Callable[[str], T], format: Callable[[T], str] = str,
             help: str = "") -> SettingSpec[T]:
    """An entry of an account on this device: not synced, edited by the account's dialog."""
    return SettingSpec(key, attr, default, label, group, parse, format, help,
                       synced=False, visible=False)


# -- working time ---------------------------------------------------------------------------------
TIMEZONE = SettingSpec("timezone", "timezone", "UTC", N_("Time zone"), WORKING_TIME,
                       p.parse_zone, str, N_("IANA name, e.g. Europe/Berlin"), rederives=True)
WORKING_HOURS = SettingSpec("working_hours", "working_hours", "mon-fri 09:00-17:00",
                            N_("Working hours"), WORKING_TIME, parse_working_hours,
                            format_working_hours, N_("e.g. mon-fri 09:00-17:00; sat 10:00-12:00"),
                            rederives=True)
DAYS_OFF = SettingSpec("days_off", "days_off", "", N_("Days off"), WORKING_TIME,
                       p.parse_days_off, p.format_days_off,
                       N_("dates such as 2026-12-24, separated by commas"), rederives=True)
HOLIDAYS = SettingSpec("holidays", "holidays", "none", N_("Public holidays"), WORKING_TIME,
                       p.parse_region, p.format_region,
                       N_("country or region, e.g. DE or DE-BE; none for no holidays"),
                       rederives=True)
AT_RISK = _span("at_risk_minutes", "at_risk", "60", N_("At risk below (business minutes)"),
                N_("Queue"))
# -- appearance -----------------------------------------------------------------------------------
LANGUAGE = SettingSpec("language", "language", "", N_("Language"), N_("Appearance"),
                       p.parse_language, str,
                       N_("en, de, or en_XA for a pseudo-language that checks layouts; empty "
                          "for the system's language"), synced=False)
APPEARANCE = SettingSpec("appearance", "appearance", "system", N_("Colours"), N_("Appearance"),
                         p.parse_appearance, str,
                         N_("system (follow the desktop), light or dark"), APPEARANCES)
ME = SettingSpec("me", "me", "", N_("You"), N_("Importing"), p.parse_names, p.format_names,
                 N_("your addresses and chat names or ids, separated by commas"))
# -- focus and notifications ----------------------------------------------------------------------
FOCUS_MARGIN = _span("focus_margin_minutes", "focus_margin", "30",
                     N_("Break through when due within (minutes)"), FOCUS,
                     N_("a held request comes through this long before its reply-by"))
FOCUS_ALLOW = SettingSpec("focus_allow", "focus_allow", "", N_("Always let through"), FOCUS,
                          p.parse_names, p.format_names,
                          N_("senders whose messages break through focus, separated by commas"))
FOCUS_DIGEST_TIMES = SettingSpec("focus_digest_times", "focus_digest_times", "",
                                 N_("Digest times during focus"), FOCUS, parse_clock_times,
                                 p.format_clock_times,
                                 N_("e.g. 11:30, 15:30; empty: only when a block ends"))
NOTIFY_EVERY = _span("notify_every_minutes", "notify_every", "10",
                     N_("Outside focus, notify at most every (minutes)"), FOCUS)
QUIET_DESKTOP = _switch("quiet_desktop", "quiet_desktop", "yes",
                        N_("Quiet the desktop's notifications during focus"), FOCUS,
                        N_("GNOME, KDE Plasma, dunst or swaync; other apps' notifications wait "
                           "until the block ends. yes or no"))
CLOSE_TO_TRAY = _switch("close_to_tray", "close_to_tray", "yes",
                        N_("Closing the window keeps Unhurried in the tray"), FOCUS)
NOTIFICATION_STYLE = SettingSpec("notification_style", "notification_style", "actions",
                                 N_("Notifications"), FOCUS, p.parse_notification_style, str,
                                 N_("actions (with Open, Snooze and Reply), simple, or window "
                                    "(only in Unhurried's window)"), NOTIFICATION_STYLES)
START_AT_LOGIN = _switch("start_at_login", "start_at_login", "no",
                         N_("Start Unhurried when you log in"), FOCUS)
# -- drafting, importing, network -----------------------------------------------------------------
MARK_DONE_ON_SEND = _switch("mark_done_on_send", "mark_done_on_send", "yes",
                            N_("A delivered reply marks its request done"), DRAFTING)
MARK_DONE_ON_EXPORT = SettingSpec("mark_done_on_export", "mark_done_on_export", "ask",
                                  N_("Copying or saving a reply marks its request done"),
                                  DRAFTING, p.parse_ask, str, N_("ask, yes or no"), ASK_CHOICES)
SEND_UNDO_SECONDS = SettingSpec("send_undo_seconds", "send_undo_seconds", "10",
                                N_("Send now waits (seconds, to undo)"), DRAFTING,
                                p.parse_undo_seconds, str, N_("0 to 300"))
CSV_MAPPINGS = SettingSpec("csv.mappings", "csv_mappings", "{}", N_("CSV column mappings"),
                           N_("Importing"), check_mappings, str,
                           N_("kept per CSV header by File > Import"), visible=False)
NETWORK_DEADLINE = SettingSpec("network.deadline_seconds", "network_deadline", "30",
                               N_("Give up on a server after (seconds)"), N_("Network"),
                               p.parse_seconds, str,
                               N_("the longest one request to a mail or calendar server may "
                                  "take, answer included"))
FOLLOW_UP = SettingSpec("follow_up_after", "follow_up", "2bd",
                        N_("Follow up when no answer after"), POLICY, parse_target, str,
                        N_("how long 'waiting on others' waits before a request comes back to "
                           "be followed up, e.g. 2bd or 48h"))
# -- the mail account on this device ----------------------------------------------------------
IMAP_HOST = _account("imap.host", "imap_host", "", N_("IMAP server"), MAIL_ACCOUNT,
                     imap.parse_host)
IMAP_PORT = _account("imap.port", "imap_port", "0", N_("Port"), MAIL_ACCOUNT,
                     lambda text: int(imap.parse_port(text)), str,
                     N_("0 for the usual port: 993 with TLS, 143 otherwise"))
IMAP_SECURITY = _account("imap.security", "imap_security", "tls", N_("Security"), MAIL_ACCOUNT,
                         imap.check_security, str,
                         N_("tls, starttls or plain (plain only to localhost)"))
IMAP_USER = _account("imap.user", "imap_user", "", N_("User"), MAIL_ACCOUNT, imap.parse_user)
IMAP_FOLDERS = _account("imap.folders", "imap_folders", imap.format_folders(imap.DEFAULT_FOLDERS),
                        N_("Folders"), MAIL_ACCOUNT, imap.parse_folder_list, imap.format_folders,
                        N_("e.g. INBOX, Sent"))
IMAP_INTERVAL = _account("imap.interval", "imap_interval", str(imap.DEFAULT_INTERVAL),
                         N_("Sync every (minutes)"), MAIL_ACCOUNT, p.parse_minutes, str,
                         N_("0 syncs only when asked"))
# -- the CalDAV account on this device, and how its last sync went ---------------------------
CALDAV_URL = _account("caldav.url", "caldav_url", "", N_("Server"), CALENDAR_SYNC,
                      caldav.parse_url)
CALDAV_USER = _account("caldav.user", "caldav_user", "", N_("User"), CALENDAR_SYNC,
                       caldav.parse_user)
CALDAV_TASKS = _account("caldav.tasks", "caldav_tasks", "", N_("Task list"), CALENDAR_SYNC,
                        p.parse_text)
CALDAV_CALENDAR = _account("caldav.calendar", "caldav_calendar", "", N_("Calendar"),
                           CALENDAR_SYNC, p.parse_text)
CALDAV_INTERVAL = _account("caldav.interval_minutes", "caldav_interval", "15",
                           N_("Sync every (minutes)"), CALENDAR_SYNC, p.parse_interval, str)
CALDAV_AUTH = _account("caldav.auth", "caldav_auth", "", N_("Login scheme"), CALENDAR_SYNC,
                       p.parse_text)
"""The login scheme the server took (``basic``, ``digest``), sent up front next time."""
CALDAV_LAST_SYNC = _account("caldav.last_sync", "caldav_last_sync", "", N_("Last sync"),
                            CALENDAR_SYNC, p.parse_text)
CALDAV_LAST_ERROR = _account("caldav.last_error", "caldav_last_error", "",
                             N_("Last sync failed"), CALENDAR_SYNC, p.parse_text)
# -- run state of this device --------------------------------------------------------------------
DERIVED_WITH = SettingSpec("_derived_with", "derived_with", "",
                           N_("Rules the reply-by times were derived with"), POLICY, p.parse_text,
                           str, synced=False, visible=False)
"""A fingerprint of the rederiving entries the stored reply-bys were derived with."""


def policy_key(channel: Channel, priority: Priority) -> str:
    """The settings key of one policy target, e.g. ``policy.chat.normal``."""
    return f"policy.{channel.value}.{priority.value}"


def _policy_specs() -> Iterator[SettingSpec[Target]]:
    for (channel, priority), target in DEFAULT_TARGETS.items():
        yield SettingSpec(policy_key(channel, priority), "", str(target), N_("Reply target"),
                          POLICY, parse_target, str, rederives=True)


_ENTRIES: tuple[SettingSpec[Any], ...] = (
    TIMEZONE, WORKING_HOURS, DAYS_OFF, HOLIDAYS, AT_RISK, LANGUAGE, APPEARANCE, ME,
    FOCUS_MARGIN, FOCUS_ALLOW, FOCUS_DIGEST_TIMES, NOTIFY_EVERY, QUIET_DESKTOP, CLOSE_TO_TRAY,
    NOTIFICATION_STYLE, START_AT_LOGIN, MARK_DONE_ON_SEND, MARK_DONE_ON_EXPORT,
    SEND_UNDO_SECONDS, CSV_MAPPINGS, IMAP_HOST, IMAP_PORT, IMAP_SECURITY, IMAP_USER,
    IMAP_FOLDERS, IMAP_INTERVAL, NETWORK_DEADLINE, CALDAV_URL, CALDAV_USER, CALDAV_TASKS,
    CALDAV_CALENDAR, CALDAV_INTERVAL, CALDAV_AUTH, CALDAV_LAST_SYNC, CALDAV_LAST_ERROR,
    FOLLOW_UP, DERIVED_WITH, *_policy_specs(),
)
REGISTRY: Mapping[str, SettingSpec[Any]] = MappingProxyType({s.key: s for s in _ENTRIES})
VISIBLE: tuple[SettingSpec[Any], ...] = tuple(s for s in _ENTRIES if s.visible)
"""The entries the settings dialog and ``config list`` show, in this order."""
SYNCED: tuple[SettingSpec[Any], ...] = tuple(s for s in _ENTRIES if s.synced)
"""The entries whose values travel to the user's other devices."""


def spec_of(key: str) -> SettingSpec[Any]:
    """The entry of ``key``.

    Raises:
        InvalidInput: no such setting (the message lists the visible ones).
    """
    spec = REGISTRY.get(key)
    if spec is None:
        raise InvalidInput(
            _("Unknown setting '{key}'; known settings: {known}.").format(
                key=key, known=", ".join(sorted(s.key for s in VISIBLE if s.attr))
                + ", policy.CHANNEL.PRIORITY"
            )
        )
    return spec


def check_value(key: str, text: str) -> str:
    """Validate one setting and return its canonical text form.

    Raises:
        InvalidInput: unknown key, or a value the setting cannot take.
    """
    return spec_of(key).check(text)
