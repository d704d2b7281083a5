# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The importing feature: what importers hand over, CSV mappings and the IMAP account."""
