"""The analytics report as HTML: the charts with their numbers, as a fragment the web app's page
embeds, or as one self-contained file (`imr letters stats --html`)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from imr.analytics.charts import rate_chart, turnaround_chart
from imr.analytics.rates import GroupRate, Report

STYLE = Path(__file__).with_name("report.css")


def charts_html(report: Report, *, prefix: str = "chart") -> str:
    """Every chart of `report`, each in a section with its numbers in a table (escaped HTML).

    The element with id `<prefix>-heading` (the page's heading of this report) names each section
    together with its own heading, so that two reports on one page have distinct regions."""
    overall = report.overall
    if overall.items == 0:
        return _summary(report, prefix)
    sections = [
        _summary(report, prefix),
        _rates(f"{prefix}-kind", "Uphold rate by kind of treatment", report.by_treatment_kind, overall),
        _rates(f"{prefix}-guideline", "Uphold rate by guideline cited", report.by_guideline, overall),
        _rates(f"{prefix}-specialty", "Uphold rate by reviewer specialty", report.by_specialty, overall),
        _rates(f"{prefix}-month", f"Uphold rate by month ({report.month_basis})", report.by_month, overall),
    ]
    if report.turnaround_summary is not None:
        sections.append(_turnaround(f"{prefix}-turnaround", report))
    return "\n".join(sections)


def standalone_html(report: Report) -> str:
    """The report as one HTML file: its stylesheet inline, no script, nothing fetched."""
    style = STYLE.read_text(encoding="utf-8")
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(report.title)}</title>\n<style>\n{style}</style>\n</head>\n<body>\n<main>\n"
        f'<h1 id="chart-heading">{escape(report.title)}</h1>\n<p class="muted">{escape(report.source)}</p>\n'
        f'<div class="charts">\n{charts_html(report)}\n</div>\n</main>\n</body>\n</html>\n'
    )


def _summary(report: Report, prefix: str) -> str:
    o = report.overall
    if o.rate is None or o.ci_low is None or o.ci_high is None:
        said = "No decided items."
    else:
        said = (
            f"{o.upheld} of {o.items} items upheld: {o.rate:.1%} "
            f"(95% interval {o.ci_low:.1%} to {o.ci_high:.1%}, Wilson)."
        )
    return (
        f'<section class="chart card summary" aria-labelledby="{prefix}-heading {prefix}-summary-heading">'
        f'<h2 id="{prefix}-summary-heading">In short</h2><p>{escape(said)}</p>'
        f'<p class="muted small">{escape(report.source)}</p></section>'
    )


def _rates(chart_id: str, title: str, rows: Sequence[GroupRate], overall: GroupRate) -> str:
    table = "".join(
        f'<tr><th scope="row">{escape(r.name)}</th><td class="num">{r.items}</td>'
        f'<td class="num">{r.upheld}</td><td class="num">{_pct(r.rate)}</td>'
        f'<td class="num">{_pct(r.ci_low)} to {_pct(r.ci_high)}</td></tr>'
        for r in rows
    )
    return (
        f'<section class="chart card" aria-labelledby="{_part(chart_id)}-heading {chart_id}-heading">'
        f'<h2 id="{chart_id}-heading">{escape(title)}</h2>'
        f"{rate_chart(chart_id, title, rows, overall)}"
        f'<details><summary>The numbers</summary><table class="chart-table">'
        '<thead><tr><th scope="col">Group</th><th scope="col">Items</th><th scope="col">Upheld</th>'
        '<th scope="col">Rate</th><th scope="col">95% interval</th></tr></thead>'
        f"<tbody>{table}</tbody></table></details></section>"
    )


def _turnaround(chart_id: str, report: Report) -> str:
    summary = report.turnaround_summary
    assert summary is not None
    on_time = summary.on_time
    title = "Turnaround against the statutory deadline"
    said = (
        f"{on_time.upheld} of {summary.cases} letters issued by their deadline ({_pct(on_time.rate)}, "
        f"95% interval {_pct(on_time.ci_low)} to {_pct(on_time.ci_high)}); "
        f"median {summary.median_days_taken:g} days taken, "
        f"of a median {summary.median_days_allowed:g} allowed."
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(c.case_id)}</th><td>{escape(c.track)}</td><td>{c.received}</td>'
        f'<td>{c.due}</td><td>{c.issued}</td><td class="num">{c.days_taken}</td>'
        f'<td class="num">{c.days_early}</td></tr>'
        for c in report.turnaround
    )
    return (
        f'<section class="chart card" aria-labelledby="{_part(chart_id)}-heading {chart_id}-heading">'
        f'<h2 id="{chart_id}-heading">{title}</h2><p>{escape(said)}</p>'
        f"{turnaround_chart(chart_id, title, report.turnaround)}"
        '<details><summary>The numbers</summary><table class="chart-table"><thead><tr>'
        '<th scope="col">Case</th><th scope="col">Track</th><th scope="col">Received</th>'
        '<th scope="col">Due</th><th scope="col">Issued</th><th scope="col">Days taken</th>'
        f'<th scope="col">Days to spare</th></tr></thead><tbody>{rows}</tbody></table></details></section>'
    )


def _part(chart_id: str) -> str:
    """The prefix of a chart id: "ours" of "ours-kind"."""
    return chart_id.rsplit("-", 1)[0]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
