# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak resident memory of this process alone, and a wrapper that reports a module's.

``ru_maxrss`` is the wrong figure for a child: the kernel keeps the highest RSS across
``execve`` (``signal->maxrss``), and Python starts children with vfork, so a child inherits
the bench parent's peak (both first-paint lines printed 189.9 MB). ``VmHWM`` in
``/proc/self/status`` belongs to the current address space, which ``execve`` replaces.

    python tests/bench/peak.py -m desktop import maildir DIR --json
        runs the module as ``python -m`` would and prints ``PEAK_RSS_MB <n>`` on stderr last.
"""

from __future__ import annotations

import runpy
import sys


def peak_rss_mb() -> float:
    """The high-water mark of this process's resident memory, in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] != "-m":
        sys.exit("usage: peak.py -m MODULE [ARGS…]")
    module = sys.argv[2]
    sys.argv = [module, *sys.argv[3:]]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        print(f"PEAK_RSS_MB {peak_rss_mb():.1f}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
