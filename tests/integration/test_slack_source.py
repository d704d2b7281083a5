# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``account slack`` and ``sync slack`` against a local server that answers as Slack's Web API
method pages document (:mod:`tests.fakes.slack_api`): DMs, mentions, threads, cursors, 429 with
Retry-After, a revoked token, a deleted message, progress and cancel."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.cli import main
from desktop.core.people import Source
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import SessionSecrets
from desktop.store.source_accounts import SqlitePeopleZones
from desktop.wiring import slack as wired
from desktop.wiring.services import open_context, open_people
from tests.fakes import FakeClock
from tests.fakes.keyring_backend import MemoryKeyring
from tests.fakes.slack_api import ME, SlackApi, SlackServer, msg, tombstone
from tests.reliability.secret_scan import scan_app_dirs, scan_for_secrets

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def no_token_left_behind(tmp_path: Path) -> Iterator[None]:
    """After every test: the token is nowhere under the data, cache and config dirs (all
    under ``tmp_path``), nor in the logs there."""
    yield
    assert scan_for_secrets({SlackApi().token}, [tmp_path]) == []


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def ts(clock: FakeClock, minutes: int) -> str:
    """A Slack timestamp ``minutes`` after an hour before the clock's now."""
    return f"{clock.now().timestamp() - 3600 + minutes * 60:.6f}"


@pytest.fixture
def server(clock) -> Iterator[SlackServer]:
    running = SlackServer()
    api = running.api
    api.users = {"U1": {"name": "ann", "real_name": "Ann Lee", "tz": "Europe/Berlin"},
                 "U2": {"name": "ben", "real_name": "Ben Cohen", "tz": "America/New_York"},
                 ME: {"name": "me", "real_name": "Me", "tz": "Europe/Berlin"}}
    api.conversations = [{"id": "D1", "is_im": True, "user": "U1"},
                         {"id": "D2", "is_im": True, "user": "U2"},
                         {"id": "G1", "is_mpim": True, "name": "mpdm-ann--ben--me-1"}]
    api.history = {
        "D1": [msg("U1", ts(clock, 1), "Can you review the budget?"),
               msg("U1", ts(clock, 2), "Also <https://x.example/doc|the doc>")],
        "D2": [msg("U2", ts(clock, 3), "Lunch?"), tombstone(ts(clock, 4))],
        "G1": [msg("U2", ts(clock, 5), "Standup notes for <@U1>")],
    }
    api.channel_names = {"C1": "general"}
    api.threads = {
        ("C1", ts(clock, 10)): [msg("U2", ts(clock, 10), f"Who takes the release? <@{ME}>"),
                                msg("U1", ts(clock, 11), "I can help", ts(clock, 10))],
        ("C1", ts(clock, 20)): [msg("U1", ts(clock, 20), "Plan for Q1"),
                                msg(ME, ts(clock, 21), "Looks fine", ts(clock, 20)),
                                msg("U1", ts(clock, 22), "Thanks, one more question",
                                    ts(clock, 20))],
        ("C1", ts(clock, 30)): [tombstone(ts(clock, 30)),
                                msg("U2", ts(clock, 31), f"<@{ME}> still open?", ts(clock, 30))],
    }
    yield running
    running.close()


def cli(data: Path, clock: FakeClock, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        status = main(["--data-dir", str(data), *argv], clock=clock)
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, out, err


def set_up(data: Path, clock: FakeClock, capsys, server: SlackServer) -> None:
    status, out, err = cli(data, clock, capsys, "account", "slack", "set", "--api", server.url,
                           "--token-stdin", stdin=server.api.token + "\n")
    assert (status, err) == (0, "")
    assert server.api.token not in out


def sync(data: Path, clock: FakeClock, capsys) -> tuple[int, dict | None, str]:
    status, out, err = cli(data, clock, capsys, "sync", "slack", "--json")
    return status, (json.loads(out) if out else None), err


def requests(data: Path, clock: FakeClock, capsys) -> dict[str, dict]:
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    assert status == 0
    return {r["subject"]: r for r in json.loads(out)}


def test_dms_mentions_and_threads_arrive_with_permalinks_and_zones(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    status, report, err = sync(data, clock, capsys)
    assert (status, err) == (0, "")
    assert (report["received"], report["answered"], report["failed"]) == (8, 0, [])
    rows = requests(data, clock, capsys)
    assert set(rows) == {
        "Can you review the budget?", "Also the doc", "Lunch?",
        "mpdm-ann--ben--me-1: Standup notes for @Ann Lee",
        "#general: Who takes the release? @me", "#general: I can help",
        "#general: Thanks, one more question", "#general: @me still open?"}
    assert {r["channel"] for r in rows.values()} == {"chat"}
    assert not [s for s in rows if "deleted" in s]  # tombstones are not requests
    assert rows["Lunch?"]["sender"] == "Ben Cohen <U2>"
    status, out, _err = cli(data, clock, capsys, "show", rows["#general: I can help"]["id"],
                            "--json")
    [link] = json.loads(out)["links"]
    assert link == (f"https://acme.slack.com/archives/C1/p{ts(clock, 11).replace('.', '')}"
                    f"?thread_ts={ts(clock, 10)}&cid=C1")
    context = open_context(resolve_paths(str(data)), clock)
    try:
        zones = SqlitePeopleZones(context.db).get_all("slack")
        people = open_people(context)
        directory = {p.name: (p.zone, p.source("zone")) for p in people.all()}
    finally:
        context.close()
    assert zones == {"U1": ("Ann Lee", "Europe/Berlin"), "U2": ("Ben Cohen", "America/New_York")}
    assert directory == {"Ann Lee": ("Europe/Berlin", Source.SLACK),
                         "Ben Cohen": ("America/New_York", Source.SLACK)}
    assert scan_app_dirs({server.api.token}, data) == []


def test_cursors_read_only_what_is_new_and_the_users_reply_answers(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[1]["received"] == 8
    server.api.history["D1"].append(msg(ME, ts(clock, 40), "Budget looks good"))
    server.api.history["D1"].append(msg("U1", ts(clock, 41), "Great, and the slides?"))
    server.api.threads[("C1", ts(clock, 20))].append(
        msg(ME, ts(clock, 42), "Answered below", ts(clock, 20)))
    server.api.calls.clear()
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"], report["updated"], report["answered"]) == (0, 1, 0, 3)
    histories = {form["channel"]: form["oldest"] for method, form in server.api.calls
                 if method == "conversations.history"}
    assert histories == {"D1": ts(clock, 2), "D2": ts(clock, 3), "G1": ts(clock, 5)}
    rows = requests(data, clock, capsys)
    assert "Can you review the budget?" not in rows
    assert "#general: Thanks, one more question" not in rows
    assert "Great, and the slides?" in rows
    assert not [c for c in server.api.calls if c[0] == "users.info"]  # met before


def test_429_is_waited_out_and_a_long_wait_stops_with_one_line(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    context = open_context(resolve_paths(str(tmp_path / "d")), clock)
    waits: list[float] = []
    try:
        wired.set_account(context, SessionSecrets(), server.api.token, server.url)
        server.api.limited = {"conversations.history": 3, "users.info": 1}
        report = wired.sync(context, SessionSecrets(), sleep=waits.append)
    finally:
        context.close()
    assert (report.received, waits) == (8, [3.0, 1.0])
    data = tmp_path / "e"
    set_up(data, clock, capsys, server)
    server.api.limited = {"conversations.list": 120}
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (1, None)
    assert "wait 120 s" in err
    assert len(err.splitlines()) == 1


def test_a_revoked_token_exits_2_with_one_line(tmp_path, clock, capsys, server,
                                               memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    server.api.token = "xoxp-rotated"
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (2, None)
    assert "invalid_auth" in err
    assert len(err.splitlines()) == 1
    assert requests(data, clock, capsys) == {}


def test_an_unreachable_server_exits_2(tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    server.close()
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (2, None)
    assert "cannot be reached" in err


def test_a_long_first_sync_shows_progress_and_a_cancel_keeps_what_was_read(
        tmp_path, clock, server, memory_keyring) -> None:
    context = open_context(resolve_paths(str(tmp_path / "d")), clock)
    seen: list[tuple[int, int]] = []
    try:
        wired.set_account(context, SessionSecrets(), server.api.token, server.url)
        report = wired.sync(context, SessionSecrets(), progress=lambda d, t: seen.append((d, t)),
                            cancelled=lambda: len(seen) >= 2)
        assert report.cancelled
        assert seen == [(0, 6), (1, 6)]
        assert report.received == 2  # the first DM's two messages, committed
        again = wired.sync(context, SessionSecrets(), progress=lambda d, t: seen.append((d, t)))
        assert (again.cancelled, again.received, again.updated) == (False, 6, 0)
        assert seen[-1] == (6, 6)
    finally:
        context.close()


def test_remove_forgets_the_token(tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    status, out, _err = cli(data, clock, capsys, "account", "slack", "show", "--json")
    assert json.loads(out)["token_stored"] is True
    assert cli(data, clock, capsys, "account", "slack", "remove")[0] == 0
    assert memory_keyring.store == {}
    status, _report, err = sync(data, clock, capsys)
    assert status == 2
    assert "account slack set" in err


def test_the_window_job_reports_progress_and_words_errors(tmp_path, clock, server,
                                                          memory_keyring) -> None:
    from desktop.wiring.live_sources import SourceFailed, slack_job, slack_source

    paths = resolve_paths(str(tmp_path / "d"))
    secrets = SessionSecrets()
    token = server.api.token
    context = open_context(paths, clock)
    try:
        slack_source(context, paths, clock, secrets).save(server.url, "", server.api.token,
                                                         False)
    finally:
        context.close()
    seen: list[tuple[int, int]] = []
    report = slack_job(paths, clock, secrets, lambda d, t: seen.append((d, t)), lambda: False,
                       True)
    assert (report.received, seen[-1]) == (8, (6, 6))
    server.api.token = "xoxp-rotated"
    with pytest.raises(SourceFailed, match="invalid_auth"):
        slack_job(paths, clock, secrets, lambda d, t: None, lambda: False, True)
    assert scan_app_dirs({token}, tmp_path / "d") == []
