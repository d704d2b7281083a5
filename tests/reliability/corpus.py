# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic inputs for the reliability suite: a tracker CSV, a Maildir with the user's own
replies, a Slack export, and a store of the first schema version with requests in it."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from desktop.sources.runner import BATCH
from desktop.store import migrations

ME = "me@example.org"
CSV_ROWS = 3 * BATCH + BATCH // 5  # four import batches, the last one short
MAILS = 300  # under the parallel parser's threshold: parsed in the importing process
REPLIES = 40
FIRST_SCHEMA_ROWS = 300
T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def write_csv(path: Path, rows: int = CSV_ROWS) -> Path:
    """A Jira export of ``rows`` issues."""
    lines = ["Issue key,Summary,Reporter,Created,Priority,Description"]
    for n in range(rows):
        created = (T0 + timedelta(minutes=7 * n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        priority = ("Low", "Medium", "High", "Highest")[n % 4]
        lines.append(f'KILL-{n},"Issue {n}, please look",Reporter {n % 13},{created},'
                     f'{priority},"Body {n} https://tracker.example/KILL-{n}"')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def write_maildir(root: Path, mails: int = MAILS, replies: int = REPLIES) -> Path:
    """A Maildir of ``mails`` requests, and ``replies`` of the user's answers to some of them."""
    cur = root / "cur"
    cur.mkdir(parents=True)
    (root / "new").mkdir()
    for n in range(mails):
        stamp = (T0 + timedelta(minutes=11 * n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        (cur / f"{n:05}.eml").write_bytes(
            f"From: Person {n % 17} <p{n % 17}@example.org>\nTo: {ME}\n"
            f"Subject: Mail request {n}\nDate: {stamp}\nMessage-ID: <m{n}@kill.example>\n\n"
            f"Please answer {n}.\n".encode())
    for n in range(replies):
        stamp = (T0 + timedelta(minutes=11 * n + 5)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        (cur / f"r{n:05}.eml").write_bytes(
            f"From: Me <{ME}>\nTo: p{n % 17}@example.org\nSubject: Re: Mail request {n}\n"
            f"Date: {stamp}\nMessage-ID: <r{n}@kill.example>\nIn-Reply-To: <m{n}@kill.example>"
            f"\n\nDone.\n".encode())
    return root


def write_slack(path: Path, messages: int = 400) -> Path:
    """A Slack export where every other message in #general mentions U1 (the user)."""
    users = [{"id": f"U{i}", "name": f"user{i}"} for i in range(1, 6)]
    channels = [{"id": "C1", "name": "general", "members": [u["id"] for u in users]}]
    base = int(T0.timestamp())
    days: dict[str, list[dict[str, object]]] = {}
    for n in range(messages):
        moment = base + 600 * n
        day = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d")
        text = f"<@U1> question {n}" if n % 2 == 0 else f"chatter {n}"
        days.setdefault(day, []).append(
            {"type": "message", "user": f"U{2 + n % 4}", "text": text, "ts": f"{moment}.000100"})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps(users))
        archive.writestr("channels.json", json.dumps(channels))
        for day, items in days.items():
            archive.writestr(f"general/{day}.json", json.dumps(items))
    return path


def first_schema_store(path: Path, rows: int = FIRST_SCHEMA_ROWS) -> Path:
    """A store as the first release left it: only ``m0001`` applied, ``rows`` requests."""
    path.parent.mkdir(parents=True, exist_ok=True)
    first = Migrations("unhurried")
    first()(migrations.m0001_to_m0009.m0001_create_requests)
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    first.apply(db)
    stamp = T0.isoformat(timespec="seconds")
    with db.atomic():
        for n in range(rows):
            db.execute(
                "INSERT INTO requests (id, subject, sender, channel, priority, state, source, "
                "external_id, received_at, modified_at, reply_by) VALUES "
                "(?, ?, ?, 'email', 'normal', 'open', 'mail', ?, ?, ?, ?)",
                [f"{n:032x}", f"Old request {n}", f"old{n}@example.org", f"<old{n}@x>", stamp,
                 stamp, (T0 + timedelta(days=1)).isoformat(timespec="seconds")])
    db.conn.close()
    return path
