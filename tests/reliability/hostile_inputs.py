# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile inputs for every parser of outside data (issue 21), written to files.

Each maker takes a ``random.Random`` (for the seeded fuzz variants) and a target path, and
returns the path. The issue's own attacks are the fixed cases; :func:`fuzz_maildir` and
:func:`fuzz_ics` mix random shapes of them into one input.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

HEAD = ("From: a@example.org\nSubject: {subject}\nMessage-ID: <{subject}@example.org>\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\nMIME-Version: 1.0\n")


def nested_mail(depth: int, subject: str = "deep", kind: str = "multipart/mixed") -> bytes:
    """A mail with parts nested ``depth`` deep (multiparts, or forwarded messages)."""
    if kind == "message/rfc822":
        opening = "Content-Type: message/rfc822\n\n" * depth
        return (HEAD.format(subject=subject) + opening + "Content-Type: text/plain\n\nhi\n"
                ).encode()
    opening = "".join(f'Content-Type: {kind}; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    return (HEAD.format(subject=subject) + opening + "Content-Type: text/plain\n\nhello\n"
            + closing).encode()


def wide_mail(parts: int, subject: str = "wide") -> bytes:
    body = "--b\n\n" * parts
    return (HEAD.format(subject=subject) + 'Content-Type: multipart/mixed; boundary="b"\n\n'
            + body + "--b--\n").encode()


def fuzz_maildir(rng: random.Random, root: Path, mails: int = 40) -> Path:
    """A Maildir of ``mails`` mails, each plain or hostile in a random way."""
    for folder in ("cur", "new", "tmp"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for n in range(mails):
        shape = rng.choice(["plain", "deep", "forwarded", "wide", "deep-ok"])
        subject = f"m{n}"
        if shape == "plain":
            data = nested_mail(1, subject)
        elif shape == "deep":
            data = nested_mail(rng.randint(33, 3_000), subject)
        elif shape == "forwarded":
            data = nested_mail(rng.randint(1, 2_000), subject, "message/rfc822")
        elif shape == "wide":
            data = wide_mail(rng.choice([10, 6_000, 60_000]), subject)
        else:
            data = nested_mail(rng.randint(2, 30), subject,
                               rng.choice(["multipart/mixed", "multipart/alternative"]))
        (root / "cur" / f"{n:04d}.eml").write_bytes(data)
    return root


def _ics(parts: list[str], end: bool = True) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *parts,
                        *(["END:VCALENDAR"] if end else []), ""])


def zone(tzid: str, rule: str = "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
         start: str = "19701025T030000", daylight: str = "") -> str:
    """A VTIMEZONE; with ``daylight`` (a rule) it also has a DAYLIGHT part, as the issue's
    hanging zone had."""
    summer = ["BEGIN:DAYLIGHT", f"DTSTART:{start}", f"RRULE:{daylight}", "TZOFFSETFROM:+0100",
              "TZOFFSETTO:+0200", "END:DAYLIGHT"] if daylight else []
    return "\r\n".join(["BEGIN:VTIMEZONE", f"TZID:{tzid}", "BEGIN:STANDARD", f"DTSTART:{start}",
                        f"RRULE:{rule}", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:X",
                        "END:STANDARD", *summer, "END:VTIMEZONE"])


def vevent(uid: str, tzid: str | None = None, rule: str | None = None,
           start: str = "20260302T090000") -> str:
    tz = f";TZID={tzid}" if tzid else ""
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z",
                        f"DTSTART{tz}:{start}", f"DTEND{tz}:{start[:9]}100000",
                        *([f"RRULE:{rule}"] if rule else []), "SUMMARY:m", "END:VEVENT"])


EVERY_SECOND = "FREQ=HOURLY;BYMINUTE={};BYSECOND={}".format(
    ",".join(map(str, range(60))), ",".join(map(str, range(60))))


def ics_attack(name: str, path: Path) -> Path:
    """The issue's calendar attacks by name."""
    parts = {
        "zone-every-second": lambda: [zone("Evil/Zone", "FREQ=SECONDLY", "19700101T000000",
                                           "FREQ=SECONDLY;INTERVAL=2"),
                                      vevent("e1", "Evil/Zone")],
        "hourly-every-second": lambda: [vevent("h1", rule=EVERY_SECOND)],
        "300-zones-400-events": lambda: [*(zone(f"Z{i}") for i in range(300)),
                                         *(vevent(f"e{i}", f"Z{i % 300}") for i in range(400))],
        "unterminated-zone": lambda: ["BEGIN:VTIMEZONE", "TZID:Open", vevent("lost")],
    }[name]()
    path.write_text(_ics(parts, end=name != "unterminated-zone"), encoding="utf-8")
    return path


def fuzz_ics(rng: random.Random, path: Path, items: int = 60) -> Path:
    """A calendar of random hostile and plain zones and events."""
    rules = ["FREQ=SECONDLY", "FREQ=MINUTELY;BYSECOND=1,2,3", EVERY_SECOND,
             "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))), "FREQ=WEEKLY;BYDAY=MO",
             "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=HOURLY"]
    parts = []
    for n in range(items):
        rule = rng.choice(rules)
        if rng.random() < 0.4:
            parts.append(zone(f"Z{n}", rule, start=rng.choice(["16010101T000000",
                                                               "19701025T030000"])))
            parts.append(vevent(f"z{n}", f"Z{n}"))
        else:
            parts.append(vevent(f"e{n}", rule=rule, start=rng.choice(
                ["19900101T090000", "20260302T090000"])))
    path.write_text(_ics(parts), encoding="utf-8")
    return path


def caldav_item(path: Path) -> Path:
    path.write_text(_ics([zone("Evil/Zone", "FREQ=SECONDLY", "19700101T000000",
                               "FREQ=SECONDLY;INTERVAL=2"), "BEGIN:VTODO", "UID:t",
                          "DTSTAMP:20260101T000000Z", "DUE;TZID=Evil/Zone:20260302T090000",
                          "SUMMARY:s", "END:VTODO"]), encoding="utf-8")
    return path


def slack_bomb(path: Path, megabytes: int) -> Path:
    """A Slack export whose second day file is ``megabytes`` MB of ``[{},{},...]``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("users.json", '[{"id": "U1", "name": "me"}, {"id": "U2", "name": "o"}]')
        archive.writestr("channels.json", '[{"id": "C1", "name": "general", '
                                          '"members": ["U1", "U2"]}]')
        archive.writestr("general/2026-03-01.json", '[{"type": "message", "user": "U2", '
                                                    '"text": "<@U1> hi", '
                                                    '"ts": "1772442000.000100"}]')
        with archive.open("general/2026-03-02.json", "w", force_zip64=True) as day:
            day.write(b"[")
            chunk = b"{}," * 1_000_000
            for _ in range(megabytes // 3):
                day.write(chunk)
            day.write(b"{}]")
    return path


def csv_attack(name: str, path: Path) -> Path:
    header = "number,title,author,createdAt,url,labels,body\n"
    ok = "1,Fine,ann,2026-03-02T09:00:00Z,,,\n"
    body = {"unclosed-quote": '2,Open,ann,2026-03-02T09:00:00Z,,,"' + "x" * 5_000_000 + "\n",
            "wide-row": "3,Wide" + ",x" * 200_000 + "\n"}[name]
    path.write_text(header + ok + body + ok.replace("1,Fine", "4,After"), encoding="utf-8")
    return path
