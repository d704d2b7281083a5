# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Storage layer: the SQLite database (through sqlite-utils), migrations and repositories."""
