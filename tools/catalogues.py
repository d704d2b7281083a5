#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build tool for the gettext catalogues under ``resources/locale`` (not part of the app).

``make catalogues`` extracts and updates with ``pybabel``; this module adds what pybabel lacks:

- ``pseudo``: writes the pseudo-locale ``en_XA`` from the template: accented, bracketed and
  about 40 % longer, with ``{placeholders}``, ``&`` accelerators and file-dialog patterns kept,
  so untranslated or cut-off text stands out in the window.
- ``build [TARGET]``: compiles every ``.po`` (and the pseudo-locale, made in memory from the
  template) to ``.mo`` under TARGET (default: next to the sources). ``setup.py`` calls it so
  the wheel carries compiled catalogues; ``make`` calls it for a checkout.
- ``check``: says which strings of the source are missing, untranslated, fuzzy or have other
  placeholders in each language listed in :data:`COMPLETE`; exit status 1 if any.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "unhurried"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PSEUDO = "en_XA"
COMPLETE = ("de",)
"""Languages that must translate every string of the source (the check fails otherwise)."""

# The same as the Makefile gives pybabel: keep them in step.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("desktop/**.py", "python")]

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_ACCENT = str.maketrans(_PLAIN, _ACCENTED)
# Kept as they are: placeholders, an accelerator and its letter, file-dialog patterns.
_KEEP = re.compile(r"\{[^{}]*\}|&&|&.|\([^()]*\*[^()]*\)|;;", re.DOTALL)
_GROWTH = 0.4


# -- reading the source ----------------------------------------------------------------------------

def extract(root: Path = ROOT) -> Catalog:
    """Every translatable string in the source, as ``pybabel extract`` finds it."""
    catalog = Catalog(project="Unhurried", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def placeholders(text: str) -> list[str]:
    """The ``str.format`` fields of ``text`` with their format specs, sorted: ``['{n:.1f}']``."""
    fields = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return ["<unbalanced braces>"]
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            fields.append("{" + name + (f"!{conversion}" if conversion else "")
                          + (f":{spec}" if spec else "") + "}")
    return sorted(fields)


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


# -- the pseudo-locale -----------------------------------------------------------------------------

def pseudo(text: str) -> str:
    """``&Settings…`` → ``[&Šéţţîñĝš… ~~~~]``: accented, bracketed, about 40 % longer.

    Placeholders, the accelerator letter after ``&`` and ``(*.csv)`` patterns stay as they are;
    a Qt file filter (``;;``-separated) keeps its shape and is not bracketed.
    """
    if "(*" in text:
        return ";;".join(_accent(part) for part in text.split(";;"))
    core = text.strip()
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    visible = len(_KEEP.sub("", core))
    padding = "~" * max(1, round(visible * _GROWTH) - 3)
    return f"{lead}[{_accent(core)} {padding}]{trail}"  # a suffix keeps its leading space


def _accent(text: str) -> str:
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENT))
        out.append(match.group(0))
        last = match.end()
    out.append(text[last:].translate(_ACCENT))
    return "".join(out)


def pseudo_catalog(template: Catalog) -> Catalog:
    """The pseudo-locale's catalogue: every message of ``template`` in pseudo text."""
    catalog = Catalog(locale="en", domain=DOMAIN, project="Unhurried", fuzzy=False)
    for message in template:
        if not message.id:
            continue
        ids = _ids(message)
        string_ = tuple(pseudo(i) for i in ids) if len(ids) > 1 else pseudo(ids[0])
        catalog.add(message.id, string_, context=message.context)
    return catalog


# -- compiling -------------------------------------------------------------------------------------

def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=None if path.suffix == ".pot" else path.parts[-3],
                       domain=DOMAIN)


def _write_mo(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def write_pseudo(source: Path = LOCALE_DIR) -> Path:
    """Write ``en_XA/LC_MESSAGES/unhurried.po`` from the template; returns its path."""
    path = source / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, pseudo_catalog(_read(source / f"{DOMAIN}.pot")), width=100,
                 omit_header=False, no_location=True)
    return path


def build(source: Path = LOCALE_DIR, target: Path | None = None) -> list[Path]:
    """Compile every translated catalogue under ``source`` into ``target`` (default: the same).

    The pseudo-locale is made from the template, so it is never stale and never committed.

    Returns:
        The ``.mo`` files written or already up to date.
    """
    target = target or source
    written = []
    for po in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        if po.parts[-3] == PSEUDO:
            continue
        mo = target / po.relative_to(source).with_suffix(".mo")
        _write_mo(_read(po), mo)
        written.append(mo)
    pot = source / f"{DOMAIN}.pot"
    if pot.exists():
        mo = target / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.mo"
        _write_mo(pseudo_catalog(_read(pot)), mo)
        written.append(mo)
    return written


# -- checking --------------------------------------------------------------------------------------

def problems(language: str, source: Catalog | None = None,
             locale_dir: Path = LOCALE_DIR) -> Iterator[str]:
    """What keeps ``language`` from being complete for ``source`` (default: a fresh extract)."""
    source = source if source is not None else extract()
    po = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        yield f"{po}: missing; run: make catalogues"
        return
    catalog = _read(po)
    for message in source:
        if not message.id:
            continue
        ids = _ids(message)
        found = catalog.get(message.id, context=message.context)
        if found is None:
            yield f"missing: {ids[0]!r}"
            continue
        strings = _strings(found)
        if found.fuzzy:
            yield f"fuzzy: {ids[0]!r}"
        elif not all(strings):
            yield f"untranslated: {ids[0]!r}"
        elif any(placeholders(s) != placeholders(ids[min(k, len(ids) - 1)])
                 for k, s in enumerate(strings)):
            # the singular form matches the msgid, every plural form the msgid_plural
            yield f"placeholders differ: {ids[0]!r} -> {strings[0]!r}"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "pseudo":
        print(write_pseudo().relative_to(ROOT))
        return 0
    if command == "build":
        target = Path(argv[1]) if len(argv) > 1 else None
        for mo in build(LOCALE_DIR, target):
            print(mo)
        return 0
    if command == "check":
        source = extract()
        issues = [f"{language}: {p}" for language in COMPLETE
                  for p in problems(language, source)]
        print("\n".join(issues) or f"catalogues: {', '.join(COMPLETE)} translate all "
                                   f"{len([m for m in source if m.id])} strings")
        return 1 if issues else 0
    print(f"usage: {sys.argv[0]} [check | pseudo | build [TARGET]]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
