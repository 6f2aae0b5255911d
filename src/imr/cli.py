"""The `imr` command line. Each command group lives in `imr.commands.<group>` and registers itself.

Only the group named on the command line is imported (all of them for `imr --help`), so that a
one-case `imr decide` does not load the service, the letter parser or the statistics.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache

import typer

# command name → module of imr.commands, in the order `imr --help` lists them
COMMANDS = {
    "letters": "letters",
    "items": "items",
    "facts": "facts",
    "guidelines": "guidelines",
    "intake": "intake",
    "decide": "decide",
    "eval": "evaluate",
    "schema": "schema",
    "serve": "serve",
    "db": "db",
}


def build_app(argv: list[str] | None = None) -> typer.Typer:
    """The app with the command group `argv` invokes, or every group when it names none."""
    app = typer.Typer(
        name="imr",
        help="California workers' compensation Independent Medical Review: parse letters, read cases, "
        "draft determinations for a physician reviewer, and serve the review workflow.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _root() -> None:
        """California workers' compensation Independent Medical Review."""

    invoked = argv[0] if argv else None
    names = [COMMANDS[invoked]] if invoked in COMMANDS else list(COMMANDS.values())
    for name in names:
        importlib.import_module(f"imr.commands.{name}").register(app)
    return app


@cache
def _full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    # `from imr.cli import app`: the app with every group (tests, embedding), built on first use
    if name == "app":
        return _full_app()
    raise AttributeError(f"module 'imr.cli' has no attribute {name!r}")


def main() -> None:
    build_app(sys.argv[1:])()


if __name__ == "__main__":
    main()
