# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Clients nobody here wrote (vdirsyncer + todoman) read and write what Unhurried syncs, and
bad answers from the server (HTTP 500 for one item, a malformed item) skip only that item."""

from __future__ import annotations

import http.client
import http.server
import json
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.requests import Channel, Priority
from desktop.platform.paths import resolve_paths
from desktop.wiring.caldav import set_account, sync_caldav
from desktop.wiring.services import open_context
from tests.fakes import FakeClock, FakeSecrets
from tests.integration.conftest import need

pytestmark = pytest.mark.integration


@pytest.fixture
def device(tmp_path: Path, radicale):
    ctx = open_context(resolve_paths(tmp_path / "device"), FakeClock())
    secrets = FakeSecrets()
    account, _warning = set_account(ctx, secrets, radicale.url, radicale.user, radicale.password)
    yield ctx, secrets, account
    ctx.close()


class Todoman:
    """vdirsyncer syncing the task collection to a folder, and todoman on that folder."""

    def __init__(self, root: Path, server, collection: str) -> None:
        self.vdirsyncer = need("vdirsyncer", "vdirsyncer")
        self.todoman = need("todoman", "todoman")
        self.root = root
        (root / "vdir" / "tasks").mkdir(parents=True)
        (root / "status").mkdir()
        (root / "vdirsyncer.conf").write_text(f"""
[general]
status_path = "{root}/status/"
[pair tasks]
a = "local"
b = "remote"
collections = null
conflict_resolution = "b wins"
[storage local]
type = "filesystem"
path = "{root}/vdir/tasks/"
fileext = ".ics"
[storage remote]
type = "caldav"
url = "{server.url.rstrip('/')}{collection}"
username = "{server.user}"
password = "{server.password}"
""", encoding="utf-8")
        (root / "todoman.py").write_text(
            f'path = "{root}/vdir/*"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
            'default_list = "tasks"\ndefault_due = 0\n', encoding="utf-8")
        self.env = {"HOME": str(root), "PATH": "/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8"}

    def sync(self) -> None:
        for args in (["discover"], ["sync"]):
            subprocess.run([self.vdirsyncer, "-c", str(self.root / "vdirsyncer.conf"), *args],
                           env=self.env, input="y\n", text=True, check=True,
                           capture_output=True, timeout=120)

    def todo(self, *args: str) -> str:
        done = subprocess.run([self.todoman, "-c", str(self.root / "todoman.py"), *args],
                              env=self.env, text=True, check=True, capture_output=True,
                              timeout=60)
        return done.stdout


def test_todoman_lists_the_queue_with_due_times_and_priorities(tmp_path, radicale,
                                                               device) -> None:
    ctx, secrets, account = device
    urgent = ctx.queue.add("Prod is down", priority=Priority.URGENT, channel=Channel.CHAT)
    normal = ctx.queue.add("Review the RFC", priority=Priority.NORMAL)
    sync_caldav(ctx, secrets)
    client = Todoman(tmp_path / "todoman", radicale, account.tasks)
    client.sync()
    listed = {t["summary"]: t for t in json.loads(client.todo("--porcelain", "list"))}
    assert set(listed) == {"Prod is down", "Review the RFC"}
    for request in (urgent, normal):
        row = listed[request.subject]
        assert request.reply_by is not None
        assert row["due"] == int(request.reply_by.timestamp())
    assert (listed["Prod is down"]["priority"], listed["Review the RFC"]["priority"]) == (1, 5)


def test_a_task_made_in_todoman_appears_in_the_queue_and_its_edits_come_in(
        tmp_path, radicale, device) -> None:
    ctx, secrets, account = device
    sync_caldav(ctx, secrets)
    client = Todoman(tmp_path / "todoman", radicale, account.tasks)
    client.sync()
    client.todo("new", "--list", "tasks", "--due", "2026-12-01 15:00", "--priority", "high",
                "Call", "the", "bank")
    client.sync()
    report = sync_caldav(ctx, secrets)
    assert (report.received, report.failed) == (1, [])
    [request] = ctx.queue.active()
    assert (request.subject, request.channel, request.priority) == (
        "Call the bank", Channel.MANUAL, Priority.HIGH)
    assert request.due == datetime(2026, 12, 1, 15, tzinfo=UTC)

    [task] = json.loads(client.todo("--porcelain", "list"))
    client.todo("done", str(task["id"]))
    client.sync()
    sync_caldav(ctx, secrets)
    assert ctx.queue.active() == []
    assert ctx.queue.get(request.id).done_at is not None


def test_a_malformed_item_is_skipped_with_its_reason_and_the_rest_syncs(radicale,
                                                                       device) -> None:
    ctx, secrets, account = device
    # Radicale itself skips a file it cannot parse at all; PRIORITY:high is one it serves
    # (it never reads PRIORITY) and RFC 5545 forbids (an integer 0-9).
    folder = radicale.collection_folder(account.tasks)
    (folder / "broken.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//\r\nBEGIN:VTODO\r\nUID:broken-1\r\n"
        "SUMMARY:Broken\r\nDTSTAMP:20261125T090000Z\r\nPRIORITY:high\r\n"
        "END:VTODO\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    (folder / "fine.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//\r\nBEGIN:VTODO\r\nUID:fine-1\r\n"
        "SUMMARY:Fine\r\nDTSTAMP:20261125T090000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
        encoding="utf-8")
    report = sync_caldav(ctx, secrets)
    assert report.error is None
    assert [f.item for f in report.failed] == [f"{account.tasks}broken.ics"]
    assert "malformed" in report.failed[0].reason or "unreadable" in report.failed[0].reason
    assert [r.subject for r in ctx.queue.active()] == ["Fine"]
    assert sync_caldav(ctx, secrets).failed == []  # reported once, not at every sync


class FailingProxy:
    """A proxy in front of Radicale that answers 500 for one item (and any multiget naming
    it), as a server with one damaged item does."""

    def __init__(self, server, bad: str) -> None:
        upstream = ("127.0.0.1", server.port)

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if bad in self.path or bad.encode() in body:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPConnection(*upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                conn.request(self.command, self.path, body, headers)
                answer = conn.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_DELETE = do_REPORT = do_PROPFIND = do_OPTIONS = _any  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def test_http_500_for_one_item_skips_only_that_item(tmp_path, radicale, device) -> None:
    _ctx, _secrets, account = device
    for uid in ("good-1", "bad-1", "good-2"):
        (radicale.collection_folder(account.tasks) / f"{uid}.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//\r\nBEGIN:VTODO\r\n"
            f"UID:{uid}\r\nSUMMARY:{uid}\r\nDTSTAMP:20261125T090000Z\r\nEND:VTODO\r\n"
            "END:VCALENDAR\r\n", encoding="utf-8")
    proxy = FailingProxy(radicale, "bad-1")
    try:
        other = open_context(resolve_paths(tmp_path / "other"), FakeClock())
        other_secrets = FakeSecrets()
        set_account(other, other_secrets, proxy.url, radicale.user, radicale.password,
                    tasks=account.tasks)
        report = sync_caldav(other, other_secrets)
        assert report.error is None
        assert [(f.item, f.reason) for f in report.failed] == [
            (f"{account.tasks}bad-1.ics", "the server answered HTTP 500 Internal Server Error")]
        assert sorted(r.subject for r in other.queue.active()) == ["good-1", "good-2"]
    finally:
        proxy.close()
    # the server is well again: the skipped item comes in, nothing twice
    set_account(other, other_secrets, radicale.url, radicale.user, radicale.password,
                tasks=account.tasks)
    sync_caldav(other, other_secrets)
    assert sorted(r.subject for r in other.queue.active()) == ["bad-1", "good-1", "good-2"]
    other.close()
