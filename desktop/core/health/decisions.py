# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Decisions: opened when a decision proposal is drafted or a request is marked as one, closed
when the decision is recorded. Decision speed (:mod:`desktop.core.health.measures`) is the time
between.

:class:`DecisionService` is what the window, the command line and the drafting feature call;
it takes ``now`` from the injected clock and raises :mod:`desktop.core.errors` exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.ports import Clock, DecisionRepository
from desktop.core.requests import new_id

MAX_TITLE = 500


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision to be made. Times are timezone-aware UTC."""

    id: str
    title: str
    opened_at: datetime
    request_id: str | None = None
    """The request marked "This is a decision", if it came from the queue."""
    draft_id: str | None = None
    """The decision-proposal draft it came from, if any."""
    decided_at: datetime | None = None
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        """Whether the decision is still to be made."""
        return self.decided_at is None


class UnknownDecision(InvalidInput):
    """No decision has the id given."""

    def __init__(self, decision_id: str) -> None:
        super().__init__(
            _("No decision with id '{id}'; 'unhurried decision list' shows the ids.").format(
                id=decision_id))
        self.decision_id = decision_id


class DecisionService:
    """Opens, records and lists decisions.

    Args:
        decisions: where decisions are kept.
        clock: the source of ``now``.
    """

    def __init__(self, decisions: DecisionRepository, clock: Clock) -> None:
        self._decisions = decisions
        self._clock = clock

    def open_decision(self, title: str, *, request_id: str | None = None,
                      draft_id: str | None = None) -> Decision:
        """Start the clock on a decision; a request or draft already open as one is returned
        as it is (marking twice opens one decision).

        Raises:
            InvalidInput: an empty title.
        """
        title = " ".join(title.split())[:MAX_TITLE]
        if not title:
            raise InvalidInput(_("A decision needs a title."))
        for existing in self._decisions.all():
            if existing.is_open and (
                    (request_id and existing.request_id == request_id)
                    or (draft_id and existing.draft_id == draft_id)):
                return existing
        decision = Decision(new_id(), title, self._clock.now(), request_id, draft_id)
        self._decisions.save(decision)
        return decision

    def decide(self, decision_id: str, outcome: str = "") -> Decision:
        """Record the decision as made now, with its ``outcome``.

        Raises:
            UnknownDecision: no such id (a unique prefix of four or more characters works).
            InvalidInput: the decision was already made.
        """
        decision = self.get(decision_id)
        if not decision.is_open:
            raise InvalidInput(_("That decision was already made; 'unhurried decision list' "
                                 "shows when."))
        made = replace(decision, decided_at=self._clock.now(), outcome=outcome.strip())
        self._decisions.save(made)
        return made

    def get(self, decision_id: str) -> Decision:
        """The decision with this id or a unique prefix of at least four characters.

        Raises:
            UnknownDecision: none, or the prefix is not unique.
        """
        found = self._decisions.get(decision_id)
        if found is not None:
            return found
        if len(decision_id) >= 4:
            matches = [d for d in self._decisions.all() if d.id.startswith(decision_id.lower())]
            if len(matches) == 1:
                return matches[0]
        raise UnknownDecision(decision_id)

    def for_request(self, request_id: str) -> Decision | None:
        """The latest decision opened for ``request_id``, if any."""
        found = [d for d in self._decisions.all() if d.request_id == request_id]
        return found[-1] if found else None

    def all(self) -> list[Decision]:
        """Every decision, oldest first."""
        return self._decisions.all()

    def put(self, decision: Decision) -> None:
        """Store a decision as given (undo puts an earlier state back)."""
        self._decisions.save(decision)

    def remove(self, decision_id: str) -> None:
        """Forget a decision (undo of opening it)."""
        self._decisions.delete(decision_id)
