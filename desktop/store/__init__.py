# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Storage layer: the SQLite database (through sqlite-utils), migrations and repositories.

sqlite-utils is imported only when something needs more than the connection (migrations, a
repository using its table API): opening an up-to-date store and reading the queue go through
``sqlite3`` alone, which keeps 0.1-0.3 s of imports out of every window start. Modules of this
package therefore import ``sqlite_utils`` under ``TYPE_CHECKING`` only, and call
:func:`load_sqlite_utils` where they need it at run time.
"""

from __future__ import annotations

import sys
from types import ModuleType


def load_sqlite_utils() -> ModuleType:
    """Import sqlite-utils with pandas and numpy hidden from it.

    When they are installed, sqlite-utils imports both at import time only to map their column
    types; Unhurried never passes either, and the imports cost 0.6 s. A ``None`` in
    ``sys.modules`` makes an import fail; the entries go again, so later imports still work.
    """
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            sys.modules.pop(name, None)
    return sqlite_utils
