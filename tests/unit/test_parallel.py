# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parsing on every core: results in order, and nothing of the pool left behind (issue 21:
a manager thread left running printed "Bad file descriptor" at exit)."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator

from desktop.sources.parallel import AHEAD, CHUNK, SERIAL_BELOW, ordered_map


def doubled(chunk: list[int]) -> list[int]:
    return [n * 2 for n in chunk]


def _pool_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]


def test_results_come_in_input_order_and_the_pool_is_gone_after() -> None:
    tasks = list(range(SERIAL_BELOW + 50))
    assert list(ordered_map(doubled, tasks, workers=2)) == [n * 2 for n in tasks]
    assert _pool_threads() == []


def test_a_closed_import_leaves_no_pool_behind() -> None:
    results = ordered_map(doubled, list(range(SERIAL_BELOW * 3)), workers=2)
    assert next(results) == 0
    results.close()
    assert _pool_threads() == []


def test_tasks_are_read_as_they_are_needed_not_all_at_once() -> None:
    taken: list[int] = []

    def tasks() -> Iterator[int]:
        for n in range(SERIAL_BELOW * 10):
            taken.append(n)
            yield n

    results = ordered_map(doubled, tasks(), workers=2)
    for _n in range(CHUNK + 1):  # past the first chunk: the workers have started
        next(results)
    # the first chunk, the chunks in flight and the one sent after the first came back, not
    # the 4,000 tasks
    assert len(taken) <= (1 + AHEAD * 2 + 1) * CHUNK < SERIAL_BELOW * 10
    results.close()


def test_a_check_of_the_first_item_starts_no_worker() -> None:
    results = ordered_map(doubled, list(range(SERIAL_BELOW * 3)), workers=2)
    assert [next(results) for _n in range(CHUNK)] == [n * 2 for n in range(CHUNK)]
    assert multiprocessing.active_children() == []
    assert _pool_threads() == []
    results.close()


def test_few_tasks_from_a_generator_are_done_in_this_process() -> None:
    assert list(ordered_map(doubled, iter(range(SERIAL_BELOW - 1)), workers=2)) == [
        n * 2 for n in range(SERIAL_BELOW - 1)]
    assert _pool_threads() == []
