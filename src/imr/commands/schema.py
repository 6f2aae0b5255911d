"""`imr schema NAME`: the JSON Schema of a public data contract."""

from __future__ import annotations

import json

import typer
from pydantic import BaseModel

from imr import models

SCHEMAS: dict[str, type[BaseModel]] = {
    "case-file": models.CaseFile,
    "record": models.Record,
    "disputed-item": models.ItemRequest,
    "published-letter": models.PublishedLetter,
    "reviewer": models.Reviewer,
    "citation": models.Citation,
    "determination": models.Determination,
    "normalized-item": models.NormalizedItem,
    "clinical-facts": models.ClinicalFacts,
}


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema(
        name: str = typer.Argument(None, help="Contract name; omit to list them."),
    ) -> None:
        """Print the JSON Schema of a data contract (case-file, determination, published-letter …)."""
        if name is None:
            for key in SCHEMAS:
                typer.echo(key)
            return
        model = SCHEMAS.get(name)
        if model is None:
            typer.echo(f"imr schema: unknown contract '{name}'; known: {', '.join(SCHEMAS)}", err=True)
            raise typer.Exit(2)
        typer.echo(json.dumps(model.model_json_schema(), indent=2))
