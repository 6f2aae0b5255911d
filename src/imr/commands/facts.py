"""`imr facts extract CASE.json`: the facts of a case's records, with spans and modifiers."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import typer

from imr.errors import ImrError
from imr.facts import extract_facts
from imr.intake import load_case_file
from imr.knowledge import load_knowledge
from imr.models.facts import ClinicalFacts


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def _as_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected an ISO date YYYY-MM-DD, got {value!r}") from exc


def render_text(facts: ClinicalFacts) -> str:
    """A reviewer-readable listing: facts with modifiers and measures, derived values, problems."""
    lines: list[str] = []
    for f in facts.facts:
        flags = ", ".join(f"{m.category.value} ({m.cue!r})" for m in f.modifiers)
        measures = ", ".join(
            f"{m.kind}={m.value}"
            + (f" {m.unit}" if m.unit else "")
            + (f" [{m.qualifier}]" if m.qualifier else "")
            for m in f.measures
        )
        value = f" = {f.value}" if f.value else ""
        text = " ".join(f.text.split())
        lines.append(
            f'{f.record}:{f.start}-{f.end}  {f.concept}{value}  "{text}"  [{f.section or "-"}]'
            + (f"  {{{flags}}}" if flags else "")
            + (f"  <{measures}>" if measures else "")
        )
    lines.append("")
    lines.extend(f"{d.name}: {d.value}" + (f"  ({d.note})" if d.note else "") for d in facts.derived.values())
    lines.extend(f"CONTRADICTION {c.topic}: {' '.join(c.description.split())}" for c in facts.contradictions)
    lines.extend(f"WARNING {w.record}: {w.message}" for w in facts.warnings)
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Clinical facts read from a case's records.", no_args_is_help=True)

    @group.command("extract")
    def extract(
        case_file: Path = typer.Argument(..., help="The case file (JSON); record paths are relative to it."),
        output_format: Format = typer.Option(Format.TEXT, "--format", "-f", help="text or json"),
        as_of: str | None = typer.Option(
            None, "--as-of", help="Date durations run to (default: the UR date, else the request date)."
        ),
    ) -> None:
        """Extract the facts of CASE.json: each with record, span, text, modifiers and measures."""
        try:
            case = load_case_file(case_file)
            facts = extract_facts(
                case, load_knowledge(), as_of=_as_date(as_of), base_dir=case_file.resolve().parent
            )
        except ImrError as exc:
            typer.echo(f"imr facts extract: {exc}", err=True)
            raise typer.Exit(2) from exc
        if output_format is Format.JSON:
            typer.echo(json.dumps(facts.model_dump(mode="json"), indent=2, ensure_ascii=False))
        else:
            typer.echo(render_text(facts))
        for warning in facts.warnings:
            typer.echo(f"warning: record {warning.record}: {warning.message}", err=True)

    app.add_typer(group, name="facts")
