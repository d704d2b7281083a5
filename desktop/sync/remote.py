# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CalDAV server, through the ``caldav`` client library.

The library does the HTTP session, authentication and discovery (principal, collections). The
few WebDAV requests sync needs are sent through its client so each answer can be judged on its
own: ``sync-collection`` (RFC 6578) for what changed since a token, a ``PROPFIND`` of ETags
where the server has no tokens, ``calendar-multiget`` in batches (falling back to one ``GET``
per item, so one broken item fails alone), and ``PUT``/``DELETE`` with ``If-Match`` /
``If-None-Match`` so nothing is overwritten unseen.

Every failure becomes a :mod:`desktop.sync.errors` exception with a sentence for the user.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast
from urllib.parse import quote, unquote, urljoin, urlsplit

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from lxml import etree

from desktop.core.sync.freshness import Stamp, stamp_of
from desktop.platform.deadline import DEFAULT_DEADLINE_S, DeadlinePassed, ReplyTooLarge
from desktop.sync.bounded_session import BoundedSession
from desktop.sync.errors import (
    BadItem,
    Conflict412,
    ServerFailed,
    ServerRefused,
    ServerUnreachable,
)
from desktop.sync.ports import Changes, Fetched

logger = logging.getLogger(__name__)

MAX_ITEM_BYTES = 1_000_000
"""An item larger than this is skipped (a calendar object is a few kilobytes)."""

_RESOURCETYPE = ("<?xml version='1.0' encoding='utf-8'?><d:propfind xmlns:d='DAV:'>"
                 "<d:prop><d:resourcetype/></d:prop></d:propfind>")
_NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}
_XML = "application/xml; charset=utf-8"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    """A calendar collection on the server, for the collections picker."""

    url: str
    name: str
    components: tuple[str, ...]


def _status_code(text: str | None) -> int:
    try:
        return int((text or "").split()[1])
    except (IndexError, ValueError):
        return 0


class CalDavRemote:
    """One account on a CalDAV server.

    Args:
        url: the server or principal URL the user gave.
        user: the login.
        password: the password (from the keyring).
        timeout: seconds per read.
        deadline: seconds for one request and its whole answer.
        auth_type: the login scheme the server took last time (:attr:`auth_type`): sent
            with the first request instead of waiting for a 401 to name it, which costs a
            round trip with the whole request body on every sync (1.5 s on Radicale with
            10,000 items). If the server refuses it, the scheme is asked for again.
    """

    def __init__(self, url: str, user: str, password: str, timeout: float = 20,
                 auth_type: str | None = None, *, deadline: float = DEFAULT_DEADLINE_S) -> None:
        self._url = url
        self._deadline = deadline
        # Any: caldav's client is only partly typed (``principal`` is not)
        self._client: Any = DAVClient(url=url, username=user, password=password,
                                      timeout=max(1, int(min(timeout, deadline))),
                                      enable_rfc6764=False, auth_type=auth_type or None)
        self._client.session = cast(Any, BoundedSession(self._client.session, deadline))
        parts = urlsplit(str(self._client.url))
        self._origin = f"{parts.scheme}://{parts.netloc}"

    def close(self) -> None:
        """End the HTTP session."""
        self._client.close()

    @property
    def auth_type(self) -> str | None:
        """The login scheme in use (``basic``, ``digest``, ``bearer``) once the server took a
        login; keep it for the next :class:`CalDavRemote` of this account."""
        return _AUTH_TYPES.get(type(self._client.auth).__name__)

    # -- collections -------------------------------------------------------------------------

    def collections(self) -> list[CollectionInfo]:
        """The user's calendar collections with the components each takes."""
        def run() -> list[CollectionInfo]:
            # a plain web server answers discovery with pages the library reads as "nothing";
            # one WebDAV question first tells "not a CalDAV server" from "no calendars"
            self._xml(self.path(str(self._client.url)), "PROPFIND", _RESOURCETYPE,
                      {"Depth": "0"})
            found = []
            for calendar in self._client.principal().get_calendars():
                try:
                    components = tuple(calendar.get_supported_components())
                except dav_error.DAVError:
                    components = ("VEVENT", "VTODO", "VJOURNAL")
                name = calendar.get_display_name() or unquote(str(calendar.url).rstrip("/")
                                                              .rpartition("/")[2])
                found.append(CollectionInfo(self.path(str(calendar.url)), name, components))
            return found
        return self._guard(run)

    def create_collection(self, name: str, component: str) -> CollectionInfo:
        """Make a new collection ``name`` for ``component`` (``VTODO`` or ``VEVENT``)."""
        def run() -> CollectionInfo:
            extra = ["VJOURNAL"] if component == "VTODO" else []
            calendar = self._client.principal().make_calendar(
                name=name, supported_calendar_component_set=[component, *extra])
            return CollectionInfo(self.path(str(calendar.url)), name, (component, *extra))
        return self._guard(run)

    # -- reading changes ---------------------------------------------------------------------

    def stamp(self, collection: str) -> Stamp | None:
        """The collection's last-modified time with the server's ``Date`` (a ``PROPFIND`` of
        ``getlastmodified`` alone, which is cheap where ``getctag`` and ``sync-token`` are
        not); ``None`` when the server gives no such time or refuses the question."""
        body = ("<?xml version='1.0' encoding='utf-8'?><d:propfind xmlns:d='DAV:'>"
                "<d:prop><d:getlastmodified/></d:prop></d:propfind>")
        try:
            tree, headers = self._guard(lambda: self._xml_with_headers(
                collection, "PROPFIND", body, {"Depth": "0"}))
        except (ServerFailed, ServerRefused) as error:  # the full check will say what is wrong
            logger.info("no last-modified time for %s: %s", collection, error)
            return None
        for response in tree.iterfind("d:response", _NS):
            if self.path(response.findtext("d:href", "", _NS)).rstrip("/") != \
                    collection.rstrip("/"):
                continue
            for propstat in response.iterfind("d:propstat", _NS):
                if _status_code(propstat.findtext("d:status", None, _NS)) == 200:
                    return stamp_of(propstat.findtext("d:prop/d:getlastmodified", None, _NS),
                                    headers.get("Date"))
        return None

    def changes(self, collection: str, token: str | None) -> Changes:
        """What changed in ``collection`` since ``token`` (everything when ``None``).

        An expired token starts over with a complete listing; a server without
        sync-collection is listed with ``PROPFIND``.
        """
        try:
            return self._guard(lambda: self._sync_collection(collection, token))
        except ServerRefused:
            if token is not None:
                logger.info("sync token of %s refused; listing everything", collection)
                return self.changes(collection, None)
            raise
        except ServerFailed:
            logger.info("no sync-collection on %s; listing ETags", collection)
            return self._guard(lambda: self._propfind_etags(collection))

    def _sync_collection(self, collection: str, token: str | None) -> Changes:
        etags: dict[str, str | None] = {}
        deleted: set[str] = set()
        current = token
        for _page in range(1000):  # a server that truncates pages its answer (RFC 6578 3.6)
            body = ("<?xml version='1.0' encoding='utf-8'?>"
                    "<d:sync-collection xmlns:d='DAV:'>"
                    f"<d:sync-token>{_escape(current or '')}</d:sync-token>"
                    "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                    "</d:sync-collection>")
            tree = self._xml(collection, "REPORT", body, {"Depth": "0"})
            truncated = False
            for response in tree.iterfind("d:response", _NS):
                href = self.path(response.findtext("d:href", "", _NS))
                status = _status_code(response.findtext("d:status", None, _NS))
                if status == 507:
                    truncated = True
                elif status == 404:
                    deleted.add(href)
                    etags.pop(href, None)
                elif href.rstrip("/") != collection.rstrip("/"):
                    etags[href] = response.findtext("d:propstat/d:prop/d:getetag", None, _NS)
                    deleted.discard(href)
            current = tree.findtext("d:sync-token", None, _NS) or current
            if not truncated:
                break
        return Changes(etags, frozenset(deleted), current, complete=token is None)

    def _propfind_etags(self, collection: str) -> Changes:
        body = ("<?xml version='1.0' encoding='utf-8'?><d:propfind xmlns:d='DAV:'>"
                "<d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>")
        tree = self._xml(collection, "PROPFIND", body, {"Depth": "1"})
        etags: dict[str, str | None] = {}
        for response in tree.iterfind("d:response", _NS):
            href = self.path(response.findtext("d:href", "", _NS))
            if href.rstrip("/") != collection.rstrip("/"):
                etags[href] = response.findtext("d:propstat/d:prop/d:getetag", None, _NS)
        return Changes(etags, frozenset(), None, complete=True)

    def fetch(self, collection: str, hrefs: Sequence[str]) -> list[Fetched]:
        """Read ``hrefs`` with one multiget; if the server fails it, one ``GET`` each."""
        if not hrefs:
            return []
        body = ("<?xml version='1.0' encoding='utf-8'?>"
                "<c:calendar-multiget xmlns:d='DAV:' xmlns:c='urn:ietf:params:xml:ns:caldav'>"
                "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
                + "".join(f"<d:href>{_escape(quote(h))}</d:href>" for h in hrefs)
                + "</c:calendar-multiget>")
        try:
            tree = self._guard(lambda: self._xml(collection, "REPORT", body, {"Depth": "1"}))
        except ServerFailed as error:
            logger.info("multiget failed (%s); reading %d items one by one", error, len(hrefs))
            return [self.get(href) for href in hrefs]
        found: dict[str, Fetched] = {}
        for response in tree.iterfind("d:response", _NS):
            href = self.path(response.findtext("d:href", "", _NS))
            data = response.findtext("d:propstat/d:prop/c:calendar-data", None, _NS)
            etag = response.findtext("d:propstat/d:prop/d:getetag", None, _NS)
            if data is not None:
                found[href] = _sized(href, etag, data.encode("utf-8"))
        # what the multiget left out (404 in it, or an odd answer) is asked for alone
        return [found.get(href) or self.get(href) for href in hrefs]

    def get(self, href: str) -> Fetched:
        """Read one item; an HTTP error is returned as the item's ``error``."""
        response = self._guard(lambda: self._client.request(self._abs(href), "GET", "", {}))
        if response.status >= 400:
            return Fetched(href, None, None, _http_reason(response))
        raw = response._raw_body or (response._raw if isinstance(response._raw, bytes)
                                     else str(response._raw).encode("utf-8"))
        return _sized(href, response.headers.get("ETag"), raw)

    # -- writing -----------------------------------------------------------------------------

    def put(self, href: str, data: bytes, etag: str | None, *, create: bool) -> str | None:
        """Store one item; returns its new ETag if the server says it.

        Raises:
            Conflict412: it changed on the server (or exists, when ``create``).
            BadItem: the server refused this item.
        """
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        response = self._guard(lambda: self._client.request(
            self._abs(href), "PUT", data.decode("utf-8"), headers))
        if response.status == 412:
            raise Conflict412(href)
        if response.status >= 300:
            raise BadItem(_http_reason(response))
        new_etag: str | None = response.headers.get("ETag")
        return new_etag

    def delete(self, href: str, etag: str | None) -> None:
        """Delete one item (already gone is fine).

        Raises:
            Conflict412: it changed on the server since ``etag``.
            BadItem: the server refused.
        """
        headers = {"If-Match": etag} if etag else {}
        response = self._guard(lambda: self._client.request(self._abs(href), "DELETE", "",
                                                            headers))
        if response.status == 412:
            raise Conflict412(href)
        if response.status >= 300 and response.status != 404:
            raise BadItem(_http_reason(response))

    # -- helpers -----------------------------------------------------------------------------

    def path(self, href: str) -> str:
        """An href as the unquoted absolute path used as the item's key."""
        return unquote(urlsplit(urljoin(str(self._client.url), href)).path)

    def item_href(self, collection: str, item_id: str) -> str:
        """Where a new item with ``item_id`` goes in ``collection``."""
        return collection.rstrip("/") + "/" + item_id.replace("/", "_") + ".ics"

    def _abs(self, path: str) -> str:
        return self._origin + quote(path)

    def _xml(self, collection: str, method: str, body: str, headers: dict[str, str]) -> Any:
        return self._xml_with_headers(collection, method, body, headers)[0]

    def _xml_with_headers(self, collection: str, method: str, body: str,
                          headers: dict[str, str]) -> tuple[Any, Any]:
        response = self._client.request(self._abs(collection), method, body,
                                        {"Content-Type": _XML, **headers})
        if response.status in (401, 403):
            raise ServerRefused(_http_reason(response))
        if response.status == 404:
            raise ServerRefused(f"the collection {collection} does not exist (HTTP 404)")
        if response.status in (405, 501):
            raise ServerFailed(self._not_dav(f"HTTP {response.status}"))
        if response.status >= 400:
            raise ServerFailed(_http_reason(response))
        if response.tree is None:
            raise ServerFailed(f"the server sent no answer to {method} {collection}")
        if response.status != 207 or etree.QName(response.tree).localname != "multistatus":
            # a web server that answers every method with a page is not a calendar that is empty
            raise ServerFailed(self._not_dav(f"HTTP {response.status}, "
                                             f"{response.headers.get('Content-Type', '?')}"))
        return response.tree, response.headers

    def _not_dav(self, answer: str | None) -> str:
        said = f"it answered {answer}" if answer else "its answers are not WebDAV"
        return (f"{self._url} is not a CalDAV server ({said}); check the URL: it is usually "
                "the server's /dav/ address, e.g. https://host/remote.php/dav/ for Nextcloud")

    def _guard(self, run: Callable[[], T]) -> T:
        try:
            return self._pinned(run)
        except DeadlinePassed:
            raise ServerUnreachable(
                f"{self._origin} did not answer completely within {self._deadline:g} s (it "
                "stalled or sends very slowly); local changes wait for the next sync. If this "
                "repeats, check the server or raise network.deadline_seconds.") from None
        except ReplyTooLarge as error:
            raise ServerFailed(
                f"{self._origin} sent an answer larger than {error.limit >> 20} MiB, which no "
                "calendar needs; check that the URL points at your CalDAV server.") from None
        except dav_error.AuthorizationError as error:
            raise ServerRefused(
                f"the server refused the login or access ({error.reason or 'HTTP 401/403'}); "
                "check the user name and password") from None
        except dav_error.RateLimitError:
            raise ServerFailed("the server is busy (HTTP 429/503); try again later") from None
        except dav_error.NotFoundError:
            raise ServerRefused(f"nothing found at {self._url}; check the URL") from None
        except dav_error.DAVError as error:
            first = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            code = re.search(r"\b(405|501)\b", first)
            if code:
                raise ServerFailed(self._not_dav(f"HTTP {code[1]}")) from None
            raise ServerFailed(f"the server answered with an error: {first}") from None
        except etree.XMLSyntaxError as error:
            raise ServerFailed(f"the server sent malformed XML: {error}") from None
        except OSError as error:  # niquests' connection errors and timeouts are OSErrors
            raise ServerUnreachable(_unreachable(self._origin, error)) from None
        except (AttributeError, KeyError, TypeError, ValueError, RuntimeError):
            # the library's discovery meets an answer it cannot read (a plain web server)
            logger.info("unreadable answer from %s", self._origin, exc_info=True)
            raise ServerFailed(self._not_dav(None)) from None


    def _pinned(self, run: Callable[[], T]) -> T:
        """``run``; if a login scheme given up front is refused, once more asking for it."""
        if self._client.auth is None or self._client.auth_type is None:
            return run()
        try:
            return run()
        except dav_error.AuthorizationError:
            logger.info("login scheme %s refused; asking the server", self._client.auth_type)
            self._client.auth = self._client.auth_type = None
            return run()


_AUTH_TYPES = {"HTTPBasicAuth": "basic", "HTTPDigestAuth": "digest", "HTTPBearerAuth": "bearer"}


def _sized(href: str, etag: str | None, data: bytes) -> Fetched:
    if len(data) > MAX_ITEM_BYTES:
        return Fetched(href, etag, None, f"item too large ({len(data) // 1024} KiB)")
    return Fetched(href, etag, data)


def _unreachable(origin: str, error: OSError) -> str:
    text = str(error)
    if "WRONG_VERSION_NUMBER" in text or "wrong version number" in text:
        return (f"{origin} does not speak TLS (https) on that port; check the URL's scheme "
                "and port")
    if "Timeout" in type(error).__name__ or isinstance(error, TimeoutError):
        return (f"{origin} did not answer in time ({type(error).__name__}); local changes wait "
                "for the next sync. Check the URL and your network")
    return f"{origin} cannot be reached ({type(error).__name__}); check the URL and network"


def _http_reason(response: Any) -> str:
    return f"the server answered HTTP {response.status} {response.reason or ''}".rstrip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
