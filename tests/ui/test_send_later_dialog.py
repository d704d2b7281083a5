# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Send later shows and edits the time on the recipient's clock, labelled with their zone, with
the user's own time beside it; what is typed is read in their zone (whatever the machine's
zone is)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.drafting.dialogs import SendLaterDialog

NINE_NEW_YORK = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Thu 09:00 EST, 15:00 in Berlin


@pytest.mark.parametrize("machine_zone", ["UTC", "Asia/Tokyo"])
def test_the_time_is_theirs_and_labelled_so(qtbot, formatter, monkeypatch, machine_zone):
    monkeypatch.setenv("TZ", machine_zone)
    dialog = SendLaterDialog(NINE_NEW_YORK, formatter, "America/New_York")
    qtbot.addWidget(dialog)
    assert dialog.edit.text() == "Thu 26 Nov 2026 09:00"
    assert "America/New_York" in dialog.zone_label.text()
    assert dialog.yours.text().endswith("15:00")
    assert dialog.when() == NINE_NEW_YORK


def test_editing_their_time_moves_the_instant_and_your_time(qtbot, formatter):
    dialog = SendLaterDialog(NINE_NEW_YORK, formatter, "Asia/Tokyo")
    qtbot.addWidget(dialog)
    assert dialog.edit.text() == "Thu 26 Nov 2026 23:00"
    dialog.edit.setDateTime(QDateTime(QDate(2026, 11, 27), QTime(9, 0), QTimeZone.utc()))
    assert dialog.when() == datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # Fri 09:00 JST
    assert dialog.yours.text().endswith("01:00")  # Berlin


def test_an_unknown_recipient_zone_says_the_time_is_yours(qtbot, formatter):
    dialog = SendLaterDialog(NINE_NEW_YORK, formatter, "")
    qtbot.addWidget(dialog)
    assert dialog.edit.text() == "Thu 26 Nov 2026 15:00"
    assert dialog.when() == NINE_NEW_YORK


@settings(max_examples=40, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31),
                    timezones=st.just(UTC)),
       st.sampled_from(["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe"]))
def test_what_is_shown_reads_back_to_the_same_minute(qapp, moment, zone):
    formatter = Formatter(safe_locale("en_GB"), ZoneInfo("Europe/Berlin"))
    moment = moment.replace(second=0, microsecond=0)
    dialog = SendLaterDialog(moment, formatter, zone)
    try:
        back = dialog.when()
        # equal, except a wall-clock time repeated by a fall-back change reads as its first pass
        assert back == moment or abs((back - moment).total_seconds()) <= 3600
    finally:
        dialog.deleteLater()
