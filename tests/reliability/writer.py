# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A command-line writer for the two-process test: ``python -m tests.reliability.writer DIR
NAME N`` runs ``unhurried add`` N times (each opens the store afresh, as separate CLI calls
would), then ``priority`` on each. Exit status: the first failing command's, else 0."""

from __future__ import annotations

import contextlib
import io
import sys

from desktop.cli import main


def run(data_dir: str, name: str, count: int) -> int:
    ids = []
    for n in range(count):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["--data-dir", data_dir, "add", f"{name} {n}", "--from", name])
        if status:
            return status
        ids.append(out.getvalue().strip())
    for request_id in ids:
        status = main(["--data-dir", data_dir, "priority", request_id, "high"])
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], int(sys.argv[3])))
