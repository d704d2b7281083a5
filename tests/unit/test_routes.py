# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply goes back the way its request came, through the same outbox states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.drafting.drafts import DraftService, DraftState
from desktop.core.drafting.outbox import Outbox, OutgoingMail, SendFailed
from desktop.core.drafting.routes import CHAT_SOURCES, RoutedTransport
from desktop.core.errors import InvalidInput
from desktop.store.draft_repository import SqliteDraftRepository

SOURCES = {"req-mail": "mail", "req-matrix": "matrix", "req-slack": "slack"}


class Recording:
    def __init__(self, fail: SendFailed | None = None) -> None:
        self.sent: list[OutgoingMail] = []
        self.fail = fail

    def send(self, mail: OutgoingMail) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append(mail)


class Closer:
    def __init__(self) -> None:
        self.closed: list[str] = []

    def __call__(self, request_id: str) -> None:
        self.closed.append(request_id)


def message(reply_to: str) -> OutgoingMail:
    return OutgoingMail("d1", "me@example.org", "them", "Re: x", "body",
                        datetime(2026, 1, 5, 10, tzinfo=UTC), reply_to=reply_to)


@pytest.mark.parametrize(("request_id", "route"), [
    ("req-mail", "mail"), ("req-matrix", "matrix"), ("req-slack", "slack"), ("", "mail"),
    ("req-gone", "mail")])
def test_each_reply_goes_through_the_route_of_its_requests_source(request_id, route):
    transports = {"mail": Recording(), "matrix": Recording(), "slack": Recording()}
    routed = RoutedTransport(transports["mail"],
                             {"matrix": transports["matrix"], "slack": transports["slack"]},
                             SOURCES.get)
    routed.send(message(request_id))
    assert {name: len(t.sent) for name, t in transports.items()} == {
        name: int(name == route) for name in transports}


def test_a_chat_reply_without_its_account_is_refused_permanently_and_never_mailed():
    mail = Recording()
    routed = RoutedTransport(mail, {}, SOURCES.get)
    with pytest.raises(SendFailed) as refused:
        routed.send(message("req-matrix"))
    assert not refused.value.transient
    assert "matrix" in refused.value.reason
    assert mail.sent == []


def test_a_mail_reply_without_an_smtp_account_is_refused_permanently():
    routed = RoutedTransport(None, {"slack": Recording()}, SOURCES.get)
    with pytest.raises(SendFailed) as refused:
        routed.send(message("req-mail"))
    assert not refused.value.transient


def queue_chat_reply(db, clock) -> tuple[Outbox, Closer]:
    repo = SqliteDraftRepository(db)
    closer = Closer()
    outbox = Outbox(repo, clock, close_request=closer,
                    posts_back=lambda request_id: SOURCES.get(request_id) in CHAT_SOURCES)
    draft = DraftService(repo, clock).create(subject="Re: standup", body="Posted back",
                                             recipient="#team", reply_to="req-slack")
    outbox.schedule(draft, clock.now() + timedelta(minutes=5), closes_request=True)
    clock.advance(timedelta(minutes=10))
    return outbox, closer


def test_a_posted_chat_reply_closes_its_request_once_accepted(db, clock):
    outbox, closer = queue_chat_reply(db, clock)
    slack = Recording()
    report = outbox.deliver_due(RoutedTransport(Recording(), {"slack": slack}, SOURCES.get),
                                "me@example.org")
    assert [m.reply_to for m in slack.sent] == ["req-slack"]
    assert closer.closed == ["req-slack"]
    assert [d.state for d in report.sent] == [DraftState.SENT]


def test_a_refused_chat_post_brings_the_request_back_with_the_reason(db, clock):
    outbox, closer = queue_chat_reply(db, clock)
    slack = Recording(SendFailed("not_in_channel", transient=False))
    report = outbox.deliver_due(RoutedTransport(Recording(), {"slack": slack}, SOURCES.get),
                                "me@example.org")
    assert closer.closed == []
    assert [(d.state, d.error) for d in report.failed] == [(DraftState.FAILED, "not_in_channel")]


def test_a_chat_reply_is_queued_without_an_email_address_but_a_mail_reply_is_not(db, clock):
    repo = SqliteDraftRepository(db)
    outbox = Outbox(repo, clock,
                    posts_back=lambda request_id: SOURCES.get(request_id) in CHAT_SOURCES)
    drafts = DraftService(repo, clock)
    chat = drafts.create(body="ok", recipient="#team", reply_to="req-matrix")
    assert outbox.schedule(chat, clock.now()).state is DraftState.SCHEDULED
    mail = drafts.create(body="ok", recipient="#team", reply_to="req-mail")
    with pytest.raises(InvalidInput):
        outbox.schedule(mail, clock.now())
