# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The settings dialog, ``config`` and the CalDAV sync of settings are generated from the one
declaration: the dialog and ``config list`` show exactly the ``visible`` entries, ``config set``
refuses a value with the same entry's validator (and message) as the dialog, and the sync
carries exactly the ``synced`` entries."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from PySide6.QtWidgets import QLineEdit

from desktop.cli import main
from desktop.core.errors import InvalidInput
from desktop.core.settings import REGISTRY, SYNCED, VISIBLE, Settings, check_value
from desktop.sync.bindings import SYNCED_SETTINGS, SettingsBinding
from tests.fakes import FakeClock

from desktop.ui.common.settings_dialog import SettingsDialog


def test_config_list_prints_the_visible_entries_once_in_order(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "config", "list"], clock=FakeClock()) == 0
    keys = [line.split(" = ", 1)[0] for line in capsys.readouterr().out.splitlines()]
    assert keys == [spec.key for spec in VISIBLE]
    assert not any(key.startswith(("imap.", "caldav.")) for key in keys)


def test_the_dialog_shows_exactly_the_visible_entries(service, qtbot) -> None:
    dialog = SettingsDialog(service, ["UTC"], {}, None)
    qtbot.addWidget(dialog)
    assert set(dialog.values()) == {spec.key for spec in VISIBLE}
    hidden = {key for key, spec in REGISTRY.items() if not spec.visible}
    assert hidden >= {"imap.host", "caldav.url", "caldav.last_sync", "csv.mappings"}


def _line_for(dialog: SettingsDialog, key: str) -> QLineEdit:
    pages = (dialog.focus_page, dialog.appearance_page, dialog.policy_extra, dialog.other_page)
    for page in pages:
        if key in page.fields:
            field = page.fields[key]
            assert isinstance(field, QLineEdit)
            return field
    if key in dialog.targets:
        return dialog.targets[key]
    assert key == "days_off", key
    return dialog.days_off


@pytest.mark.parametrize(("key", "bad"), [
    ("focus_digest_times", "lunchtime"),
    ("focus_margin_minutes", "-5"),
    ("send_undo_seconds", "999"),
    ("network.deadline_seconds", "0"),
    ("follow_up_after", "soon"),
    ("policy.chat.normal", "whenever"),
    ("days_off", "tomorrow"),
    ("me", "ann\x07"),
])
def test_config_set_and_the_dialog_refuse_a_value_with_the_entrys_own_message(
        key: str, bad: str, service, qtbot, tmp_path: Path, capsys) -> None:
    with pytest.raises(InvalidInput) as refused:
        REGISTRY[key].check(bad)
    message = refused.value.message

    dialog = SettingsDialog(service, ["UTC"], {}, None)
    qtbot.addWidget(dialog)
    _line_for(dialog, key).setText(bad)
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.error.text() == message

    assert main(["--data-dir", str(tmp_path), "config", "set", key, bad],
                clock=FakeClock()) == 2
    assert capsys.readouterr().err == f"unhurried: error: {message}\n"


@pytest.mark.parametrize("key", ["caldav.last_sync", "_derived_with", "imap.host"])
def test_config_set_leaves_run_state_and_accounts_to_their_own_commands(
        key: str, tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "config", "set", key, "x"],
                clock=FakeClock()) == 2
    assert "not by config set" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "config", "get", key], clock=FakeClock()) == 0


def test_the_sync_carries_exactly_the_synced_entries(service) -> None:
    binding = SettingsBinding(service, lambda: datetime(2026, 3, 2, tzinfo=UTC), lambda _i: None)
    synced = {spec.key for spec in SYNCED}
    assert set(binding.values()) == synced == set(SYNCED_SETTINGS)
    assert synced == {key for key, spec in REGISTRY.items() if spec.synced}


def test_the_mail_and_calendar_accounts_and_the_language_stay_on_this_device(service) -> None:
    # the IMAP account used to travel to every other device with the settings (issue 17)
    service.update_settings({"imap.host": "imap.example.org", "imap.user": "ann"})
    binding = SettingsBinding(service, lambda: datetime(2026, 3, 2, tzinfo=UTC), lambda _i: None)
    values = binding.values()
    assert not any(key.startswith(("imap.", "caldav.")) for key in values)
    assert "language" not in values
    assert "working_hours" in values


class _PlainSettings:
    """Settings kept in a dict: the dialog needs no queue service, only SettingsAccess."""

    def __init__(self) -> None:
        self.stored: dict[str, str] = {}
        self.settings = Settings.from_text({})

    def update_settings(self, values: Mapping[str, str]) -> int:
        self.stored |= {key: check_value(key, text) for key, text in values.items()}
        self.settings = Settings.from_text(self.stored)
        return 0


def test_the_dialog_edits_any_settings_access_not_only_the_queue(qtbot) -> None:
    access = _PlainSettings()
    dialog = SettingsDialog(access, ["UTC"], {}, None)
    qtbot.addWidget(dialog)
    field = dialog.other_page.fields["send_undo_seconds"]
    assert isinstance(field, QLineEdit)
    field.setText("25")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert access.settings.send_undo_seconds == 25
    assert set(access.stored) == {spec.key for spec in VISIBLE}
