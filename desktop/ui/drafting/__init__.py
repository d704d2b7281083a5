# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafting in the window: composing from templates, the draft window, the checked editor and the
outbox."""
