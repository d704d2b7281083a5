# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Each registry entry parses, formats and validates its own value, and says whether it
travels to other devices and whether the dialog and ``config list`` show it."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.settings import REGISTRY, SYNCED, VISIBLE, Settings, SettingSpec
from desktop.core.settings import registry as setting

ENTRIES = list(REGISTRY.values())


@pytest.mark.parametrize("spec", ENTRIES, ids=lambda spec: spec.key)
def test_every_default_is_canonical_and_reads_back(spec: SettingSpec[object]) -> None:
    canonical = spec.check(spec.default)
    assert spec.check(canonical) == canonical
    assert spec.format(spec.parse(canonical)) == canonical


@pytest.mark.parametrize("spec", ENTRIES, ids=lambda spec: spec.key)
def test_every_entry_is_read_into_its_typed_attribute(spec: SettingSpec[object]) -> None:
    settings = Settings.from_text({})
    fields = {f.name for f in dataclasses.fields(Settings)}
    if spec.attr:
        assert spec.attr in fields
        assert spec.format(getattr(settings, spec.attr)) == settings.text(spec)
    else:  # a reply target, read into the policy
        assert spec.key.startswith("policy.")


def test_each_attribute_belongs_to_one_entry() -> None:
    attrs = [spec.attr for spec in ENTRIES if spec.attr]
    assert len(attrs) == len(set(attrs))


def test_an_unreadable_stored_value_falls_back_to_the_entrys_default() -> None:
    settings = Settings.from_text({"imap.port": "port", "caldav.interval_minutes": "0",
                                   "me": "ann,  bob"})
    assert settings.imap_port == 0
    assert settings.caldav_interval == 1  # at least a minute, as before
    assert settings.me == ("ann", "bob")
    assert settings.text(setting.ME) == "ann, bob"


def test_run_state_neither_syncs_nor_shows() -> None:
    for spec in (setting.CALDAV_LAST_SYNC, setting.CALDAV_LAST_ERROR, setting.CALDAV_AUTH,
                 setting.DERIVED_WITH):
        assert not spec.synced
        assert not spec.visible


def test_account_identifiers_stay_on_this_device() -> None:
    per_device = [spec for spec in ENTRIES if spec.key.startswith(("imap.", "caldav."))]
    assert {"imap.host", "imap.user", "caldav.url", "caldav.user"} <= {s.key for s in per_device}
    assert not any(spec.synced for spec in per_device)
    assert not setting.LANGUAGE.synced


def test_no_setting_holds_a_secret() -> None:
    # passwords and tokens live only in the keyring
    for spec in ENTRIES:
        assert not any(word in spec.key for word in ("password", "token", "secret")), spec.key


def test_the_lists_follow_the_flags() -> None:
    assert tuple(spec for spec in ENTRIES if spec.visible) == VISIBLE
    assert tuple(spec for spec in ENTRIES if spec.synced) == SYNCED


def test_check_refuses_with_the_parsers_message() -> None:
    with pytest.raises(InvalidInput, match=r"Write yes or no\."):
        setting.QUIET_DESKTOP.check("maybe")
    assert setting.QUIET_DESKTOP.check("ON") == "yes"
    assert setting.IMAP_FOLDERS.check("INBOX, Sent") == '["INBOX", "Sent"]'
    assert setting.FOCUS_DIGEST_TIMES.check("15:30,11:30") == "11:30, 15:30"


def test_entry_is_the_text_to_store_for_a_typed_value() -> None:
    assert setting.MARK_DONE_ON_SEND.entry(False) == {"mark_done_on_send": "no"}
    assert setting.ME.entry(("ann", "bob")) == {"me": "ann, bob"}


SAMPLES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["yes", "No", " on ", "0", "60", "-1", "INBOX, Sent", '["a, b"]', "DE-BE",
                     "none", "2026-12-24,2026-01-01", "11:30, 9:05", "1bd", "48h", "Europe/Berlin",
                     "mon-fri 09:00-17:00", "ask", "dark", "https://dav.example.org/", "tls"]),
)


@settings(max_examples=60, deadline=None)
@given(text=SAMPLES)
@pytest.mark.parametrize("spec", ENTRIES, ids=lambda spec: spec.key)
def test_what_an_entry_accepts_it_stores_in_a_form_it_reads_back_unchanged(
        spec: SettingSpec[object], text: str) -> None:
    try:
        canonical = spec.check(text)
    except InvalidInput:
        return
    assert spec.check(canonical) == canonical
    assert spec.parse(canonical) == spec.parse(text)
