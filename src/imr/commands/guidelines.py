"""`imr guidelines`: list, show, lint and version of the guideline knowledge base."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from imr.errors import KnowledgeBaseError
from imr.guidelines import KnowledgeBase, Topic, TopicVersion
from imr.guidelines.schema import topic_schema, write_schema
from imr.knowledge import load_knowledge, read_knowledge

if TYPE_CHECKING:
    from imr.analytics.coverage import CoverageReport

AsOf = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Only what is in force on this date (YYYY-MM-DD)."),
]


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def _base(path: Path | None) -> KnowledgeBase:
    try:
        return load_knowledge(path).guidelines
    except KnowledgeBaseError as exc:
        typer.echo(f"imr guidelines: {exc}", err=True)
        raise typer.Exit(1) from exc


def _counts(version: TopicVersion) -> dict[str, int]:
    confirmed = sum(1 for c in version.criteria if c.confirmed)
    return {
        "criteria": len(version.criteria),
        "confirmed": confirmed,
        "unconfirmed": len(version.criteria) - confirmed,
    }


def _version_json(kb: KnowledgeBase, topic: Topic, version: TopicVersion) -> dict[str, Any]:
    ref = kb.guideline_ref(topic, version)
    return {
        "effective": version.effective.isoformat(),
        "ends": version.ends.isoformat() if version.ends else None,
        "edition": version.edition,
        "edition_label": ref.edition,
        "recommendation": version.recommendation.value if version.recommendation else None,
        "carry_forward": version.carry_forward,
        "citation": ref.model_dump(exclude_none=True),
        **_counts(version),
    }


def _topic_json(kb: KnowledgeBase, topic: Topic, on: dt.date | None) -> dict[str, Any]:
    versions = [v for v in topic.versions if on is None or v.in_force(on)]
    first = topic.versions[0]
    return {
        "id": topic.id,
        "title": topic.title,
        "source": kb.sources[topic.source].citation_label,
        "non_mtus": topic.non_mtus,
        "applies_to": topic.applies_to.model_dump(exclude_defaults=True),
        "citation": kb.guideline_ref(topic, versions[-1] if versions else topic.versions[-1]).model_dump(
            exclude_none=True
        ),
        # the first version holds the criteria as sourced; later carried versions are unconfirmed copies
        "criteria_confirmed": _counts(first)["confirmed"],
        "criteria_unconfirmed": _counts(first)["unconfirmed"],
        "editions": [_version_json(kb, topic, v) for v in versions],
    }


def _share(part: int, whole: int) -> str:
    return f"{part:>5} {part / whole:>6.1%}" if whole else f"{part:>5}      -"


def _print_coverage(report: CoverageReport) -> None:
    total = report.total
    dated = [
        f"{report.summary_dated_items} dated by their clinical summary" if report.summary_dated_items else "",
        f"{report.undated_items} undated, checked on {report.as_of}" if report.undated_items else "",
    ]
    notes = "; ".join(d for d in dated if d)
    typer.echo(f"{report.letters} letters, {total.items} items" + (f" ({notes})" if notes else ""))
    typer.echo(f"{'kind':30} {'items':>5} {'read':>12} {'topic':>12} {'encoded':>12}")
    for kind, row in [("all", total), *report.by_kind.items()]:
        typer.echo(
            f"{kind:30} {row.items:>5} {_share(row.read, row.items)} {_share(row.topic, row.items)} "
            f"{_share(row.encoded, row.items)}"
        )
    for title, counts in (("not read", report.not_read), ("read, no guideline topic", report.no_topic)):
        if counts:
            typer.echo(f"\n{title}:")
            for text, n in list(counts.items())[:20]:
                typer.echo(f"  {n:>4}  {text}")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="The guideline knowledge base (MTUS criteria as dated, cited data).", no_args_is_help=True
    )
    app.add_typer(group, name="guidelines")

    @group.command("list")
    def list_topics(
        fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json"),
        as_of: AsOf = None,
        path: Path = typer.Option(
            None, "--path", help="Knowledge base directory (default: the packaged one)."
        ),
    ) -> None:
        """Every topic with its citation, editions and how many criteria are confirmed."""
        kb = _base(path)
        on = as_of.date() if as_of else None
        topics = [t for t in kb.topics.values() if on is None or t.version_on(on) is not None]
        topics.sort(key=lambda t: (kb.sources[t.source].rank, t.id))
        rows = [_topic_json(kb, t, on) for t in topics]
        if fmt == Format.JSON:
            typer.echo(json.dumps({"version": kb.version, "topics": rows}, indent=2))
            return
        typer.echo(f"knowledge base {kb.version}: {len(rows)} topics")
        for row in rows:
            cite = row["citation"]
            where = f"p. {cite['pages']}" if cite.get("pages") else cite.get("section", "")
            editions = ", ".join(e["edition_label"] for e in row["editions"])
            typer.echo(
                f"{row['id']:32} {row['source']:5} {row['criteria_confirmed']:>2} confirmed "
                f"{row['criteria_unconfirmed']:>2} unconfirmed  {cite['title']} {where}  [{editions}]"
            )

    @group.command("show")
    def show(
        topic_id: str = typer.Argument(..., metavar="TOPIC", help="Topic id (see `imr guidelines list`)."),
        as_of: AsOf = None,
        fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json"),
        path: Path = typer.Option(None, "--path", help="Knowledge base directory."),
    ) -> None:
        """One topic: citation, versions and criteria (only the version in force with --as-of)."""
        kb = _base(path)
        on = as_of.date() if as_of else None
        try:
            topic = kb.topic(topic_id)
        except KnowledgeBaseError as exc:
            typer.echo(f"imr guidelines: {exc.message}", err=True)
            raise typer.Exit(2) from exc
        versions = topic.versions if on is None else [v for v in topic.versions if v.in_force(on)]
        if on is not None and not versions:
            typer.echo(f"imr guidelines: topic '{topic_id}' has no version in force on {on}", err=True)
            raise typer.Exit(1)
        if fmt == Format.JSON:
            data = _topic_json(kb, topic, on)
            data["versions"] = [
                _version_json(kb, topic, v)
                | {"criteria": [c.model_dump(mode="json", exclude_defaults=True) for c in v.criteria]}
                for v in versions
            ]
            typer.echo(json.dumps(data, indent=2))
            return
        typer.echo(f"{topic.id}: {topic.title}  ({kb.sources[topic.source].title}; {topic.file})")
        for version in versions:
            ref = kb.guideline_ref(topic, version)
            ends = version.ends.isoformat() if version.ends else "in force"
            typer.echo(
                f"\n{version.effective} .. {ends}  {ref.edition}: {ref.title}, {ref.section or ''}"
                f"{' p. ' + ref.pages if ref.pages else ''}"
            )
            rec = version.recommendation.value if version.recommendation else "-"
            carried = "  (criteria carried forward, unconfirmed)" if version.carry_forward else ""
            typer.echo(f"  recommendation: {rec}{carried}")
            if version.summary:
                typer.echo(f"  {version.summary}")
            for c in version.criteria:
                flag = "decisive" if c.decisive else "info"
                typer.echo(f"  - {c.id} [{c.kind}; {c.status}; {flag}] {c.rule}")

    @group.command("lint")
    def lint_command(
        path: Path = typer.Argument(None, help="Knowledge base directory (default: the packaged one)."),
    ) -> None:
        """Check every knowledge file (topics, vocabularies, NLP rules, procedure, letter wording):
        schema, dates, kinds, ids, names, citations. Exit 1 on any problem."""
        knowledge, problems = read_knowledge(path)
        for problem in problems:
            typer.echo(str(problem), err=True)
        if knowledge is None:
            typer.echo(f"{len(problems)} problem(s)", err=True)
            raise typer.Exit(1)
        topics = len(knowledge.guidelines.topics)
        typer.echo(f"ok: {topics} topics and every other knowledge file, knowledge base {knowledge.version}")

    @group.command("version")
    def version(path: Path = typer.Option(None, "--path", help="Knowledge base directory.")) -> None:
        """The knowledge-base version stamped on every determination."""
        typer.echo(_base(path).version)

    @group.command("coverage")
    def coverage_command(
        inputs: list[Path] = typer.Argument(
            ..., metavar="CORPUS…", help="Parsed letters (.jsonl from `imr letters parse`) or letter files."
        ),
        fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json"),
        as_of: AsOf = None,
    ) -> None:
        """Which published letters' items are read, have a guideline topic on the letter's date, and
        have criteria encoded for that date, by treatment kind; then the requests not read and the
        read ones without a topic, most frequent first. Exit 1 when some input could not be read."""
        from imr.analytics.coverage import coverage
        from imr.commands.letters import read_letters

        problems: list[str] = []
        letters = list(read_letters(inputs, None, problems))
        on = as_of.date() if as_of else dt.date.today()
        report = coverage(letters, load_knowledge(), as_of=on)
        for problem in problems:
            typer.echo(f"error: {problem}", err=True)
        if fmt == Format.JSON:
            typer.echo(report.model_dump_json(indent=2))
        else:
            _print_coverage(report)
        raise typer.Exit(1 if problems else 0)

    @group.command("schema")
    def schema(
        write: bool = typer.Option(False, "--write", help="Write knowledge/schema/topic.schema.json."),
    ) -> None:
        """The JSON Schema of a topic file."""
        if write:
            typer.echo(str(write_schema()))
            return
        typer.echo(json.dumps(topic_schema(), indent=2))
