# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail on disk: a Maildir, an mbox file or single ``.eml`` files, as incoming requests.

Each reader yields :class:`~desktop.core.importing.items.Incoming` and
:class:`~desktop.core.importing.items.Problem` items in a stable order and never stops for one bad
message; only a path that cannot be read at all raises ``InvalidInput``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem
from desktop.sources.mail import MAX_MESSAGE_BYTES, read_message, too_large
from desktop.sources.parallel import ordered_map

Item = Incoming | Problem
_FROM_LINE = re.compile(rb"^From ", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def read_maildir(path: Path) -> Iterator[Item]:
    """Every message in ``cur`` and ``new`` of a Maildir, by file name."""
    folders = [path / "cur", path / "new"]
    if not any(f.is_dir() for f in folders):
        raise InvalidInput(_("{path} is not a Maildir: it has no 'cur' or 'new' folder.")
                           .format(path=path))
    listings: list[tuple[Path, str]] = []
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            continue
        except OSError as error:
            yield Problem(str(folder), str(error))
            continue
        # one string per folder, not a Path per file: 200,000 Paths held 70 MB
        listings.append((folder, "\0".join(n for n in names if not n.startswith("."))))
        del names
    yield from ordered_map(_read_files, _paths(listings))


def _paths(listings: list[tuple[Path, str]]) -> Iterator[Path]:
    """The files of each folder's NUL-separated listing (no file name holds a NUL)."""
    for folder, joined in listings:
        start = 0
        while start < len(joined):
            end = joined.find("\0", start)
            end = len(joined) if end < 0 else end
            yield folder / joined[start:end]
            start = end + 1


def _read_files(paths: list[Path]) -> list[Item]:
    return [item for path in paths for item in read_eml(path)]


def read_eml(path: Path) -> Iterator[Item]:
    """One message file."""
    try:
        data = read_capped(path, MAX_MESSAGE_BYTES)
    except OSError as error:
        yield Problem(str(path), _("The file could not be read: {error}").format(error=error))
        return
    if len(data) > MAX_MESSAGE_BYTES:
        yield Problem(str(path), too_large().reason())
        return
    yield from read_message(data, str(path), lambda: _file_time(path))


def read_capped(path: Path, cap: int) -> bytes:
    """The file's bytes, but never more than ``cap + 1`` (one more shows it is over).

    Sized from ``fstat``: ``read(cap + 1)`` on a buffered file allocates the whole 64 MiB
    first, which cost more than reading and parsing a small mail.
    """
    with path.open("rb", buffering=0) as file:
        size = os.fstat(file.fileno()).st_size
        chunks = []
        total = 0
        want = min(size, cap) + 1  # a file that grew since, or reports no size, reads on
        while total <= cap and (chunk := file.read(min(want, cap + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
            want = 2**16
        return b"".join(chunks)


def read_mbox(path: Path) -> Iterator[Item]:
    """Every message of an mbox file (mboxo or mboxrd: ``>From`` lines are unescaped)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(_("{path} could not be read: {error}").format(path=path, error=error)
                           ) from error
    starts = [m.start() for m in _FROM_LINE.finditer(data)]
    if not starts or starts[0] != 0:
        if not data.strip():
            return
        if not starts:
            raise InvalidInput(_("{path} is not an mbox file: it does not start with a "
                                 "'From ' line.").format(path=path))
        yield Problem(f"{path}:1", _("Text before the first message was left out."))
    ends = [*starts[1:], len(data)]
    messages = [(data[start:end], f"{path}#{number}", path)
                for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1)]
    del data
    yield from ordered_map(_read_mbox_messages, messages)


def _read_mbox_messages(messages: list[tuple[bytes, str, Path]]) -> list[Item]:
    items: list[Item] = []
    for chunk, where, path in messages:
        envelope, _newline, message = chunk.partition(b"\n")
        if not message.strip():
            items.append(Problem(where, _("The message is empty (the file may be cut short).")))
            continue
        message = _ESCAPED_FROM.sub(rb"\1", message)
        items.extend(read_message(message, where, partial(_envelope_time, envelope, path)))
    return items


def _file_time(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.fromtimestamp(0, UTC)


def _envelope_time(line: bytes, path: Path) -> datetime:
    """The date on an mbox ``From `` line (asctime form), else the file's time."""
    parts = line.decode("ascii", "replace").split()
    try:
        moment = datetime.strptime(" ".join(parts[-5:]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        return _file_time(path)
    return moment.replace(tzinfo=UTC)
