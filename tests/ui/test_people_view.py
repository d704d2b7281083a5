# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""People in the window: the People table (a model that passes the tester; an edit is stored
as the user's own, a bad zone is refused with the reason), the detail pane's "their time now",
and a scheduled reply shown in the detail pane."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import Qt

from desktop.core.people import PeopleDirectory, Source
from desktop.store.people_repository import SqlitePeopleRepository

from desktop.ui.people.model import PeopleColumn
from desktop.ui.people.view import PeopleDialog
from desktop.ui.queue.detail_pane import DetailPane


@pytest.fixture
def people(db, clock) -> PeopleDirectory:
    directory = PeopleDirectory(SqlitePeopleRepository(db), clock)
    directory.learn("Ana Lima <ana@x.org>", Source.MAIL_DATE, zone="Etc/GMT+5")
    directory.learn("Ravi Iyer", Source.SLACK, zone="Asia/Kolkata")
    return directory


def test_the_table_edits_as_the_users_own_and_refuses_a_bad_zone(qtbot, qtmodeltester, people):
    dialog = PeopleDialog(people)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    row = next(r for r in range(2) if model.person(r).key == "ana@x.org")
    zone = model.index(row, PeopleColumn.ZONE)
    assert model.data(zone) == "Etc/GMT+5"
    assert model.flags(zone) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, PeopleColumn.LEARNED)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(zone, "America/New_York") is True
    stored = people.find("ana@x.org")
    assert stored is not None
    assert (stored.zone, stored.source("zone")) == ("America/New_York", Source.USER)
    assert "zone: user" in model.data(model.index(row, PeopleColumn.LEARNED))
    assert model.setData(zone, "Mars/Base") is False
    assert not dialog.problem.isHidden()
    assert "IANA" in dialog.problem.text()
    assert people.find("ana@x.org").zone == "America/New_York"  # type: ignore[union-attr]


def test_the_detail_pane_shows_their_time_now_and_a_scheduled_reply(qtbot, service, formatter,
                                                                    people, clock):
    people.edit("ana@x.org", zone="America/New_York", name="Ana")
    clock.set(datetime(2026, 11, 25, 12, 40, tzinfo=UTC))  # 07:40 in New York
    request = service.add("Plan", sender="Ana Lima <ana@x.org>")
    pane = DetailPane(service, formatter)
    qtbot.addWidget(pane)
    pane.person = people.find
    going = clock.now() + timedelta(hours=2)
    pane.reply_scheduled = lambda request_id: going if request_id == request.id else None
    pane.show_request(request)
    text = pane.toPlainText()
    assert "Ana — 07:40 in New York, starts in 1h 20m" in text
    assert "Reply scheduled" in text
    assert "closes once it is delivered" in text
    other = service.add("Hi", sender="nobody@x.org")
    pane.show_request(other)
    assert "Their time" not in pane.toPlainText()
