# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Health view on the demo data (a real in-memory store): every chart drawn, the reading,
the week count, CSV export; Find focus time; the decision actions with undo; .ics import from
File > Import."""

from __future__ import annotations

import csv
import io
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pyqtgraph as pg
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.calendar import BusinessCalendar
from desktop.core.health.decisions import DecisionService
from desktop.core.health.measures import IsoWeek, MeasureInputs, WeekFigures, week_figures
from desktop.core.importing.items import ImportReport
from desktop.core.working_hours import WorkingHours
from desktop.store.decision_repository import SqliteDecisionRepository
from desktop.wiring.demo import load_demo
from desktop.wiring.services import open_context, stats_service
from tests.fakes import FakeClock
from tests.ui.conftest import REGIONS, ZONES

from desktop.ui.common.formatting import safe_locale
from desktop.ui.focus.time_dialog import FocusTimeDialog
from desktop.ui.health.actions import add_health_action
from desktop.ui.health.reading import CSV_COLUMNS, MEASURES
from desktop.ui.health.view import HealthView
from desktop.ui.importing.actions import kind_for
from desktop.ui.main_window import MainWindow
from desktop.ui.queue.decision_actions import DecisionActions

BERLIN = ZoneInfo("Europe/Berlin")
EN = safe_locale("en")


@pytest.fixture
def demo_context(clock: FakeClock):
    context = open_context(None, clock)
    context.queue.update_settings({"timezone": "Europe/Berlin"})
    load_demo(context)
    yield context
    context.close()


@pytest.fixture
def health(qtbot, demo_context) -> HealthView:
    stats = stats_service(demo_context)
    view = HealthView(stats.weeks, stats.free_time, None, EN, BERLIN)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.weeks) == 8, timeout=10_000)
    return view


def bars(chart) -> list[float]:
    [item] = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    return list(item.opts["height"])


def test_every_chart_shows_the_demo_weeks(health: HealthView) -> None:
    assert [c.measure.key for c in health.charts] == [m.key for m in MEASURES]
    for chart in health.charts:
        assert len(bars(chart)) == 8
    meetings = health.charts[0]
    assert all(h > 0 for h in bars(meetings))
    assert meetings.values == [w.meeting_hours for w in health.weeks]
    assert "This week" in meetings.comparison.text()
    assert any(h > 0 for h in bars(health.charts[4]))  # decision speed from the demo decisions
    text = health.reading.text()
    assert "meeting hours" in text.lower()
    assert "replies on time" in text


def test_the_week_count_recomputes(qtbot, health: HealthView) -> None:
    with qtbot.waitSignal(health.computed, timeout=10_000):
        health.weeks_box.setValue(4)
    assert len(health.weeks) == 4
    assert len(bars(health.charts[0])) == 4


def test_a_slow_old_result_does_not_replace_a_newer_one(qtbot) -> None:
    release = threading.Event()
    calls: list[int] = []

    def compute(count: int):
        calls.append(count)
        if count == 8:
            release.wait(5)  # the first request (8 weeks) answers last
        start = datetime(2026, 11, 25, tzinfo=UTC)
        return [_figures(start - timedelta(weeks=k)) for k in range(count - 1, -1, -1)]

    view = HealthView(compute, list, None, EN, BERLIN)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.weeks_box.setValue(3)
    release.set()
    qtbot.waitUntil(lambda: calls.count(8) == 1, timeout=5000)
    qtbot.wait(50)
    assert len(view.weeks) == 3


def _figures(moment: datetime) -> WeekFigures:
    calendar = BusinessCalendar(UTC, WorkingHours.office())
    return week_figures(IsoWeek.of(moment), MeasureInputs(), zone=UTC, now=moment,
                        calendar=calendar, me=())


def test_csv_export_has_a_row_per_week(health: HealthView, tmp_path: Path) -> None:
    target = tmp_path / "health.csv"
    health.export_csv(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["week"] for r in rows] == [str(w.week) for w in health.weeks]
    assert [float(r["meeting_hours"]) for r in rows] == [
        round(w.meeting_hours, 2) for w in health.weeks]
    empty = [r["decisions_median_hours"] == "" for r in rows]
    assert empty == [w.decisions.median_hours is None for w in health.weeks]


def test_find_focus_time_schedules_the_ticked_stretches(qtbot, qtmodeltester) -> None:
    day = datetime(2026, 11, 26, 9, tzinfo=UTC)
    stretches = [(day, day + timedelta(hours=2)), (day + timedelta(days=1),
                                                   day + timedelta(days=1, hours=3))]
    scheduled: list[list] = []
    dialog = FocusTimeDialog(stretches, scheduled.append, EN, BERLIN)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.data(dialog.model.index(0, 0)) == "Thu 26 Nov, 10:00 – 12:00 (2 h 0 min)"
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    dialog.schedule_button.click()
    assert scheduled == [[stretches[1]]]
    without = FocusTimeDialog(stretches, None, EN, BERLIN)
    qtbot.addWidget(without)
    assert not without.schedule_button.isEnabled()


def test_find_focus_time_from_the_view_lists_the_demo_calendar_gaps(health) -> None:
    dialog = health.find_focus_time()
    assert dialog.model.rowCount() > 0
    dialog.close()


# -- the main window: View > Health, decisions, importing a calendar ----------------------------


@pytest.fixture
def window(qtbot, service, formatter) -> MainWindow:
    made = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                      data_version=lambda: 0, demo=lambda: 0, importer=lambda *a: ImportReport(
                          imported=12))
    qtbot.addWidget(made)
    made.load()
    return made


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen platform
def test_view_health_opens_one_view(qtbot, window) -> None:
    opened: list[HealthView] = []

    def make() -> HealthView:
        view = HealthView(lambda n: [], list, None, EN, BERLIN, window)
        opened.append(view)
        return view

    action = add_health_action(window, make)
    assert action in window.view_menu.actions()
    assert action.shortcut().toString() == "Ctrl+H"
    action.trigger()
    action.trigger()
    assert len(opened) == 1
    qtbot.waitUntil(lambda: "No data yet" in opened[0].reading.text(), timeout=5000)


def test_a_request_marked_as_decision_can_be_made_and_undone(qtbot, window, service, db,
                                                             clock) -> None:
    decisions = DecisionService(SqliteDecisionRepository(db), clock)
    actions = DecisionActions(window, decisions)
    assert actions.mark_action in window.edit_menu.actions()
    request = service.add("Which vendor?")
    window.reload()
    window.view.select_request(request.id)
    opened = actions.mark()
    assert opened is not None
    assert opened.request_id == request.id
    assert actions.mark() == opened  # marking again opens nothing new
    clock.advance(hours=5)
    made = actions.made(outcome="Vendor B")
    assert made is not None
    assert made.decided_at == clock.now()
    window.undo_stack.undo()
    assert decisions.get(opened.id).is_open
    window.undo_stack.undo()
    assert decisions.all() == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert decisions.get(opened.id).outcome == "Vendor B"


def test_decision_made_without_a_marked_request_explains(qtbot, window, db, clock,
                                                         monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    actions = DecisionActions(window, DecisionService(SqliteDecisionRepository(db), clock))
    assert actions.made(outcome="x") is None
    assert "This is a decision" in shown[0]


def test_a_calendar_file_is_imported_from_the_window(qtbot, window, tmp_path) -> None:
    path = tmp_path / "work.ics"
    path.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "utf-8")
    assert kind_for(path) == "ics"
    assert any("calendar" in a.text().replace("&", "") for a in window.importer.actions)
    with qtbot.waitSignal(window.importer.imported, timeout=5000):
        window.importer.drop([path])
    qtbot.waitUntil(lambda: window.importer.report_box is not None, timeout=5000)
    assert window.importer.report_box.text().startswith("12 calendar events imported")


def test_the_reading_names_the_channel_as_the_language_writes_it_in_a_sentence() -> None:
    from desktop.platform.i18n import install_language

    from desktop.ui.health.reading import IN_SENTENCE

    try:
        install_language("de")
        from desktop.core.i18n import _

        assert _(IN_SENTENCE["tracker"]) == "Tracker"  # a German noun keeps its capital
    finally:
        install_language("en")
    from desktop.core.i18n import _

    assert _(IN_SENTENCE["chat"]) == "chat"  # "92 % of chat replies on time"


def test_no_reply_on_time_is_0_percent_in_the_chart_as_in_the_headline(qtbot) -> None:
    from dataclasses import replace

    from desktop.core.health.measures import Compliance, ReplyCompliance

    from desktop.ui.health.reading import reading

    moment = datetime(2026, 11, 25, tzinfo=UTC)
    late = ReplyCompliance(Compliance(2, 0), {"chat": Compliance(2, 0)})
    weeks = [replace(_figures(moment - timedelta(weeks=k)), replies=late) for k in (1, 0)]
    view = HealthView(lambda n: weeks, list, None, EN, BERLIN)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    chart = next(c for c in view.charts if c.measure.key == "replies_on_time")
    assert "0%" in reading(weeks, EN)
    assert chart.comparison.text() == "This week 0% · previous four 0%"
    meetings = next(c for c in view.charts if c.measure.key == "meeting_hours")
    assert meetings.comparison.text() == "Nothing recorded in these weeks."


def test_the_off_hours_chart_shows_replies_outside_the_recipients_hours(
        qtbot, demo_context, clock) -> None:
    from desktop.core.drafting.drafts import Draft, DraftState
    from desktop.store.draft_repository import SqliteDraftRepository
    from desktop.wiring.services import open_people

    open_people(demo_context).edit("kenji@example.jp", zone="Asia/Tokyo",
                                   hours="mon-fri 09:00-17:00")
    now = clock.now()  # Wednesday 10:00 in Berlin, 18:00 in Tokyo
    SqliteDraftRepository(demo_context.db).save(Draft(
        "d1", now, now, recipient="kenji@example.jp", reply_to="r1", state=DraftState.SENT,
        sent_at=now))
    stats = stats_service(demo_context)
    view = HealthView(stats.weeks, stats.free_time, None, EN, BERLIN)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.weeks) == 8, timeout=10_000)
    [chart] = [c for c in view.charts if c.measure.key == "off_hours_replies"]
    assert chart.values[-1] == 100
    assert view.weeks[-1].off_hours.known == 1
