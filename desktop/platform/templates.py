# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The template library: shipped and user template files, rendered in a budgeted sandbox.

Templates are ``*.j2`` files in the shipped folder (``resources/templates``) and the user's
folder (``<config>/templates``). A user file overrides a shipped one with the same id. Files are
read again when their modification time changes, so edits show up without a restart, both in
:meth:`TemplateLibrary.templates` and on the next :meth:`TemplateLibrary.render`.

A broken template never crashes the caller: syntax errors, unknown names, sandbox violations,
runaway loops and failures inside the template all become one :class:`TemplateBroken` that
names the file and line and says what went wrong.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from desktop.core.drafting.template_front import parse_template
from desktop.core.drafting.templates import Template, TemplateBroken, Value
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.platform.resources import resource_path
from desktop.platform.sandbox import Budget, BudgetedSandbox, BudgetExceeded, budget
from desktop.platform.template_filters import Filters

logger = logging.getLogger(__name__)

SUFFIX = ".j2"
_SUBJECT_LINE = re.compile(r"^subject\s*=", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered message: a one-line subject and a body."""

    subject: str
    body: str


class TemplateOutside(SecurityError):
    """A template named a file outside the template folders (``..``, an absolute path, or a
    link that leads out): refused, so no file of the user's can be mailed out by a template."""


class _Loader(BaseLoader):
    """Finds a template by file name in the user's folder first, then the shipped one.

    Names are resolved inside the folders only: ``..``, absolute paths and symbolic links
    that lead out are refused (:class:`TemplateOutside`). The one absolute name allowed is a
    template's own file, which the library loads by its resolved path inside a folder.

    A cached template is out of date when its file changed or when another file now wins (a
    user override was added or removed).
    """

    def __init__(self, folders: Callable[[], list[Path]]) -> None:
        self._folders = folders

    def find(self, name: str) -> Path | None:
        """The file ``name`` stands for, or ``None`` when there is none.

        Raises:
            TemplateOutside: ``name`` leads outside the template folders.
        """
        folders = self._folders()
        path = Path(name)
        if path.is_absolute():
            candidates = [path]
        elif ".." in path.parts or "\\" in name:
            raise TemplateOutside(_outside(name))
        else:
            candidates = [folder / name for folder in folders]
        for candidate in candidates:
            if not candidate.is_file():
                continue
            real = candidate.resolve()
            if not any(real.is_relative_to(folder) for folder in folders):
                raise TemplateOutside(_outside(name))
            return real
        if path.is_absolute():
            raise TemplateOutside(_outside(name))
        return None

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = self.find(template)
        if path is None:
            raise TemplateNotFound(template)
        try:
            stamp = path.stat().st_mtime_ns
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateNotFound(template) from error

        def uptodate() -> bool:
            try:
                return self.find(template) == path and path.stat().st_mtime_ns == stamp
            except (OSError, TemplateOutside):
                return False

        return source, str(path), uptodate


def _outside(name: str) -> str:
    return _("'{name}' is outside the template folders; include, import and extend only "
             "templates inside them, by name, without '..', absolute paths or links out").format(
        name=name)


class TemplateLibrary:
    """Lists, finds and renders templates.

    Args:
        shipped: the folder of built-in templates.
        user: the user's template folder (it need not exist).
        language: the interface language, for dates.
        own_zone: the writer's zone, shown beside the recipient's in deadlines.
    """

    def __init__(self, shipped: Path, user: Path | None = None, *, language: str = "en",
                 own_zone: str = "UTC") -> None:
        self.shipped = shipped.resolve()
        self.user = user.resolve() if user is not None else None
        self._parsed: dict[Path, tuple[int, Template | TemplateBroken]] = {}
        self._subjects: dict[tuple[str, str], JinjaTemplate] = {}
        self.problems: list[TemplateBroken] = []
        self.env = BudgetedSandbox(loader=_Loader(self._folders), autoescape=False,
                                   undefined=StrictUndefined, trim_blocks=True,
                                   lstrip_blocks=True, keep_trailing_newline=False,
                                   auto_reload=True)
        self.set_locale(language, own_zone)

    def set_locale(self, language: str, own_zone: str) -> None:
        """Format dates for ``language`` and show ``own_zone`` beside the recipient's."""
        self.filters = Filters(language, own_zone)
        self.env.filters.update(self.filters.as_dict())

    def _folders(self) -> list[Path]:
        return [p for p in (self.user, self.shipped) if p is not None and p.is_dir()]

    # -- listing -------------------------------------------------------------------------------

    def templates(self) -> list[Template]:
        """Every readable template, user files overriding shipped ones, sorted by title.

        Files that cannot be read are left out and listed in :attr:`problems`.
        """
        chosen: dict[str, Template] = {}
        problems = []
        for folder in reversed(self._folders()):  # shipped first, so user files win
            for path in sorted(folder.glob(f"*{SUFFIX}")):
                item = self._read(path)
                if isinstance(item, TemplateBroken):
                    problems.append(item)
                else:
                    chosen[item.id] = item
        self.problems = problems
        return sorted(chosen.values(), key=lambda t: t.title.casefold())

    def get(self, template_id: str) -> Template:
        """The template with ``template_id``, read again if its file changed.

        Raises:
            InvalidInput: no such template; the message lists the known ids.
            TemplateBroken: the template's own file cannot be read.
        """
        found = {t.id: t for t in self.templates()}
        if template_id in found:
            return found[template_id]
        for problem in self.problems:
            if Path(problem.origin).stem == template_id:
                raise problem
        raise InvalidInput(_("No template '{id}'; known templates: {known}.").format(
            id=template_id, known=", ".join(sorted(found)) or _("none")))

    def _read(self, path: Path) -> Template | TemplateBroken:
        if not any(path.resolve().is_relative_to(f) for f in self._folders()):
            return TemplateBroken(str(path), None, _(
                "The file is a link to outside the template folders; copy the template into "
                "the folder instead."))
        try:
            stamp = path.stat().st_mtime_ns
            cached = self._parsed.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            return TemplateBroken(str(path), None, _("The file cannot be read: {error}")
                                  .format(error=error.strerror or error))
        except UnicodeDecodeError:
            return TemplateBroken(str(path), None, _("The file is not UTF-8 text; save it as "
                                                     "UTF-8."))
        try:
            item: Template | TemplateBroken = parse_template(text, str(path), path.stem)
        except TemplateBroken as error:
            item = error
        self._parsed[path] = (stamp, item)
        return item

    # -- rendering -----------------------------------------------------------------------------

    def render(self, template: Template, values: Mapping[str, Value],
               limit: Budget | None = None) -> Rendered:
        """Render subject and body with ``values`` (from
        :func:`desktop.core.drafting.templates.fill`).

        Raises:
            TemplateBroken: the template has an error; the message names file and line.
        """
        context = dict(values)
        with budget(limit or Budget()) as spend:
            body = self._run(template.origin, lambda: self.env.get_template(template.origin),
                             context, spend, None)
            line = template.body.count("\n", 0, m.start()) + 1 if (
                m := _SUBJECT_LINE.search(template.body)) else 1
            subject = self._run(template.origin, lambda: self._subject(template), context,
                                spend, line)
        # an empty optional field leaves an empty paragraph; never more than one blank line
        body = _BLANK_RUNS.sub("\n\n", body.strip("\n"))
        return Rendered(" ".join(subject.split()), body + "\n")

    def _subject(self, template: Template) -> JinjaTemplate:
        key = (template.origin, template.subject)
        if key not in self._subjects:
            self._subjects[key] = self.env.from_string(template.subject)
        return self._subjects[key]

    def _run(self, origin: str, load: Callable[[], JinjaTemplate], context: dict[str, Value],
             spend: Budget, line: int | None) -> str:
        """Load and render one template through ``generate()``, within ``spend``."""
        out: list[str] = []
        size = 0
        try:
            compiled = load()
            for chunk in compiled.generate(context):
                size += len(chunk)
                spend.check_size(size)
                spend.check_time()
                out.append(chunk)
        except TemplateSyntaxError as error:
            raise TemplateBroken(origin, line or error.lineno, _(
                "Syntax error: {message}.").format(message=_bare(error.message))) from None
        except TemplateNotFound as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "The template '{name}' it refers to does not exist.").format(
                name=error.name)) from None
        except UndefinedError as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "{message}: use a field declared in the front matter.").format(
                message=error.message)) from None
        except BudgetExceeded as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "Stopped: {reason}. Limit the loops or the text it repeats.").format(
                reason=_bare(error))) from None
        except SecurityError as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "Not allowed in a template: {reason}.").format(reason=_bare(error))) from None
        except OverflowError as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "Stopped: {reason}").format(reason=error)) from None
        except RecursionError as error:
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "Stopped: a macro or include calls itself without end.")) from None
        except Exception as error:  # user-written template code may raise anything
            logger.info("template %s failed", origin, exc_info=True)
            raise TemplateBroken(origin, line or _line(error, origin), _(
                "The template failed: {error}").format(error=error)) from None
        return "".join(out)


def _bare(message: object) -> str:
    """A message without its final full stop, to sit inside a sentence of ours."""
    return str(message or "").rstrip(".")


def _line(error: BaseException, origin: str) -> int | None:
    """The template line an exception was raised on (Jinja rewrites its frames to the file)."""
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == origin:
            found = frame.lineno
    return found


def open_library(config_dir: Path, language: str, own_zone: str) -> TemplateLibrary:
    """The shipped templates plus the user's folder ``<config_dir>/templates``."""
    return TemplateLibrary(resource_path("templates"), user_folder(config_dir),
                           language=language, own_zone=own_zone)


def user_folder(config_dir: Path) -> Path:
    """Where the user's own templates live (not created here)."""
    return config_dir / "templates"
