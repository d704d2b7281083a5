# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing in the window: files, CSV mappings, the mail account and mail sync."""
