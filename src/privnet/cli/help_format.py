"""Help text in click's plain spelling: ``FILE``, ``[text|json]``, ``INTEGER``, no ``<bool>``.

Typer labels every parameter with its Python annotation (``<bool>``, ``<list[Path]>``) and
wraps required arguments in braces (``{file}``); to a reader these are artefacts. Typer builds
its parameter objects itself, with no hook for their class, so the command and group classes
below give each parameter they hold the subclass that labels it the way click does
(:meth:`click.Parameter.make_metavar`). :func:`use_plain_help` points every command of an
application at these classes.
"""

from __future__ import annotations

from typing import Any, get_args

import typer
from typer import _click as click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption, _TyperParameter

_TYPE_LABELS = {int: "INTEGER", float: "FLOAT", str: "TEXT", bool: "BOOLEAN"}


def _value_label(param: _TyperParameter) -> str:
    """What one value of ``param`` is, in click's words: ``PATH``, ``INTEGER``, ``[a|b]``."""
    described = param.type_descriptor
    if described.choices is not None:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in described.choices) + "]"
    if described.is_path:
        return described.path_type.upper()
    annotation: Any = described.annotation
    if described.is_list:
        annotation = (get_args(annotation) or (str,))[0]
    return _TYPE_LABELS.get(annotation, getattr(annotation, "__name__", "VALUE").upper())


class PlainOption(TyperOption):
    """An option labelled by its value kind; a flag by nothing."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        label = _value_label(self)
        return label + "..." if self.nargs != 1 else label


class PlainArgument(TyperArgument):
    """An argument shown as ``FILE`` (required) or ``[FILE]`` (optional), in usage lines and
    in error messages (``Missing argument 'FILE'``) alike."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None  # its name column already says what it is

    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "arg").upper()

    def _rich_display_name(self) -> str:
        return self._plain_name()

    def _usage_display_name(self) -> str:
        name = self._plain_name()
        return name if self.required else f"[{name}]"

    def _plain_name(self) -> str:
        name = self.display_name_raw
        return name + "..." if self.nargs != 1 and not name.endswith("...") else name


def _plain(params: list[click.Parameter]) -> list[click.Parameter]:
    """Give each typer parameter its plain-help subclass (same state, other labels)."""
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
    return params


class PlainHelpCommand(TyperCommand):
    """A command whose help labels parameters as click does."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _plain(super().get_params(ctx))


class PlainHelpGroup(TyperGroup):
    """A group whose own options are labelled as click does (its commands get
    :class:`PlainHelpCommand` from :func:`use_plain_help`)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _plain(super().get_params(ctx))


def use_plain_help(app: typer.Typer) -> None:
    """Every command registered on ``app`` (and its sub-applications) gets plain help."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = PlainHelpCommand
    for group in app.registered_groups:
        sub: Any = group.typer_instance
        if sub is not None:
            if not (isinstance(sub.info.cls, type) and issubclass(sub.info.cls, TyperGroup)
                    and sub.info.cls is not TyperGroup):
                sub.info.cls = PlainHelpGroup
            use_plain_help(sub)
