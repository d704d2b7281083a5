# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync of requests (VTODO) and focus blocks (VEVENT)."""
