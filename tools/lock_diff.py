# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print every installed distribution whose version differs from the lock (``make
test-latest``): what an upstream release changed, beside a red or green run.

Usage: ``python tools/lock_diff.py packaging/requirements.lock.txt``
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``IMAPClient`` == ``imapclient``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def main(lock: Path) -> int:
    pinned: dict[str, set[str]] = {}
    for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", lock.read_text(), re.M):
        pinned.setdefault(normalized(name), set()).add(version)  # one per Python, by marker
    changed = sorted((d.metadata["Name"], ", ".join(sorted(pinned[key])), d.version)
                     for d in metadata.distributions()
                     if (key := normalized(d.metadata["Name"])) in pinned
                     and d.version not in pinned[key])
    for name, old, new in changed:
        print(f"{name}: {old} (lock) -> {new}")
    if not changed:
        print("(none: the newest releases are the locked ones)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
