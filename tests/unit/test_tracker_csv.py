# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.sources.tracker_csv``: presets, the bench corpus CSV and broken files."""

from __future__ import annotations

import csv
import importlib.util
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.importing.items import Incoming, Problem
from desktop.core.requests import Channel, Priority
from desktop.sources.tracker_csv import PRESETS, read_csv, sniff_file, sniff_preset

FILE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
GEN_CORPUS = Path("/work/shared/bench/gen_corpus.py")
UNHURRIED_HEADER = "id,channel,sender,subject,received_at,priority,message_id,malformed\n"
JIRA_HEADER = "Issue key,Summary,Status,Reporter,Created,Priority,Labels,Labels,Description\n"
GITHUB_HEADER = "number,title,author,createdAt,url,labels,body\n"


def write(tmp_path: Path, content: str | bytes, name: str = "issues.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read(path: Path, preset: str = "unhurried", **kwargs: object) -> list[Incoming | Problem]:
    return list(read_csv(path, preset, file_time=FILE_TIME, **kwargs))  # type: ignore[arg-type]


def incomings(items: list[Incoming | Problem]) -> list[Incoming]:
    return [item for item in items if isinstance(item, Incoming)]


def problems(items: list[Incoming | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- presets ---------------------------------------------------------------------------------


def test_unhurried_preset(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER
                 + "1,email,ben.cohen@hooli.example.org,Proposal for Orion,"
                   "2025-03-25T09:00:32+09:00,normal,<d52ed84c97516165.0@hooli.example.org>,\n"
                 + "2,chat,ann@acme.test,New message from Ann in #ops,2025-03-26T10:00:00Z,high,"
                   "<a.1@chat.bridge.example>,\n"
                 + '3,project,tom@acme.test,"[OPS-1] Fix, please",2025-03-27T10:00:00,low,,'
                   "missing_message_id\n"
                 + "4,fax,eve@acme.test,Odd one,2025-03-28T10:00:00+01:00,whenever,<d.3@x>,\n")
    assert read(path) == [
        Incoming("csv:unhurried", "<d52ed84c97516165.0@hooli.example.org>", "Proposal for Orion",
                 "ben.cohen@hooli.example.org", utc(2025, 3, 25, 0, 0, 32)),
        Incoming("csv:unhurried", "<a.1@chat.bridge.example>", "New message from Ann in #ops",
                 "ann@acme.test", utc(2025, 3, 26, 10), channel=Channel.CHAT,
                 priority=Priority.HIGH),
        Incoming("csv:unhurried", "3", "[OPS-1] Fix, please", "tom@acme.test",
                 utc(2025, 3, 27, 10), channel=Channel.TRACKER, priority=Priority.LOW),
        Incoming("csv:unhurried", "<d.3@x>", "Odd one", "eve@acme.test", utc(2025, 3, 28, 9)),
    ]


def test_jira_preset(tmp_path):
    path = write(tmp_path, JIRA_HEADER
                 + 'OPS-12,VPN certificate expires,Open,Ann Smith,25/Nov/26 10:15 AM,Highest,'
                   'infra,ops,"Renew it.\r\nSee https://wiki.example.org/vpn. '
                   'And [runbook|https://docs.example.org/run?id=1]."\r\n'
                 + "OPS-13,Printer,Done,Bob,2026-11-24T16:30:00+01:00,Medium,,,\r\n"
                 + "OPS-14,Typo,Open,Carol,03/Dec/2026 12:05 PM,Lowest,,,\r\n"
                 + "OPS-15,Old scheme,Open,Dan,1/Jan/27 12:00 am,Blocker,,,\r\n")
    assert read(path, "jira") == [
        Incoming("csv:jira", "OPS-12", "VPN certificate expires", "Ann Smith",
                 utc(2026, 11, 25, 10, 15),
                 body="Renew it.\nSee https://wiki.example.org/vpn. "
                      "And [runbook|https://docs.example.org/run?id=1].",
                 links=("https://wiki.example.org/vpn", "https://docs.example.org/run?id=1"),
                 channel=Channel.TRACKER, priority=Priority.URGENT),
        Incoming("csv:jira", "OPS-13", "Printer", "Bob", utc(2026, 11, 24, 15, 30),
                 channel=Channel.TRACKER),
        Incoming("csv:jira", "OPS-14", "Typo", "Carol", utc(2026, 12, 3, 12, 5),
                 channel=Channel.TRACKER, priority=Priority.LOW),
        Incoming("csv:jira", "OPS-15", "Old scheme", "Dan", utc(2027, 1, 1, 0, 0),
                 channel=Channel.TRACKER, priority=Priority.URGENT),
    ]


def test_github_preset(tmp_path):
    rows = [
        ["7", "Crash on start", '{"login": "octocat", "name": "Mona"}', "2026-11-25T09:00:00Z",
         "https://github.com/o/r/issues/7", '[{"name": "bug"}, {"name": "P1"}]',
         "Trace at https://gist.github.com/x"],
        ["8", "Docs", "hubot", "2026-11-25T10:00:00Z", "", "priority: urgent, docs", ""],
        ["9", "Later", "bob", "2026-11-25T11:00:00Z", "https://github.com/o/r/issues/9",
         "low-priority", ""],
        ["10", "Plain", "ann", "2026-11-25T12:00:00Z", "https://github.com/o/r/issues/10",
         "highlight", ""],
    ]
    path = tmp_path / "gh.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(GITHUB_HEADER.strip().split(","))
        writer.writerows(rows)
    assert read(path, "github") == [
        Incoming("csv:github", "https://github.com/o/r/issues/7", "Crash on start", "octocat",
                 utc(2026, 11, 25, 9), body="Trace at https://gist.github.com/x",
                 links=("https://github.com/o/r/issues/7", "https://gist.github.com/x"),
                 channel=Channel.TRACKER, priority=Priority.HIGH),
        Incoming("csv:github", "8", "Docs", "hubot", utc(2026, 11, 25, 10),
                 channel=Channel.TRACKER, priority=Priority.URGENT),
        Incoming("csv:github", "https://github.com/o/r/issues/9", "Later", "bob",
                 utc(2026, 11, 25, 11), links=("https://github.com/o/r/issues/9",),
                 channel=Channel.TRACKER, priority=Priority.LOW),
        Incoming("csv:github", "https://github.com/o/r/issues/10", "Plain", "ann",
                 utc(2026, 11, 25, 12), links=("https://github.com/o/r/issues/10",),
                 channel=Channel.TRACKER, priority=Priority.NORMAL),
    ]


def test_generic_preset_with_a_mapping(tmp_path):
    path = write(tmp_path, "Key,Title,Who,When\n"
                 'T-1,Call back,Ann,"Wed, 25 Nov 2026 10:00:00 +0100"\n'
                 "T-2,Invoice,Bob,2026-11-25 12:00\n")
    mapping = {"external_id": "key", "subject": "Title", "sender": "Who", "received_at": "When"}
    assert read(path, "generic", mapping=mapping) == [
        Incoming("csv", "T-1", "Call back", "Ann", utc(2026, 11, 25, 9),
                 channel=Channel.TRACKER),
        Incoming("csv", "T-2", "Invoice", "Bob", utc(2026, 11, 25, 12), channel=Channel.TRACKER),
    ]


def test_generic_preset_needs_the_required_mapping(tmp_path):
    path = write(tmp_path, "Key,Title\nT-1,Call back\n")
    with pytest.raises(InvalidInput, match="needs a column for each of: subject"):
        read_csv(path, "generic")
    with pytest.raises(InvalidInput, match="lacks the columns Summary"):
        read_csv(path, "generic", {"subject": "Summary"})
    with pytest.raises(InvalidInput, match="colour"):
        read_csv(path, "generic", {"colour": "Key"})
    with pytest.raises(InvalidInput, match="jira, github"):
        read_csv(path, "trello")


def test_a_generic_csv_needs_only_a_subject_and_imports_again_as_the_same(tmp_path):
    path = write(tmp_path, "Title,Notes\nCall back,soon\nInvoice,\n")
    first = list(read_csv(path, "generic", {"subject": "Title", "body": "Notes"},
                          file_time=utc(2026, 11, 25, 8)))
    assert [(i.subject, i.body, i.received_at) for i in first] == [
        ("Call back", "soon", utc(2026, 11, 25, 8)), ("Invoice", "", utc(2026, 11, 25, 8))]
    again = list(read_csv(path, "generic", {"subject": "Title", "body": "Notes"},
                          file_time=utc(2026, 11, 25, 8)))
    assert [i.external_id for i in again] == [i.external_id for i in first]


def test_a_mapping_overrides_a_preset_column(tmp_path):
    path = write(tmp_path, "Issue key,Title,Reporter,Created\nOPS-1,Hello,Ann,2026-11-25\n")
    (item,) = read(path, "jira", mapping={"subject": "Title"})
    assert (item.external_id, item.subject, item.received_at) == ("OPS-1", "Hello",
                                                                   utc(2026, 11, 25))


def test_presets_cover_the_four_formats():
    assert set(PRESETS) == {"jira", "github", "unhurried", "generic"}
    assert PRESETS["jira"].source == "csv:jira"
    assert PRESETS["unhurried"].default_channel is Channel.EMAIL


# -- the bench corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_csv(tmp_path_factory) -> Path:
    if not GEN_CORPUS.exists():
        pytest.skip(f"{GEN_CORPUS} is not there")
    spec = importlib.util.spec_from_file_location("gen_corpus", GEN_CORPUS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("corpus")
    module.generate(2000, 1, str(out), csv_only=True)
    return out / "requests.csv"


def test_the_corpus_csv_imports_every_row(corpus_csv):
    with corpus_csv.open(encoding="utf-8", newline="") as rows:
        expected = list(csv.DictReader(rows))
    items = read(corpus_csv)
    assert len(expected) == 2000
    assert problems(items) == []
    assert len(items) == len(expected)
    channels = {"email": Channel.EMAIL, "chat": Channel.CHAT, "project": Channel.TRACKER}
    malformed = 0
    for item, row in zip(items, expected, strict=True):
        assert isinstance(item, Incoming)
        assert item.external_id == (row["message_id"] or row["id"])
        assert (item.source, item.subject, item.sender) == (
            "csv:unhurried", row["subject"], row["sender"])
        assert item.received_at == datetime.fromisoformat(row["received_at"]).astimezone(UTC)
        assert item.received_at.tzinfo is UTC
        assert (item.channel, item.priority) == (channels[row["channel"]],
                                                 Priority(row["priority"]))
        malformed += bool(row["malformed"])
    assert malformed >= 9  # every kind of malformed message is in there, and imported


def test_the_corpus_csv_is_sniffed_as_unhurried(corpus_csv):
    assert sniff_file(corpus_csv) == "unhurried"


# -- sniffing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "preset"),
    [
        (UNHURRIED_HEADER, "unhurried"),
        ("id,subject,received_at\n", "unhurried"),
        (JIRA_HEADER, "jira"),
        ("Summary,Issue key,Issue id,Created,Updated\n", "jira"),
        (GITHUB_HEADER, "github"),
        ("\ufeffNUMBER,Title,createdat\n", "github"),
        ("Key,Title,Who,When\n", "generic"),
        ("subject,sender\n", "generic"),
        ("\n", "generic"),
    ],
)
def test_sniff_preset(header, preset):
    assert sniff_preset(header.strip("\n").split(",")) == preset


# -- broken input ----------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n\r\n", b"\x00\x00\x00,\x00\n1,2\n"])
def test_a_file_without_a_header_is_invalid(tmp_path, content):
    with pytest.raises(InvalidInput, match="no header row"):
        read_csv(write(tmp_path, content), file_time=FILE_TIME)


def test_a_file_that_cannot_be_read_is_invalid(tmp_path):
    with pytest.raises(InvalidInput, match="could not be read"):
        read_csv(tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="could not be read"):
        read_csv(tmp_path)


def test_missing_columns_are_named(tmp_path):
    path = write(tmp_path, "Issue key,Summary,Reporter\nOPS-1,Hello,Ann\n")
    with pytest.raises(InvalidInput) as caught:
        read_csv(path, "jira")
    assert "lacks the columns Created" in caught.value.message
    assert "Issue key, Summary, Created" in caught.value.message
    path = write(tmp_path, "channel,sender\nemail,ann\n")
    with pytest.raises(InvalidInput, match=r"message_id, subject, received_at.*message_id \(or id"):
        read_csv(path)


def test_truncated_last_line(tmp_path):
    good = "1,email,a@x,Hello,2026-11-25T10:00:00Z,normal,<1@x>,\n"
    cut_row = write(tmp_path, UNHURRIED_HEADER + good + "2,email,b@x,Cut", "cut.csv")
    cut_quote = write(tmp_path, UNHURRIED_HEADER + good + '2,email,b@x,"Cut sub', "quote.csv")
    for path in (cut_row, cut_quote):
        items = read(path)
        assert [item.external_id for item in incomings(items)] == ["<1@x>"]
        (problem,) = problems(items)
        assert problem.where == f"{path}:3"


def test_rows_with_the_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER
                 + "1,email,a@x,Few\n"
                 + "2,email,b@x,Many,2026-11-25T10:00:00Z,normal,<2@x>,,extra\n"
                 + "3,email,c@x,Padded,2026-11-25T10:00:00Z,normal,<3@x>,,,,\n")
    items = read(path)
    assert [item.external_id for item in incomings(items)] == ["<3@x>"]
    assert [problem.where for problem in problems(items)] == [f"{path}:2", f"{path}:3"]
    assert "4 fields; the header has 8" in problems(items)[0].reason


def test_binary_junk_and_nul_lines(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER.encode()
                 + b"\x89PNG\x1a\x00\x00\x00IHDR\x00\x00\x01\x00\x08\x06\x1f\x15\xc4\x89\n"
                 + b"\x01\x02\x03\x04\x05\x06\x07\x08,\x0e\x0f\x10\x11\x12\x13,\x14,\x15,\x16,"
                   b"\x17,\x18,\x19\n"
                 + b"5,email,a@x,Hel\x00lo,2026-11-25T10:00:00Z,normal,<5@x>,\n"
                 + b"6,email,b@x,Fine,2026-11-25T10:00:00Z,normal,<6@x>,\n")
    items = read(path)
    assert [item.external_id for item in incomings(items)] == ["<6@x>"]
    assert [problem.where for problem in problems(items)] == [f"{path}:{n}" for n in (2, 3, 4)]
    assert any("binary" in problem.reason for problem in problems(items))
    assert any("NUL" in problem.reason for problem in problems(items))


def test_bytes_that_are_not_utf8_are_read_as_windows_1252(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER.encode()
                 + b"1,email,j\xc3\xbcrgen@x,Caf\xe9 \x93order\x94 \x81,2026-11-25T10:00:00Z,"
                   b"normal,<1@x>,\n"
                 + "2,email,zoë@x,Straße,2026-11-25T10:00:00Z,normal,<2@x>,\n".encode())
    first, second = read(path)
    assert (first.subject, first.sender) == ("Café “order” \ufffd", "jürgen@x")
    assert second.subject == "Straße"
    assert sniff_file(write(tmp_path, "Issue key,Summary,Cr\xe9\xe9,Created\n".encode("cp1252"),
                            "latin.csv")) == "jira"


def test_utf16_and_bom_and_crlf(tmp_path):
    text = (UNHURRIED_HEADER + "1,chat,ann,Hallo Zoë,2026-11-25T10:00:00Z,high,<1@x>,\n")
    for content in (text.encode("utf-16"), ("\ufeff" + text).encode().replace(b"\n", b"\r\n")):
        (item,) = read(write(tmp_path, content))
        assert (item.subject, item.channel, item.priority) == ("Hallo Zoë", Channel.CHAT,
                                                               Priority.HIGH)


def test_rows_without_a_subject_or_an_id(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER
                 + ",email,a@x,,2026-11-25T10:00:00Z,normal,,\n"
                 + ",,,,,,,\n"
                 + ",email,b@x,Only a subject,2026-11-25T10:00:00Z,normal,,\n"
                 + "7,email,c@x,,2026-11-25T10:00:00Z,normal,,\n")
    items = read(path)
    assert [problem.where for problem in problems(items)] == [f"{path}:2"]
    only_subject, only_id = incomings(items)
    assert only_subject.external_id.startswith("row:")
    assert read(path)[1] == only_subject  # the made-up id is the same on every run
    assert (only_id.external_id, only_id.subject) == ("7", "(no subject)")


@pytest.mark.parametrize(("value", "reason"), [
    ("", "no date"), ("yesterday afternoon", "'yesterday afternoon' could not be read"),
    ("2025-04-31 99:00", "could not be read"), ("32/Smarch/25 1:00 PM", "could not be read"),
    ("31/Feb/25 1:00 PM", "could not be read"), ("5/May/25 13:00 PM", "could not be read"),
    ("0001-01-01T00:00:00+01:00", "could not be read"),
])
def test_an_unreadable_date_takes_the_file_time(tmp_path, value, reason):
    path = write(tmp_path, UNHURRIED_HEADER + f"1,email,a@x,Hi,{value},normal,<1@x>,\n")
    item, problem = read(path)
    assert isinstance(item, Incoming)
    assert item.received_at == FILE_TIME
    assert problem == Problem(f"{path}:2", problem.reason)
    assert reason in problem.reason
    assert "file's time was used" in problem.reason


def test_the_file_time_defaults_to_the_modification_time(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER + "1,email,a@x,Hi,,normal,<1@x>,\n")
    os.utime(path, (1_764_064_800, 1_764_064_800))
    item, _problem = read_csv(path)
    assert isinstance(item, Incoming)
    assert item.received_at == datetime.fromtimestamp(1_764_064_800, UTC)
    (naive,) = incomings(list(read_csv(path, file_time=datetime(2026, 1, 2, 3))))
    assert naive.received_at == utc(2026, 1, 2, 3)


def test_text_is_cleaned_and_duplicates_are_kept(tmp_path):
    long = "x" * 600
    path = write(tmp_path, "Issue key,Summary,Reporter,Created,Description\n"
                 f'OPS-1,"Two\r\nlines\x07 {long}",\x1bAnn,2026-11-25,"a\tb\x0c\r\nc"\n'
                 + "OPS-1,Again,Ann,2026-11-26,\n")
    first, second = read(path, "jira")
    assert first.subject == ("Two lines " + long)[:500]
    assert (first.sender, first.body) == ("Ann", "a\tb\nc")
    assert (second.external_id, second.subject) == ("OPS-1", "Again")


def test_reading_is_lazy_but_checks_eagerly(tmp_path):
    path = write(tmp_path, UNHURRIED_HEADER + "1,email,a@x,Hi,2026-11-25,normal,<1@x>,\n")
    items = read_csv(path, file_time=FILE_TIME)
    path.unlink()
    assert [type(item) for item in items] == [Problem]
    with pytest.raises(InvalidInput):
        read_csv(path)


# -- arbitrary input -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.one_of(st.text().map(str.encode), st.binary()), max_size=8),
       preset=st.sampled_from(["unhurried", "jira", "github"]))
def test_arbitrary_rows_never_raise(tmp_path, rows, preset):
    header = {"unhurried": UNHURRIED_HEADER, "jira": JIRA_HEADER, "github": GITHUB_HEADER}
    path = write(tmp_path, header[preset].encode() + b"\n".join(rows), "fuzz.csv")
    for item in read_csv(path, preset, file_time=FILE_TIME):
        assert isinstance(item, Incoming | Problem)
        if isinstance(item, Incoming):
            assert item.received_at.tzinfo is UTC
            assert len(item.subject) <= 500
            assert not any(ord(c) < 32 and c not in "\n\t" for c in item.subject + item.body)


def test_short_crlf_lines_and_unnamed_columns_are_fine(tmp_path):
    body = "ok\r\n" * 30
    path = write(tmp_path, f'Issue key,,Summary,Reporter,Created,Description\nOPS-1,x,Hi,Ann,'
                           f'2026-11-25,"{body}"\n')
    (item,) = read(path, "jira")
    assert (item.external_id, item.body, item.channel) == ("OPS-1", ("ok\n" * 30).strip(),
                                                           Channel.TRACKER)


@pytest.mark.parametrize("created", ["0026-11-25T10:00:00", "9000-01-01T00:00:00+00:00",
                                     "1969-12-31T23:59:59+00:00", "2100-01-01T00:00:00Z"])
def test_a_date_far_outside_1970_to_2100_counts_as_unreadable(tmp_path, created):
    path = write(tmp_path, JIRA_HEADER + f"K-1,Title,Open,ann,{created},High,,,Body\n")
    items = read(path, "jira")
    assert incomings(items)[0].received_at == FILE_TIME
    assert "could not be read" in problems(items)[0].reason


def test_a_semicolon_or_tab_separated_file_is_read_by_its_delimiter(tmp_path):
    for delimiter in (";", "\t", "|"):
        text = delimiter.join(JIRA_HEADER.strip().split(",")) + "\n" + delimiter.join(
            ["X-1", "Fix, then ship", "Open", "ann", "2026-11-25T10:00:00Z", "High", "", "",
             "Body; with; separators" if delimiter != ";" else '"Body; quoted"']) + "\n"
        path = write(tmp_path, text.encode("cp1252"), "semi.csv")
        assert sniff_file(path) == "jira"
        (item,) = read(path, "jira")
        assert (item.external_id, item.subject, item.priority) == (
            "X-1", "Fix, then ship", Priority.HIGH)


def test_a_comma_file_with_semicolons_in_its_text_stays_comma_separated(tmp_path):
    path = write(tmp_path, GITHUB_HEADER + '7,"a; b; c; d",ann,2026-11-25T09:00:00Z,,,'
                 '"x; y; z"\n8,Plain; text,bob,2026-11-25T09:00:00Z,,,\n')
    items = read(path, "github")
    assert [i.subject for i in items] == ["a; b; c; d", "Plain; text"]


def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path):
    text = "Issue key;Summary;Reporter;Created\nX-2;Grüße;zoë;2026-11-25T10:00:00Z\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        (item,) = read(write(tmp_path, text.encode(encoding)), "jira")
        assert (item.subject, item.sender) == ("Grüße", "zoë")


def test_times_without_a_zone_are_read_in_the_zone_given(tmp_path):
    from zoneinfo import ZoneInfo

    path = write(tmp_path, JIRA_HEADER + "X-1,Budget,Open,ann,25/Nov/26 10:15 AM,,,,\n"
                 "X-2,Plan,Open,ann,2026-11-25 10:15,,,,\n"
                 "X-3,Zoned,Open,ann,2026-11-25T10:15:00+00:00,,,,\n")
    berlin = [i.received_at for i in read(path, "jira", zone=ZoneInfo("Europe/Berlin"))]
    assert berlin == [utc(2026, 11, 25, 9, 15), utc(2026, 11, 25, 9, 15),
                      utc(2026, 11, 25, 10, 15)]
    assert next(i.received_at for i in read(path, "jira")) == utc(2026, 11, 25, 10, 15)


@pytest.mark.parametrize("column", ["createdAt", "created_at", "CREATED_AT"])
def test_the_github_preset_takes_both_spellings_of_created_at(tmp_path, column):
    path = write(tmp_path, f"number,title,author,{column},url\n"
                 "7,Crash,ann,2026-11-25T09:00:00Z,https://github.com/o/r/issues/7\n")
    assert sniff_file(path) == "github"
    (item,) = read(path, "github")
    assert (item.external_id, item.received_at) == ("https://github.com/o/r/issues/7",
                                                     utc(2026, 11, 25, 9))


def test_the_window_preview_splits_a_semicolon_file(tmp_path):
    from desktop.sources.tracker_csv import preview

    path = write(tmp_path, "Ticket;Title;Created\nT-1;Grüße;2026-11-20 10:15\n".encode("cp1252"))
    assert preview(path) == ("generic", ["Ticket", "Title", "Created"],
                             [["T-1", "Grüße", "2026-11-20 10:15"]])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata",
                             "Australia/Lord_Howe", "Pacific/Chatham", "UTC"]),
       moment=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1)))
def test_a_zone_less_time_is_that_wall_clock_time_in_the_zone(tmp_path, zone, moment):
    from zoneinfo import ZoneInfo

    moment = moment.replace(microsecond=0)
    path = write(tmp_path, JIRA_HEADER + f"X-1,Budget,Open,ann,{moment.isoformat()},,,,\n")
    (item,) = read(path, "jira", zone=ZoneInfo(zone))
    assert item.received_at == moment.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


# -- hostile input (issue 21) -----------------------------------------------------------------


def test_a_tab_that_keeps_a_formula_as_text_is_kept(tmp_path):
    path = write(tmp_path, "number,title,author,createdAt,url,labels,body\n"
                 '1,"\t=1+1",ann,2026-03-02T09:00:00Z,,,"\t@SUM(A1)"\n'
                 '2,"\tplain words",ann,2026-03-02T09:00:00Z,,,"  =not guarded"\n')
    first, second = incomings(read(path, "github"))
    assert (first.subject, first.body) == ("\t=1+1", "\t@SUM(A1)")
    assert (second.subject, second.body) == ("plain words", "=not guarded")


def test_csv_budgets_are_reported_by_name(tmp_path, monkeypatch):
    from desktop.sources import tracker_csv

    monkeypatch.setattr(tracker_csv, "MAX_ROWS", 3)
    monkeypatch.setattr(tracker_csv, "MAX_COLUMNS", 8)
    rows = "".join(f"{n},Row {n},ann,2026-03-02T09:00:00Z,,,\n" for n in range(5))
    path = write(tmp_path, GITHUB_HEADER + "9,Wide,ann,2026-03-02T09:00:00Z" + ",x" * 9 + "\n"
                 + rows)
    items = read(path, "github")
    assert [i.subject for i in incomings(items)] == ["Row 0", "Row 1"]
    reasons = [p.reason for p in problems(items)]
    assert len(reasons) == 2
    assert "cells in one row (8)" in reasons[0]
    assert "rows in one file (3)" in reasons[1]


def test_a_cell_over_the_field_budget_is_reported_and_the_next_row_read(tmp_path, monkeypatch):
    from desktop.sources import tracker_csv

    monkeypatch.setattr(tracker_csv, "MAX_FIELD_CHARS", 1_000)
    path = write(tmp_path, GITHUB_HEADER + '1,Big,ann,2026-03-02T09:00:00Z,,,"' + "x" * 2_000
                 + '"\n2,Small,ann,2026-03-02T09:00:00Z,,,\n')
    items = read(path, "github")
    assert [i.subject for i in incomings(items)] == ["Small"]
    assert "field larger than field limit" in problems(items)[0].reason
