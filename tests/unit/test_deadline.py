# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deadline watchdog and the capped reader that every server exchange goes through."""

from __future__ import annotations

import io
import threading

import pytest

from desktop.core.sync.cleartext import is_cleartext_remote
from desktop.platform.deadline import CappedReader, DeadlinePassed, ReplyTooLarge, Watchdog


def test_the_watchdog_cuts_an_exchange_that_outlives_its_deadline():
    cut = threading.Event()
    with Watchdog(0.0, cut.set) as watchdog:
        assert cut.wait(5)  # the blocked read would return now
    assert watchdog.fired
    with pytest.raises(DeadlinePassed, match="within 0 s"):
        watchdog.check()


def test_the_watchdog_leaves_a_finished_exchange_alone():
    cut = threading.Event()
    with Watchdog(60, cut.set) as watchdog:
        pass
    watchdog.check()
    assert not watchdog.fired
    assert not cut.is_set()
    assert 0 < watchdog.remaining() <= 60


def test_an_abort_on_a_closed_connection_is_not_an_error():
    def gone() -> None:
        raise OSError("Bad file descriptor")

    done = threading.Event()
    with Watchdog(0.0, lambda: (done.set(), gone())) as watchdog:
        assert done.wait(5)
    assert watchdog.fired


def test_a_literal_larger_than_the_budget_is_refused_before_it_is_read():
    raw = io.BufferedReader(io.BytesIO(b"x" * 100))
    reader = CappedReader(raw, limit=50)
    with pytest.raises(ReplyTooLarge):
        reader.read(10**12)
    assert raw.tell() == 0  # nothing read, nothing allocated
    assert reader.read(40) == b"x" * 40
    with pytest.raises(ReplyTooLarge):
        reader.read(20)


def test_lines_have_their_own_smaller_budget_and_reset_starts_again():
    raw = io.BufferedReader(io.BytesIO(b"* line\r\n" * 100))
    reader = CappedReader(raw, limit=10_000, line_limit=24)
    assert reader.readline(1000) == b"* line\r\n"
    assert reader.readline(1000) == b"* line\r\n"
    assert reader.readline(1000) == b"* line\r\n"
    with pytest.raises(ReplyTooLarge) as caught:
        reader.readline(1000)
    assert caught.value.limit == 24
    reader.reset()
    assert reader.readline(1000) == b"* line\r\n"


@pytest.mark.parametrize(("url", "cleartext"), [
    ("http://dav.example.org/", True),
    ("HTTP://10.0.0.5:5232/", True),
    ("https://dav.example.org/", False),
    ("http://127.0.0.1:5232/", False),
    ("http://127.3.4.5/", False),
    ("http://localhost/dav/", False),
    ("http://[::1]:5232/", False),
])
def test_plain_http_counts_as_cleartext_only_off_this_machine(url, cleartext):
    assert is_cleartext_remote(url) is cleartext


class _LateTimer:
    """A timer thread that a busy machine has not scheduled yet: it never fires here."""

    daemon = False

    def __init__(self, _seconds: float, _function: object) -> None:
        pass

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        pass


def test_a_socket_timeout_at_the_deadline_is_the_deadline_even_before_the_timer_fires(
        monkeypatch):
    # the IMAP socket timeout equals the deadline; under load it can beat the timer thread,
    # and the user then read "did not answer in time" instead of the deadline's advice
    from desktop.platform import deadline
    from desktop.sources.imap_bounded import BoundedConnection, _Line

    monkeypatch.setattr(deadline.threading, "Timer", _LateTimer)

    class Stalled:
        def login(self, _user: str, _password: str) -> None:
            raise TimeoutError("timed out")

    connection = BoundedConnection(Stalled(), _Line(1024), 0.0)
    with pytest.raises(DeadlinePassed, match="within 0 s"):
        connection.login("ann", "secret")
    assert Watchdog(0.0, lambda: None).passed
    assert not Watchdog(60, lambda: None).passed
