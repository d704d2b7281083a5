# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Background work has one way in: no module starts a thread except the Operation helper.

Reads the source (no imports): any use of ``threading.Thread``, ``QThread``, a thread pool or
``QtConcurrent`` outside the allowed modules fails, naming the module and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).parent
THREAD_NAMES = {"Thread", "QThread", "QThreadPool", "QRunnable", "ThreadPoolExecutor",
                "QtConcurrent", "start_new_thread"}
ALLOWED = {
    "ui/common/operation.py": "the one background-operation helper of the window",
    "store/prefetch.py": "the store reads the queue while the window is built, before any "
                         "window exists; a store module cannot use a ui helper",
    "sync/engine.py": "inside a sync job (already on the Operation's thread, or the CLI's), "
                      "one reader fetches the next batch while this one is stored; the sync "
                      "layer cannot use a ui helper",
}


def _thread_uses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        name = (node.attr if isinstance(node, ast.Attribute)
                else node.id if isinstance(node, ast.Name) else None)
        if name in THREAD_NAMES:
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            lines += [node.lineno for alias in node.names if alias.name in THREAD_NAMES]
    return lines


def test_no_module_but_the_helper_starts_a_thread() -> None:
    found = {f"{path.relative_to(ROOT).as_posix()}:{line}"
             for path in ROOT.rglob("*.py")
             if path.relative_to(ROOT).as_posix() not in ALLOWED
             for line in _thread_uses(path)}
    assert found == set(), "use desktop.ui.common.operation.Operation instead"


def test_the_check_sees_a_thread() -> None:
    assert _thread_uses(ROOT / "ui" / "common" / "operation.py")
    assert _thread_uses(ROOT / "store" / "prefetch.py")
    assert _thread_uses(ROOT / "sync" / "engine.py")
