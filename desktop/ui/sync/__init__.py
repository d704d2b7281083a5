# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync in the window: the account dialog, the status and the sync history."""
