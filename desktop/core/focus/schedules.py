# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Recurring focus blocks (``mon-fri 09:00-11:00``): checking, adding and removing them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.errors import InvalidInput
from desktop.core.focus import plan
from desktop.core.focus.state import FocusSettings
from desktop.core.i18n import _
from desktop.core.ports import Clock, FocusRepository


class FocusSchedules:
    """Part of :class:`~desktop.core.focus.service.FocusService`, which sets the attributes
    declared here."""

    _repo: FocusRepository
    _clock: Clock
    _settings: Callable[[], FocusSettings]
    schedules: list[plan.FocusSchedule]

    def check_schedule(self, text: str, zone: str | None = None) -> plan.FocusSchedule:
        """What :meth:`add_schedule` would add, without adding it.

        Raises:
            InvalidInput: as :meth:`add_schedule`.
        """
        return plan.parse_schedule(text, zone or self._settings().zone, self._clock.now(),
                                   self.schedules)

    def add_schedule(self, text: str, zone: str | None = None) -> plan.FocusSchedule:
        """Add a recurring block such as ``mon-fri 09:00-11:00`` (in ``zone`` or the user's).

        Raises:
            InvalidInput: not that form, an unknown zone, or it overlaps another schedule.
        """
        schedule = self.check_schedule(text, zone)
        self._repo.save_schedule(schedule)
        self.schedules.append(schedule)
        return schedule

    def remove_schedule(self, prefix: str) -> plan.FocusSchedule:
        """Delete the schedule whose id starts with ``prefix`` (kept as a tombstone).

        Raises:
            InvalidInput: no schedule, or more than one, has that id.
        """
        found = [s for s in self.schedules if s.id.startswith(prefix.strip().lower())]
        if len(found) != 1 or not prefix.strip():
            raise InvalidInput(_("No focus schedule with id '{id}'; 'unhurried focus schedule "
                                 "list' shows the ids.").format(id=prefix))
        gone = plan.FocusSchedule(found[0].id, found[0].weekdays, found[0].span, found[0].zone,
                                  self._clock.now(), deleted_at=self._clock.now())
        self._repo.save_schedule(gone)
        self.schedules = [s for s in self.schedules if s.id != gone.id]
        return gone
