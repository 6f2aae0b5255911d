"""The `imr` command line. Each command group lives in `imr.commands.<group>` and registers itself."""

from __future__ import annotations

import typer

from imr.commands import db, decide, evaluate, facts, guidelines, intake, items, letters, schema, serve

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


for module in (letters, items, facts, guidelines, intake, decide, evaluate, schema, serve, db):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
