# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parsing many messages on every core, results in input order.

Python's MIME parser is the cost of a mail import (it even compiles a regular expression per
multipart message), so work is spread over worker processes. They are started with
``spawn``, never ``fork``: the window imports from a thread, and forking a process that has
Qt's threads running can deadlock the child. On Linux each worker asks to be killed when the
thread that started it goes away, so a crashed or killed import leaves no process behind.

Only a bounded number of chunks is in flight, so memory stays flat however large the input,
and closing the generator (a cancelled import) drops the work not yet started.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

CHUNK = 100
"""Tasks sent to a worker at a time."""
SERIAL_BELOW = 400
"""With fewer tasks than this, starting workers costs more than it saves."""
AHEAD = 6
"""Chunks in flight per worker. The import stores 500 mails at a time while the workers go on
parsing; with 2 chunks a worker they ran out of work within each batch and waited, idle,
for half of it (the import took longer on 2 busy cores than in one process)."""


def ordered_map(work: Callable[[list[Task]], list[Result]], tasks: Iterable[Task], *,
                workers: int | None = None) -> Iterator[Result]:
    """``work`` applied to chunks of ``tasks``, the results flattened in input order.

    ``work`` must be a module-level function (it is sent to other processes).
    """
    # Streamed: holding every task (200,000 paths of a Maildir) grew the import by 70 MB.
    rest = _chunked(iter(tasks))
    head = list(islice(rest, SERIAL_BELOW // CHUNK))
    count = workers or min(os.cpu_count() or 1, 8)
    if count <= 1 or sum(map(len, head)) < SERIAL_BELOW:
        for chunk in chain(head, rest):
            yield from work(chunk)
        return
    # The first chunk here, before any worker starts: a caller that only checks the first item
    # (the command line does, before it creates the store) then never starts the pool.
    yield from work(head[0])
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=count, mp_context=context,
                               initializer=_die_with_parent)
    chunks = chain(head[1:], rest)
    try:
        pending: deque[Future[list[Result]]] = deque(
            pool.submit(work, chunk) for chunk in islice(chunks, AHEAD * count))
        while pending:
            results = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(work, chunk))
            yield from results
    finally:
        # Wait for the pool's manager thread: left running (wait=False), it raced the
        # interpreter's exit on Python 3.11 and printed "Exception ignored ... Bad file
        # descriptor" after a successful import (CPython gh-83279, gh-132969). Only chunks
        # already started are waited for, and each mail in them has a time budget.
        pool.shutdown(wait=True, cancel_futures=True)


def _chunked(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    while chunk := list(islice(tasks, CHUNK)):
        yield chunk


def _die_with_parent() -> None:
    """In a worker: be killed with the import that started it (Linux ``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before we asked
        os._exit(1)
