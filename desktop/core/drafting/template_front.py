# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A template file's front matter: its id, title and the typed fields it asks for."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

from desktop.core.drafting.templates import (
    Field,
    FieldKind,
    Template,
    TemplateBroken,
)
from desktop.core.i18n import _

_FRONT = re.compile(r"\A\{#---[ \t]*\n(.*?)\n---#\}", re.DOTALL)
_TOML_LINE = re.compile(r"at line (\d+)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_template(text: str, origin: str, default_id: str) -> Template:
    """Read a template file's front matter; the body is the whole text (the front matter is a
    Jinja comment, so line numbers stay the file's).

    Raises:
        TemplateBroken: no front matter, bad TOML, or a field declared wrongly.
    """
    match = _FRONT.match(text)
    if match is None:
        raise TemplateBroken(origin, 1, _(
            "The file must start with a front matter block: a line '{{#---', TOML that declares "
            "the title, subject and fields, and a line '---#}}'."))
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) + 1 if found else match.group(0).count("\n") + 1
        raise TemplateBroken(origin, line, _("The front matter is not valid TOML: {error}")
                             .format(error=str(error))) from None
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() ==
              "[[fields]]"]
    raw_fields = meta.get("fields", [])
    if not isinstance(raw_fields, list):
        raise TemplateBroken(origin, 1, _("'fields' must be a list of [[fields]] tables."))
    fields = []
    for index, raw in enumerate(raw_fields):
        line = starts[index] if index < len(starts) else 1
        fields.append(_read_field(raw, origin, line))
    _check_sections(fields, origin, starts)
    title, subject = meta.get("title"), meta.get("subject", "")
    if not isinstance(title, str) or not title.strip() or not isinstance(subject, str):
        raise TemplateBroken(origin, 2, _("The front matter needs a 'title' and a 'subject' "
                                          "(text)."))
    return Template(id=str(meta.get("id", default_id)), title=title,
                    description=str(meta.get("description", "")), fields=tuple(fields),
                    subject=subject, body=text, origin=origin)


def _read_field(raw: object, origin: str, line: int) -> Field:
    if not isinstance(raw, dict):
        raise TemplateBroken(origin, line, _("A field must be a [[fields]] table."))
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise TemplateBroken(origin, line, _("A field needs a 'name' made of letters, digits "
                                             "and underscores."))
    try:
        kind = FieldKind(raw.get("type", "text"))
    except ValueError:
        raise TemplateBroken(origin, line, _(
            "Field '{name}' has an unknown type '{type}'; use one of: {accepted}.").format(
            name=name, type=raw.get("type"),
            accepted=", ".join(k.value for k in FieldKind))) from None
    choices = tuple(str(c) for c in raw.get("choices", ()))
    if kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE) and not choices:
        raise TemplateBroken(origin, line, _("Field '{name}' needs a list of 'choices'.")
                             .format(name=name))
    example = raw.get("example", "")
    example = tuple(str(e) for e in example) if isinstance(example, list) else str(example)
    default = raw.get("default")
    if isinstance(default, list):
        default = tuple(str(item) for item in default)
    elif default is not None and not isinstance(default, str | bool):
        default = str(default)
    return Field(name=name, kind=kind, label=str(raw.get("label", name)),
                 required=bool(raw.get("required", False)), help=str(raw.get("help", "")),
                 default=default, choices=choices, section=str(raw.get("section", "")),
                 parts=tuple(str(p) for p in raw.get("parts", ())), example=example)


def _check_sections(fields: Sequence[Field], origin: str, starts: Sequence[int]) -> None:
    sections = {f.name for f in fields if f.kind is FieldKind.SECTION}
    seen: set[str] = set()
    for index, item in enumerate(fields):
        line = starts[index] if index < len(starts) else 1
        if item.name in seen:
            raise TemplateBroken(origin, line, _("Field '{name}' is declared twice.")
                                 .format(name=item.name))
        seen.add(item.name)
        if item.section and item.section not in sections:
            raise TemplateBroken(origin, line, _(
                "Field '{name}' belongs to section '{section}', which is not a field of type "
                "'section'.").format(name=item.name, section=item.section))
