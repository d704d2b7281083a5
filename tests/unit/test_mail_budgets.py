# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail over its budgets (nesting, parts, size, time) is reported by name and the import goes
on with the next mail (issue 21)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.budgets import BudgetExceeded, Deadline
from desktop.core.importing.items import Incoming, Problem
from desktop.sources import mail, mail_files
from desktop.sources.mail import MAX_MIME_DEPTH, MAX_MIME_PARTS, parse_bounded, read_message
from desktop.sources.mail_files import read_maildir

FILE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
HEAD = ("From: a@example.org\nSubject: {subject}\nMessage-ID: <{subject}@example.org>\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\nMIME-Version: 1.0\n")


def nested(depth: int, subject: str = "deep") -> bytes:
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n'
                      for i in range(depth))
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    return (HEAD.format(subject=subject) + opening + "Content-Type: text/plain\n\nhello\n"
            + closing).encode()


def many_parts(parts: int) -> bytes:
    body = "".join("--b\nContent-Type: text/plain\n\nx\n" for _ in range(parts))
    return (HEAD.format(subject="wide") + 'Content-Type: multipart/mixed; boundary="b"\n\n'
            + body + "--b--\n").encode()


def reasons(items: list[Incoming | Problem]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Problem)]


def test_nesting_within_the_budget_is_read() -> None:
    items = read_message(nested(MAX_MIME_DEPTH - 2), "ok.eml", lambda: FILE_TIME)
    [request] = [i for i in items if isinstance(i, Incoming)]
    assert request.body == "hello"


@pytest.mark.parametrize("depth", [MAX_MIME_DEPTH + 1, 1_000, 5_000])
def test_nesting_too_deep_is_reported_by_name_not_raised(depth: int) -> None:
    items = read_message(nested(depth), "deep.eml", lambda: FILE_TIME)
    assert items == [Problem("deep.eml", BudgetExceeded("MIME nesting depth",
                                                        MAX_MIME_DEPTH).reason())]


def test_too_many_parts_is_reported_by_name() -> None:
    assert "parts in a mail" in reasons(read_message(many_parts(MAX_MIME_PARTS + 1), "w.eml",
                                                     lambda: FILE_TIME))[0]
    assert reasons(read_message(many_parts(100), "w.eml", lambda: FILE_TIME)) == []


def test_a_mail_that_takes_too_long_is_stopped_between_chunks() -> None:
    ticks = itertools.count(0.0, 1.0)  # every clock read is a second later
    with pytest.raises(BudgetExceeded, match="time per item"):
        parse_bounded(many_parts(3_000), Deadline(0.5, clock=lambda: next(ticks)))


def test_a_file_over_the_size_budget_is_not_read_whole(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", 1_000)
    monkeypatch.setattr(mail_files, "MAX_MESSAGE_BYTES", 1_000)
    big = tmp_path / "big.eml"
    big.write_bytes(HEAD.format(subject="big").encode() + b"\n" + b"x" * 5_000)
    [problem] = list(mail_files.read_eml(big))
    assert isinstance(problem, Problem)
    assert "size of a mail" in problem.reason


@pytest.mark.parametrize(("size", "read"), [(0, 0), (1, 1), (999, 999), (1_000, 1_000),
                                             (1_001, 1_001), (70_000, 1_001)])
def test_a_file_is_read_whole_up_to_one_byte_over_the_cap(tmp_path: Path, size: int,
                                                          read: int) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert mail_files.read_capped(path, 1_000) == path.read_bytes()[:read]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_that_reports_no_size_is_read_all_the_same() -> None:
    status = mail_files.read_capped(Path("/proc/self/status"), 100_000)
    assert b"VmHWM" in status  # st_size is 0 for /proc files
    assert len(mail_files.read_capped(Path("/proc/self/status"), 10)) == 11


def test_a_maildir_import_goes_past_a_hostile_mail(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (box / folder).mkdir(parents=True)
    (box / "cur" / "1.eml").write_bytes(nested(2, "before"))
    (box / "cur" / "2.eml").write_bytes(nested(1_000))
    (box / "cur" / "3.eml").write_bytes(nested(2, "after"))
    items = list(read_maildir(box))
    assert [i.subject for i in items if isinstance(i, Incoming)] == ["before", "after"]
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert problem.where.endswith("2.eml")
    assert "MIME nesting depth" in problem.reason


@pytest.mark.parametrize("date", ["Sat, 01 Jan 0000 09:00:00 +0000", "2 Mar 0026 09:00 +0100"])
def test_a_year_written_with_four_digits_is_taken_as_written(date: str) -> None:
    data = f"From: a@example.org\nSubject: s\nDate: {date}\n\nhi\n".encode()
    items = read_message(data, "y.eml", lambda: FILE_TIME)
    [request] = [i for i in items if isinstance(i, Incoming)]
    assert request.received_at == FILE_TIME  # not 2000-01-01: unreadable, and reported
    assert any("date could not be read" in r for r in reasons(items))


def test_a_two_digit_year_is_still_this_century() -> None:
    data = b"From: a@example.org\nSubject: s\nDate: 2 Mar 26 09:00 +0100\n\nhi\n"
    [request] = [i for i in read_message(data, "y.eml", lambda: FILE_TIME)
                 if isinstance(i, Incoming)]
    assert request.received_at == datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_only_the_start_of_a_huge_html_part_is_turned_into_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    convert = mail.html_to_text

    def recording(html: str) -> tuple[str, list[str]]:
        seen.append(len(html))
        return convert(html)

    monkeypatch.setattr(mail, "html_to_text", recording)
    html = "<p>start</p>" + "<p>x</p>" * (mail.MAX_HTML_CHARS // 4)
    data = ("From: a@example.org\nSubject: h\nContent-Type: text/html\n\n" + html).encode()
    [request] = [i for i in read_message(data, "h.eml", lambda: FILE_TIME)
                 if isinstance(i, Incoming)]
    assert seen == [mail.MAX_HTML_CHARS]
    assert request.body.startswith("start")


def test_an_id_with_bytes_no_charset_could_read_gets_a_stable_id_of_its_own() -> None:
    from desktop.core.importing.items import import_id

    odd = import_id("mail", "<a\udcff@example.org>")
    assert odd == import_id("mail", "<a\udcff@example.org>")
    assert odd not in (import_id("mail", "<a?@example.org>"),
                       import_id("mail", "<a\ufffd@example.org>"))
