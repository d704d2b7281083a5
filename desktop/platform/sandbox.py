# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Jinja2 sandbox for user-editable templates that also bounds how much work a render does.

Jinja's ``SandboxedEnvironment`` blocks access to Python internals (``__class__``,
``__globals__``, unsafe callables) and caps ``range()``. It does not stop a template that loops
for ever over nested ranges without printing, or that builds a gigabyte string with ``'x' *
10**9``. :class:`BudgetedSandbox` adds:

* every ``{% for %}`` iterates through a counter that stops the render after a number of steps
  or once its time is up (the loop is rewritten at parse time, so no template can avoid it);
* ``*``, ``**`` and ``%`` refuse results beyond the output budget before computing them, and
  string methods that pad to a width (``ljust``, ``center`` …) refuse huge widths;
* any call that returns a string or list longer than the output budget stops the render;
* every operation that can grow text is checked as it happens, not only the output: each
  filter's result (the tree is rewritten so every ``|filter`` and ``{% set %}`` block passes
  through ``_sized``), each ``~``, and ``replace`` and ``join`` (filters and methods) before
  they build their result, so a render never holds much more than the output budget;
* every loop step checks the time (a check every 512 steps let doublings reach gigabytes);
* no ``lipsum`` global.

The budget of the render in progress is held in a context variable, set by :func:`budget`.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

T = TypeVar("T")

MAX_CHARS = 200_000
MAX_STEPS = 200_000
MAX_SECONDS = 0.5
_WIDE = re.compile(r"\d{6,}")
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


class BudgetExceeded(SecurityError):
    """A render ran too long, looped too often or produced too much text."""


class Budget:
    """What one render may still spend."""

    def __init__(self, max_chars: int = MAX_CHARS, max_steps: int = MAX_STEPS,
                 max_seconds: float = MAX_SECONDS) -> None:
        self.max_chars = max_chars
        self.steps_left = max_steps
        self.deadline = time.monotonic() + max_seconds

    def step(self) -> None:
        """Count one loop step; raise when steps or time are used up."""
        self.steps_left -= 1
        if self.steps_left < 0:
            raise BudgetExceeded("the template loops too often")
        self.check_time()

    def check_time(self) -> None:
        """Raise when the render's time is up."""
        if time.monotonic() > self.deadline:
            raise BudgetExceeded("the template takes too long to render")

    def check_size(self, size: int) -> None:
        """Raise when ``size`` characters exceed the output budget."""
        if size > self.max_chars:
            raise BudgetExceeded(f"the template produces more than {self.max_chars} characters")


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def _current() -> Budget:
    found = _CURRENT.get()
    return found if found is not None else Budget()


@contextmanager
def budget(limit: Budget) -> Iterator[Budget]:
    """Make ``limit`` the budget of renders inside the ``with`` block."""
    token = _CURRENT.set(limit)
    try:
        yield limit
    finally:
        _CURRENT.reset(token)


def _sized(value: T) -> T:
    """``value`` unchanged, once its length is within the output budget."""
    if isinstance(value, str | list | tuple | dict):
        _current().check_size(len(value))
    return value


def _replaced_size(text: str, old: str, new: str, count: int | None = None) -> int:
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _joined_size(separator: str, items: Iterable[object]) -> int:
    parts = list(items)
    return sum(len(str(p)) for p in parts) + len(separator) * max(len(parts) - 1, 0)


class _Sizing(NodeTransformer):
    """Routes each filter, ``~`` and ``{% set %}`` block through ``_sized``."""

    def visit_Filter(self, node: nodes.Filter) -> nodes.Node:  # noqa: N802 (visitor name)
        self.generic_visit(node)
        return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)

    def visit_AssignBlock(self, node: nodes.AssignBlock) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.filter = nodes.Filter(node.filter, "_sized", [], [], None, None,
                                   lineno=node.lineno)
        return node

    def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.filter = nodes.Filter(node.filter, "_sized", [], [], None, None,
                                   lineno=node.lineno)
        return node


def _counted(iterable: Iterable[T]) -> Iterator[T]:
    spend = _current()
    for item in iterable:
        spend.step()
        yield item


class BudgetedSandbox(SandboxedEnvironment):
    """``SandboxedEnvironment`` whose loops, operators and calls stay within a :class:`Budget`."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.filters["_counted"] = _counted
        self.filters["_sized"] = _sized
        self.filters["replace"] = self._replace_filter(self.filters["replace"])
        self.filters["join"] = self._join_filter(self.filters["join"])
        self.filters["format"] = self._format_filter
        self.filters["center"] = lambda value, width=80: self._padded(str(value), "center", width)
        self.filters["indent"] = self._indent_filter(self.filters["indent"])

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree: nodes.Template = _Sizing().visit(super()._parse(source, name, filename))
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None,
                                     lineno=loop.lineno)
        return tree

    def call_binop(self, context: Context, operator: str, left: object, right: object
                   ) -> object:
        limit = _current().max_chars
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and right * max(abs(left).bit_length(), 1) > 4096:
                raise SecurityError("the number would be too large")
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) and (
                        len(seq) * count > limit):
                    raise BudgetExceeded(f"the text would be longer than {limit} characters")
        elif operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise SecurityError("a format width is too large")
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: object) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and _WIDE.search(owner) and getattr(
                value, "__name__", "") in ("format", "format_map"):
            def refuse(*_args: object, **_kwargs: object) -> str:
                raise SecurityError("a format width is too large")
            return refuse
        return super().wrap_str_format(value)

    def call(__self, __context: Context, __obj: object, *args: Any,  # noqa: N805
             **kwargs: Any) -> object:
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and method in _PADDING:
            __self._check_width(args)
        elif isinstance(owner, str) and method == "replace" and len(args) >= 2:
            _current().check_size(_replaced_size(owner, str(args[0]), str(args[1]),
                                                 *[a for a in args[2:3] if isinstance(a, int)]))
        elif isinstance(owner, str) and method == "join" and args:
            _current().check_size(_joined_size(owner, args[0]))
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str | list | tuple):
            _current().check_size(len(result))
        return result

    # -- safe versions of filters that pad or format --------------------------------------------

    def _check_width(self, args: Iterable[object]) -> None:
        limit = _current().max_chars
        if any(isinstance(a, int) and a > limit for a in args):
            raise BudgetExceeded(f"the text would be longer than {limit} characters")

    def _padded(self, value: str, method: str, width: int) -> str:
        self._check_width([width])
        result: str = getattr(value, method)(width)
        return result

    def _replace_filter(self, original: Callable[..., str]) -> Callable[..., str]:
        def replace(eval_ctx: EvalContext, value: object, old: object, new: object,
                    count: int | None = None) -> str:
            _current().check_size(_replaced_size(str(value), str(old), str(new), count))
            return original(eval_ctx, value, old, new, count)
        replace.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
        return replace

    def _join_filter(self, original: Callable[..., str]) -> Callable[..., str]:
        def join(eval_ctx: EvalContext, value: Iterable[object], d: str = "",
                 attribute: str | int | None = None) -> str:
            if attribute is None:
                value = list(value)
                _current().check_size(_joined_size(d, value))
            return original(eval_ctx, value, d, attribute)
        join.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
        return join

    def _format_filter(self, value: str, *args: object, **kwargs: object) -> str:
        if _WIDE.search(str(value)):
            raise SecurityError("a format width is too large")
        return str(value) % (kwargs or args)

    def _indent_filter(self, original: Callable[..., str]) -> Callable[..., str]:
        def indent(value: str, width: int | str = 4, *args: object, **kwargs: object) -> str:
            size = width if isinstance(width, int) else len(width)
            self._check_width([size * (str(value).count("\n") + 1)])
            result: str = original(value, width, *args, **kwargs)
            return result
        return indent
