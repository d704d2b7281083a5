# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``account matrix`` and ``sync matrix`` against a real Synapse on 127.0.0.1: a DM and a
mention arrive, the next sync is incremental, the user's own reply closes requests, a thread
the user took part in brings its replies, an encrypted room is named, a stopped server is an
error with nothing written and the next sync completes, and a wrong password stores nothing."""

from __future__ import annotations

import asyncio
import io
import json
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from desktop.cli import main
from tests.fakes import FakeClock
from tests.fakes.keyring_backend import MemoryKeyring
from tests.reliability.secret_scan import scan_app_dirs, scan_for_secrets

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        import synapse  # noqa: F401
    except ImportError:
        message = "needs the matrix-synapse package: pip install matrix-synapse (the test extra)"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from tests.integration.synapse_server import SynapseServer

    server = SynapseServer(tmp_path_factory.mktemp("synapse"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_password_left_behind(tmp_path: Path) -> Iterator[None]:
    """After every test: the password is nowhere under the app's dirs (all under tmp_path)."""
    yield
    assert scan_for_secrets({PASSWORD}, [tmp_path]) == []


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


class Person:
    """A second client (matrix-nio) that acts in rooms as a user would."""

    def __init__(self, synapse: Any, name: str) -> None:
        self.user_id = synapse.register(name, PASSWORD)
        self.url = synapse.url

    def _run(self, job: Any) -> Any:
        async def go() -> Any:
            from nio import AsyncClient

            client = AsyncClient(self.url, self.user_id)
            try:
                await client.login(PASSWORD)
                return await job(client)
            finally:
                await client.close()

        return asyncio.run(go())

    def create(self, name: str, invite: list[str], *, direct: bool = False,
               encrypted: bool = False) -> str:
        state = [{"type": "m.room.encryption", "state_key": "",
                  "content": {"algorithm": "m.megolm.v1.aes-sha2"}}] if encrypted else []

        async def job(client: Any) -> str:
            response = await client.room_create(name=name or None, invite=invite,
                                                is_direct=direct, initial_state=state)
            return str(response.room_id)

        return self._run(job)

    def join(self, room_id: str) -> None:
        async def job(client: Any) -> None:
            await client.join(room_id)

        self._run(job)

    def say(self, room_id: str, text: str, *, mentions: list[str] | None = None,
            thread: str = "", kind: str = "m.room.message",
            content: dict[str, Any] | None = None) -> str:
        body: dict[str, Any] = content or {"msgtype": "m.text", "body": text}
        if mentions is not None:
            body["m.mentions"] = {"user_ids": mentions}
        if thread:
            body["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread}

        async def job(client: Any) -> str:
            response = await client.room_send(room_id, kind, body,
                                              ignore_unverified_devices=True)
            return str(response.event_id)

        return self._run(job)

    def say_many(self, room_id: str, texts: list[str]) -> None:
        async def job(client: Any) -> None:
            for text in texts:
                await client.room_send(room_id, "m.room.message",
                                       {"msgtype": "m.text", "body": text})

        self._run(job)


def cli(data: Path, clock: FakeClock, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        status = main(["--data-dir", str(data), *argv], clock=clock)
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, out, err


def sync(data: Path, clock: FakeClock, capsys) -> tuple[int, dict | None, str]:
    status, out, err = cli(data, clock, capsys, "sync", "matrix", "--json")
    return status, (json.loads(out) if out else None), err


def subjects(data: Path, clock: FakeClock, capsys) -> dict[str, dict]:
    status, out, _err = cli(data, clock, capsys, "list", "--json")
    assert status == 0
    return {r["subject"]: r for r in json.loads(out)}


def unique(name: str) -> str:
    return f"{name}{secrets.token_hex(3)}"


def test_dms_mentions_threads_and_the_users_own_replies(tmp_path, clock, capsys, synapse,
                                                        memory_keyring) -> None:
    ann, bob, carol = (Person(synapse, unique(n)) for n in ("ann", "bob", "carol"))
    dm = bob.create("", [ann.user_id], direct=True)
    ann.join(dm)
    group = bob.create("Team", [ann.user_id, carol.user_id])
    ann.join(group)
    carol.join(group)
    bob.say(dm, "Budget for Q1?")
    bob.say(group, "lunch anyone?", mentions=[])
    carol.say(group, "can you check the release notes?", mentions=[ann.user_id])
    data = tmp_path / "d"
    status, out, err = cli(data, clock, capsys, "account", "matrix", "set", synapse.url,
                           ann.user_id, "--password-stdin", stdin=PASSWORD + "\n")
    assert (status, err) == (0, "")
    [(_service, key)] = memory_keyring.store
    token = memory_keyring.store[(_service, key)]
    assert token != PASSWORD

    status, report, err = sync(data, clock, capsys)
    assert (status, err, report["received"], report["failed"]) == (0, "", 2, [])
    rows = subjects(data, clock, capsys)
    assert set(rows) == {"Budget for Q1?", "Team: can you check the release notes?"}
    assert rows["Budget for Q1?"]["channel"] == "chat"
    assert rows["Budget for Q1?"]["sender"].endswith(f"<{bob.user_id}>")
    status, out, _err = cli(data, clock, capsys, "show", rows["Budget for Q1?"]["id"], "--json")
    [link] = json.loads(out)["links"]
    assert link.startswith(f"https://matrix.to/#/{dm}/$")

    bob.say(dm, "And the slides?")
    status, report, _err = sync(data, clock, capsys)
    assert (report["received"], report["updated"]) == (1, 0)  # only what is new

    ann.say(dm, "Both done.")
    root = carol.say(group, "Release plan", mentions=[])
    ann.say(group, "I will take the notes", thread=root, mentions=[])
    carol.say(group, "Can you confirm by Friday?", thread=root, mentions=[])
    status, report, _err = sync(data, clock, capsys)
    assert (report["received"], report["answered"]) == (1, 2)
    rows = subjects(data, clock, capsys)
    assert set(rows) == {"Team: can you check the release notes?",
                         "Team: Can you confirm by Friday?"}
    assert scan_app_dirs({PASSWORD, token}, data) == []


def test_an_encrypted_room_is_named_not_skipped(tmp_path, clock, capsys, synapse,
                                                memory_keyring) -> None:
    ann, bob = Person(synapse, unique("ann")), Person(synapse, unique("bob"))
    room = bob.create("Secret plans", [ann.user_id], encrypted=True)
    ann.join(room)
    bob.say(room, "", kind="m.room.encrypted", content={
        "algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgAEnAC", "device_id": "X",
        "sender_key": "k", "session_id": "s"})
    data = tmp_path / "d"
    assert cli(data, clock, capsys, "account", "matrix", "set", synapse.url, ann.user_id,
               "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    status, report, _err = sync(data, clock, capsys)
    assert status == 0
    assert [p["reason"] for p in report["failed"]] == [
        "The room Secret plans is end-to-end encrypted; Unhurried cannot read its messages."]


def test_a_stopped_server_is_an_error_and_the_next_sync_completes(tmp_path, clock, capsys,
                                                                  synapse,
                                                                  memory_keyring) -> None:
    ann, bob = Person(synapse, unique("ann")), Person(synapse, unique("bob"))
    dm = bob.create("", [ann.user_id], direct=True)
    ann.join(dm)
    data = tmp_path / "d"
    assert cli(data, clock, capsys, "account", "matrix", "set", synapse.url, ann.user_id,
               "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    assert sync(data, clock, capsys)[1]["received"] == 0
    bob.say(dm, "Are you there?")
    synapse.stop()
    try:
        status, report, err = sync(data, clock, capsys)
        assert (status, report) == (2, None)
        assert "cannot be reached" in err
        assert len(err.splitlines()) == 1
        assert subjects(data, clock, capsys) == {}
    finally:
        synapse.start()
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"]) == (0, 1)


def test_a_wrong_password_exits_2_and_stores_nothing(tmp_path, clock, capsys, synapse,
                                                     memory_keyring) -> None:
    ann = Person(synapse, unique("ann"))
    status, out, err = cli(tmp_path / "d", clock, capsys, "account", "matrix", "set",
                           synapse.url, ann.user_id, "--password-stdin", stdin="wrong\n")
    assert (status, out) == (2, "")
    assert "refused the login" in err
    assert len(err.splitlines()) == 1
    assert memory_keyring.store == {}


def test_the_window_logs_in_once_and_syncs_on_its_own_connection(tmp_path, clock, synapse,
                                                                 memory_keyring) -> None:
    from desktop.platform.paths import resolve_paths
    from desktop.platform.secrets import SessionSecrets
    from desktop.wiring.live_sources import SourceFailed, matrix_job, matrix_source
    from desktop.wiring.services import open_context

    ann, bob = Person(synapse, unique("ann")), Person(synapse, unique("bob"))
    dm = bob.create("", [ann.user_id], direct=True)
    ann.join(dm)
    bob.say(dm, "Quick question")
    paths = resolve_paths(str(tmp_path / "d"))
    secrets_store = SessionSecrets()
    context = open_context(paths, clock)
    try:
        source = matrix_source(context, paths, clock, secrets_store)
        with pytest.raises(SourceFailed, match="refused the login"):
            source.save(synapse.url, ann.user_id, "wrong", False)
        assert source.account() is None
        source.save(synapse.url, ann.user_id, PASSWORD, False)
        assert source.account() == {"api": synapse.url, "user": ann.user_id, "switch": False}
    finally:
        context.close()
    report = matrix_job(paths, clock, secrets_store, lambda d, t: None, lambda: False, True)
    assert report.received == 1


def test_a_first_sync_reads_history_beyond_the_last_100_events_page_by_page(
        tmp_path, clock, capsys, synapse, memory_keyring) -> None:
    from desktop.platform.paths import resolve_paths
    from desktop.platform.secrets import SessionSecrets
    from desktop.store.source_accounts import SqliteSourceAccounts
    from desktop.wiring import matrix
    from desktop.wiring.services import open_context

    ann, bob = Person(synapse, unique("ann")), Person(synapse, unique("bob"))
    dm = bob.create("", [ann.user_id], direct=True)
    ann.join(dm)
    bob.say_many(dm, [f"old {n}" for n in range(60)])
    ann.say(dm, "answered all of the old ones")
    bob.say_many(dm, [f"question {n}" for n in range(190)])
    paths = resolve_paths(str(tmp_path / "d"))
    secrets_store = SessionSecrets()
    context = open_context(paths, clock)
    try:
        matrix.set_account(context, secrets_store, synapse.url, ann.user_id,
                           password=PASSWORD)
        pages: list[int] = []

        class Killed(Exception):
            pass

        def killed_after_one_page(report) -> None:
            pages.append(report.received)
            if len(pages) == 2:  # the /sync, then one page of history: then the app dies
                raise Killed

        with pytest.raises(Killed):  # a small page: several per room
            matrix.sync(context, secrets_store, committed=killed_after_one_page, page=40)
        assert pages == [100, 40]
        state = SqliteSourceAccounts(context.db).get("matrix")
        assert list(state["history"]) == [dm]
        pages.clear()
        report = matrix.sync(context, secrets_store, committed=lambda r: pages.append(
            r.received), page=40)
        assert pages[:3] == [0, 40, 10]  # goes on where it stopped; stops at the answer
        assert set(pages[3:]) <= {0}
        assert report.received == 50
        texts = [r.subject for r in context.requests.active()]
        assert sorted(texts) == sorted(f"question {n}" for n in range(190))
        assert SqliteSourceAccounts(context.db).get("matrix")["history"] == {}
        assert matrix.sync(context, secrets_store).received == 0
    finally:
        context.close()
