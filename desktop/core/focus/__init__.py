# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The focus feature: blocks, held notifications, plans and the focus service."""
