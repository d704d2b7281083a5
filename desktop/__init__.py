# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unhurried: an async-first work desk (reply-by queue, focus blocks, drafting)."""

__version__ = "0.1.0"
APP_ID = "org.unhurried.Unhurried"
APP_NAME = "Unhurried"
