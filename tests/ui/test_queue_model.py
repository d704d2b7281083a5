# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.ui.queue.model.QueueModel``: the flat rows (each bucket's title row,
then its requests), their roles, folding, and moving requests between buckets as the (fake)
clock advances.

The ``service`` fixture runs on in-memory fakes; the clock starts on Wednesday 25 November 2026
at 10:00 in Berlin, with the default Mon-Fri 09:00-17:00 week, 1bd targets and 60 minutes at risk.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QTextDocument

from desktop.core.queue.buckets import TIMED_BUCKETS, Bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority, Request
from tests.fakes import FakeClock, MemoryRequestRepository, MemorySettingsStore, no_holidays

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.queue.model import (
    BUCKET_ROLE,
    GROUPS,
    ITEM_ROLE,
    SORT_ROLE,
    Column,
    QueueModel,
)

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 10:00 in Berlin
DISPLAY = Qt.ItemDataRole.DisplayRole


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def build_model(service: QueueService) -> QueueModel:
    model = QueueModel(service, Formatter(safe_locale("en_GB"), BERLIN), {})
    model.load(service.active(), service.now())
    return model


def subjects(model: QueueModel, bucket: Bucket) -> list[str]:
    return [model.request_index(bucket, row, Column.SUBJECT).data()
            for row in range(model.count(bucket))]


def flat(model: QueueModel) -> list[str]:
    """Every row top to bottom: a title row's text, or a request's subject."""
    return [model.index(row, Column.SUBJECT).data() or model.index(row, 0).data()
            for row in range(model.rowCount())]


def bucket_shown(model: QueueModel, request_id: str) -> Bucket | None:
    index = model.index_of(request_id)
    return index.data(BUCKET_ROLE) if index.isValid() else None


def at(model: QueueModel, request_id: str, column: Column, role: int = DISPLAY) -> object:
    return model.index_of(request_id).siblingAtColumn(column).data(role)


# What the filled queue holds: subjects per bucket, in the order the rows are shown.
EXPECTED = {
    Bucket.OVERDUE: ["o-mon", "o-tue", "o-wed"],
    Bucket.AT_RISK: ["a-1015", "a-1059"],
    Bucket.TODAY: ["t-1100", "t-2359"],
    Bucket.TOMORROW: ["m-0000", "m-1700"],
    Bucket.THIS_WEEK: ["w-fri", "w-sun"],
    Bucket.LATER: ["l-mon", "l-dec"],
    Bucket.SNOOZED: ["s-1400", "s-thu"],
    Bucket.WAITING: ["p-0930", "p-0945"],
    Bucket.FOLLOW_UP: ["f-0900"],
}


@pytest.fixture
def ids(service: QueueService, clock: FakeClock) -> dict[str, str]:
    """Two or three requests in every bucket; returns their ids by subject."""
    dues = {
        "o-tue": berlin(24, 15), "o-mon": berlin(23, 12), "o-wed": berlin(25, 9, 59),
        "a-1059": berlin(25, 10, 59), "a-1015": berlin(25, 10, 15),
        "t-2359": berlin(25, 23, 59), "t-1100": berlin(25, 11),  # exactly 1 business hour left
        "m-1700": berlin(26, 17), "m-0000": berlin(26, 0),
        "w-sun": berlin(29, 23, 59), "w-fri": berlin(27, 9),
        "l-dec": berlin(15, 12, month=12), "l-mon": berlin(30, 0),
    }
    made = {subject: service.add(subject, due=due).id for subject, due in dues.items()}
    for subject, until in (("s-thu", berlin(26, 9)), ("s-1400", berlin(25, 14))):
        made[subject] = service.snooze(service.add(subject).id, until).id
    for subject, received in (("p-0945", berlin(25, 9, 45)), ("p-0930", berlin(25, 9, 30))):
        made[subject] = service.wait(service.add(subject, received_at=received).id).id
    now = clock.now()  # waited from 07:00 with a follow-up at 09:00 and no answer since
    clock.set(now - timedelta(hours=3))
    made["f-0900"] = service.wait(service.add("f-0900").id, now - timedelta(hours=1)).id
    clock.set(now)
    return made


@pytest.fixture
def model(service: QueueService, ids: dict[str, str]) -> QueueModel:
    return build_model(service)


@pytest.fixture(autouse=True)
def _app(qapp):
    """QFont and QColor need a QGuiApplication, even for tests that use no widget."""
    return qapp


# -- structure ------------------------------------------------------------------------------


def test_the_qt_model_tester_accepts_the_filled_model(qtmodeltester, model, service, clock, ids):
    qtmodeltester.check(model)
    # The tester stays attached: regrouping, inserting and removing are checked as they happen.
    clock.advance(hours=2)
    assert model.refresh(service.now())
    model.upsert(service.done(ids["t-2359"]))
    model.upsert(service.add("new"))
    model.remove(ids["m-0000"])
    model.set_filter([ids["w-fri"], ids["s-thu"]])


def test_the_python_model_tester_accepts_the_filled_model(qtmodeltester, model, service, clock):
    qtmodeltester.check(model, force_py=True)
    clock.advance(hours=5)
    assert model.refresh(service.now())


def test_every_bucket_holds_its_requests_in_reply_by_order(model):
    assert [model.group_index(bucket).data(BUCKET_ROLE) for bucket in Bucket] == list(GROUPS)
    assert {bucket: subjects(model, bucket) for bucket in Bucket} == EXPECTED
    assert flat(model) == [row for bucket, names in EXPECTED.items()
                           for row in [model.group_index(bucket).data(), *names]]
    for row in range(model.rowCount()):  # every cell of a row is in the same bucket
        assert len({model.index(row, c).data(BUCKET_ROLE) for c in Column}) == 1
    assert {bucket: model.count(bucket) for bucket in Bucket} == {
        bucket: len(names) for bucket, names in EXPECTED.items()}


def test_group_rows_show_label_and_count(model):
    texts = [model.group_index(bucket).data() for bucket in Bucket]
    assert texts == ["Overdue (3)", "At risk (2)", "Today (2)", "Tomorrow (2)", "This week (2)",
                     "Later (2)", "Snoozed (2)", "Waiting on others (2)", "Follow up (1)"]
    header = model.group_index(Bucket.OVERDUE)
    assert header.data(Qt.ItemDataRole.FontRole).bold()
    assert header.data(Qt.ItemDataRole.AccessibleTextRole) == "Overdue"
    assert header.siblingAtColumn(Column.SUBJECT).data() is None
    assert not header.parent().isValid()
    assert model.rowCount(header) == 0  # flat: a title row has no children
    assert not model.index(0, 0, header).isValid()
    assert model.bucket_at(header.row()) == (Bucket.OVERDUE, -1)


def test_headers_name_the_columns(model):
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert names == ["Time left", "Reply by", "From", "Subject", "Channel", "Priority"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_roles_of_a_request_row(service, clock):
    added = service.add("Budget <b>question</b>\n second line", sender="Ann\u202eX",
                        channel=Channel.EMAIL, priority=Priority.HIGH, due=berlin(25, 9, 59))
    model = build_model(service)
    row = model.index_of(added.id)
    assert model.bucket_at(row.row()) == (Bucket.OVERDUE, 0)
    shown = [at(model, added.id, c) for c in Column]
    assert shown == ["overdue 1m", "Wed 25 Nov, 09:59", "Ann\ufffdX",
                     "Budget <b>question</b> second line", "Email", "High"]
    assert at(model, added.id, Column.SUBJECT, ITEM_ROLE) == service.get(added.id)
    assert {at(model, added.id, c, BUCKET_ROLE) for c in Column} == {Bucket.OVERDUE}
    sorts = [at(model, added.id, c, SORT_ROLE) for c in Column]
    assert sorts == [berlin(25, 9, 59).timestamp()] * 2 + [
        "ann\u202ex", "budget <b>question</b>\n second line", "email", 2]
    assert at(model, added.id, Column.TIME_LEFT, Qt.ItemDataRole.ForegroundRole) == QColor(
        "#b3261e")
    tip = QTextDocument()  # Qt reads a tooltip as rich text when it looks like markup
    tip.setHtml(at(model, added.id, Column.SUBJECT, Qt.ItemDataRole.ToolTipRole))
    assert tip.toPlainText() == shown[3]  # the markup is shown, not applied
    assert model.flags(row) & Qt.ItemFlag.ItemIsSelectable
    assert model.rowCount(row) == 0


def test_time_left_for_timed_and_paused_requests(model, ids):
    assert at(model, ids["a-1015"], Column.TIME_LEFT) == "15m left"
    assert at(model, ids["t-1100"], Column.TIME_LEFT) == "1h left"
    assert at(model, ids["w-fri"], Column.TIME_LEFT) == "1d 7h left"  # 7 h + 8 h + 0 h
    assert at(model, ids["o-mon"], Column.TIME_LEFT) == "overdue 1d"
    assert at(model, ids["p-0930"], Column.TIME_LEFT) == "paused, 7h 30m left"
    assert at(model, ids["p-0930"], Column.REPLY_BY) == "—"
    assert at(model, ids["a-1015"], Column.TIME_LEFT,
              Qt.ItemDataRole.ForegroundRole) == QColor("#9a5b00")
    assert at(model, ids["t-1100"], Column.TIME_LEFT, Qt.ItemDataRole.ForegroundRole) is None


def test_reply_bys_and_snooze_ends_are_what_the_next_change_needs(model, service, ids):
    """Only reply-bys ahead and up to the first one not at risk are handed out (not 100,000),
    and the next bucket change computed from them is the one computed from all."""
    from desktop.core.queue.buckets import next_change

    edges = service.edges()
    assert model.reply_bys(edges) == [berlin(25, 10, 15), berlin(25, 10, 59), berlin(25, 11)]
    assert model.snooze_ends() == [berlin(25, 14), berlin(26, 9)]
    everything = [service.get(ids[s]).reply_by for b in TIMED_BUCKETS for s in EXPECTED[b]]
    settings = service.settings
    for moment in (service.now(), berlin(25, 10, 30), berlin(25, 16, 59)):
        edges = service.edges(moment)
        assert next_change(moment, service.calendar, settings.at_risk, model.reply_bys(edges),
                           model.snooze_ends()) == next_change(
            moment, service.calendar, settings.at_risk, everything, model.snooze_ends())


# -- moving with the clock ---------------------------------------------------------------------


def test_a_request_due_at_noon_moves_today_at_risk_overdue(qtbot, service, clock):
    noon = service.add("noon", due=berlin(25, 12))
    model = build_model(service)
    steps = [  # (Berlin time, bucket, whether a cut moves)
        ((10, 30), Bucket.TODAY, False),
        ((11, 0), Bucket.TODAY, False),  # exactly one business hour left is not at risk
        ((11, 30), Bucket.AT_RISK, True),
        ((11, 59), Bucket.AT_RISK, False),
        ((12, 0), Bucket.OVERDUE, True),  # due this very minute: overdue
        ((16, 0), Bucket.OVERDUE, False),
    ]
    assert bucket_shown(model, noon.id) is Bucket.TODAY
    for (hour, minute), expected, moves in steps:
        clock.set(berlin(25, hour, minute))
        if moves:
            with qtbot.waitSignal(model.layoutChanged, timeout=100):
                assert model.refresh(service.now()) is True
        else:
            with qtbot.assertNotEmitted(model.layoutChanged):
                assert model.refresh(service.now()) is False
        assert bucket_shown(model, noon.id) is expected, (hour, minute)
        assert model.now == clock.now()


def test_refresh_always_updates_the_time_left_column(qtbot, service, clock):
    noon = service.add("noon", due=berlin(25, 12))
    model = build_model(service)
    assert at(model, noon.id, Column.TIME_LEFT) == "2h left"
    clock.advance(minutes=20)
    with qtbot.waitSignal(model.dataChanged, timeout=100) as changed:
        model.refresh(service.now())
    first, last = changed.args[0], changed.args[1]
    assert (first.column(), last.column()) == (Column.TIME_LEFT, Column.TIME_LEFT)
    assert at(model, noon.id, Column.TIME_LEFT) == "1h 40m left"


def test_the_whole_filled_queue_regroups_at_midnight(qtbot, model, service, clock, ids):
    clock.set(berlin(26, 0))  # Thursday: Wednesday's "today" and at-risk are overdue now
    with qtbot.waitSignal(model.layoutChanged, timeout=100):
        assert model.refresh(service.now())
    assert subjects(model, Bucket.OVERDUE) == [
        "o-mon", "o-tue", "o-wed", "a-1015", "a-1059", "t-1100", "t-2359", "m-0000"]
    assert subjects(model, Bucket.AT_RISK) == []  # no working time before 09:00
    assert subjects(model, Bucket.TODAY) == ["s-1400", "m-1700"]  # s-1400's snooze ran out
    assert subjects(model, Bucket.TOMORROW) == ["w-fri"]
    assert subjects(model, Bucket.THIS_WEEK) == ["w-sun"]
    assert subjects(model, Bucket.SNOOZED) == ["s-thu"]
    for request in service.active():
        assert bucket_shown(model, request.id) is service.edges(clock.now()).bucket_of(request)


def test_persistent_indexes_follow_their_request_across_a_regroup(qtbot, service, clock):
    service.add("early", due=berlin(25, 11, 45))
    noon = service.add("noon", due=berlin(25, 12))
    late = service.add("late", due=berlin(25, 16))
    service.add("risky", due=berlin(25, 10, 30))
    model = build_model(service)
    assert subjects(model, Bucket.TODAY) == ["early", "noon", "late"]
    selection = QItemSelectionModel(model)
    selection.select(model.index_of(noon.id), QItemSelectionModel.SelectionFlag.Rows
                     | QItemSelectionModel.SelectionFlag.ClearAndSelect)
    on_noon = QPersistentModelIndex(model.index_of(noon.id).siblingAtColumn(Column.SUBJECT))
    on_late = QPersistentModelIndex(model.index_of(late.id))
    on_header = QPersistentModelIndex(model.group_index(Bucket.TODAY))

    clock.set(berlin(25, 11, 30))
    with qtbot.waitSignal(model.layoutChanged, timeout=100):
        model.refresh(service.now())

    assert subjects(model, Bucket.AT_RISK) == ["early", "noon"]
    assert subjects(model, Bucket.OVERDUE) == ["risky"]
    assert on_noon.data(ITEM_ROLE).id == noon.id
    assert on_noon.column() == Column.SUBJECT
    assert model.bucket_at(on_noon.row()) == (Bucket.AT_RISK, 1)
    assert on_late.data(ITEM_ROLE).id == late.id
    assert model.bucket_at(on_late.row()) == (Bucket.TODAY, 0)
    assert on_header.data() == "Today (1)"
    assert [i.data(ITEM_ROLE).id for i in selection.selectedRows()] == [noon.id]


def test_an_expiring_snooze_moves_the_request_into_the_timed_buckets(qtbot, service, clock):
    late = service.snooze(service.add("late", due=berlin(25, 12)).id, berlin(25, 14))
    ahead = service.snooze(service.add("ahead").id, berlin(25, 14, 30))  # reply by Thu 10:00
    model = build_model(service)
    on_late = QPersistentModelIndex(model.index_of(late.id))
    assert subjects(model, Bucket.SNOOZED) == ["late", "ahead"]
    assert model.reply_bys(service.edges()) == []

    clock.set(berlin(25, 13, 59))
    with qtbot.assertNotEmitted(model.layoutChanged):
        assert not model.refresh(service.now())
    clock.set(berlin(25, 14))  # the snooze ends now: the reply-by has passed meanwhile
    with qtbot.waitSignal(model.layoutChanged, timeout=100):
        assert model.refresh(service.now())
    assert subjects(model, Bucket.OVERDUE) == ["late"]
    assert subjects(model, Bucket.SNOOZED) == ["ahead"]
    assert on_late.data(ITEM_ROLE).id == late.id
    assert model.bucket_at(on_late.row()) == (Bucket.OVERDUE, 0)
    assert model.snooze_ends() == [berlin(25, 14, 30)]

    clock.set(berlin(25, 15))
    model.refresh(service.now())
    assert subjects(model, Bucket.TOMORROW) == ["ahead"]
    assert model.count(Bucket.SNOOZED) == 0
    assert bucket_shown(model, ahead.id) is service.bucket_of(service.get(ahead.id))


# -- changes from the window ---------------------------------------------------------------------


def test_upsert_inserts_a_new_request_at_its_row_in_its_group(qtbot, model, service):
    added = service.add("m-1200", due=berlin(26, 12))
    with qtbot.waitSignal(model.rowsInserted, timeout=100) as inserted:
        model.upsert(added)
    parent, first, last = inserted.args
    assert not parent.isValid()
    assert first == last == model.group_index(Bucket.TOMORROW).row() + 2
    assert model.bucket_at(first) == (Bucket.TOMORROW, 1)
    assert subjects(model, Bucket.TOMORROW) == ["m-0000", "m-1200", "m-1700"]
    assert model.group_index(Bucket.TOMORROW).data() == "Tomorrow (3)"


def test_upsert_moves_a_changed_request_to_its_new_group(qtbot, model, service, ids):
    removed, inserted = [], []
    # (bucket, first and last row within it) of the rows going and coming
    model.rowsAboutToBeRemoved.connect(lambda _p, a, b: removed.append(
        (*model.bucket_at(a), model.bucket_at(b)[1])))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append(
        (*model.bucket_at(a), model.bucket_at(b)[1])))
    with qtbot.assertNotEmitted(model.modelReset):
        model.upsert(service.wait(ids["t-2359"]))
    assert removed == [(Bucket.TODAY, 1, 1)]
    assert inserted == [(Bucket.WAITING, 2, 2)]  # received now: after both older waits
    assert subjects(model, Bucket.WAITING) == ["p-0930", "p-0945", "t-2359"]

    model.upsert(service.resume(ids["p-0930"]))  # 7.5 business hours left from now
    assert removed[-1] == (Bucket.WAITING, 0, 0)
    assert inserted[-1] == (Bucket.TOMORROW, 1, 1)
    assert subjects(model, Bucket.TOMORROW) == ["m-0000", "p-0930", "m-1700"]

    model.upsert(service.snooze(ids["a-1015"], berlin(25, 15)))
    assert removed[-1] == (Bucket.AT_RISK, 0, 0)
    assert inserted[-1] == (Bucket.SNOOZED, 1, 1)
    assert subjects(model, Bucket.SNOOZED) == ["s-1400", "a-1015", "s-thu"]


def test_upsert_of_a_done_or_deleted_request_only_removes_it(qtbot, model, service, ids):
    with qtbot.assertNotEmitted(model.rowsInserted), qtbot.waitSignal(
            model.rowsAboutToBeRemoved, timeout=100) as removed:
        model.upsert(service.done(ids["o-tue"]))
    assert removed.args[1] == removed.args[2] == model.group_index(Bucket.OVERDUE).row() + 2
    assert model.group_index(Bucket.OVERDUE).data() == "Overdue (2)"
    model.upsert(service.delete(ids["s-thu"]))
    assert subjects(model, Bucket.SNOOZED) == ["s-1400"]
    assert not model.index_of(ids["o-tue"]).isValid()


def test_remove_drops_the_row_and_updates_the_header(qtbot, model, ids):
    header = model.group_index(Bucket.LATER)
    with qtbot.waitSignals([model.rowsRemoved, model.dataChanged], timeout=100):
        model.remove(ids["l-mon"])
    assert subjects(model, Bucket.LATER) == ["l-dec"]
    assert header.data() == "Later (1)"
    with qtbot.assertNotEmitted(model.rowsRemoved):
        model.remove(ids["l-mon"])  # already gone
        model.remove("0" * 32)


def test_set_filter_shows_only_the_given_requests(qtbot, model, service, ids):
    keep = [ids["o-mon"], ids["m-1700"], ids["s-thu"], ids["p-0945"]]
    with qtbot.waitSignal(model.modelReset, timeout=100):
        model.set_filter(keep)
    shown = {b: subjects(model, b) for b in Bucket if model.count(b)}
    assert shown == {Bucket.OVERDUE: ["o-mon"], Bucket.TOMORROW: ["m-1700"],
                     Bucket.SNOOZED: ["s-thu"], Bucket.WAITING: ["p-0945"]}
    assert model.group_index(Bucket.OVERDUE).data() == "Overdue (1)"
    model.upsert(service.add("not matched"))  # outside the filter: stays hidden
    assert model.count(Bucket.TOMORROW) == 1
    model.set_filter([])
    assert sum(model.count(b) for b in Bucket) == 0
    model.set_filter(None)
    assert model.count(Bucket.TOMORROW) == 3
    assert sum(model.count(b) for b in Bucket) == sum(map(len, EXPECTED.values())) + 1


def test_index_of_an_unknown_request_is_invalid(model):
    assert model.index_of("nope") == QModelIndex()
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, Column.SUBJECT)) == 0


# -- the model agrees with the core at every moment ------------------------------------------------

OFFSETS = st.lists(st.integers(min_value=-3 * 24 * 60, max_value=12 * 24 * 60), min_size=1,
                   max_size=12)
SNOOZES = st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=3 * 24 * 60)),
                   min_size=12, max_size=12)
ADVANCES = st.lists(st.integers(min_value=0, max_value=2 * 24 * 60), min_size=1, max_size=8)


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offsets=OFFSETS, snoozes=SNOOZES, advances=ADVANCES)
def test_refreshed_buckets_match_the_core(qapp, offsets, snoozes, advances):
    clock = FakeClock(START)
    service = QueueService(MemoryRequestRepository(), MemorySettingsStore(
        {"timezone": "Europe/Berlin"}), clock, no_holidays, "Europe/Berlin")
    requests: list[Request] = []
    for number, (minutes, snooze) in enumerate(zip(offsets, snoozes, strict=False)):
        added = service.add(f"r{number}", due=START + timedelta(minutes=minutes))
        if snooze is not None:
            added = service.snooze(added.id, START + timedelta(minutes=snooze))
        requests.append(added)
    model = build_model(service)
    for minutes in advances:
        now = clock.advance(minutes=minutes)
        model.refresh(now)
        edges = service.edges(now)
        for request in requests:
            assert bucket_shown(model, request.id) is edges.bucket_of(request), (
                request.reply_by, request.snoozed_until, now)
        assert sum(model.count(b) for b in Bucket) == len(requests)


# -- long groups, title rows, folding ------------------------------------------------------------


@pytest.fixture
def long_model(service: QueueService) -> QueueModel:
    """More overdue requests than one page of reading holds."""
    from desktop.ui.queue.model import PAGE

    assert PAGE < 250
    for n in range(250):
        service.add(f"late-{n:03}", due=berlin(24, 9) + timedelta(minutes=n))
    return build_model(service)


def test_a_long_group_has_every_row_from_the_start(long_model, qtmodeltester):
    """No paging: the row count is known up front, so a view never lays out again as it
    scrolls (each page fetched made the tree lay out every row again)."""
    assert long_model.rowCount() == 1 + 250  # the title row and every request
    assert not long_model.canFetchMore(QModelIndex())
    assert subjects(long_model, Bucket.OVERDUE)[-1] == "late-249"
    qtmodeltester.check(long_model)


def test_a_row_far_down_is_found_by_id(long_model, service):
    last = next(r for r in service.active() if r.subject == "late-249")
    index = long_model.index_of(last.id)
    assert index.row() == long_model.rowCount() - 1
    assert index.siblingAtColumn(Column.SUBJECT).data() == "late-249"


def test_rows_are_read_a_page_at_a_time_and_only_a_few_pages_are_kept(clock):
    from desktop.ui.queue.model import CACHE_PAGES, PAGE

    class CountingRepository(MemoryRequestRepository):
        def __init__(self) -> None:
            super().__init__()
            self.reads: list[int] = []

        def get_many(self, request_ids):
            request_ids = list(request_ids)
            self.reads.append(len(request_ids))
            return super().get_many(request_ids)

    repository = CountingRepository()
    service = QueueService(repository, MemorySettingsStore({"timezone": "Europe/Berlin"}),
                           clock, no_holidays, "Europe/Berlin")
    total = PAGE * (CACHE_PAGES + 2)
    for n in range(total):
        service.add(f"r-{n:05}", due=berlin(24, 9) + timedelta(seconds=n))
    model = QueueModel(service, Formatter(safe_locale("en_GB"), BERLIN), {})
    model.load_entries(service.entries(), service.now())
    assert subjects(model, Bucket.OVERDUE) == [f"r-{n:05}" for n in range(total)]
    assert repository.reads == [PAGE] * (CACHE_PAGES + 2)  # each row read once, by the page
    assert len(model._cache) <= CACHE_PAGES * PAGE


def test_a_bucket_gets_its_title_row_with_its_first_request_and_loses_it_with_its_last(
        qtbot, qtmodeltester, model, service, ids):
    qtmodeltester.check(model)
    for name in ("f-0900",):
        with qtbot.waitSignal(model.rowsRemoved, timeout=100) as removed:
            model.upsert(service.done(ids[name]))
    assert removed.args[2] - removed.args[1] == 1  # the title row and the request
    assert not model.group_index(Bucket.FOLLOW_UP).isValid()
    assert flat(model)[-1] == "p-0945"
    with qtbot.waitSignal(model.rowsInserted, timeout=100) as inserted:
        model.upsert(service.add("a-1030", due=berlin(25, 10, 30)))
    assert subjects(model, Bucket.AT_RISK) == ["a-1015", "a-1030", "a-1059"]
    assert inserted.args[1] == inserted.args[2]  # a bucket already shown: only the request


def test_folding_a_bucket_hides_its_requests_until_opened(qtbot, qtmodeltester, model, ids):
    qtmodeltester.check(model)
    rows = model.rowCount()
    with qtbot.waitSignal(model.rowsRemoved, timeout=100):
        model.set_folded(Bucket.TODAY, True)
    assert model.rowCount() == rows - 2
    assert model.folded(Bucket.TODAY)
    assert model.count(Bucket.TODAY) == 2  # still counted, and still titled with the count
    assert model.group_index(Bucket.TODAY).data() == "Today (2)"
    assert not model.index_of(ids["t-1100"]).isValid()
    assert subjects(model, Bucket.TOMORROW) == EXPECTED[Bucket.TOMORROW]
    model.upsert(model._queue.get(ids["t-1100"]))  # a change inside a folded bucket
    assert model.rowCount() == rows - 2
    model.load(model._queue.active(), model.now)  # a reload keeps it folded
    assert model.folded(Bucket.TODAY)
    assert model.rowCount() == rows - 2
    index = model.reveal(ids["t-2359"])  # selecting a request in it opens it
    assert not model.folded(Bucket.TODAY)
    assert index.siblingAtColumn(Column.SUBJECT).data() == "t-2359"
    assert model.rowCount() == rows


def test_a_request_to_follow_up_shows_its_clock_paused_even_with_a_deadline(
        service, clock, qapp):
    now = clock.now()
    clock.set(now - timedelta(hours=3))
    request = service.add("contract", due=now + timedelta(days=3))
    service.wait(request.id, now - timedelta(hours=1))
    clock.set(now)
    model = build_model(service)
    assert at(model, request.id, Column.TIME_LEFT).startswith("paused, ")


# -- replies queued in the outbox -------------------------------------------------------------


def test_a_request_with_a_queued_reply_shows_reply_scheduled_and_its_send_time(
        qtbot, qtmodeltester, model, service, ids):
    calls: list[int] = []
    scheduled = {ids["a-1015"]: berlin(26, 10)}

    def source() -> dict[str, datetime]:
        calls.append(1)
        return dict(scheduled)

    with qtbot.waitSignal(model.dataChanged):
        model.set_scheduled_replies(source)
    assert at(model, ids["a-1015"], Column.TIME_LEFT) == "sending Thu 26 Nov, 10:00"
    assert at(model, ids["a-1015"], Column.TIME_LEFT,
              Qt.ItemDataRole.AccessibleTextRole).startswith("Reply scheduled")
    assert at(model, ids["t-1100"], Column.TIME_LEFT) == "1h left"  # the others as before
    assert any(t.startswith("sending ") for t in model.widest_texts(Column.TIME_LEFT))
    qtmodeltester.check(model)
    before = len(calls)
    for _ in range(3):  # reading rows never asks the outbox again
        at(model, ids["a-1015"], Column.TIME_LEFT)
    assert len(calls) == before
    scheduled.clear()  # delivered: the next load shows the clock again
    model.load(service.active(), service.now())
    assert at(model, ids["a-1015"], Column.TIME_LEFT) == "15m left"
    assert len(calls) == before + 1
