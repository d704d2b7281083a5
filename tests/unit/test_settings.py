# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.settings``: the registry, reading stored text and checking values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.policy import DEFAULT_TARGETS, parse_target
from desktop.core.requests import Channel, Priority
from desktop.core.settings import REGISTRY, Settings, check_value, policy_key
from desktop.core.settings.parsers import (
    parse_days_off,
    parse_language,
    parse_minutes,
    parse_region,
    parse_zone,
)
from desktop.core.working_hours import WorkingHours, parse_working_hours

# -- the registry ----------------------------------------------------------------------------


def test_registry_holds_every_setting_once():
    policy_keys = {policy_key(c, p) for c in Channel for p in Priority}
    plain = {"timezone", "working_hours", "days_off", "holidays", "at_risk_minutes", "language",
             "me", "focus_margin_minutes", "focus_allow", "focus_digest_times",
             "notify_every_minutes", "close_to_tray", "quiet_desktop", "appearance",
             "notification_style", "start_at_login", "mark_done_on_send", "csv.mappings",
             "mark_done_on_export", "send_undo_seconds",
             "imap.host", "imap.port", "imap.security", "imap.user", "imap.folders",
             "imap.interval", "network.deadline_seconds", "follow_up_after",
             "caldav.url", "caldav.user", "caldav.tasks", "caldav.calendar",
             "caldav.interval_minutes", "caldav.auth", "caldav.last_sync", "caldav.last_error",
             "_derived_with"}
    assert set(REGISTRY) == plain | policy_keys
    assert all(key == spec.key for key, spec in REGISTRY.items())


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_default_is_valid_and_canonical(key):
    spec = REGISTRY[key]
    assert spec.label
    assert spec.group
    assert check_value(key, spec.default) == spec.default


@pytest.mark.parametrize(
    ("key", "default"),
    [
        ("policy.chat.normal", "1bd"),
        ("policy.tracker.normal", "2bd"),
        ("policy.tracker.low", "2bd"),
        ("policy.tracker.high", "1bd"),
        ("policy.email.urgent", "1bh"),
        ("working_hours", "mon-fri 09:00-17:00"),
        ("at_risk_minutes", "60"),
        ("holidays", "none"),
        ("timezone", "UTC"),
        ("mark_done_on_send", "yes"),
        ("mark_done_on_export", "ask"),
        ("send_undo_seconds", "10"),
    ],
)
def test_registry_defaults(key, default):
    assert REGISTRY[key].default == default


def test_policy_key():
    assert policy_key(Channel.TRACKER, Priority.URGENT) == "policy.tracker.urgent"


# -- reading stored text ---------------------------------------------------------------------


def test_defaults_without_stored_values():
    settings = Settings.from_text({})
    assert settings.timezone == "UTC"
    assert settings.working_hours == WorkingHours.office()
    assert settings.days_off == frozenset()
    assert settings.holidays is None
    assert settings.at_risk == timedelta(minutes=60)
    assert settings.language == ""
    for pair, target in DEFAULT_TARGETS.items():
        assert settings.policy.target_for(*pair) == target


def test_the_system_zone_is_used_until_the_user_picks_one():
    assert Settings.from_text({}, default_zone="Europe/Berlin").timezone == "Europe/Berlin"
    picked = Settings.from_text({"timezone": "Asia/Tokyo"}, default_zone="Europe/Berlin")
    assert picked.timezone == "Asia/Tokyo"


def test_stored_values_are_read_into_their_types():
    settings = Settings.from_text(
        {
            "timezone": "America/New_York",
            "working_hours": "mon-thu 08:00-16:00",
            "days_off": "2026-12-24,2026-12-31",
            "holidays": "DE-BE",
            "at_risk_minutes": "90",
            "language": "de",
            "policy.chat.normal": "4bh",
            "unknown.key": "ignored",
        }
    )
    assert settings.timezone == "America/New_York"
    assert settings.working_hours == parse_working_hours("mon-thu 08:00-16:00")
    assert settings.days_off == {date(2026, 12, 24), date(2026, 12, 31)}
    assert settings.holidays == ("DE", "BE")
    assert settings.at_risk == timedelta(minutes=90)
    assert settings.language == "de"
    assert settings.policy.target_for(Channel.CHAT, Priority.NORMAL) == parse_target("4bh")
    assert settings.policy.target_for(Channel.CHAT, Priority.LOW) == parse_target("1bd")


@pytest.mark.parametrize(
    ("key", "bad", "attribute", "default"),
    [
        ("working_hours", "whenever", "working_hours", WorkingHours.office()),
        ("at_risk_minutes", "soon", "at_risk", timedelta(minutes=60)),
        ("days_off", "christmas", "days_off", frozenset()),
        ("holidays", "Germany", "holidays", None),
        ("language", "?!", "language", ""),
    ],
)
def test_unreadable_stored_values_fall_back_to_the_default(key, bad, attribute, default):
    assert getattr(Settings.from_text({key: bad}), attribute) == default


def test_an_unreadable_target_falls_back_to_its_default():
    settings = Settings.from_text({"policy.tracker.low": "two days"})
    assert settings.policy.target_for(Channel.TRACKER, Priority.LOW) == parse_target("2bd")


# -- checking values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "canonical"),
    [
        ("working_hours", "Mon-Fri 9:00-17:00", "mon-fri 09:00-17:00"),
        ("working_hours", "mon 13:00-17:00, 09:00-12:00", "mon 09:00-12:00,13:00-17:00"),
        ("working_hours", "mon-fri 22:00-06:00; sat 10:00-00:00",
         "mon-fri 22:00-06:00; sat 10:00-24:00"),
        ("working_hours", "NONE", "none"),
        ("timezone", " Europe/Berlin ", "Europe/Berlin"),
        ("timezone", "UTC", "UTC"),
        ("holidays", "de-be", "DE-BE"),
        ("holidays", "us", "US"),
        ("holidays", "", "none"),
        ("holidays", "None", "none"),
        ("days_off", "2026-12-31; 2026-12-24 ,2026-12-24", "2026-12-24,2026-12-31"),
        ("days_off", "", ""),
        ("at_risk_minutes", " 090 ", "90"),
        ("at_risk_minutes", "0", "0"),
        ("at_risk_minutes", "10080", "10080"),
        ("language", "de_DE", "de_DE"),
        ("language", " pt-BR ", "pt-BR"),
        ("language", "", ""),
        ("policy.chat.normal", "2 BD", "2bd"),
        ("policy.email.low", "0.50bd", "0.5bd"),
        ("policy.tracker.high", "48H", "48h"),
    ],
)
def test_check_value_returns_the_canonical_form(key, text, canonical):
    assert check_value(key, text) == canonical
    assert check_value(key, canonical) == canonical


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("working_hours", "daily 09:00-17:00", "Weekdays are written mon, tue"),
        ("working_hours", "9 to 5", "A range is written as 09:00-17:00"),
        ("working_hours", "", "mon-fri 09:00-17:00"),
        ("working_hours", "mon 09:00-25:00", "HH:MM"),
        ("timezone", "Mars/Olympus", "Unknown time zone 'Mars/Olympus'; use an IANA name"),
        ("timezone", "", "Unknown time zone"),
        ("timezone", "../../etc/passwd", "Unknown time zone"),
        ("holidays", "Germany", "a country code such as DE, a region such as DE-BE, or none"),
        ("holidays", "DE-TOOLONG", "a region such as DE-BE"),
        ("days_off", "2026-13-01", "dates like 2026-12-24"),
        ("days_off", "tomorrow", "dates like 2026-12-24"),
        ("at_risk_minutes", "-1", "whole number of minutes"),
        ("at_risk_minutes", "1.5", "whole number of minutes"),
        ("at_risk_minutes", "10081", "whole number of minutes"),
        ("at_risk_minutes", "", "whole number of minutes"),
        ("language", "english!", "language code such as en"),
        ("language", "e", "language code such as en"),
        ("policy.chat.normal", "soon", r"1bd \(business days\)"),
        ("policy.chat.normal", "-1bd", r"1bd \(business days\)"),
    ],
)
def test_check_value_rejects_bad_values_with_a_helpful_message(key, text, message):
    with pytest.raises(InvalidInput, match=message):
        check_value(key, text)


@pytest.mark.parametrize("key", ["colour", "policy.fax.normal", "policy.chat", ""])
def test_unknown_key_lists_the_known_settings(key):
    with pytest.raises(InvalidInput) as caught:
        check_value(key, "1")
    assert caught.value.message == (
        f"Unknown setting '{key}'; known settings: appearance, at_risk_minutes, "
        "close_to_tray, "
        "days_off, focus_allow, focus_digest_times, focus_margin_minutes, "
        "follow_up_after, "
        "holidays, "
        "language, mark_done_on_export, mark_done_on_send, me, "
        "network.deadline_seconds, notification_style, notify_every_minutes, quiet_desktop, "
        "send_undo_seconds, start_at_login, timezone, "
        "working_hours, policy.CHANNEL.PRIORITY."
    )


@pytest.mark.parametrize("text", ["1000000h", "2.3456789bd", "1bd", "36h", "0.25bd"])
def test_a_checked_target_is_read_back_as_entered(text):
    """Bug: a checked target is stored in its ``:g`` text form. ``1000000h`` becomes ``1e+06h``,
    which the reader rejects, so the setting silently turns into the default 1bd; ``2.3456789bd``
    is rounded to ``2.34568bd``."""
    stored = check_value("policy.chat.normal", text)
    settings = Settings.from_text({"policy.chat.normal": stored})
    assert settings.policy.target_for(Channel.CHAT, Priority.NORMAL) == parse_target(text)


# -- the parsers on their own ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [("DE", ("DE", None)), ("de-by", ("DE", "BY")), ("US-CA", ("US", "CA")), ("none", None),
     ("", None), ("GB-ENG", ("GB", "ENG"))],
)
def test_parse_region(text, region):
    assert parse_region(text) == region


def test_parse_days_off_and_minutes_and_language_and_zone():
    assert parse_days_off(" 2026-12-24 ;; 2026-12-25, ") == {
        date(2026, 12, 24), date(2026, 12, 25)
    }
    assert parse_minutes("+15") == 15
    assert parse_language(" en ") == "en"
    assert parse_zone(" Australia/Lord_Howe ") == "Australia/Lord_Howe"


def test_the_users_identities_are_kept_in_one_canonical_line():
    assert check_value("me", " ann@example.org ,U024BE7LH,, ") == "ann@example.org, U024BE7LH"
    assert Settings.from_text({"me": "ann@example.org, U024BE7LH"}).me == (
        "ann@example.org", "U024BE7LH")
    assert Settings.from_text({}).me == ()
    with pytest.raises(InvalidInput):
        check_value("me", "ann\x07")


@pytest.mark.parametrize(("text", "canonical"), [("yes", "yes"), ("ON", "yes"), ("false", "no"),
                                                 ("0", "no")])
def test_switches_read_yes_and_no(text, canonical):
    assert check_value("mark_done_on_send", text) == canonical


def test_a_switch_refuses_other_words():
    with pytest.raises(InvalidInput, match="yes or no"):
        check_value("mark_done_on_send", "maybe")


@pytest.mark.parametrize(("text", "canonical"), [("ask", "ask"), ("YES", "yes"), ("off", "no")])
def test_copying_closes_the_request_on_ask_yes_or_no(text, canonical):
    assert check_value("mark_done_on_export", text) == canonical
    with pytest.raises(InvalidInput, match="ask, yes or no"):
        check_value("mark_done_on_export", "maybe")


@pytest.mark.parametrize("text", ["-1", "301", "ten", "1.5"])
def test_the_undo_window_is_0_to_300_seconds(text):
    assert check_value("send_undo_seconds", " 30 ") == "30"
    with pytest.raises(InvalidInput, match="0 to 300"):
        check_value("send_undo_seconds", text)


def test_the_network_deadline_is_a_setting_of_whole_seconds():
    assert Settings.from_text({}).network_deadline == 30
    assert Settings.from_text({"network.deadline_seconds": "5"}).network_deadline == 5
    assert check_value("network.deadline_seconds", " 90 ") == "90"
    for bad in ("0", "601", "soon"):
        with pytest.raises(InvalidInput, match="seconds from 1 to 600"):
            check_value("network.deadline_seconds", bad)


def test_app_level_settings_are_typed_attributes_with_their_defaults():
    settings = Settings.from_text({})
    assert (settings.appearance, settings.notification_style) == ("system", "actions")
    assert (settings.close_to_tray, settings.start_at_login) == (True, False)
    assert (settings.mark_done_on_send, settings.mark_done_on_export) == (True, "ask")
    assert settings.send_undo_seconds == 10


def test_app_level_settings_read_stored_text_and_fall_back_when_unreadable():
    settings = Settings.from_text({
        "appearance": "dark", "notification_style": "window", "close_to_tray": "no",
        "start_at_login": "yes", "mark_done_on_send": "no", "mark_done_on_export": "yes",
        "send_undo_seconds": "0",
    })
    assert (settings.appearance, settings.notification_style) == ("dark", "window")
    assert (settings.close_to_tray, settings.start_at_login) == (False, True)
    assert (settings.mark_done_on_send, settings.mark_done_on_export) == (False, "yes")
    assert settings.send_undo_seconds == 0
    assert Settings.from_text({"close_to_tray": "maybe"}).close_to_tray is True


def test_focus_settings_are_typed_attributes():
    settings = Settings.from_text({
        "focus_margin_minutes": "45", "focus_allow": "boss@example.org, U1",
        "focus_digest_times": "12:00, 16:30", "notify_every_minutes": "5", "quiet_desktop": "no",
    })
    assert settings.focus_margin == timedelta(minutes=45)
    assert settings.focus_allow == ("boss@example.org", "U1")
    assert settings.focus_digest_times == (720, 990)
    assert settings.notify_every == timedelta(minutes=5)
    assert settings.quiet_desktop is False


def test_an_unreadable_zone_falls_back_to_the_system_zone():
    assert Settings.from_text({"timezone": "Mars/Olympus"}, default_zone="Europe/Berlin").timezone \
        == "Europe/Berlin"


def test_csv_mappings_are_read_as_canonical_text_with_an_empty_default():
    assert Settings.from_text({}).csv_mappings == "{}"
    assert Settings.from_text({"csv.mappings": "not json"}).csv_mappings == "{}"
