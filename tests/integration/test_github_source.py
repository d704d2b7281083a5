# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``account github`` and ``sync github`` against a local server that answers as GitHub's REST
reference documents (:mod:`tests.fakes.github_api`): paging, ``304``, ``X-Poll-Interval``,
a revoked token, rate limits with ``Retry-After``, Enterprise, marking threads done."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.cli import main
from desktop.platform.paths import resolve_paths
from desktop.wiring import github as wired
from desktop.wiring.services import open_context
from tests.fakes import FakeClock
from tests.fakes.github_api import GitHubApi, GitHubServer, thread
from tests.fakes.keyring_backend import MemoryKeyring
from tests.reliability.secret_scan import scan_app_dirs, scan_for_secrets

pytestmark = pytest.mark.integration
SERVICE = "org.unhurried.Unhurried"


@pytest.fixture(autouse=True)
def no_token_left_behind(tmp_path: Path) -> Iterator[None]:
    """After every test: the token is nowhere under the data, cache and config dirs (all
    under ``tmp_path``), nor in the logs there."""
    yield
    assert scan_for_secrets({GitHubApi().token}, [tmp_path]) == []


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def server() -> Iterator[GitHubServer]:
    running = GitHubServer()
    running.api.threads = [
        thread("101", "review_requested", "Add retry to uploads", "pulls", 7),
        thread("102", "mention", "Crash on start", "issues", 12),
        thread("103", "subscribed", "Dependency bump", "pulls", 13),
        thread("104", "assign", "Docs for the CLI", "issues", 14),
        thread("105", "comment", "Review the plan", "issues", 15),
        thread("106", "ci_activity", "Nightly failed", "commits", 1),
    ]
    yield running
    running.close()


def cli(data: Path, clock: FakeClock, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        status = main(["--data-dir", str(data), *argv], clock=clock)
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, out, err


def set_up(data: Path, clock: FakeClock, capsys, server: GitHubServer, *extra: str) -> None:
    status, out, err = cli(data, clock, capsys, "account", "github", "set", "--api", server.url,
                           "--token-stdin", *extra, stdin=server.api.token + "\n")
    assert (status, err) == (0, "")
    assert server.api.token not in out


def sync(data: Path, clock: FakeClock, capsys) -> tuple[int, dict | None, str]:
    status, out, err = cli(data, clock, capsys, "sync", "github", "--json")
    return status, (json.loads(out) if out else None), err


def test_threads_that_ask_something_arrive_paged_then_304_costs_nothing(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert memory_keyring.store == {(SERVICE, f"github:{server.url}"): server.api.token}
    status, report, err = sync(data, clock, capsys)
    assert (status, err) == (0, "")
    assert report["received"] == 4  # subscribed and CI activity ask nothing of the user
    assert (report["updated"], report["answered"], report["failed"]) == (0, 0, [])
    pages = [path for method, path, _h in server.api.requests if method == "GET"]
    assert len(pages) == 3  # six threads, two a page, followed by Link rel="next"
    assert pages[0].startswith("/notifications?all=true&per_page=50&since=2026-11-11T00:00:00Z")
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    rows = {r["subject"]: r for r in json.loads(out)}
    assert set(rows) == {"Add retry to uploads", "Crash on start", "Docs for the CLI",
                         "Review the plan"}
    assert {r["channel"] for r in rows.values()} == {"tracker"}
    status, out, _err = cli(data, clock, capsys, "show", rows["Add retry to uploads"]["id"],
                            "--json")
    shown = json.loads(out)
    assert shown["links"] == ["https://github.com/octo/hello/pull/7"]
    assert "review requested in octo/hello" in shown["body"]
    assert shown["priority"] == "high"

    clock.advance(seconds=61)
    server.api.requests.clear()
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"], report["not_modified"]) == (0, 0, True)
    [(_method, _path, headers)] = server.api.requests
    assert headers["If-Modified-Since"] == server.api.last_modified
    assert scan_app_dirs({server.api.token}, data) == []


def test_new_activity_counts_as_updated_and_a_thread_read_on_github_closes_its_request(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[1]["received"] == 4
    server.api.last_modified = "Thu, 26 Nov 2026 10:00:00 GMT"
    server.api.threads = [
        thread("102", "mention", "Crash on start", "issues", 12, "2026-11-26T09:30:00Z"),
        thread("104", "assign", "Docs for the CLI", "issues", 14, unread=False,
               last_read_at="2026-11-26T08:00:00Z"),
        thread("107", "team_mention", "Security review", "pulls", 20, "2026-11-26T09:40:00Z"),
    ]
    clock.advance(seconds=61)
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"], report["updated"], report["answered"]) == (0, 1, 1, 1)
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    assert "Docs for the CLI" not in {r["subject"] for r in json.loads(out)}


def test_the_poll_interval_is_kept_by_scheduled_syncs(tmp_path, clock, server,
                                                       memory_keyring) -> None:
    from desktop.platform.secrets import SessionSecrets

    context = open_context(resolve_paths(str(tmp_path / "d")), clock)
    try:
        wired.set_account(context, SessionSecrets(), server.url, server.api.token)
        assert wired.sync(context, SessionSecrets()).received == 4
        server.api.requests.clear()
        clock.advance(seconds=30)
        assert wired.sync(context, SessionSecrets()).wait_seconds == 30
        assert server.api.requests == []  # asked nothing before GitHub's interval
        clock.advance(seconds=30)
        assert wired.sync(context, SessionSecrets()).not_modified
    finally:
        context.close()


def test_a_revoked_token_exits_2_with_one_line_and_changes_nothing(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    server.api.token = "ghp_rotated"
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (2, None)
    assert len(err.splitlines()) == 1
    assert "refused the token" in err
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    assert json.loads(out) == []


def test_an_unreachable_server_exits_2_with_one_line(tmp_path, clock, capsys, server,
                                                     memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    server.close()
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (2, None)
    assert len(err.splitlines()) == 1
    assert "cannot be reached" in err


@pytest.mark.parametrize("code", [403, 429])
def test_retry_after_is_honoured(tmp_path, clock, capsys, server, memory_keyring, code) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    server.api.limited = (code, 120)
    status, report, err = sync(data, clock, capsys)
    assert (status, report) == (1, None)
    assert "wait 120 s" in err
    server.api.requests.clear()
    clock.advance(seconds=60)
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["wait_seconds"], report["received"]) == (0, 60, 0)
    assert server.api.requests == []  # even on demand: GitHub asked to wait
    clock.advance(seconds=61)
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"]) == (0, 4)


def test_github_enterprise_base_url(tmp_path, clock, capsys, memory_keyring) -> None:
    server = GitHubServer(prefix="/api/v3")
    try:
        server.api.threads = [thread("9", "mention", "On the company server", "issues", 3,
                                     host="https://git.example.org", repo="team/app")]
        data = tmp_path / "d"
        set_up(data, clock, capsys, server)
        status, report, _err = sync(data, clock, capsys)
        assert (status, report["received"]) == (0, 1)
        assert server.api.requests[0][1].startswith("/api/v3/notifications")
        status, out, _err = cli(data, clock, capsys, "list", "--json")
        [row] = json.loads(out)
        status, out, _err = cli(data, clock, capsys, "show", row["id"], "--json")
        assert json.loads(out)["links"] == ["https://git.example.org/team/app/issues/3"]
    finally:
        server.close()


@pytest.mark.parametrize("switch", [True, False])
def test_marking_done_marks_the_thread_done_on_github_only_when_switched_on(
        tmp_path, clock, capsys, server, memory_keyring, switch) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server, *(["--mark-done-on-github"] if switch else []))
    sync(data, clock, capsys)
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    target = next(r for r in json.loads(out) if r["subject"] == "Crash on start")
    assert cli(data, clock, capsys, "done", target["id"])[0] == 0
    for _round in range(2):
        clock.advance(seconds=61)
        status, _report, _err = sync(data, clock, capsys)
        assert status == 0
    assert server.api.done == (["102"] if switch else [])  # once, not on every sync
    status, out, _err = cli(data, clock, capsys, "account", "github", "show", "--json")
    assert json.loads(out) == {"api": server.url, "mark_done_on_github": switch,
                               "token_stored": True}


def test_remove_forgets_the_token_and_sync_then_says_how_to_set_up(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert cli(data, clock, capsys, "account", "github", "remove")[0] == 0
    assert memory_keyring.store == {}
    status, _report, err = sync(data, clock, capsys)
    assert status == 2
    assert "account github set" in err


def test_the_window_job_syncs_on_its_own_connection_and_words_errors(
        tmp_path, clock, server, memory_keyring) -> None:
    from desktop.platform.secrets import SessionSecrets
    from desktop.wiring.live_sources import SourceFailed, github_job, github_source

    paths = resolve_paths(str(tmp_path / "d"))
    secrets = SessionSecrets()
    token = server.api.token
    context = open_context(paths, clock)
    try:
        source = github_source(context, paths, clock, secrets)
        assert source.account() is None
        source.save(server.url, "", server.api.token, True)
        assert source.account() == {"api": server.url, "switch": True}
        seen: list[tuple[int, int]] = []
        report = github_job(paths, clock, secrets, lambda d, t: seen.append((d, t)),
                            lambda: False, False)
        assert (report.received, seen) == (4, [(0, 1), (1, 1)])
        assert github_job(paths, clock, secrets, lambda d, t: None, lambda: False,
                          False).wait_seconds == 60  # a scheduled sync keeps the interval
        server.api.token = "ghp_rotated"
        with pytest.raises(SourceFailed, match="refused the token"):
            github_job(paths, clock, secrets, lambda d, t: None, lambda: False, True)
    finally:
        context.close()
    assert scan_app_dirs({token}, tmp_path / "d") == []
