# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fuzz targets for the importers on main: mail messages, tracker CSV rows, Slack exports."""

from __future__ import annotations

import json
import random
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.importing.items import Incoming, Problem
from desktop.sources import mail, slack_export, tracker_csv
from tests.reliability.fuzz import NASTY, Case, FuzzTarget, mutate_bytes, register

_FILE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_MAIL = (b"From: Ann <ann@example.org>\r\nTo: me@example.org\r\nSubject: =?utf-8?Q?Budget_"
         b"caf=C3=A9?=\r\nDate: Tue, 01 Sep 2026 10:00:00 +0200\r\nMessage-ID: <{n}@fz>\r\n"
         b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"XX\"\r\n\r\n"
         b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
         b"quoted-printable\r\n\r\nPlease look at https://x.example/{n} =E2=9C=93\r\n--XX\r\n"
         b"Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n"
         b"\r\nPGI+SGVsbG88L2I+\r\n--XX--\r\n")


def _mail_cases(rng: random.Random, count: int, _scratch: Path) -> list[Case]:
    cases = []
    for n in range(count):
        data = _MAIL.replace(b"{n}", str(n).encode())
        expect: list[str] = []
        kind = n % 4
        if kind == 0:  # a known fault, with the reason the report must give
            fault = rng.randrange(4)
            if fault == 0:
                data = data.replace(b"Tue, 01 Sep 2026 10:00:00 +0200",
                                    rng.choice(NASTY).encode("utf-8", "surrogatepass"))
                expect.append("date could not be read")
            elif fault == 1:
                data = data.replace(f"Message-ID: <{n}@fz>\r\n".encode(), b"")
                expect.append("No Message-ID")
            elif fault == 2:
                data = data.replace(b"charset=utf-8", b"charset=x-no-such-charset")
                data = data.replace(b"=E2=9C=93", b"=FF=FE")
                expect.append("declared charset")
            else:
                data = data.replace(b"--XX--\r\n", b"").replace(b"boundary=\"XX\"", b"boundary=")
                expect.append("structure is broken")
        else:  # random damage: no crash, the message is imported or reported
            data = mutate_bytes(rng, data)
        items = mail.read_message(data, f"mail#{n}", lambda: _FILE_TIME)
        cases.append(Case(f"mail#{n}", items, expect))
    return cases


_HEADER = "Issue key,Summary,Reporter,Created,Priority,Description"


def _csv_cases(rng: random.Random, count: int, scratch: Path) -> list[Case]:
    lines, expects = [], []
    for n in range(count):
        cells = [f"FZ-{n}", f"Summary {n}", f"Reporter {n}", "2026-09-01T10:00:00+00:00",
                 "High", f"Body {n}"]
        expect: list[str] = []
        kind = n % 5
        if kind == 0:
            cells = cells[:rng.randint(1, 4)]
            expect.append("fields")
        elif kind == 1:
            cells[3] = rng.choice(["yesterday", "31/02/2026", "2026-13-45", "", "\x01\x02"])
            expect.append("date" if cells[3].strip("\x01\x02") else "no date")
        elif kind == 2:
            cells[rng.randrange(6)] += "\x00"
            expect.append("NUL")
        else:
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(6)
                cells[at] = cells[at][:rng.randrange(len(cells[at]) + 1)] + rng.choice(NASTY)
            if kind == 4:
                cells = ['"' + c.replace('"', '""') + '"' for c in cells]
        line = ",".join(cells).replace("\r", " ").replace("\n", " ")
        lines.append(line)
        expects.append(expect)
    path = scratch / "fuzz.csv"
    path.write_bytes(("\n".join([_HEADER, *lines]) + "\n").encode("utf-8", "surrogateescape"))
    # Rows come out in order: a request (maybe followed by a problem on its line), or a
    # problem alone. A row that yields nothing leaves its line empty.
    by_line: dict[int, list[Incoming | Problem]] = {}
    next_line = 2
    for item in tracker_csv.read_csv(path, "jira", file_time=_FILE_TIME):
        if isinstance(item, Incoming):
            line, next_line = next_line, next_line + 1
        else:
            line = int(item.where.rpartition(":")[2])
            next_line = max(next_line, line + 1)
        by_line.setdefault(line, []).append(item)
    inside = _continuation_lines(path)
    return [Case(f"{path}:{2 + n}", by_line.get(2 + n, []), expects[n], (2 + n) in inside)
            for n in range(count)]


def _continuation_lines(path: Path) -> set[int]:
    """Lines that a quote opened on an earlier line made part of that line's record (the
    record, and so its report, starts earlier)."""
    import csv

    starts, end = set(), 0
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as text:
        reader = csv.reader(text)
        while True:
            starts.add(end + 1)
            try:
                next(reader)
            except StopIteration:
                break
            except csv.Error:
                pass
            end = reader.line_num
    return set(range(1, end + 1)) - starts


def _slack_cases(rng: random.Random, count: int, scratch: Path) -> list[Case]:
    base = 1788256800  # 2026-09-01
    messages: list[object] = []
    expects: list[list[str]] = []
    skippable: list[bool] = []
    for n in range(count):
        message: dict[str, object] = {"type": "message", "user": f"U{2 + n % 3}",
                                      "text": f"<@U1> question {n}", "ts": f"{base + n}.000100"}
        expect: list[str] = []
        kind = n % 5
        if kind == 0:
            messages.append(rng.choice([None, 7, "text", [1, 2], True]))
            expects.append(["not a JSON object"])
            skippable.append(False)
            continue
        if kind == 1:
            message["ts"] = rng.choice([None, "", "abc", -5, "1e99", "99999999999999.1", {}])
            expect.append("no readable time")
        elif kind == 2:
            del message["user"]
            expect.append("no author")
        else:
            key = rng.choice(["text", "user", "thread_ts", "files", "subtype", "user_profile"])
            skip = key in ("text", "subtype")  # no mention left, or now a system notice
            message[key] = rng.choice([None, 3, [], {}, rng.choice(NASTY), {"name": [1]},
                                       [{"title": None}, 5]])
        messages.append(message)
        expects.append(expect)
        skippable.append(kind > 2 and skip)
    path = scratch / "fuzz-slack.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("users.json", json.dumps([{"id": f"U{i}", "name": f"u{i}"}
                                                   for i in range(1, 5)]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("general/2026-09-01.json",
                         json.dumps(messages).encode("utf-8", "surrogatepass"))
        archive.writestr("general/2026-09-02.json", b'[{"type": "message", "te')  # cut short
    items = list(slack_export.read_slack_export(path, "U1"))
    by_number: dict[int, list[Incoming | Problem]] = {}
    for item in items:
        if isinstance(item, Problem) and "Message " in item.reason:
            number = int(item.reason.split("Message ")[1].split()[0])
            by_number.setdefault(number - 1, []).append(item)
        elif isinstance(item, Incoming):
            number = int(item.external_id.rpartition(":")[2].split(".")[0]) - base
            by_number.setdefault(number, []).append(item)
    cases = [Case(f"slack#{n}", by_number.get(n, []), expects[n], skippable[n])
             for n in range(count)]
    cut = [i for i in items if isinstance(i, Problem) and "2026-09-02" in i.where]
    cases.append(Case("slack:cut-short-day", cut, ["JSON" if cut else "cut"]))
    return cases


register(FuzzTarget("mail", 4000, _mail_cases))
register(FuzzTarget("csv", 4000, _csv_cases))
register(FuzzTarget("slack", 2000, _slack_cases))
# fuzz_calendar.py (".ics" files) and fuzz_templates.py (user-edited templates) register
# their targets the same way.
