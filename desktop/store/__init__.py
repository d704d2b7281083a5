# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Storage layer: the SQLite database (through sqlite-utils), migrations and repositories."""

import sys


def _import_sqlite_utils_without_dataframes() -> None:
    """Import sqlite-utils with pandas and numpy hidden from it.

    When they are installed, sqlite-utils imports both at import time only to map their column
    types; Unhurried never passes either, and the imports cost 0.6 s of every start. A ``None``
    in ``sys.modules`` makes an import fail; the entries go again, so later imports still work.
    """
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            sys.modules.pop(name, None)


_import_sqlite_utils_without_dataframes()
