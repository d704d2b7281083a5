# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Qt widgets, item models, dialogs and the tray. Receives services through constructors."""
