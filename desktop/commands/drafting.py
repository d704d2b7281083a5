# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried draft TEMPLATE`` and ``unhurried templates``: messages from templates.

``draft`` fills a template from ``--field NAME=VALUE`` (repeat a list field's ``--field`` to add
items), renders it and prints Markdown, plain text or an ``.eml`` message, or writes it to
``--out``. An unknown template, a missing required field or a value that does not parse ends
with exit status 2 and one line saying what is accepted; a broken template file with status 1
and its file and line.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

from desktop.commands import SubParsers, command
from desktop.core.drafting.checker import Severity
from desktop.core.drafting.outputs import TextFormat, message_id, to_eml, to_text
from desktop.core.drafting.templates import FieldKind, RawValue, Template, fill
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.settings import parse_zone
from desktop.platform.paths import resolve_paths
from desktop.platform.templates import TemplateLibrary, open_library
from desktop.wiring.checking import check_message
from desktop.wiring.services import Context

_LISTS = (FieldKind.LIST, FieldKind.MULTICHOICE)


def register(sub: SubParsers) -> None:
    """Add ``draft``, ``check`` and ``templates``."""
    draft = command(sub, "draft", _cmd_draft, writes=False,
                    help=_("write a message from a template"))
    draft.add_argument("template", help=_("a template id; 'unhurried templates' lists them"))
    draft.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                       help=_("a field value; repeat for more fields or more list items"))
    draft.add_argument("--format", choices=("md", "txt", "eml"), default="txt")
    draft.add_argument("--out", metavar="FILE", help=_("write to FILE instead of printing"))
    draft.add_argument("--to", default="", metavar="ADDR",
                       help=_("for eml: the recipient (default: the template's 'to' field)"))
    draft.add_argument("--from", dest="sender", default="", metavar="ADDR",
                       help=_("for eml: your address (default: from the 'me' setting)"))
    draft.add_argument("--recipient-tz", metavar="ZONE",
                       help=_("the zone of times given without one (default: yours)"))
    chk = command(sub, "check", _cmd_check, writes=False,
                  help=_("check a message for summary, ask, deadline, links"))
    chk.add_argument("file", nargs="?", default="-", help=_("a text file, or - for stdin"))
    chk.add_argument("--json", action="store_true")
    chk.add_argument("--recipient-tz", help=_("the reader's time zone (IANA name)"))
    listing = command(sub, "templates", _cmd_templates, writes=False,
                      help=_("list the message templates and their fields"))
    listing.add_argument("--json", action="store_true")


def _library(args: argparse.Namespace, ctx: Context) -> TemplateLibrary:
    settings = ctx.queue.settings
    return open_library(resolve_paths(args.data_dir).config_dir, settings.language or "en",
                        settings.timezone)


def field_values(template: Template, pairs: list[str]) -> dict[str, RawValue]:
    """``NAME=VALUE`` pairs as raw values; list fields collect repeated names.

    Raises:
        InvalidInput: a pair without ``=``, an unknown field, or a single field given twice.
    """
    values: dict[str, RawValue] = {}
    for pair in pairs:
        name, sign, value = pair.partition("=")
        name = name.strip()
        if not sign or not name:
            raise InvalidInput(_("Write a field as NAME=VALUE, e.g. --field topic=Budget; "
                                 "'{pair}' has no '='.").format(pair=pair))
        field = template.field(name)
        if field.kind in _LISTS:
            previous = values.get(name)
            values[name] = [*previous, value] if isinstance(previous, list) else [value]
        elif name in values:
            raise InvalidInput(_("Field '{name}' is given twice; it takes one value.").format(
                name=name))
        else:
            values[name] = value
    return values


def _cmd_draft(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    settings = ctx.queue.settings
    zone = parse_zone(args.recipient_tz) if args.recipient_tz else settings.timezone
    library = _library(args, ctx)
    template = library.get(args.template)
    filled = fill(template, field_values(template, args.field), now=ctx.queue.now(), zone=zone)
    if filled.errors:
        raise InvalidInput(" ".join(
            _("--field {name}: {problem}").format(name=name, problem=problem)
            for name, problem in filled.errors.items()))
    rendered = library.render(template, filled.values)
    if args.format == "eml":
        to = args.to or str(filled.values.get("to") or "")
        sender = args.sender or next((me for me in settings.me if "@" in me), "")
        data = to_eml(rendered.subject, rendered.body, to, sender, date=ctx.queue.now(),
                      message_id=message_id(uuid.uuid4().hex, sender))
    else:
        data = to_text(TextFormat(args.format), rendered.subject, rendered.body).encode("utf-8")
    write_output(data, args.out)
    return 0


def write_output(data: bytes, out: str | None) -> None:
    """``data`` into the file ``out``, or to stdout as bytes (``--out`` of draft and reply).

    Raises:
        InvalidInput: the file cannot be written.
    """
    if out:
        try:
            Path(out).write_bytes(data)
        except OSError as error:
            raise InvalidInput(_("{file} could not be written: {error}").format(
                file=out, error=error.strerror or error)) from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _cmd_templates(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    library = _library(args, ctx)
    templates = library.templates()
    if args.json:
        print(json.dumps([{
            "id": t.id, "title": t.title, "description": t.description, "origin": t.origin,
            "fields": [{"name": f.name, "type": f.kind.value, "label": f.label,
                        "required": f.required, "help": f.help, "choices": list(f.choices),
                        "section": f.section or None, "parts": list(f.parts)}
                       for f in t.fields]} for t in templates], ensure_ascii=False, indent=2))
    else:
        width = max((len(t.id) for t in templates), default=0)
        for t in templates:
            print(f"{t.id:<{width}}  {t.title}: {t.description}")
    for problem in library.problems:
        print(_("unhurried: warning: {problem}").format(problem=problem), file=sys.stderr)
    return 0


def _cmd_check(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if args.recipient_tz:
        parse_zone(args.recipient_tz)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = data.decode("utf-8")
    except OSError as error:
        raise InvalidInput(_("{file} could not be read: {error}").format(
            file=args.file, error=error.strerror or error)) from None
    except UnicodeDecodeError:
        raise InvalidInput(_("{file} is not UTF-8 text; save it as UTF-8 and check again.")
                           .format(file=args.file)) from None
    findings = check_message(text)  # with the secret scanner: nobody waits on a keystroke
    if args.json:
        print(json.dumps({"findings": [
            {"code": f.code, "severity": f.severity.value, "message": f.message,
             "start": f.start, "end": f.end} for f in findings]}, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            line = text.count("\n", 0, f.start) + 1
            print(f"{line}: {f.severity.value}: {f.code}: {f.message}")
    return 1 if any(f.severity is not Severity.INFO for f in findings) else 0
