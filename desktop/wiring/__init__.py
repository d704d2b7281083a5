# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The composition root's parts: building services from the store and the platform adapters
(imported only by app.py, cli.py and commands)."""
