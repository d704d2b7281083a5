# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafts in the store: autosave, versions (the newest 50 kept), tombstones, nothing lost when
the store is opened again, and the SMTP account without its password."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.drafting.drafts import DraftNotFound, DraftService, DraftState
from desktop.core.drafting.outbox import Outbox, Security, SmtpAccount
from desktop.core.errors import InvalidInput
from desktop.store.db import open_database
from desktop.store.draft_repository import SqliteDraftRepository, SqliteSmtpAccountStore


@pytest.fixture
def drafts(db, clock) -> DraftService:
    return DraftService(SqliteDraftRepository(db), clock)


def test_a_new_draft_keeps_its_fields(drafts: DraftService):
    made = drafts.create(subject="Q4 budget", body="Please approve", recipient="ann@example.org",
                         recipient_zone="America/New_York", template_id="reply", reply_to="r1")
    assert drafts.get(made.id) == made
    assert made.state is DraftState.DRAFT
    assert [(v.number, v.body) for v in drafts.history(made.id)] == [(1, "Please approve")]


def test_autosave_adds_a_version_only_when_the_text_changed(drafts: DraftService, clock):
    draft = drafts.create()
    assert drafts.history(draft.id) == []
    clock.advance(seconds=5)
    drafts.autosave(draft.id, subject="Hi", body="one", recipient="", recipient_zone="")
    clock.advance(seconds=5)
    same = drafts.autosave(draft.id, subject="Hi", body="one", recipient="", recipient_zone="")
    drafts.autosave(draft.id, subject="Hi", body="one", recipient="bob@example.org",
                    recipient_zone="")
    clock.advance(seconds=5)
    drafts.autosave(draft.id, subject="Hi", body="two", recipient="bob@example.org",
                    recipient_zone="")
    assert same.modified_at == draft.created_at + timedelta(seconds=5)
    assert [(v.number, v.body) for v in drafts.history(draft.id)] == [(2, "two"), (1, "one")]
    assert drafts.get(draft.id).recipient == "bob@example.org"


def test_only_the_newest_fifty_versions_are_kept(drafts: DraftService, clock):
    draft = drafts.create(body="v0")
    for n in range(1, 60):
        clock.advance(seconds=1)
        drafts.autosave(draft.id, subject="", body=f"v{n}", recipient="", recipient_zone="")
    history = drafts.history(draft.id)
    assert len(history) == 50
    assert history[0].body == "v59"
    assert history[-1].body == "v10"
    assert history[0].number == 60


def test_text_is_there_after_the_store_is_opened_again(db_path: Path, clock):
    first = open_database(db_path, clock.now())
    service = DraftService(SqliteDraftRepository(first), clock)
    draft = service.create()
    service.autosave(draft.id, subject="S", body="typed before the crash", recipient="",
                     recipient_zone="")
    # No close, no checkpoint: a second connection, as after a crash, sees the committed text.
    second = open_database(db_path, clock.now())
    try:
        again = DraftService(SqliteDraftRepository(second), clock).get(draft.id)
        assert again.body == "typed before the crash"
    finally:
        second.conn.close()
        first.conn.close()


def test_delete_is_a_tombstone_that_put_undoes(drafts: DraftService, clock):
    draft = drafts.create(body="keep me")
    drafts.delete(draft.id)
    assert drafts.drafts() == []
    drafts.put(draft)
    assert [d.body for d in drafts.drafts()] == ["keep me"]


def test_a_queued_draft_cannot_be_edited(drafts: DraftService, db, clock):
    draft = drafts.create(body="x", recipient="ann@example.org")
    Outbox(SqliteDraftRepository(db), clock).schedule(draft, clock.now())
    with pytest.raises(InvalidInput, match="outbox"):
        drafts.autosave(draft.id, subject="", body="changed", recipient="ann@example.org",
                        recipient_zone="")


def test_resolve_by_prefix(drafts: DraftService):
    ids = iter(["abcd-1", "abce-2"])
    service = DraftService(drafts._drafts, drafts._clock, new_id=lambda: next(ids))
    service.create()
    service.create()
    assert service.resolve("abcd").id == "abcd-1"
    with pytest.raises(DraftNotFound):
        service.resolve("abc")
    with pytest.raises(DraftNotFound):
        service.get("nope")


def test_a_claim_succeeds_once(db, drafts: DraftService, clock):
    repo = SqliteDraftRepository(db)
    draft = drafts.create(body="x", recipient="ann@example.org")
    Outbox(repo, clock).schedule(draft, clock.now())
    first = repo.claim(draft.id, "a1", clock.now())
    assert first is not None
    assert (first.state, first.attempt) == (DraftState.SENDING, "a1")
    assert repo.claim(draft.id, "a2", clock.now()) is None


def test_the_smtp_account_is_stored_without_a_password(db):
    store = SqliteSmtpAccountStore(db)
    assert store.get() is None
    account = SmtpAccount("smtp.example.org", "ann", "ann@example.org", 465, Security.TLS)
    store.put(account)
    store.put(replace(account, port=587, security=Security.STARTTLS))
    assert store.get() == replace(account, port=587, security=Security.STARTTLS)
    assert account.secret_key == "smtp:ann@smtp.example.org"
    store.delete()
    assert store.get() is None
