# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drafting feature: templates, drafts, the context checker, quick fixes, replies and send-
later."""
