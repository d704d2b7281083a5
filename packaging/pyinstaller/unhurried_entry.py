# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Entry point of the PyInstaller bundle: ``dist/unhurried/unhurried`` runs ``desktop.app``.

``freeze_support`` comes first: the mail importer parses on worker processes started with
``spawn``, and in a frozen app each worker is this same executable, which must become a worker
instead of opening a second window.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.app import main

    sys.exit(main())
