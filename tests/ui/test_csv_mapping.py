# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CSV column dialog: guesses, the preview, required fields, the choice remembered per
header and used next time without asking, asking again on demand, and the import it starts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.core.importing.items import ImportReport
from desktop.platform.paths import AppPaths
from desktop.sources.tracker_csv import preview
from desktop.wiring.services import open_context, run_import_job
from tests.fakes import FakeClock
from tests.ui.conftest import REGIONS, ZONES

from desktop.ui.importing.csv_mapping import CsvColumns, CsvMappingDialog, guess_mapping
from desktop.ui.main_window import MainWindow

ODD = "Ticket,Headline,Opened by,Opened,Notes\nT-1,Call back,Ann,2026-11-24 10:00,soon\n" \
      "T-2,Invoice,Bob,2026-11-24 11:00,\n"


@pytest.fixture
def odd_csv(tmp_path: Path) -> Path:
    path = tmp_path / "odd.csv"
    path.write_text(ODD, "utf-8")
    return path


def test_columns_are_guessed_by_name() -> None:
    assert guess_mapping(["Key", "Summary", "Reporter", "Created", "Description"]) == {
        "external_id": "Key", "subject": "Summary", "sender": "Reporter",
        "received_at": "Created", "body": "Description"}


def test_the_preview_follows_the_choice_and_a_subject_is_required(qtbot, odd_csv) -> None:
    _preset, header, rows = preview(odd_csv)
    dialog = CsvMappingDialog("odd.csv", header, rows, {}, None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert not dialog.result()
    assert "Subject" in dialog.error.text()
    dialog.combos["subject"].setCurrentIndex(dialog.combos["subject"].findData("Headline"))
    dialog.combos["sender"].setCurrentIndex(dialog.combos["sender"].findData("Opened by"))
    assert [dialog.preview.horizontalHeaderItem(c).text() for c in range(2)] == ["Subject",
                                                                               "From"]
    assert [[dialog.preview.item(r, c).text() for c in range(2)] for r in range(2)] == [
        ["Call back", "Ann"], ["Invoice", "Bob"]]
    dialog.accept()
    assert dialog.mapping == {"subject": "Headline", "sender": "Opened by"}


class Asker:
    """Stands in for the modal dialog: records what it was shown, picks columns, says OK."""

    def __init__(self, choice: dict[str, str] | None) -> None:
        self.choice = choice
        self.shown: list[dict[str, str]] = []

    def __call__(self, dialog: CsvMappingDialog) -> bool:
        self.shown.append(dialog.chosen())
        if self.choice is None:
            return False
        for field, combo in dialog.combos.items():
            combo.setCurrentIndex(max(combo.findData(self.choice.get(field, "")), 0))
        dialog.accept()
        return bool(dialog.result())


def test_the_choice_is_remembered_per_header_and_can_be_changed(qtbot, service, odd_csv,
                                                                tmp_path) -> None:
    choice = {"subject": "Headline", "external_id": "Ticket", "received_at": "Opened"}
    asker = Asker(choice)
    columns = CsvColumns(service, preview, None, ask=asker)
    assert columns(odd_csv) == (True, choice)
    assert len(asker.shown) == 1
    other = tmp_path / "same-columns.csv"
    other.write_text(ODD.replace("Call back", "Ring"), "utf-8")
    assert columns(other) == (True, choice)  # the same header: not asked again
    assert len(asker.shown) == 1
    asker.choice = {"subject": "Notes"}
    assert columns(other, True) == (True, {"subject": "Notes"})  # asked on demand ...
    assert asker.shown[-1] == {"external_id": "Ticket", "subject": "Headline",
                               "received_at": "Opened"}  # ... starting from the remembered
    assert columns(odd_csv) == (True, {"subject": "Notes"})
    asker.choice = None
    assert columns(odd_csv, True) == (False, None)  # cancelled: no import


def test_a_file_a_preset_fits_is_not_asked_about(qtbot, service, tmp_path) -> None:
    jira = tmp_path / "jira.csv"
    jira.write_text("Issue key,Summary,Reporter,Created\nOPS-1,Hello,Ann,2026-11-25\n", "utf-8")
    asker = Asker({})
    assert CsvColumns(service, preview, None, ask=asker)(jira) == (True, None)
    assert asker.shown == []


def test_file_import_passes_the_chosen_columns_to_the_job(qtbot, service, formatter,
                                                          odd_csv) -> None:
    calls: list[dict[str, object]] = []
    done = threading.Event()

    def job(kind, path, progress, cancelled, **extra):
        calls.append({"kind": kind, **extra})
        done.set()
        return ImportReport(imported=2)

    window = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                        data_version=lambda: 0, demo=lambda: 0, importer=job)
    qtbot.addWidget(window)
    window.importer.csv_columns = CsvColumns(service, preview, window,
                                             ask=Asker({"subject": "Headline"}))
    with qtbot.waitSignal(window.importer.imported, timeout=5000):
        assert window.importer.start("csv", odd_csv)
    assert calls == [{"kind": "csv", "mapping": {"subject": "Headline"}}]
    window.importer.report_box.close()


def test_the_import_job_reads_a_csv_through_the_mapping(odd_csv, tmp_path) -> None:
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config",
                     cache_dir=tmp_path / "cache")
    clock = FakeClock()
    report = run_import_job(paths, clock, "csv", odd_csv, lambda _n: None, lambda: False,
                            mapping={"subject": "Headline", "body": "Notes"})
    assert (report.imported, report.failed) == (2, [])
    context = open_context(paths, clock)
    try:
        assert sorted(r.subject for r in context.queue.all()) == ["Call back", "Invoice"]
    finally:
        context.close()
