# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""File > Outbox…: lists what is queued with the reason a send failed; Cancel takes a message
back (its request stays open), Reschedule moves it, Edit takes it back and opens it."""

from __future__ import annotations

from datetime import timedelta

from desktop.core.drafting.drafts import DraftState
from desktop.core.drafting.outbox import OutgoingMail, SendFailed

from desktop.ui.drafting.outbox_dialog import OutboxColumn, OutboxDialog


class Refusing:
    def send(self, mail: OutgoingMail) -> None:
        raise SendFailed("550 no such user", transient=False)


def queued(env, clock, subject: str = "Re: Plan"):
    draft = env.drafts.create(subject=subject, body="x", recipient="ann@example.org",
                              reply_to="req-1", recipient_zone="America/New_York")
    return env.outbox.schedule(draft, clock.now() + timedelta(hours=2), closes_request=True)


def test_the_outbox_lists_cancels_reschedules_and_edits(qtbot, qtmodeltester, draft_env, clock):
    first = queued(draft_env, clock)
    second = queued(draft_env, clock, "Re: Budget")
    opened, changes = [], []
    dialog = OutboxDialog(draft_env.outbox, draft_env.formatter, opened.append,
                          lambda: changes.append(True))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert {d.id for d in dialog.model.items} == {first.id, second.id}
    dialog.view.selectRow(next(i for i, d in enumerate(dialog.model.items)
                                if d.id == first.id))
    later = clock.now() + timedelta(days=1)
    dialog.reschedule_current(later)
    assert draft_env.drafts.get(first.id).send_at == later
    assert draft_env.drafts.get(first.id).closes_request is True
    dialog.view.selectRow(next(i for i, d in enumerate(dialog.model.items)
                                if d.id == first.id))
    dialog.cancel_current()
    assert draft_env.drafts.get(first.id).state is DraftState.DRAFT
    assert [d.id for d in dialog.model.items] == [second.id]
    dialog.view.selectRow(0)
    dialog.edit_current()
    assert [d.id for d in opened] == [second.id]
    assert draft_env.drafts.get(second.id).state is DraftState.DRAFT
    assert len(changes) == 3


def test_a_refused_message_shows_the_servers_reason(qtbot, draft_env, clock):
    queued(draft_env, clock)
    clock.advance(hours=2)
    draft_env.outbox.deliver_due(Refusing(), "me@example.org")
    dialog = OutboxDialog(draft_env.outbox, draft_env.formatter, lambda _d: None)
    qtbot.addWidget(dialog)
    assert dialog.model.index(0, OutboxColumn.REASON).data() == "550 no such user"
    assert dialog.model.index(0, OutboxColumn.STATE).data() == "Failed"
