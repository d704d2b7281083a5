# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.ui.main_window.MainWindow``: what it shows as time passes and others
write: search, the detail pane, the wake-up refresh, the poll for other processes' changes.

The window runs on the in-memory fakes with a FakeClock that starts on Wednesday 25 November
2026 at 10:00 in Berlin (Mon-Fri 09:00-17:00, 1bd targets, 60 minutes at risk).
"""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from desktop.core.queue.buckets import Bucket
from tests.ui.conftest import REGIONS, ZONES
from tests.ui.main_window_fixtures import berlin, select, shown_bucket, shown_subjects

from desktop.ui.main_window import POLL_MS, MainWindow
from desktop.ui.queue.model import Column

# -- search, detail pane, wake-ups -------------------------------------------------------------


def test_search_filters_after_the_debounce(qtbot, loaded, three):
    loaded.search.setText("REVIEW")
    assert sum(loaded.model.count(b) for b in Bucket) == 3  # not yet: the timer runs
    qtbot.waitUntil(lambda: sum(loaded.model.count(b) for b in Bucket) == 1, timeout=2000)
    assert shown_subjects(loaded, Bucket.TOMORROW) == ["plan review"]
    assert loaded.status.text() == "1 in queue · 0 overdue · 0 at risk"
    loaded.search.setText("   ")
    qtbot.waitUntil(lambda: sum(loaded.model.count(b) for b in Bucket) == 3, timeout=2000)


def test_the_window_searches_with_the_search_it_is_given_on_a_worker(
        qtbot, service, formatter, three):
    asked: list[tuple[str, str]] = []

    def search(text: str) -> list[str]:  # the app's reads on a connection of its own
        asked.append((text, threading.current_thread().name))
        return [three["noon"]]

    window = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                        data_version=lambda: 0, demo=lambda: 0, search=search)
    qtbot.addWidget(window)
    window.load()
    window.search.setText("anything")
    qtbot.waitUntil(lambda: sum(window.model.count(b) for b in Bucket) == 1, timeout=2000)
    assert shown_subjects(window, Bucket.TODAY) == ["noon call"]
    assert asked == [("anything", "unhurried-search")]


def test_an_answer_for_text_since_cleared_is_dropped(qtbot, loaded, three):
    # The query runs on a worker: its answer must not filter a box that was cleared meanwhile.
    loaded.search.setText("REVIEW")
    loaded._on_search_timer_timeout()  # what the debounce timer does
    loaded.search.setText("")
    loaded._on_search_timer_timeout()
    assert loaded._searching.wait(5)
    QApplication.processEvents()  # the dropped answer arrives
    assert sum(loaded.model.count(b) for b in Bucket) == 3
    assert not loaded.model.filtered


def test_a_write_landing_while_the_window_reads_is_shown_at_the_next_poll(
        qtbot, monkeypatch, service, formatter, three):
    version = [0]  # the store's change counter, as another process moves it
    window = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                        data_version=lambda: version[0], demo=lambda: 0)
    qtbot.addWidget(window)
    window.load()
    read = service.entries

    def entries_then_a_write():  # another process writes just after the window has read
        found = read()
        if version[0] == 0:
            service.add("written meanwhile")
            version[0] += 1
        return found

    monkeypatch.setattr(service, "entries", entries_then_a_write)
    window.reload()
    assert "written meanwhile" not in shown_subjects(window, Bucket.TOMORROW)
    qtbot.waitUntil(lambda: "written meanwhile" in shown_subjects(window, Bucket.TOMORROW),
                    timeout=3 * POLL_MS)


def test_an_edit_here_does_not_hide_what_another_process_wrote(qtbot, service, formatter,
                                                                three):
    version = [0]  # the store's change counter, as another process moves it
    window = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                        data_version=lambda: version[0], demo=lambda: 0)
    qtbot.addWidget(window)
    window.load()
    service.add("written by the CLI")  # another process writes...
    version[0] += 1
    window.view.select_request(three["late"])  # ...and before the next poll, an edit here
    window.mark_done()
    qtbot.waitUntil(lambda: "written by the CLI" in shown_subjects(window, Bucket.TOMORROW),
                    timeout=3 * POLL_MS)


def test_the_detail_pane_shows_markup_as_text_and_links_as_anchors(loaded, service):
    added = service.add("<b>bold</b>", sender="<i>Eve</i>",
                        body="see https://example.org/x?a=1&b=2 now\n<b>loud</b> "
                             "javascript:alert(1)")
    loaded.reload()
    loaded.view.select_request(added.id)
    text = loaded.detail.toPlainText()
    assert text.startswith("<b>bold</b>\n")
    assert "<i>Eve</i>" in text
    assert "<b>loud</b> javascript:alert(1)" in text
    assert "Reply by\nThursday, 26 November 2026, 10:00 CET (1d left)" in text
    assert "Group\nTomorrow" in text
    page = loaded.detail.toHtml()
    assert '<a href="https://example.org/x?a=1&amp;b=2">' in page
    assert page.count("<a href=") == 1
    assert "&lt;b&gt;loud&lt;/b&gt;" in page
    document = loaded.detail.document()
    cursor = document.find("loud")
    assert not cursor.isNull()
    assert cursor.charFormat().fontWeight() < 600


def test_the_detail_pane_follows_the_current_request(loaded, three):
    assert "Select a request to read it." in loaded.detail.toPlainText()
    loaded.view.select_request(three["late"])
    assert loaded.detail.toPlainText().startswith("late report\n")
    assert "Group\nOverdue" in loaded.detail.toPlainText()
    loaded.done_action.trigger()
    assert "late report" not in loaded.detail.toPlainText()


def test_a_request_closed_elsewhere_leaves_the_detail_pane_on_reload(loaded, service, three):
    # the outbox (or the CLI) closes the request behind the window's back; the window reloads
    loaded.view.select_request(three["late"])
    assert loaded.detail.toPlainText().startswith("late report\n")
    service.done(three["late"])
    loaded.reload()
    assert "late report" not in loaded.detail.toPlainText()


def test_refresh_buckets_after_the_clock_moves_rows(loaded, clock, three):
    clock.set(berlin(25, 11, 30))
    loaded.refresh_buckets()
    assert shown_subjects(loaded, Bucket.AT_RISK) == ["noon call"]
    assert loaded.status.text() == "3 in queue · 1 overdue · 1 at risk"
    clock.set(berlin(25, 12))
    loaded.wake.due.emit()  # what the wake timer does at the planned moment
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report", "noon call"]
    assert loaded.status.text() == "3 in queue · 2 overdue · 0 at risk"


def test_the_wake_timer_plans_the_next_bucket_change(loaded, clock, three):
    assert loaded.wake.planned_for == berlin(25, 11)
    clock.set(berlin(25, 11))  # exactly one business hour left: at risk from the next second
    loaded.wake.replan()
    assert loaded.wake.planned_for == berlin(25, 11) + timedelta(seconds=1)
    clock.set(berlin(25, 11, 30))
    loaded.wake.replan()
    assert loaded.wake.planned_for == berlin(25, 12)  # "noon call" turns overdue
    clock.set(berlin(25, 12))
    loaded.wake.replan()
    # "plan review" (Thu 09:30) has one business hour left at 16:30: 30 m today, 30 m Thursday
    assert loaded.wake.planned_for == berlin(25, 16, 30)


def test_a_long_group_shows_every_row_and_a_request_far_down_can_be_selected(
        window, service, qtbot):
    made = [service.add(f"late-{n:03}", due=berlin(24, 9) + timedelta(minutes=n)).id
            for n in range(600)]
    window.show()
    qtbot.waitExposed(window)
    window.load()
    assert window.model.rowCount() == 601  # the title row and every request, up front
    window.view.select_request(made[-1])
    assert window.view.current_request().id == made[-1]
    assert window.view.rowAt(window.view.viewport().height() // 2) >= 0  # scrolled to it


def test_an_empty_queue_says_how_to_fill_it_and_a_search_says_it_found_nothing(window):
    window.load()
    window.show()
    assert "Ctrl+N" in window.view.empty_hint
    window.view.repaint()  # paints the hint without complaint
    window.model.set_filter([])
    assert window.view.empty_hint == "No request matches the search."
    window.view.repaint()


def test_a_snoozed_request_shows_when_it_comes_back(loaded, service, three):
    service.snooze(three["plan"], berlin(26, 9))
    loaded.reload()
    index = loaded.model.index_of(three["plan"])
    assert index.siblingAtColumn(Column.TIME_LEFT).data() == "back Thu 26 Nov, 09:00"


def test_the_detail_pane_states_time_left_as_the_list_does(loaded, service, clock):
    clock.set(berlin(27, 9, 1))  # Friday; due Monday 09:00 is one working day away
    monday = service.add("weekend gap", due=berlin(30, 9)).id
    loaded.reload()
    loaded.view.select_request(monday)
    text = loaded.detail.toPlainText()
    assert "(7h 59m left)" in text
    assert "days" not in text


def test_the_detail_pane_shows_the_follow_up_and_the_history(loaded, service, clock):
    from desktop.core.importing.items import Incoming

    service.import_batch([Incoming("mail", "<a@x>", "contract", "Ana <ana@example.org>",
                                   clock.now())])
    [waiting] = [r for r in service.active() if r.external_id == "<a@x>"]
    service.wait(waiting.id, berlin(27, 9))
    loaded.reload()
    loaded.view.select_request(waiting.id)
    assert "Follow up\nFriday, 27 November 2026, 09:00 CET" in loaded.detail.toPlainText()
    clock.advance(hours=1)
    service.import_batch([Incoming("mail", "<b@x>", "Re: contract", "Ana <ana@example.org>",
                                   clock.now(), replies_to=("<a@x>",))])
    loaded.reload()
    loaded.view.select_request(waiting.id)
    text = loaded.detail.toPlainText()
    assert "History\nWednesday, 25 November 2026, 11:00 CET: Ana <ana@example.org> answered" in (
        text)


def test_a_snoozed_request_turns_overdue_in_the_status_bar_when_its_reply_by_passes(
        loaded, service, clock, three, snooze_anyway):
    select(loaded, three["noon"])  # reply by 12:00; snoozed past it, until 13:00
    loaded.snooze_selected("later today")
    assert loaded.status.text() == "3 in queue · 1 overdue · 0 at risk"
    assert loaded.wake.planned_for == berlin(25, 12)  # the snoozed request turns overdue
    clock.set(berlin(25, 12, 30))
    loaded.wake.due.emit()
    assert loaded.status.text() == "3 in queue · 2 overdue · 0 at risk"
    assert shown_bucket(loaded, three["noon"]) is Bucket.SNOOZED


def test_the_detail_pane_says_paused_for_a_waiting_request_with_a_deadline(loaded, service):
    waiting = service.wait(service.add("contract", due=berlin(27, 9)).id)
    loaded.reload()
    loaded.view.select_request(waiting.id)
    text = loaded.detail.toPlainText()
    assert "paused while waiting on others" in text
    assert "left)" not in text
