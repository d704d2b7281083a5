# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``python -m desktop``: the same entry point as the ``unhurried`` command."""

import sys

from desktop.app import main

if __name__ == "__main__":  # not when a worker process imports this module
    sys.exit(main())
