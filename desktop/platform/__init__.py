# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adapters to the operating system: clock, paths, resources, holidays, language, single
instance, and later notifications and secrets. Each implements a small core port."""
