# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sync feature, pure part: synced items, merges and collection freshness."""
