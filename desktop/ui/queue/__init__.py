# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue in the window: its item model, view, detail pane, add dialog and wake timer."""
