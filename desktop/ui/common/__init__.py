# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Widgets and helpers every feature of the window shares: formatting, undo, form dialogs, the
worker-thread edge, settings and crash dialogs."""
