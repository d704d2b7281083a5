# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pure domain layer: dataclasses, rules and services. Standard library only, no clock reads."""
