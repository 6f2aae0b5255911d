"""`imr items parse REQUEST…`: disputed-item requests in structured form."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from imr.errors import ImrError
from imr.items import normalize_request
from imr.knowledge import Knowledge, load_knowledge


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"


def _requests(arguments: list[str]) -> list[str]:
    """The requests in input order; "-" stands for standard input, one request per non-blank line."""
    requests: list[str] = []
    for argument in arguments:
        if argument == "-":
            requests.extend(line.rstrip("\r\n") for line in sys.stdin if line.strip())
        else:
            requests.append(argument)
    return requests


def _read(request: str, knowledge: Knowledge) -> tuple[dict[str, object], bool]:
    try:
        item = normalize_request(request, knowledge)
    except ImrError as exc:
        return {"request": request, "kind": "unrecognized", "recognized": False, "error": str(exc)}, False
    return item.to_public(), item.recognized


def register(app: typer.Typer) -> None:
    items_app = typer.Typer(
        help="Disputed-item requests: read them into structured form.", no_args_is_help=True
    )

    @items_app.command("parse")
    def parse(
        requests: list[str] = typer.Argument(
            ...,
            help='Requests as written, e.g. "Flexeril 5mg #60"; "-" reads one request per line from stdin.',
        ),
        output: OutputFormat = typer.Option(
            OutputFormat.JSONL,
            "--format",
            "-f",
            help="jsonl: one JSON object per line; json: an indented array.",
        ),
    ) -> None:
        """Normalize each request: kind, drug or service, counts, regions, modifiers, topics.

        Exit status 1 when any request could not be read (it is still printed, with the reason).
        """
        knowledge = load_knowledge()
        results = [_read(request, knowledge) for request in _requests(requests)]
        if output is OutputFormat.JSON:
            typer.echo(json.dumps([public for public, _ in results], indent=2, ensure_ascii=False))
        else:
            for public, _ in results:
                typer.echo(json.dumps(public, ensure_ascii=False))
        if not all(ok for _, ok in results):
            raise typer.Exit(1)

    app.add_typer(items_app, name="items")
