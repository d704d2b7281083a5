# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub, Slack and Matrix in the window: their sync jobs (each on a store connection of its
own, on the window's worker thread) and their account callbacks, handed to
:class:`desktop.ui.importing.live_source.LiveSourceController`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.core.errors import CoreError
from desktop.core.i18n import _
from desktop.core.importing.github_notifications import DEFAULT_API as GITHUB_API
from desktop.core.importing.slack_messages import DEFAULT_API as SLACK_API
from desktop.core.ports import Clock, SecretStore
from desktop.platform.paths import AppPaths
from desktop.wiring import github, matrix, slack
from desktop.wiring.services import Context, open_context
from desktop.wiring.source_report import SourceReport

if TYPE_CHECKING:
    from desktop.wiring.feature import Setup

    from desktop.ui.common.host import FeatureWindow
    from desktop.ui.importing.live_source import LiveSource, LiveSourceController

GITHUB_MINUTES = 2
"""The window asks this often; GitHub's ``X-Poll-Interval`` may make it skip a turn."""
SLACK_MINUTES = 5
MATRIX_MINUTES = 1
"""Matrix stays live (a long-poll loop); the timer restarts the loop when it stopped."""


class SourceFailed(CoreError):
    """A live source could not be synced; the message says why, in one line."""


def github_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
               progress: Callable[[int, int], None], cancelled: Callable[[], bool],
               asked: bool) -> SourceReport:
    """One GitHub sync; one the user asked for does not wait for GitHub's poll interval."""
    from desktop.sources.github import GitHubError

    context = open_context(paths, clock)
    try:
        progress(0, 1)
        report = github.sync(context, secrets, force=asked)
        progress(1, 1)
        return report
    except GitHubError as error:
        raise SourceFailed(error.message) from None
    finally:
        context.close()


def slack_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
              progress: Callable[[int, int], None], cancelled: Callable[[], bool],
              asked: bool) -> SourceReport:
    """One Slack sync; a wait Slack asks for ends early when the user cancels."""
    from desktop.sources.slack_api import SlackError

    def sleep(seconds: float) -> None:
        end = time.monotonic() + seconds
        while not cancelled() and time.monotonic() < end:
            time.sleep(min(0.2, max(0.0, end - time.monotonic())))

    context = open_context(paths, clock)
    try:
        return slack.sync(context, secrets, progress=progress, cancelled=cancelled, sleep=sleep)
    except SlackError as error:
        raise SourceFailed(error.message) from None
    finally:
        context.close()


def matrix_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
               progress: Callable[[int, int], None], cancelled: Callable[[], bool],
               asked: bool) -> SourceReport:
    """One Matrix sync and the history it left out; a cancel stops between pages."""
    from desktop.sources.matrix import Cancelled, MatrixError

    context = open_context(paths, clock)
    try:
        progress(0, 1)
        report = matrix.sync(context, secrets, cancelled=cancelled)
        progress(1, 1)
        return report
    except Cancelled:
        return SourceReport(cancelled=True)
    except MatrixError as error:
        raise SourceFailed(error.message) from None
    finally:
        context.close()


def github_source(context: Context, paths: AppPaths, clock: Clock,
                  secrets: SecretStore) -> LiveSource:
    """GitHub as the window sees it."""
    from functools import partial

    from desktop.ui.importing.live_source import LiveSource

    def account() -> dict[str, Any] | None:
        state = github.account(context)
        return None if state is None else {"api": state.get("api"),
                                           "switch": bool(state.get("mark_done"))}

    def save(api: str, user: str, token: str | None, switch: bool) -> None:
        checked = github.check_api(api or GITHUB_API)
        stored = secrets.get(github.secret_key(checked))
        if token is None and stored is None:
            raise SourceFailed(_("Enter the token."))
        github.set_account(context, secrets, checked, token or stored or "", mark_done=switch)

    return LiveSource("GitHub", partial(github_job, paths, clock, secrets), account, save,
                      GITHUB_API, _("Marking a request done marks its thread done on GitHub"),
                      GITHUB_MINUTES)


def slack_source(context: Context, paths: AppPaths, clock: Clock,
                 secrets: SecretStore) -> LiveSource:
    """Slack as the window sees it."""
    from functools import partial

    from desktop.ui.importing.live_source import LiveSource

    def account() -> dict[str, Any] | None:
        state = slack.account(context)
        return None if state is None else {"api": state.get("api"), "switch": False}

    def save(api: str, user: str, token: str | None, switch: bool) -> None:
        checked = slack.check_api(api or SLACK_API)
        stored = secrets.get(slack.secret_key(checked))
        if token is None and stored is None:
            raise SourceFailed(_("Enter the token."))
        slack.set_account(context, secrets, token or stored or "", checked)

    return LiveSource("Slack", partial(slack_job, paths, clock, secrets), account, save,
                      SLACK_API, "", SLACK_MINUTES)


def matrix_source(context: Context, paths: AppPaths, clock: Clock,
                  secrets: SecretStore) -> LiveSource:
    """Matrix as the window sees it: the password logs in once; the token is kept."""
    from functools import partial

    from desktop.sources.matrix import MatrixError

    from desktop.ui.importing.live_source import LiveSource

    def account() -> dict[str, Any] | None:
        state = matrix.account(context)
        return None if state is None else {"api": state.get("homeserver"),
                                           "user": state.get("user_id"), "switch": False}

    def save(api: str, user: str, password: str | None, switch: bool) -> None:
        if password is None:  # nothing new typed: the stored login stays
            return
        try:
            matrix.set_account(context, secrets, api, user, password=password)
        except MatrixError as error:
            raise SourceFailed(error.message) from None

    from desktop.wiring.matrix_live import matrix_live_job

    return LiveSource("Matrix", partial(matrix_job, paths, clock, secrets), account, save,
                      "https://matrix.org", "", MATRIX_MINUTES, _("&User id"), _("&Password"),
                      live=partial(matrix_live_job, paths, clock, secrets),
                      api_label=_("&Homeserver"))


def install_live_sources(window: FeatureWindow, setup: Setup) -> list[LiveSourceController]:
    """GitHub, Slack and Matrix controllers, installed in the File menu (before Load demo
    data) and the status bar."""
    from desktop.ui.importing.live_source import LiveSourceController

    context, paths, clock, secrets = setup.context, setup.paths, setup.clock, setup.secrets
    controllers = []
    for make in (github_source, slack_source, matrix_source):
        controller = LiveSourceController(context.queue, make(context, paths, clock, secrets),
                                          window.main_window(), clock_text=setup.formatter.clock)
        controller.install(window.file_menu, window.demo_action)
        controllers.append(controller)
    return controllers
