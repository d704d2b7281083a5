# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail files into the queue: decoding, channels, fallbacks for broken messages, and an import
that is idempotent and leaves the user's changes alone."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.importing.items import Incoming, Problem, import_id
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority, State
from desktop.sources.mail import read_message
from desktop.sources.mail_files import read_eml, read_maildir, read_mbox
from desktop.sources.runner import run_import

FILE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def one(data: bytes) -> tuple[Incoming, list[str]]:
    items = read_message(data, "test.eml", lambda: FILE_TIME)
    [item] = [i for i in items if isinstance(i, Incoming)]
    return item, [p.reason for p in items if isinstance(p, Problem)]


def mail(headers: str, body: str = "Hello\n") -> bytes:
    return (headers.strip() + "\n\n" + body).encode("utf-8")


PLAIN = mail("""
From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>
Subject: =?iso-8859-1?q?Angebot_f=FCr_Q4?=
Date: Tue, 24 Nov 2026 10:15:00 +0100
Message-ID: <abc@example.org>
Importance: high
""", "Please review https://docs.example.org/q4-plan. Thanks!\n")


def test_a_plain_message_is_read_with_its_encoded_words_and_links() -> None:
    item, problems = one(PLAIN)
    assert problems == []
    assert item == Incoming(
        source="mail", external_id="<abc@example.org>", subject="Angebot für Q4",
        sender="Jürgen Müller <juergen@example.org>",
        received_at=datetime(2026, 11, 24, 9, 15, tzinfo=UTC),
        body="Please review https://docs.example.org/q4-plan. Thanks!\n",
        links=("https://docs.example.org/q4-plan",), channel=Channel.EMAIL,
        priority=Priority.HIGH, sender_zone="Etc/GMT-1", zone_source="mail-date")


def test_html_only_mail_becomes_text_without_fetching_or_running_anything() -> None:
    html = ("<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
            "<p>Budget &amp; plan</p><img src='https://tracker.example/pixel.gif'>"
            "<p>See <a href='https://wiki.example/plan'>the plan</a></p></body></html>")
    data = mail("""
From: a@example.org
Subject: html
Date: Tue, 24 Nov 2026 10:15:00 +0000
Message-ID: <h@x>
Content-Type: text/html; charset=utf-8
""", html)
    item, _ = one(data)
    assert item.body == "Budget & plan\n\nSee the plan"
    assert item.links == ("https://wiki.example/plan",)
    assert "alert" not in item.body
    assert "color" not in item.body


@pytest.mark.parametrize(("header", "channel"), [
    ("X-GitHub-Reason: mention", Channel.TRACKER),
    ("List-Id: <project.notifications.bridge.example>", Channel.TRACKER),
    ("X-JIRA-FingerPrint: 1234", Channel.TRACKER),
    ("List-Id: <chat.notifications.bridge.example>", Channel.CHAT),
    ("List-Id: <team.lists.example.org>", Channel.EMAIL),
])
def test_notifications_from_trackers_and_chat_get_their_channel(header: str,
                                                                 channel: Channel) -> None:
    item, _ = one(mail(f"""
From: Bridge <notifications@bridge.example>
X-Original-From: Lena <lena@example.org>
Subject: s
Date: Tue, 24 Nov 2026 10:15:00 +0000
Message-ID: <n@x>
{header}
"""))
    assert item.channel is channel
    expected = "Bridge <notifications@bridge.example>" if channel is Channel.EMAIL else \
        "Lena <lena@example.org>"
    assert item.sender == expected


def test_a_missing_date_falls_back_to_received_then_to_the_file_time() -> None:
    received = mail("""
Received: from mx by mx.example with ESMTP; Mon, 23 Nov 2026 07:00:00 +0000
From: a@example.org
Subject: no date
Date: someday soon
Message-ID: <d@x>
""")
    item, problems = one(received)
    assert item.received_at == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert len(problems) == 1
    assert "date" in problems[0]
    item, problems = one(mail("From: a@example.org\nSubject: none\nMessage-ID: <e@x>"))
    assert item.received_at == FILE_TIME
    assert len(problems) == 1


def test_broken_parts_are_read_as_far_as_they_go() -> None:
    bad = mail("""
From: =?unknown-8bit?q?=E9t=E9?= <x@example.org>
Subject: =?utf-8?b?broken base64?=
Date: Tue, 24 Nov 2026 10:15:00 +0000
Content-Type: multipart/mixed; boundary="b"
""", "--b\nContent-Type: text/plain; charset=x-made-up\nContent-Transfer-Encoding: base64\n\n"
         "SGVsbG8gd29ybGQ!!!===\n--b\nContent-Type: text/plain; charset=utf-8\n\n\xe9t\xe9")
    item, problems = one(bad)
    assert item.external_id.startswith("sha256:")
    assert item.subject  # something readable, never an exception
    assert any("Message-ID" in p for p in problems)
    assert any("charset" in p for p in problems)
    assert any("structure" in p for p in problems)  # the multipart never closes


@pytest.mark.parametrize("charset", ["utf\x008", "x\x00", "\x00"])
def test_a_charset_name_with_a_nul_is_reported_not_raised(charset: str) -> None:
    item, problems = one(mail(f"""
From: a@example.org
Subject: nul charset
Message-ID: <nul@example.org>
Date: Tue, 24 Nov 2026 10:15:00 +0000
Content-Type: text/plain; charset="{charset}"
""", "caf\u00e9"))
    assert item.body == "caf\u00e9"
    assert any("declared charset" in p for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    items = read_message(data, "junk", lambda: FILE_TIME)
    assert items
    assert all(isinstance(i, Incoming | Problem) for i in items)


def test_the_same_message_without_an_id_gets_one_id_from_maildir_and_mbox(tmp_path: Path) -> None:
    body = mail("From: a@example.org\nSubject: no id\nDate: Tue, 24 Nov 2026 10:15:00 +0000",
                "From here on\nline\n")
    maildir = tmp_path / "Maildir"
    (maildir / "cur").mkdir(parents=True)
    (maildir / "cur" / "1.eml").write_bytes(body)
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(b"From a@example.org Tue Nov 24 10:15:00 2026\n"
                     + body.replace(b"\nFrom here", b"\n>From here") + b"\n")
    [from_dir] = [i for i in read_maildir(maildir) if isinstance(i, Incoming)]
    [from_mbox] = [i for i in read_mbox(mbox) if isinstance(i, Incoming)]
    assert from_dir.external_id == from_mbox.external_id
    assert from_mbox.body.startswith("From here on")  # the >From escape is undone


def test_a_maildir_is_read_cur_then_new_each_by_file_name_without_hidden_files(
        tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    names = {"cur": ["b:2,S", "a:2,S", ".hidden", "c d:2,"], "new": ["z", "y"]}
    for folder, files in names.items():
        (maildir / folder).mkdir(parents=True)
        for name in files:
            (maildir / folder / name).write_bytes(mail(
                f"From: p@x\nSubject: {folder}/{name}\nMessage-ID: <{name}@x>\n"
                "Date: Tue, 24 Nov 2026 10:15:00 +0000"))
    read = [i.subject for i in read_maildir(maildir) if isinstance(i, Incoming)]
    assert read == ["cur/a:2,S", "cur/b:2,S", "cur/c d:2,", "new/y", "new/z"]


def test_a_truncated_mbox_keeps_every_message_it_has(tmp_path: Path) -> None:
    first = mail("From: a@x\nSubject: one\nDate: Tue, 24 Nov 2026 10:15:00 +0000\n"
                 "Message-ID: <1@x>")
    mbox = tmp_path / "cut.mbox"
    mbox.write_bytes(b"From a Tue Nov 24 10:15:00 2026\n" + first + b"\n"
                     + b"From b Tue Nov 24 10:16:00 2026\nSubject: tw")
    items = list(read_mbox(mbox))
    subjects = [i.subject for i in items if isinstance(i, Incoming)]
    assert subjects[0] == "one"
    assert len(subjects) == 2  # the cut one comes in with what it has


def test_paths_that_are_not_mail_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not a Maildir"):
        list(read_maildir(tmp_path))
    text = tmp_path / "notes.txt"
    text.write_text("just notes\n", "utf-8")
    with pytest.raises(InvalidInput, match="not an mbox"):
        list(read_mbox(text))
    [problem] = list(read_eml(tmp_path / "missing.eml"))
    assert isinstance(problem, Problem)


# -- into the queue -----------------------------------------------------------------------------


def test_importing_again_adds_nothing_and_keeps_the_users_changes(service: QueueService,
                                                                  clock) -> None:
    items = [one(PLAIN)[0],
             one(mail("From: b@x\nSubject: two\nDate: Tue, 24 Nov 2026 11:00:00 +0000\n"
                      "Message-ID: <2@x>"))[0]]
    first = run_import(service, items)
    assert (first.imported, first.skipped_duplicates) == (2, 0)
    plain_id = import_id("mail", "<abc@example.org>")
    service.done(plain_id)
    other = import_id("mail", "<2@x>")
    service.set_priority(other, Priority.URGENT)
    service.snooze(other, clock.now() + timedelta(days=1))
    before = {r.id: r for r in service.all()}

    again = run_import(service, items)
    assert (again.imported, again.skipped_duplicates) == (0, 2)
    assert {r.id: r for r in service.all()} == before
    assert service.get(plain_id).state is State.DONE


def test_a_deleted_import_is_not_brought_back(service: QueueService) -> None:
    item = one(PLAIN)[0]
    run_import(service, [item])
    service.delete(import_id("mail", item.external_id))
    assert run_import(service, [item]).imported == 0
    assert service.all() == []


def test_problems_are_reported_and_batches_are_committed_as_they_go(service: QueueService
                                                                   ) -> None:
    items: list[Incoming | Problem] = []
    for n in range(7):
        items.append(one(mail(f"From: p@x\nSubject: s{n}\nMessage-ID: <{n}@x>\n"
                              "Date: Tue, 24 Nov 2026 10:15:00 +0000"))[0])
        items.append(Problem(f"file{n}", "bad"))
    seen: list[int] = []
    report = run_import(service, items, batch_size=3, progress=seen.append,
                        cancelled=lambda: len(seen) == 2)
    assert report.cancelled
    assert report.imported == 6  # two batches of three were committed before the cancel
    assert len(service.all()) == 6
    assert [p.where for p in report.failed] == [f"file{n}" for n in range(5)]  # read so far
    assert report.to_json()["failed"][0] == {"source": "file0", "reason": "bad"}


def test_each_batch_and_what_is_learned_from_it_is_one_transaction(service: QueueService
                                                                   ) -> None:
    items = [one(mail(f"From: p{n}@x\nSubject: s{n}\nMessage-ID: <{n}@x>\n"
                      "Date: Tue, 24 Nov 2026 10:15:00 +0000"))[0] for n in range(7)]
    log: list[str] = []

    @contextmanager
    def atomic() -> Iterator[None]:
        log.append("begin")
        yield
        log.append(f"commit with {len(service.all())} stored")

    report = run_import(service, items, batch_size=3, atomic=atomic,
                        learn=lambda item: log.append(item.sender))
    assert report.imported == 7
    assert log == ["begin", "p0@x", "p1@x", "p2@x", "commit with 3 stored",
                   "begin", "p3@x", "p4@x", "p5@x", "commit with 6 stored",
                   "begin", "p6@x", "commit with 7 stored"]


def test_base64_bodies_are_decoded() -> None:
    encoded = base64.b64encode("Grüße aus Berlin".encode()).decode()
    item, problems = one(mail("""
From: a@x
Subject: b64
Date: Tue, 24 Nov 2026 10:15:00 +0000
Message-ID: <b@x>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64
""", encoded))
    assert item.body == "Grüße aus Berlin"
    assert problems == []


# -- the user's own replies --------------------------------------------------------------------


def reply(n: int, to: str, hour: int) -> Incoming:
    return one(mail(f"From: Me <me@example.org>\nSubject: Re: s\nMessage-ID: <r{n}@x>\n"
                    f"In-Reply-To: {to}\nReferences: <root@x> {to}\n"
                    f"Date: Tue, 24 Nov 2026 {hour}:00:00 +0000"))[0]


def test_a_reply_knows_what_it_answers() -> None:
    assert reply(1, "<abc@example.org>", 12).replies_to == ("<abc@example.org>", "<root@x>")
    assert reply(1, "<a@x>", 12).is_from(["ME@example.org"])
    assert not one(PLAIN)[0].is_from(["me@example.org"])


def test_my_replies_close_what_they_answer_even_when_read_first(service: QueueService,
                                                                settings_store) -> None:
    service.update_settings({"me": "me@example.org, U1"})
    answered = one(PLAIN)[0]  # received 09:15 UTC
    report = run_import(service, [reply(1, "<abc@example.org>", 12), answered,
                                  reply(2, "<unknown@x>", 13)])
    assert (report.imported, report.answered) == (1, 1)  # replies are not requests
    request = service.get(import_id("mail", "<abc@example.org>"))
    assert request.state is State.DONE
    assert request.done_at == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # when I replied


def test_a_request_reopened_after_my_reply_stays_open_on_reimport(service: QueueService,
                                                                  clock) -> None:
    service.update_settings({"me": "me@example.org"})
    items = [one(PLAIN)[0], reply(1, "<abc@example.org>", 12)]
    run_import(service, items)
    request_id = import_id("mail", "<abc@example.org>")
    service.reopen(request_id)
    again = run_import(service, items)
    assert again.answered == 0
    assert service.get(request_id).state is State.OPEN


@pytest.mark.parametrize("date", ["Tue, 24 Nov 0206 10:15:00 +0000",
                                  "Fri, 01 Jan 9000 00:00:00 +0000"])
def test_a_date_outside_1970_to_2100_counts_as_unreadable(date: str) -> None:
    item, problems = one(mail(f"From: a@example.org\nSubject: old\nMessage-ID: <o@x>\n"
                              f"Date: {date}"))
    assert item.received_at == FILE_TIME
    assert any("date could not be read" in p for p in problems)
