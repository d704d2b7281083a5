# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One undo stack per window: a reply marked done after sending and a deleted draft are steps
of the main window's stack, so Edit > Undo reaches them, and the Undo buttons outside the Edit
menu (the draft's message bar, the drafts dialog) go through the same stack."""

from __future__ import annotations

from dataclasses import replace

import pytest

from PySide6.QtWidgets import QMainWindow

from desktop.core.requests import State

from desktop.ui.drafting.actions import DraftingController
from desktop.ui.drafting.env import DraftEnvironment
from desktop.ui.drafting.window import DraftWindow
from desktop.ui.main_window import MainWindow


@pytest.fixture
def noon(service) -> str:
    return service.add("noon call").id


@pytest.fixture
def env(window: MainWindow, draft_env: DraftEnvironment) -> DraftEnvironment:
    window.load()
    return replace(draft_env, mark_done=window.mark_done_by_id)


def reply(qtbot, env: DraftEnvironment, request_id: str) -> DraftWindow:
    draft = DraftWindow(env, env.drafts.create(body="Done, see https://x.example",
                                               reply_to=request_id))
    qtbot.addWidget(draft)
    return draft


def test_a_reply_marked_done_is_undone_by_edit_undo(qtbot, window, service, env, noon):
    reply(qtbot, env, noon).copy_plain()
    assert service.get(noon).state is State.DONE
    assert window.undo_stack.undoText() == "Mark done"
    window.undo_stack.undo()  # Edit > Undo
    assert service.get(noon).state is State.OPEN
    window.undo_stack.redo()
    assert service.get(noon).state is State.DONE


def test_the_message_bars_undo_steps_the_stack_back(qtbot, window, service, env, noon):
    draft = reply(qtbot, env, noon)
    draft.copy_plain()
    draft.undo_mark_done()
    assert service.get(noon).state is State.OPEN
    assert (window.undo_stack.index(), window.undo_stack.redoText()) == (0, "Mark done")


def test_an_older_step_undone_from_the_message_bar_is_itself_undoable(
        qtbot, window, service, env, noon):
    other = service.add("other").id
    draft = reply(qtbot, env, noon)
    draft.copy_plain()
    window.mark_done_by_id(other)  # a later step on the same stack
    draft.undo_mark_done()
    assert service.get(noon).state is State.OPEN
    assert service.get(other).state is State.DONE  # the later step stays
    assert window.undo_stack.undoText() == "Undo Mark done"
    window.undo_stack.undo()
    assert service.get(noon).state is State.DONE


def test_deleting_a_draft_is_a_step_of_the_main_windows_stack(qtbot, window, env):
    env.drafts.create(subject="First")
    host = QMainWindow()
    qtbot.addWidget(host)
    controller = DraftingController(host, env, undo_stack=window.undo_stack)
    dialog = controller.show_drafts()
    qtbot.addWidget(dialog)
    dialog.delete_current()
    assert env.drafts.drafts() == []
    assert window.undo_stack.undoText() == "Delete draft"
    window.undo_stack.undo()
    assert [d.subject for d in env.drafts.drafts()] == ["First"]
