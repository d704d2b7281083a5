# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried --smoke``: start, open the store, show the window, prove the shipped parts load.

Part of the composition root. A packaged build (wheel, PyInstaller bundle, Flatpak) can miss a
file that a checkout has: a Qt plugin, Babel's locale data, keyring's backend list. Each check
below loads one such part the way the app does and raises if it cannot; ``--smoke`` prints
``SMOKE OK`` only when every check passed, and exits 1 otherwise.

Features add a check to :data:`SMOKE_CHECKS` when they ship something a bundle could lose (the
templates feature: render one shipped template in the sandbox; i18n: load a compiled catalogue).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING

from desktop import APP_ID
from desktop.wiring.demo import demo_requests
from desktop.wiring.services import Context

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMainWindow


@dataclass(frozen=True)
class SmokeTarget:
    """What a check can look at: the open store and services, the shown window, the app."""

    context: Context
    window: QMainWindow
    app: QGuiApplication


@dataclass(frozen=True)
class SmokeCheck:
    """One part a build must carry. ``run`` returns a short detail, or raises."""

    name: str
    run: Callable[[SmokeTarget], str]


def _store(target: SmokeTarget) -> str:
    return f"requests={target.context.requests.count()}"


def _window(target: SmokeTarget) -> str:
    if not target.window.isVisible():
        raise RuntimeError("the main window is not visible")
    return f"platform={target.app.platformName()}"


def _icon(target: SmokeTarget) -> str:
    from PySide6.QtGui import QIcon, QImageReader

    from desktop.platform.resources import resource_path

    icon = QIcon(str(resource_path("icons", f"{APP_ID}.svg")))
    if icon.pixmap(64, 64).isNull():
        raise RuntimeError("the SVG icon does not render (Qt's svg icon engine is missing)")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise RuntimeError("Qt's svg image format plugin is missing")
    return "svg"


def _demo(target: SmokeTarget) -> str:
    return f"demo={len(demo_requests(target.context.queue))}"


def _locale_data(target: SmokeTarget) -> str:
    from babel import Locale
    from babel.dates import format_datetime

    text = format_datetime(datetime(2026, 11, 25, 9, tzinfo=UTC), "EEEE", locale=Locale("de"))
    if text != "Mittwoch":
        raise RuntimeError(f"Babel's German locale data gave {text!r}")
    return "babel"


def _holidays(target: SmokeTarget) -> str:
    from desktop.platform.holidays import holiday_lookup, supported_regions

    if "DE" not in supported_regions():
        raise RuntimeError("the holidays package lists no countries")
    days = list(holiday_lookup("DE", "BE")(2026))
    if len(days) < 9:
        raise RuntimeError("the holidays package gave no German holidays")
    return f"holidays={metadata.version('holidays')}"


def _keyring(target: SmokeTarget) -> str:
    names = {entry.name for entry in metadata.entry_points(group="keyring.backends")}
    if "SecretService" not in names:
        raise RuntimeError("keyring's backend list (its package metadata) is missing")
    importlib.import_module("keyring.backends.SecretService")
    return "keyring"


def _notifications(target: SmokeTarget) -> str:
    importlib.import_module("plyer.platforms.linux.notification")
    return "plyer"


def _template(target: SmokeTarget) -> str:
    from desktop.core.drafting.templates import fill
    from desktop.platform.resources import resource_path
    from desktop.platform.templates import TemplateLibrary

    library = TemplateLibrary(resource_path("templates"), None, own_zone="UTC")
    template = library.get("status")
    examples = {f.name: f.example for f in template.fields if f.example}
    filled = fill(template, examples, now=datetime(2026, 11, 25, 9, tzinfo=UTC), zone="UTC")
    if not filled.ok:
        raise RuntimeError(f"the status template's examples do not fill it: {filled.errors}")
    rendered = library.render(template, filled.values)
    if not rendered.body.strip():
        raise RuntimeError("the status template rendered nothing")
    return f"templates={len(library.templates())}"


def _catalogue(target: SmokeTarget) -> str:
    import gettext

    from desktop.platform.resources import resource_path

    german = gettext.translation("unhurried", str(resource_path("locale")), ["de"])
    if german.gettext("Overdue") == "Overdue":
        raise RuntimeError("the compiled German catalogue is missing")
    return "catalogues"


def _actions(target: SmokeTarget) -> str:
    from desktop.ui.common.action_check import clashes

    problems = clashes(target.window)
    if problems:
        raise RuntimeError("; ".join(problems))
    return "actions"


SMOKE_CHECKS: list[SmokeCheck] = [
    SmokeCheck("store", _store),
    SmokeCheck("window", _window),
    SmokeCheck("icon", _icon),
    SmokeCheck("demo", _demo),
    SmokeCheck("locale-data", _locale_data),
    SmokeCheck("holidays", _holidays),
    SmokeCheck("keyring", _keyring),
    SmokeCheck("notifications", _notifications),
    SmokeCheck("template", _template),
    SmokeCheck("catalogue", _catalogue),
    SmokeCheck("actions", _actions),
]


def run_smoke_checks(target: SmokeTarget, checks: list[SmokeCheck] | None = None) -> int:
    """Run every check; print ``SMOKE OK …`` or each failure. Returns the exit status."""
    details: list[str] = []
    failed = False
    for check in SMOKE_CHECKS if checks is None else checks:
        try:
            details.append(check.run(target))
        except Exception as error:  # a check reports any failure; none may stop the others
            print(f"SMOKE FAILED {check.name}: {type(error).__name__}: {error}",
                  file=sys.stderr)
            failed = True
    if failed:
        return 1
    print("SMOKE OK " + " ".join(details))
    return 0
