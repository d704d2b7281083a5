# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus in the window: the Focus menu, banners, dialogs and the tray."""
