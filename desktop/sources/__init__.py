# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importers: mail files, IMAP, chat exports, tracker CSV, calendars (one module per source)."""
