# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings for everything that is set: the focus and notification settings, ``me`` and the
appearance are in the dialog, generated from the same registry ``config`` reads; start at
login writes an XDG autostart entry; ``add --dialog`` captures a request from anywhere."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from desktop.cli import main
from desktop.core.ports import Notification
from desktop.core.settings import REGISTRY
from desktop.platform.autostart import autostart_file, entry, set_autostart
from desktop.platform.notify import Gate, NotifierChain
from tests.fakes import FakeClock, RecordingNotifier
from tests.integration.conftest import need

from desktop.ui.common.settings_dialog import FOCUS_ENTRIES, SettingsDialog
from desktop.ui.queue.add_dialog import AddRequestDialog

ASKED = ("focus_digest_times", "focus_margin_minutes", "focus_allow", "me", "close_to_tray",
         "quiet_desktop", "notification_style", "appearance", "start_at_login")


def test_every_asked_for_setting_is_in_the_registry_and_the_dialog(service, qtbot) -> None:
    dialog = SettingsDialog(service, ["UTC"], {}, None)
    qtbot.addWidget(dialog)
    shown = dialog.focus_page.fields | dialog.appearance_page.fields
    for key in ASKED:
        assert key in REGISTRY
        assert key in shown, key
    assert isinstance(shown["quiet_desktop"], QCheckBox)
    assert isinstance(shown["notification_style"], QComboBox)
    assert isinstance(shown["focus_allow"], QLineEdit)
    assert {spec.key for spec in FOCUS_ENTRIES} <= set(REGISTRY)


def test_the_dialog_stores_what_config_then_reads(service, qtbot) -> None:
    dialog = SettingsDialog(service, ["UTC", "Europe/Berlin"], {}, None)
    qtbot.addWidget(dialog)
    fields = dialog.focus_page.fields | dialog.appearance_page.fields
    fields["focus_digest_times"].setText("15:30, 11:30")
    fields["focus_margin_minutes"].setText("45")
    fields["quiet_desktop"].setChecked(False)
    fields["notification_style"].setCurrentText("window")
    fields["appearance"].setCurrentText("dark")
    fields["me"].setText("ann@example.org,  U024BE7LH")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert service.setting_text("focus_digest_times") == "11:30, 15:30"
    assert service.setting_text("focus_margin_minutes") == "45"
    assert service.setting_text("quiet_desktop") == "no"
    assert service.setting_text("notification_style") == "window"
    assert service.setting_text("appearance") == "dark"
    assert service.setting_text("me") == "ann@example.org, U024BE7LH"


def test_a_bad_value_keeps_the_dialog_open_with_the_reason(service, qtbot) -> None:
    dialog = SettingsDialog(service, ["UTC"], {}, None)
    qtbot.addWidget(dialog)
    dialog.focus_page.fields["focus_digest_times"].setText("lunchtime")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()


def test_the_notification_style_picks_the_way(qapp) -> None:
    style = ["actions"]
    rich, plain, window = RecordingNotifier(), RecordingNotifier(), RecordingNotifier()
    chain = NotifierChain([Gate(rich, lambda: style[0] == "actions"),
                           Gate(plain, lambda: style[0] != "window"), window])
    note = Notification("Ana: Q3", "due 11:00", ("a",))
    for value, expected in (("actions", rich), ("simple", plain), ("window", window)):
        style[0] = value
        chain.notify(note)
        assert expected.sent[-1] == note
    assert (len(rich.sent), len(plain.sent), len(window.sent)) == (1, 1, 1)


def test_start_at_login_writes_a_valid_autostart_entry_and_removes_it(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    path = set_autostart(True, ["/usr/bin/unhurried"], env)
    assert path == tmp_path / "config" / "autostart" / "org.unhurried.Unhurried.desktop"
    assert path.read_text() == entry(["/usr/bin/unhurried"])
    assert "Exec=/usr/bin/unhurried\n" in path.read_text()
    checked = subprocess.run([need("desktop-file-validate", "desktop-file-utils"), str(path)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    set_autostart(False, env=env)
    assert not path.exists()


def test_config_set_start_at_login_writes_the_entry(tmp_path: Path, capsys,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "config", "set", "start_at_login", "yes"], clock=FakeClock()) == 0
    assert autostart_file().exists()
    assert main([*data, "config", "set", "start_at_login", "no"], clock=FakeClock()) == 0
    assert not autostart_file().exists()
    capsys.readouterr()


def test_add_dialog_captures_a_request_and_prints_its_id(tmp_path: Path, capsys, qapp,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddRequestDialog):
            QTimer.singleShot(20, fill)
            return
        assert dialog.subject.text() == "Q3 budget"
        dialog.sender_edit.setText("Ana")
        dialog.accept()

    QTimer.singleShot(0, fill)
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "add", "--dialog", "Q3 budget"], clock=FakeClock()) == 0
    request_id = capsys.readouterr().out.strip()
    assert main([*data, "show", request_id, "--json"], clock=FakeClock()) == 0
    shown = capsys.readouterr().out
    assert '"subject": "Q3 budget"' in shown
    assert '"sender": "Ana"' in shown


def test_add_without_a_subject_or_dialog_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "data"), "add"], clock=FakeClock()) != 0
    assert "A request needs a subject." in capsys.readouterr().err
