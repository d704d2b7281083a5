# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Actions picked on a desktop notification, in the window: "Open"/"Open all" (and a click)
show those requests, "Snooze 1 h" hides them, "Reply" opens the reply to the one request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtGui import QIcon, QKeySequence

from desktop.core.focus import notices
from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.ports import Notification
from desktop.core.queue.buckets import Bucket
from tests.fakes import MemoryFocusRepository, RecordingNotifier

from desktop.ui.focus.controller import FocusController


@pytest.fixture
def picked() -> dict[str, list]:
    return {"snooze": [], "reply": []}


@pytest.fixture
def focus(window, repository, clock, formatter, picked) -> FocusController:
    desktop = RecordingNotifier()
    service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                           lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, service, formatter, desktop, QIcon(), lambda: True,
                                 snooze=picked["snooze"].append, reply=picked["reply"].append)
    window.load()
    return controller


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("key", [notices.OPEN, notices.DEFAULT])
def test_open_all_on_the_digest_shows_its_requests(focus, window, service, key) -> None:
    ids = (service.add("Q3 budget", sender="Ana").id, service.add("Offsite", sender="Ben").id)
    service.add("Not in the digest", sender="Cy")
    window.reload()
    window.hide()
    focus.on_notification_action(key, Notification("2 held", "…", ids, "digest"))
    assert window.isVisible()
    assert sum(window.model.count(b) for b in Bucket) == 2
    assert all(window.model.index_of(i).isValid() for i in ids)
    assert focus.notice.text.text() == "Showing the 2 requests from the focus digest."


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_snooze_and_reply_reach_their_handlers(focus, window, service, picked) -> None:
    one = service.add("Q3 budget", sender="Ana").id
    window.reload()
    focus.on_notification_action(notices.SNOOZE, Notification("Ana: Q3", "", (one,)))
    focus.on_notification_action(notices.REPLY, Notification("Ana: Q3", "", (one,)))
    focus.on_notification_action(notices.REPLY, Notification("2", "", (one, "x")))  # not one
    assert picked == {"snooze": [(one,)], "reply": [one]}
    assert window.statusBar().currentMessage() == "Snoozed for an hour."


def test_the_actions_offered_fit_the_notification() -> None:
    single = Notification("Ana: Q3", "", ("a",), "breakthrough")
    several = Notification("3 through", "", ("a", "b"), "release")
    digest = Notification("2 held", "", ("a", "b"), "digest")
    assert notices.actions_for(single)[1::2] == ["Open", "Open", "Snooze 1 h", "Reply"]
    assert notices.actions_for(several)[::2] == ["default", "open", "snooze"]
    assert notices.actions_for(digest) == ["default", "Open all", "open", "Open all"]
    assert notices.actions_for(Notification("x", "")) == []
    assert timedelta(hours=1) == notices.SNOOZE_FOR


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_snooze_from_a_notification_is_one_step_edit_undo_reverts(
        window, repository, clock, formatter, service) -> None:
    desktop = RecordingNotifier()
    focus = FocusController(
        window, FocusService(MemoryFocusRepository(), repository, clock, desktop,
                             lambda: FocusSettings(zone="Europe/Berlin")),
        formatter, desktop, QIcon(), lambda: True,
        snooze=lambda ids: window.snooze_by_ids(ids, clock.now() + notices.SNOOZE_FOR))
    ana, ben = service.add("Q3 budget", sender="Ana").id, service.add("Offsite", sender="Ben").id
    window.load()
    focus.on_notification_action(notices.SNOOZE, Notification("2 held", "", (ana, ben, "gone")))
    assert {service.get(i).snoozed_until for i in (ana, ben)} == {clock.now() + timedelta(hours=1)}
    assert window.model.count(Bucket.SNOOZED) == 2
    undo = next(a for a in window.edit_menu.actions()
                if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo))
    assert undo.isEnabled()
    assert undo.text() == "&Undo Snooze"
    undo.trigger()
    assert {service.get(i).snoozed_until for i in (ana, ben)} == {None}
    assert window.model.count(Bucket.SNOOZED) == 0
    assert window.undo_stack.canRedo()
    window.undo_stack.redo()
    assert window.model.count(Bucket.SNOOZED) == 2
