# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile servers on 127.0.0.1 for the deadline and size-cap tests (and the measurements).

Each :class:`HostileServer` answers every connection with one misbehaviour: silence, a reply
dripped one byte at a time, a reply without end, a plain web page where WebDAV was expected, or
a plain-text greeting to a client that speaks TLS. The behaviours take the connection and a
``stop`` event, so closing the server ends them at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType

Behaviour = Callable[[socket.socket, threading.Event], None]

HTTP_207 = (b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml; charset=utf-8\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
_RESPONSE = b"<d:response><d:href>/cal/x.ics</d:href>" + b"<d:x>" + b"x" * 16000 + b"</d:x>" \
            + b"</d:response>"


class HostileServer:
    """A TCP server on 127.0.0.1 running ``behaviour`` on each connection in a thread."""

    def __init__(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> HostileServer:
        self._accepting.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        # shutdown, not close alone: it wakes the accept and the reads blocked on them
        for sock in [self._listener, *self._connections]:
            with contextlib.suppress(OSError):  # already gone
                sock.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in [self._accepting, *self._threads]:
            thread.join(5)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _address = self._listener.accept()
            except OSError:
                return
            self._connections.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            self._behaviour(conn, self._stop)
        except OSError:
            pass  # the client gave up: that is the point
        finally:
            conn.close()


def read_http_request(conn: socket.socket) -> bool:
    """Read one HTTP request (headers and a Content-Length body); False at end of stream."""
    data = b""
    while b"\r\n\r\n" not in data:
        part = conn.recv(65536)
        if not part:
            return False
        data += part
    head, _sep, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _colon, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        part = conn.recv(65536)
        if not part:
            return False
        body += part
    return True


def silent(conn: socket.socket, stop: threading.Event) -> None:
    """Accept and never say anything."""
    stop.wait()


def drip(script: bytes, every: float, *, http: bool = False) -> Behaviour:
    """Send ``script`` (then spaces) one byte every ``every`` seconds, after the request if
    ``http``: each read gets a byte long before its timeout, so only a deadline ends it."""
    def behave(conn: socket.socket, stop: threading.Event) -> None:
        if http and not read_http_request(conn):
            return
        position = 0
        while not stop.is_set():
            byte = script[position:position + 1] or b" "
            conn.sendall(byte)
            position += 1
            stop.wait(every)
    return behave


def endless(head: bytes, filler: bytes, *, http: bool = False,
            greeting: bytes = b"", line_command: bool = False) -> Behaviour:
    """Send ``greeting``; read a request (HTTP) or one command line; then ``head`` and
    ``filler`` without end, as fast as the client reads."""
    def behave(conn: socket.socket, stop: threading.Event) -> None:
        if greeting:
            conn.sendall(greeting)
        if http and not read_http_request(conn):
            return
        if line_command:
            _read_line(conn)
        conn.sendall(head)
        while not stop.is_set():
            conn.sendall(filler)
    return behave


def endless_http_207() -> Behaviour:
    """A 207 Multi-Status that never ends (chunked, one ``d:response`` after another)."""
    start = b"<?xml version='1.0'?><d:multistatus xmlns:d='DAV:'>"
    head = HTTP_207 + b"%x\r\n%s\r\n" % (len(start), start)
    return endless(head, b"%x\r\n%s\r\n" % (len(_RESPONSE), _RESPONSE), http=True)


def web_page(conn: socket.socket, stop: threading.Event) -> None:
    """A plain web server: ``501`` to WebDAV methods, a page to everything else."""
    page = b"<html><body><h1>It works!</h1></body></html>"
    while not stop.is_set():
        request = _peek_method(conn)
        if request is None:
            return
        if not request.isalpha():  # a TLS hello, say: what a web server says to that
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        if not read_http_request(conn):
            return
        if request in (b"GET", b"HEAD", b"POST"):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d"
                         b"\r\n\r\n%s" % (len(page), page))
        else:
            conn.sendall(b"HTTP/1.1 501 Not Implemented\r\nContent-Type: text/html\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(page), page))


def web_page_200(conn: socket.socket, stop: threading.Event) -> None:
    """A web server that answers every method, WebDAV ones too, with a page and ``200``."""
    page = b"<html><body><h1>Welcome</h1></body></html>"
    while not stop.is_set() and read_http_request(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d"
                     b"\r\n\r\n%s" % (len(page), page))


def greet(greeting: bytes) -> Behaviour:
    """Say a plain-text greeting and then wait: a plain server met by a TLS client."""
    def behave(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(greeting)
        stop.wait()
    return behave


def _peek_method(conn: socket.socket) -> bytes | None:
    data = conn.recv(16, socket.MSG_PEEK)
    return data.split(b" ", 1)[0] if data else None


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        part = conn.recv(1)
        if not part:
            break
        data += part
    return data
