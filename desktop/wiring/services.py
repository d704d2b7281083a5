# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Wiring shared by the window and the command line: open the store and build the services.

Importers are imported where they run, not here: the window's start does not need them.

Part of the composition root (with ``app.py`` and ``cli.py``): the only modules that know
every layer.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.drafting.drafts import DraftService
from desktop.core.drafting.outbox import DeliveryReport, Outbox
from desktop.core.errors import InvalidInput
from desktop.core.focus.notices import Moment
from desktop.core.focus.quiet import DesktopQuiet, DesktopQuieter, quieted_by
from desktop.core.focus.service import FocusService, focus_settings
from desktop.core.health.decisions import DecisionService
from desktop.core.i18n import _
from desktop.core.importing.items import ImportReport, Incoming, Problem
from desktop.core.people import PeopleDirectory, Source
from desktop.core.ports import Clock, Notifier, SecretStore
from desktop.core.queue.service import QueueService
from desktop.core.requests import State
from desktop.core.settings import Settings
from desktop.platform.clock import SystemClock
from desktop.platform.holidays import cached_holiday_lookup, holiday_lookup
from desktop.platform.paths import AppPaths
from desktop.platform.timezone import system_zone
from desktop.store.calendar_repository import SqliteCalendarRepository
from desktop.store.db import open_database, open_reader, transaction, tune_for_bulk_writes
from desktop.store.decision_repository import SqliteDecisionRepository
from desktop.store.diagnosis import explain
from desktop.store.draft_repository import SqliteDraftRepository, SqliteSmtpAccountStore
from desktop.store.focus_history import StoreFocusHistory
from desktop.store.focus_repository import SqliteFocusRepository
from desktop.store.history_repository import SqliteRequestHistory
from desktop.store.quiet_repository import SqliteQuietRecords
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore

if TYPE_CHECKING:
    import sqlite_utils

    from desktop.core.health.measures import WeekFigures
    from desktop.core.health.off_hours import DeliveredReply
    from desktop.core.health.stats import StatsService


logger = logging.getLogger(__name__)


@dataclass
class Context:
    """An open store and the services on it."""

    db: sqlite_utils.Database
    requests: SqliteRequestRepository
    queue: QueueService
    clock: Clock
    in_memory: bool = False

    def atomic(self) -> AbstractContextManager[object]:
        """One write transaction on the store (nested ones join it)."""
        return transaction(self.db)

    def close(self) -> None:
        """Close the database connection."""
        self.db.conn.close()


def open_context(
    paths: AppPaths | None, clock: Clock | None = None, *, create: bool = True
) -> Context:
    """Open the store under ``paths`` and build the services.

    With ``create=False`` and no database yet, an empty in-memory store stands in, so read-only
    commands and input checks never create files.

    Raises:
        desktop.store.errors.StoreError: the database cannot be opened (message for the user).
    """
    clock = clock or SystemClock()
    target: Path | str = ":memory:"
    in_memory = paths is None or (not create and not paths.database.exists())
    if not in_memory and paths is not None:
        target = paths.database
    db = open_database(target, clock.now())
    try:
        requests = SqliteRequestRepository(db)
        lookup = holiday_lookup if paths is None else cached_holiday_lookup(paths.cache_dir)
        queue = QueueService(requests, SqliteSettingsStore(db), clock, lookup, system_zone(),
                             SqliteRequestHistory(db))
    except sqlite3.Error as error:  # damage found while reading the settings
        db.conn.close()
        found = explain(error, target)
        if found is None:
            raise
        raise found from error
    return Context(db, requests, queue, clock, in_memory)


def open_focus(context: Context, notifier: Notifier,
               moment: Moment | None = None, *, reader: bool = False) -> FocusService:
    """The focus service on the context's store; settings are read afresh at every event.
    With ``reader`` it reads the queue on a connection of its own (:func:`open_reader`), as
    the window's focus controller does on its workers."""
    store = SqliteSettingsStore(context.db)
    zone = context.queue.settings.timezone
    records = SqliteQuietRecords(context.db)
    requests = SqliteRequestRepository(open_reader(context.db)) if reader else context.requests
    return FocusService(SqliteFocusRepository(context.db), requests, context.clock,
                        notifier, lambda: focus_settings(store.values(), zone), moment,
                        desktop_quieted=lambda: quieted_by(records.get()))


def reading_search(context: Context) -> Callable[[str], list[str]]:
    """:meth:`QueueService.search` on a connection of its own (:func:`open_reader`), for the
    window's search worker: a slow prefix search no longer holds up the window's reads."""
    repository = SqliteRequestRepository(open_reader(context.db))

    def search(query: str) -> list[str]:
        return repository.search(query, 500) if query.strip() else []

    return search


def desktop_quieter(context: Context,
                    find: Callable[[], DesktopQuiet | None]) -> DesktopQuieter:
    """Quiets the desktop ``find`` names (asked when first needed) during focus blocks
    while the ``quiet_desktop`` setting is on."""
    store = SqliteSettingsStore(context.db)

    def enabled() -> bool:
        return Settings.from_text(store.values()).quiet_desktop

    return DesktopQuieter(find, SqliteQuietRecords(context.db), context.clock.now, enabled)


def apply_autostart(context: Context,
                    run: Callable[[Callable[[], None]], None] = lambda work: work()) -> None:
    """Write or remove the autostart entry as the ``start_at_login`` setting says (a folder
    that cannot be written is logged: the setting stays, and the next start tries again);
    inside Flatpak ask the Background portal instead, through ``run`` (the window runs it on
    its background-operation helper: the portal may ask the user first)."""
    from desktop.platform.autostart import in_flatpak, set_autostart
    from desktop.wiring.portals import ask_background

    if in_flatpak():
        enabled = context.queue.settings.start_at_login
        run(lambda: ask_background(enabled))
        return
    try:
        set_autostart(context.queue.settings.start_at_login)
    except OSError as error:
        logger.warning("autostart entry not written: %s", error)


def run_import_job(
    paths: AppPaths,
    clock: Clock,
    kind: str,
    path: Path,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """One import on a store connection of its own (it runs on the window's worker thread);
    ``mapping`` gives the columns of a CSV file that no preset fits."""
    from desktop.sources import read_source
    from desktop.sources.runner import run_import

    context = open_context(paths, clock)
    try:
        if kind == "ics":
            return import_calendar(context, path)
        if kind == "slack":
            items = slack_items(path, context.queue.settings.me)
        else:
            items = read_source(kind, path, mapping=mapping,
                                zone=ZoneInfo(context.queue.settings.timezone))
        tune_for_bulk_writes(context.db)
        return run_import(context.queue, items, progress=progress, cancelled=cancelled,
                          learn=people_learner(context), atomic=context.atomic)
    finally:
        context.close()


def slack_items(path: Path, me: Sequence[str],
                workspace: str | None = None) -> Iterable[Incoming | Problem]:
    """A Slack export read for the first of the user's identities it knows.

    Raises:
        InvalidInput: no identity is set, or the export knows none of them.
    """
    from desktop.sources import read_source

    if not me:
        raise InvalidInput(_("Say who you are in the export: your Slack id, name or email, "
                             "with --me or once for all with: unhurried config set me NAME."))
    for identity in me[:-1]:
        try:
            return read_source("slack", path, me=identity, workspace=workspace)
        except InvalidInput:
            continue
    return read_source("slack", path, me=me[-1], workspace=workspace)


# -- measures: calendars, decisions, stats ------------------------------------------------------

CALENDAR_WEEKS_BACK = 53
"""How far back an imported calendar is expanded (the Health view shows up to 52 weeks)."""
CALENDAR_WEEKS_AHEAD = 6
"""How far ahead it is expanded (Find focus time looks one week ahead)."""


def import_calendar(context: Context, path: Path) -> ImportReport:
    """Read an ``.ics`` file and replace that calendar's stored events with it.

    Recurring series are expanded from :data:`CALENDAR_WEEKS_BACK` weeks ago to
    :data:`CALENDAR_WEEKS_AHEAD` weeks ahead; importing again later moves that range along.

    Raises:
        InvalidInput: the file cannot be read or is not a calendar.
    """
    from desktop.sources.ics import read_ics

    now = context.clock.now()
    read = read_ics(path, now - timedelta(weeks=CALENDAR_WEEKS_BACK),
                    now + timedelta(weeks=CALENDAR_WEEKS_AHEAD),
                    floating_zone=ZoneInfo(context.queue.settings.timezone))
    stored = SqliteCalendarRepository(context.db).replace_calendar(read.calendar_id, read.events)
    people = open_people(context)
    me = {m.lower() for m in context.queue.settings.me}
    for address, zone in read.organizer_zones.items():
        if address not in me:
            people.learn(address, Source.CALENDAR, zone=zone)
    return ImportReport(imported=stored, failed=list(read.problems))


def compute_weeks(paths: AppPaths, clock: Clock, weeks: int) -> list[WeekFigures]:
    """The measures of the last ``weeks`` weeks on a store connection of its own (it runs on
    the Health view's worker thread)."""
    context = open_context(paths, clock)
    try:
        return stats_service(context).weeks(weeks)
    finally:
        context.close()


def decision_service(context: Context) -> DecisionService:
    """Decisions on the context's store."""
    return DecisionService(SqliteDecisionRepository(context.db), context.clock)


def stats_service(context: Context) -> StatsService:
    """The health measures on the context's store."""
    from desktop.core.health.stats import StatsService  # the measures load when first looked at

    return StatsService(context.queue, SqliteCalendarRepository(context.db),
                        SqliteDecisionRepository(context.db), StoreFocusHistory(context.db),
                        context.requests, partial(delivered_replies, context))


def delivered_replies(context: Context, start: datetime, end: datetime) -> list[DeliveredReply]:
    """Replies the outbox delivered in ``[start, end)``, each with its recipient's zone and
    hours from the people directory (the zone the draft was planned in when it knows none)."""
    from desktop.core.drafting.drafts import DraftState
    from desktop.core.health.off_hours import DeliveredReply

    people = open_people(context)
    out = []
    for draft in SqliteDraftRepository(context.db).all():
        if (draft.state is not DraftState.SENT or not draft.reply_to or draft.sent_at is None
                or not start <= draft.sent_at < end):
            continue
        person = people.find(draft.recipient) if draft.recipient else None
        zone_name = (person.zone if person else "") or draft.recipient_zone
        try:
            zone = ZoneInfo(zone_name) if zone_name else None
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
        hours = person.working_hours if person else None
        out.append(DeliveredReply(draft.sent_at, zone, hours))
    return out


# -- drafting (issue 6) ---------------------------------------------------------------------------


@dataclass
class Drafting:
    """The drafts, the outbox and the SMTP account on one store connection."""

    drafts: DraftService
    outbox: Outbox
    accounts: SqliteSmtpAccountStore


def open_drafting(context: Context) -> Drafting:
    """The drafting services on ``context``'s store."""
    repository = SqliteDraftRepository(context.db)
    queue = context.queue

    def close(request_id: str) -> None:  # one the user closed already keeps its done time
        if queue.get(request_id).state is not State.DONE:
            queue.done(request_id)

    def posts_back(request_id: str) -> bool:
        from desktop.wiring.postback import posts_back as chat

        return chat(context, request_id)

    outbox = Outbox(repository, context.clock, close_request=close, posts_back=posts_back)
    return Drafting(DraftService(repository, context.clock), outbox,
                    SqliteSmtpAccountStore(context.db))


def open_people(context: Context) -> PeopleDirectory:
    """The people directory on ``context``'s store."""
    from desktop.store.people_repository import SqlitePeopleRepository

    return PeopleDirectory(SqlitePeopleRepository(context.db), context.clock)


def people_learner(context: Context) -> Callable[[Incoming], None]:
    """What an import tells the people directory about each sender: their name, and their
    zone where the source says it (never over a stronger or an edited value)."""
    people = open_people(context)
    seen: dict[tuple[str, str, str], None] = {}

    def learn(item: Incoming) -> None:
        key = (item.sender, item.sender_zone, item.zone_source)
        if key in seen or not item.sender.strip():
            return
        seen[key] = None
        source = Source(item.zone_source) if item.zone_source else Source.MAIL_DATE
        if item.sender_zone:
            people.learn(item.sender, source, zone=item.sender_zone)
        else:
            people.learn(item.sender, source)

    return learn


def deliver_outbox(paths: AppPaths | None, clock: Clock, secrets: SecretStore,
                   context: Context | None = None) -> DeliveryReport:
    """Send the due drafts (on a store connection of its own unless ``context`` is given: it
    runs on the window's worker thread). Nothing happens without an SMTP or Slack account."""
    from desktop.platform.smtp import SmtpTransport  # with smtplib, ssl and email: when sending

    own = context is None
    ctx = open_context(paths, clock) if context is None else context
    try:
        drafting = open_drafting(ctx)
        from desktop.wiring.postback import routed_transport

        account = drafting.accounts.get()
        mail = None if account is None else SmtpTransport(
            account, secrets.get(account.secret_key),
            deadline=ctx.queue.settings.network_deadline)
        transport = routed_transport(ctx, secrets, mail)
        if transport is None:
            return DeliveryReport()
        return drafting.outbox.deliver_due(transport,
                                           "" if account is None else account.from_address)
    finally:
        if own:
            ctx.close()
