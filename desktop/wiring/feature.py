# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How a feature plugs into the window: ``install(window, setup)``, once, at start.

Every feature module in this package has an ``install`` of the :class:`Feature` shape: it
takes the window as the :class:`~desktop.ui.common.host.FeatureWindow` it declares and the run's
:class:`Setup`, adds its actions, banners and services, and returns what :mod:`desktop.app`
starts once the window shows and closes at quit. What one feature offers another (focus books
the stretches Health finds; a notification's Reply opens drafting's reply dialog) goes through
:class:`Links`, filled in as the features install.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.ports import Clock, SecretStore
from desktop.platform.paths import AppPaths
from desktop.wiring.services import Context

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.platform.single_instance import InstanceServer

    from desktop.ui.common.formatting import Formatter
    from desktop.ui.common.host import FeatureWindow

Stretches = list[tuple[datetime, datetime]]


def _not_installed(*_args: object) -> None:
    raise InvalidInput(_("This part of Unhurried is not available in this window."))


@dataclass(slots=True)
class Links:
    """What one feature offers the others, set by the feature that has it."""

    reply: Callable[[str], None] = _not_installed
    """Open the reply dialog for a request (drafting's)."""
    book_focus: Callable[[Stretches], None] = _not_installed
    """Plan focus blocks for free stretches (focus's); raises ``InvalidInput`` on overlap."""


@dataclass(frozen=True, slots=True)
class Setup:
    """What every feature's install receives: the store's services and the run's adapters."""

    app: QApplication
    context: Context
    paths: AppPaths
    clock: Clock
    formatter: Formatter
    language: str
    secrets: SecretStore
    """One per run: a password the keyring refused lasts till exit."""
    server: InstanceServer | None = None
    """Answers later starts' forwarded commands; ``None`` in a second window or a test."""
    links: Links = field(default_factory=Links)


class Installed(Protocol):
    """A feature in the window: started once the window shows, closed at quit."""

    def start(self) -> None:
        """Begin background work (a first sync, focus's first look at the queue)."""
        ...

    def close(self) -> None:
        """Stop threads and timers; what was done so far stays."""
        ...


class Feature(Protocol):
    """A feature's ``install``."""

    def __call__(self, window: FeatureWindow, setup: Setup, /) -> Installed: ...


class Settled:
    """An installed feature with nothing to start or stop: its actions are all it adds."""

    def start(self) -> None:
        """Nothing runs in the background."""

    def close(self) -> None:
        """Nothing to stop."""
