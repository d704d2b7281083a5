# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.sources.slack_export``: which messages count, markup, broken exports."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.importing.items import Incoming, Problem
from desktop.core.requests import Channel, Priority
from desktop.sources import KINDS, read_source
from desktop.sources.slack_export import read_slack_export

T0 = 1764064800  # Tuesday 25 November 2025, 10:00 UTC
DAY = "2025-11-25.json"
NEXT_DAY = "2025-11-26.json"
USERS = [
    {"id": "U1", "name": "ann", "real_name": "Ann Lee",
     "profile": {"real_name": "Ann Lee", "display_name": "annie", "email": "Ann@Example.org"}},
    {"id": "U2", "name": "ben", "profile": {"real_name": "Ben Cohen", "email": "ben@example.org"}},
    {"id": "U3", "name": "cai", "profile": {"display_name": "cw"}},
    {"id": "U4", "name": "dana", "real_name": "Dana Kim", "deleted": True},
]
CHANNELS = [{"id": "C1", "name": "general", "members": ["U1", "U2", "U3"]},
            {"id": "C2", "name": "random", "members": ["U1", "U2"]}]
DMS = [{"id": "D1", "members": ["U1", "U2"]}, {"id": "D2", "members": ["U2", "U3"]}]


def ts(minute: int) -> str:
    return f"{T0 + 60 * minute}.000100"


def msg(user: str, text: str, minute: int, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": ts(minute), **extra}


def export(tmp_path: Path, files: dict[str, Any], *, base: bool = True,
           name: str = "export.zip", method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of ``files`` (JSON values, or bytes as they are) beside users/channels/dms."""
    every = {"users.json": USERS, "channels.json": CHANNELS, "dms.json": DMS,
             "integration_logs.json": {"logs": []},
             **dict.fromkeys(("general/", "random/", "D1/", "D2/"), b"")} if base else {}
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", method) as archive:
        for member, value in {**every, **files}.items():
            archive.writestr(member, value if isinstance(value, bytes) else json.dumps(value))
    return path


def read(path: Path, me: str = "U1", **kwargs: Any) -> list[Incoming | Problem]:
    return list(read_slack_export(path, me, **kwargs))


def incomings(items: list[Incoming | Problem]) -> list[Incoming]:
    return [item for item in items
            if isinstance(item, Incoming) and not item.own and not item.answer_only]


def own_replies(items: list[Incoming | Problem]) -> list[tuple[str, tuple[str, ...]]]:
    return [(item.external_id, item.replies_to) for item in items
            if isinstance(item, Incoming) and item.own]


def problems(items: list[Incoming | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def texts(items: list[Incoming | Problem]) -> list[str]:
    return [item.body for item in incomings(items)]


# -- which messages count ----------------------------------------------------------------------


def test_a_mention_in_a_channel_becomes_a_chat_request(tmp_path):
    path = export(tmp_path, {f"general/{DAY}": [
        msg("U2", "<@U1> can you check the Q4 numbers?\nThey look off.", 5),
        msg("U2", "nothing for ann here", 6),
    ], f"random/{DAY}": []})
    items = read(path)
    assert items == [Incoming(
        source="slack", external_id=f"C1:{ts(5)}", subject="@Ann Lee can you check the Q4 numbers?",
        sender="Ben Cohen", received_at=datetime(2025, 11, 25, 10, 5, 0, 100, tzinfo=UTC),
        body="@Ann Lee can you check the Q4 numbers?\nThey look off.", links=(),
        channel=Channel.CHAT, priority=Priority.NORMAL)]


def test_direct_messages_to_me_count_and_mine_do_not(tmp_path):
    path = export(tmp_path, {
        f"D1/{DAY}": [msg("U2", "lunch?", 1), msg("U1", "sure", 2), msg("U2", "great", 3)],
        f"D2/{DAY}": [msg("U3", "a DM between others", 1)],
    })
    items = read(path)
    assert texts(items) == ["lunch?", "great"]
    assert not problems(items)


def test_a_group_dm_i_am_in_counts(tmp_path):
    mpims = [{"id": "G1", "name": "mpdm-ann--ben--cai-1", "members": ["U1", "U2", "U3"]},
             {"id": "G2", "name": "mpdm-ben--cai-1", "members": ["U2", "U3"]}]
    path = export(tmp_path, {"mpims.json": mpims, "channels.json": [], "dms.json": [],
                             f"mpdm-ann--ben--cai-1/{DAY}": [msg("U3", "all three of us", 1)],
                             f"mpdm-ben--cai-1/{DAY}": [msg("U3", "just the two", 1)]})
    assert [(i.external_id, i.body) for i in incomings(read(path))] == [
        (f"G1:{ts(1)}", "all three of us")]


def test_thread_replies_count_after_i_took_part(tmp_path):
    path = export(tmp_path, {f"general/{DAY}": [
        msg("U1", "my question", 1, thread_ts=ts(1), reply_count=1),
        msg("U2", "answer to my question", 2, thread_ts=ts(1)),
        msg("U2", "ben's thread", 3, thread_ts=ts(3), reply_count=3),
        msg("U3", "before I replied", 4, thread_ts=ts(3)),
        msg("U1", "my reply", 5, thread_ts=ts(3)),
        msg("U3", "after I replied", 6, thread_ts=ts(3)),
        msg("U3", "cai's thread", 7, thread_ts=ts(7)),
        msg("U2", "a thread I am not in", 8, thread_ts=ts(7)),
    ]})
    items = read(path)
    assert texts(items) == ["answer to my question", "after I replied"]


def test_a_thread_i_replied_in_on_another_day_counts(tmp_path):
    path = export(tmp_path, {
        f"general/{DAY}": [msg("U2", "question", 1, thread_ts=ts(1))],
        f"general/{NEXT_DAY}": [msg("U1", "late reply", 1500, thread_ts=ts(1)),
                                msg("U2", "thanks", 1501, thread_ts=ts(1))],
    })
    assert texts(read(path)) == ["thanks"]


@pytest.mark.parametrize("text", ["<!here> standup", "<!channel> deploy", "<!everyone> party",
                                  "<!here|here> old style", "ann: <@U2> not you"])
def test_channel_wide_mentions_are_not_enough(tmp_path, text):
    path = export(tmp_path, {f"general/{DAY}": [msg("U3", text, 1)], f"random/{DAY}": []})
    assert read(path) == []


def test_my_messages_bots_and_notices_are_left_out(tmp_path):
    path = export(tmp_path, {f"general/{DAY}": [
        msg("U1", "note to self <@U1>", 1),
        msg("U2", "<@U1> has joined the channel", 2, subtype="channel_join"),
        {"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "<@U1> build",
         "ts": ts(3)},
        {"type": "message", "bot_id": "B1", "text": "<@U1> app post", "ts": ts(4)},
        msg("U2", "<@U1> hidden", 5, hidden=True),
        msg("U2", "<@U1> broadcast reply", 6, subtype="thread_broadcast", thread_ts=ts(1)),
        msg("U2", "<@U1> with a file", 7, subtype="file_share"),
    ], f"random/{DAY}": []})
    assert texts(read(path)) == ["@Ann Lee broadcast reply", "@Ann Lee with a file"]


def test_urgent_is_high_priority(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "URGENT: the build is red", 1),
                                           msg("U2", "no urgency", 2)]})
    assert [i.priority for i in incomings(read(path))] == [Priority.HIGH, Priority.NORMAL]


def test_order_is_conversation_name_then_day_then_time(tmp_path):
    path = export(tmp_path, {
        f"random/{NEXT_DAY}": [msg("U2", "<@U1> r2", 1441)],
        f"random/{DAY}": [msg("U2", "<@U1> r1b", 9), msg("U2", "<@U1> r1a", 8)],
        f"general/{DAY}": [msg("U2", "<@U1> g1", 20)],
        f"D1/{DAY}": [msg("U2", "dm", 30)],
    })
    assert texts(read(path)) == ["dm", "@Ann Lee g1", "@Ann Lee r1a", "@Ann Lee r1b",
                                 "@Ann Lee r2"]


# -- text, links and names ----------------------------------------------------------------------


def test_markup_is_resolved(tmp_path):
    text = ("Hi <@U2>, see <#C2|random> and <#C1>: &lt;b&gt; &amp;amp; "
            "<https://x.example/a?b=1&amp;c=2|the doc>, <http://example.com|example.com>, "
            "<https://y.example/p>, <mailto:a@b.org|a@b.org>, <!subteam^S1|@ops>, "
            "<!date^1764064800^{date}|Nov 25>, <!here> <@U1|ann>")
    path = export(tmp_path, {f"general/{DAY}": [msg("U2", text, 1)], f"random/{DAY}": []})
    [item] = read(path)
    assert item.body == (
        "Hi @Ben Cohen, see #random and #general: <b> &amp; the doc "
        "(https://x.example/a?b=1&c=2), example.com, https://y.example/p, a@b.org, @ops, "
        "Nov 25, @here @Ann Lee")
    assert item.subject == item.body[:119] + "…"
    assert item.links == ("https://x.example/a?b=1&c=2", "http://example.com",
                          "https://y.example/p")


def test_the_subject_is_the_first_line(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "\n  Budget   for Q4 \nsecond line", 1),
                                           msg("U2", "", 2, files=[
                                               {"name": "q4.xlsx", "title": "Q4 budget",
                                                "permalink": "https://acme.slack.com/files/F1"}])]})
    first, second = incomings(read(path))
    assert (first.subject, first.body) == ("Budget for Q4", "Budget   for Q4 \nsecond line")
    assert (second.subject, second.body) == ("Q4 budget", "")
    assert second.links == ("https://acme.slack.com/files/F1",)


@pytest.mark.parametrize("workspace", ["acme", "ACME.slack.com", "https://acme.slack.com/"])
def test_the_permalink_comes_first(tmp_path, workspace):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "see <https://docs.example/x>", 1)]})
    [item] = read(path, workspace=workspace)
    assert item.links == (f"https://acme.slack.com/archives/D1/p{T0 + 60}000100",
                          "https://docs.example/x")


def test_a_bad_workspace_name_is_refused(tmp_path):
    path = export(tmp_path, {})
    with pytest.raises(InvalidInput, match="workspace"):
        read_slack_export(path, "U1", workspace="acme corp!")


def test_a_user_missing_from_users_json_is_shown_by_id_and_reported_once(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": [
        msg("U9", "first from a stranger", 1), msg("U9", "second", 2),
        msg("U8", "from a guest", 3, user_profile={"real_name": "Gil Guest"}),
        msg("U2", "ask <@U7> or <@U6|zed>", 4),
    ]})
    items = read(path)
    assert [(i.sender, i.body) for i in incomings(items)] == [
        ("U9", "first from a stranger"), ("U9", "second"), ("Gil Guest", "from a guest"),
        ("Ben Cohen", "ask @U7 or @zed")]
    assert [(p.where, p.reason) for p in problems(items)] == [
        (f"{path}:D1/{DAY}", "The user U9 is not in users.json; they are shown as 'U9'."),
        (f"{path}:D1/{DAY}", "The user U8 is not in users.json; they are shown as 'Gil Guest'."),
        (f"{path}:D1/{DAY}", "The user U7 is not in users.json; they are shown as 'U7'."),
        (f"{path}:D1/{DAY}", "The user U6 is not in users.json; they are shown as 'zed'."),
    ]
    assert items.index(problems(items)[0]) == 1  # right after the first message that needed it


# -- who "me" is -------------------------------------------------------------------------------


@pytest.mark.parametrize("me", ["U1", "u1", "ann@example.org", "ANN", "@ann", "Ann Lee", "annie"])
def test_me_by_id_name_or_email(tmp_path, me):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "hi", 1)]})
    assert texts(read(path, me)) == ["hi"]


def test_an_unknown_me_names_some_users(tmp_path):
    path = export(tmp_path, {})
    with pytest.raises(InvalidInput) as error:
        read_slack_export(path, "zoe@example.org")
    assert "zoe@example.org" in error.value.message
    assert "Ann Lee, Ben Cohen, cai" in error.value.message
    assert "Dana" not in error.value.message  # deactivated


def test_a_me_that_names_two_users_asks_for_the_id(tmp_path):
    users = [*USERS, {"id": "U5", "name": "ann2", "real_name": "Ann Lee"}]
    path = export(tmp_path, {"users.json": users})
    with pytest.raises(InvalidInput, match="U1, U5"):
        read_slack_export(path, "ann lee")


# -- broken exports ----------------------------------------------------------------------------


def test_a_file_that_is_not_a_zip_is_refused_when_called(tmp_path):
    path = tmp_path / "export.zip"
    path.write_text("not a zip", "utf-8")
    with pytest.raises(InvalidInput, match="zip"):
        read_slack_export(path, "U1")  # no iteration needed
    with pytest.raises(InvalidInput):
        read_slack_export(tmp_path / "missing.zip", "U1")
    with pytest.raises(InvalidInput):
        read_slack_export(tmp_path, "U1")


@pytest.mark.parametrize("users", [None, b"{broken", {"not": "a list"}])
def test_a_zip_without_a_readable_users_json_is_refused(tmp_path, users):
    files = {"channels.json": CHANNELS} if users is None else {"users.json": users}
    path = export(tmp_path, files, base=False)
    with pytest.raises(InvalidInput, match=r"users\.json"):
        read_slack_export(path, "U1")


def test_an_export_inside_a_folder_is_read(tmp_path):
    files = {f"Acme export/{name}": value for name, value in {
        "users.json": USERS, "channels.json": CHANNELS, "dms.json": DMS,
        f"D1/{DAY}": [msg("U2", "hi", 1)], f"D2/{DAY}": [], f"general/{DAY}": [],
        f"random/{DAY}": []}.items()}
    path = export(tmp_path, files, base=False)
    assert [(i.external_id, i.body) for i in incomings(read(path))] == [(f"D1:{ts(1)}", "hi")]
    assert not problems(read(path))


def test_a_bad_day_file_is_a_problem_and_other_days_are_read(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": b"[{\"type\": \"message\", ",
                             f"D1/{NEXT_DAY}": [msg("U2", "next day", 1441)],
                             f"general/{DAY}": {"not": "a list"}, f"random/{DAY}": []})
    items = read(path)
    assert texts(items) == ["next day"]
    assert [(p.where, p.reason.split(":")[0]) for p in problems(items)] == [
        (f"{path}:D1/{DAY}", "The file is not valid JSON"),
        (f"{path}:general/{DAY}", "The file does not hold a list of messages."),
    ]


def test_a_corrupt_member_is_a_problem(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "CORRUPTED", 1)],
                             f"D1/{NEXT_DAY}": [msg("U2", "fine", 1441)]},
                  method=zipfile.ZIP_STORED)
    path.write_bytes(path.read_bytes().replace(b"CORRUPTED", b"CORRUPTEX"))
    items = read(path)
    assert texts(items) == ["fine"]
    [problem] = [p for p in problems(items) if "D1" in p.where]
    assert problem.where == f"{path}:D1/{DAY}"
    assert "CRC" in problem.reason


def test_listed_folders_and_messages_that_are_off_are_problems(tmp_path):
    path = export(tmp_path, {
        "channels.json": [*CHANNELS, {"id": "C3"}, "junk", {"id": "C4", "name": "ghost"}],
        "groups.json": b"{oops",
        f"D1/{DAY}": [msg("U2", "no time", 1, ts=None), msg("U2", "bad time", 2, ts="yesterday"),
                      msg("U2", "far future", 3, ts="999999999999.1"), ["not", "a", "dict"],
                      {"type": "message", "text": "no author", "ts": ts(4)},
                      msg("U2", "fine", 5)],
        f"general/{DAY}": [],
    })
    items = read(path)
    assert texts(items) == ["fine"]
    assert [p.where.removeprefix(f"{path}:") for p in problems(items)] == [
        "channels.json", "channels.json", "groups.json",
        *[f"D1/{DAY}"] * 5,
        "ghost/"]
    assert [p.reason for p in problems(items)][3:] == [
        "Message 1 has no readable time (ts).", "Message 2 has no readable time (ts).",
        "Message 4 is not a JSON object.", "Message 5 has no author.",
        "Message 3 has no readable time (ts).",
        "The export lists the conversation ghost but has no folder for it."]


# -- the importer registry and fuzzing -----------------------------------------------------------


def test_read_source_reads_slack_and_needs_me(tmp_path):
    assert "slack" in KINDS
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "hi", 1)]})
    with pytest.raises(InvalidInput, match="--me"):
        read_source("slack", path)
    [item] = read_source("slack", path, me="ann", workspace="acme")
    assert isinstance(item, Incoming)
    assert item.links == (f"https://acme.slack.com/archives/D1/p{T0 + 60}000100",)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)
_TS = st.sampled_from([ts(1), ts(2), "1", "1.5", "", "99999999999999", "x"]) | _JSON
_MESSAGE = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["message", "other"]) | _JSON,
    "user": st.sampled_from(["U1", "U2", "U9", ""]) | _JSON,
    "text": st.text(alphabet="<>@!#|&;ltgamp:/U1Uxhttps ", max_size=40) | _JSON,
    "ts": _TS, "thread_ts": _TS,
    "subtype": st.sampled_from(["thread_broadcast", "bot_message", "channel_join"]) | _JSON,
    "bot_id": _JSON, "hidden": _JSON, "files": _JSON, "user_profile": _JSON,
})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dm=st.lists(_MESSAGE | _JSON, max_size=6), channel=st.lists(_MESSAGE, max_size=6) | _JSON,
       raw=st.binary(max_size=20))
def test_arbitrary_messages_never_raise(tmp_path, dm, channel, raw):
    path = export(tmp_path, {f"D1/{DAY}": dm, f"general/{DAY}": channel,
                             f"general/{NEXT_DAY}": raw, f"random/{DAY}": [*dm, channel]},
                  name="fuzz.zip")
    for item in read_slack_export(path, "U1", workspace="acme"):
        assert isinstance(item, Incoming | Problem)


# -- who "me" is, from settings (the window's and services' path) -----------------------------


def test_the_first_identity_the_export_knows_is_used(tmp_path):
    from desktop.wiring.services import slack_items

    path = export(tmp_path, {f"general/{DAY}": [msg("U2", "hi <@U1>", 1)]})
    items = list(slack_items(path, ("ann@elsewhere.example", "Ann@example.org")))
    assert [i.subject for i in incomings(items)] == ["hi @Ann Lee"]


def test_no_identity_or_an_unknown_one_is_refused_before_reading(tmp_path):
    from desktop.wiring.services import slack_items

    path = export(tmp_path, {})
    with pytest.raises(InvalidInput, match="config set me"):
        slack_items(path, ())
    with pytest.raises(InvalidInput):
        slack_items(path, ("nobody", "nobody@example.org"))


def test_a_time_after_2100_is_not_readable(tmp_path):
    year_9000 = int(datetime(9000, 1, 1, tzinfo=UTC).timestamp())
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "far", 1, ts=f"{year_9000}.000100"),
                                           msg("U2", "fine", 2)]})
    items = read(path)
    assert texts(items) == ["fine"]
    assert [p.reason for p in problems(items)] == ["Message 1 has no readable time (ts)."]


def test_my_later_message_in_a_dm_answers_what_came_before(tmp_path):
    path = export(tmp_path, {f"D1/{DAY}": [msg("U2", "lunch?", 1), msg("U2", "at 12?", 2),
                                           msg("U1", "sure", 3), msg("U2", "great", 4)]})
    assert own_replies(read(path)) == [(f"D1:{ts(3)}", (f"D1:{ts(1)}", f"D1:{ts(2)}"))]


def test_my_reply_in_a_thread_answers_it_on_a_later_day(tmp_path):
    path = export(tmp_path, {
        f"general/{DAY}": [msg("U2", "<@U1> review?", 1, thread_ts=ts(1)),
                           msg("U1", "unrelated, at the top", 2)],
        f"general/{NEXT_DAY}": [msg("U1", "done", 24 * 60, thread_ts=ts(1))]})
    assert own_replies(read(path)) == [(f"C1:{ts(24 * 60)}", (f"C1:{ts(1)}",))]


def test_my_message_at_the_top_of_a_channel_answers_nothing(tmp_path):
    path = export(tmp_path, {f"general/{DAY}": [msg("U2", "<@U1> review?", 1),
                                                msg("U1", "hello all", 2)]})
    assert own_replies(read(path)) == []
