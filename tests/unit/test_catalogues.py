# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalogues are complete for the source: every string of ``desktop/`` is translated in
German with the same placeholders, no string is filled in before translation, and the
pseudo-locale keeps placeholders and accelerators while making every string longer.

When another branch adds strings, ``make catalogues`` merges them into ``de.po`` and
:func:`test_german_translates_every_string_of_the_source` lists the ones to translate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.i18n import _, ngettext
from tests.catalogue_tools import ROOT, compiled, literal_check, speaking, tools


@pytest.fixture(scope="module")
def source():
    """Every translatable string of the source, freshly extracted (not the committed .pot)."""
    return tools().extract()


def _messages(catalog):
    return [m for m in catalog if m.id]


def test_the_source_has_strings_to_translate(source) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(source)}
    assert {"&File", "Reply by", "{count} request"} <= ids
    assert not {"timezone", "days_off"} & ids, "a settings key was extracted as a message"


def test_german_translates_every_string_of_the_source(source) -> None:
    problems = list(tools().problems("de", source))
    assert not problems, ("run `make catalogues`, then translate in "
                          "resources/locale/de/LC_MESSAGES/unhurried.po:\n" + "\n".join(problems))


def test_the_check_finds_missing_fuzzy_and_mismatched_entries(tmp_path: Path, source) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="de")
    catalog.add("&File", "&Datei", flags=["fuzzy"])
    catalog.add("{time} left", "noch {zeit}")
    catalog.add("Reply by", "")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "unhurried.po").open("wb") as stream:
        write_po(stream, catalog)
    found = list(tools().problems("de", source, tmp_path))
    assert "fuzzy: '&File'" in found
    assert "placeholders differ: '{time} left' -> 'noch {zeit}'" in found
    assert "untranslated: 'Reply by'" in found
    assert "missing: 'Subject'" in found


def test_the_compiled_german_catalogue_translates_and_counts(tmp_path: Path) -> None:
    with speaking(compiled(tmp_path, "de")):
        assert _("&File") == "&Datei"
        assert _("Reply by") == "Antwort bis"
        assert ngettext("{count} request", "{count} requests", 1).format(count=1) == "1 Anfrage"
        assert ngettext("{count} request", "{count} requests", 5).format(count=5) == "5 Anfragen"
    assert _("&File") == "&File"


def test_no_string_is_filled_in_before_translation() -> None:
    assert literal_check().main([str(ROOT / "desktop")]) == 0


def test_the_check_rejects_an_f_string_inside_underscore(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('name = "x"\n_(f"Hello {name}")\nngettext("a", "b" + name, 2)\n', "utf-8")
    found = literal_check().problems(bad)
    assert any("gets an f-string" in p for p in found)
    assert any("formatted or joined" in p for p in found)


def test_the_check_rejects_a_literal_translated_inside_an_f_string(tmp_path: Path) -> None:
    """pybabel does not look inside f-strings, so such a string never reaches a catalogue."""
    hidden = tmp_path / "hidden.py"
    hidden.write_text('label = "x"\nf"<b>{_(\'Links\')}</b>"\nf"<b>{_(label)}</b>"\n', "utf-8")
    assert literal_check().problems(hidden) == [
        f"{hidden}:2: _() inside an f-string is not extracted; translate it before the f-string"]


@pytest.mark.parametrize("text", [
    "&Settings…", "{count} request", "Snooze until", "paused, {time}",
    "Nothing waits for a reply.\nAdd a request with Ctrl+N.", "Save && quit",
])
def test_pseudo_text_is_longer_and_keeps_placeholders_and_the_accelerator(text: str) -> None:
    pseudo = tools().pseudo(text)
    assert pseudo.startswith("[")
    assert pseudo.endswith("]")
    assert tools().placeholders(pseudo) == tools().placeholders(text)
    accelerator = text.replace("&&", "").partition("&")[2][:1]
    if accelerator:
        assert f"&{accelerator}" in pseudo
    assert pseudo.count("&&") == text.count("&&")
    assert pseudo.count("\n") == text.count("\n")
    visible = tools()._KEEP.sub("", pseudo)  # what is left to read once placeholders are filled
    assert len(visible) >= len(tools()._KEEP.sub("", text)) * 1.3
    assert not any(c.isascii() and c.isalpha() for c in visible), "a letter was not accented"


def test_pseudo_text_keeps_surrounding_spaces_outside_the_brackets() -> None:
    assert tools().pseudo(" min") == " [ɱîñ ~]"


def test_pseudo_file_filters_stay_usable() -> None:
    pseudo = tools().pseudo("CSV (*.csv);;All files (*)")
    parts = pseudo.split(";;")
    assert len(parts) == 2
    assert parts[0].endswith("(*.csv)")
    assert parts[1].endswith("(*)")


def test_the_pseudo_locale_covers_every_string_with_its_placeholders(tmp_path: Path,
                                                                       source) -> None:
    template = tools().pseudo_catalog(source)
    for message in _messages(source):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        pseudo = template.get(message.id).string
        strings = pseudo if isinstance(pseudo, tuple) else (pseudo,)
        assert len(strings) == len(ids)
        for original, text in zip(ids, strings, strict=True):
            assert tools().placeholders(text) == tools().placeholders(original), original
            assert text.count("&") == original.count("&"), original
    with speaking(compiled(tmp_path, "en_XA")):
        assert _("&File") == "[&Fîļé ~]"
        assert ngettext("{count} request", "{count} requests", 2).format(count=2).startswith(
            "[2 ŕéǫûéšţš")
