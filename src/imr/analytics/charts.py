"""Charts as SVG text, drawn on the server: no script, no CDN, the same in the web app and in the
file `imr letters stats --html` writes. Every chart has a title and a description for screen
readers; the numbers are also given as a table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from imr.analytics.rates import GroupRate, Turnaround

WIDTH = 680
LABEL_W = 250
PLOT_W = 310
ROW_H = 26
TOP = 30
BOTTOM = 34
MAX_LABEL = 32


def rate_chart(chart_id: str, title: str, rows: Sequence[GroupRate], overall: GroupRate | None = None) -> str:
    """A dot-and-whisker chart: each group's uphold rate with its 95% interval, and the overall rate."""
    height = TOP + BOTTOM + ROW_H * max(1, len(rows))
    x0 = LABEL_W
    parts = [_open(chart_id, title, _rate_description(title, rows, overall), height)]
    parts.append(_percent_axis(x0, height))
    if overall is not None and overall.rate is not None:
        x = x0 + overall.rate * PLOT_W
        parts.append(
            f'<line class="overall" x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - BOTTOM}"/>'
            f'<text x="{x:.1f}" y="{TOP - 12}" text-anchor="middle" class="muted-text">'
            f"all {overall.rate:.0%}</text>"
        )
    if not rows:
        parts.append(f'<text x="{x0}" y="{TOP + 16}" class="muted-text">No decided items yet.</text>')
    for index, row in enumerate(rows):
        y = TOP + ROW_H * index + ROW_H / 2
        label = row.name if len(row.name) <= MAX_LABEL else row.name[: MAX_LABEL - 1] + "…"
        parts.append(
            f'<text x="{x0 - 8}" y="{y + 4:.1f}" text-anchor="end"><title>{escape(row.name)}</title>'
            f"{escape(label)}</text>"
        )
        if row.rate is None or row.ci_low is None or row.ci_high is None:
            continue
        lo, hi, at = (x0 + v * PLOT_W for v in (row.ci_low, row.ci_high, row.rate))
        parts.append(
            f'<line class="whisker" x1="{lo:.1f}" y1="{y:.1f}" x2="{hi:.1f}" y2="{y:.1f}"/>'
            f'<line class="whisker" x1="{lo:.1f}" y1="{y - 5:.1f}" x2="{lo:.1f}" y2="{y + 5:.1f}"/>'
            f'<line class="whisker" x1="{hi:.1f}" y1="{y - 5:.1f}" x2="{hi:.1f}" y2="{y + 5:.1f}"/>'
            f'<circle class="dot" cx="{at:.1f}" cy="{y:.1f}" r="5"/>'
            f'<text x="{x0 + PLOT_W + 12}" y="{y + 4:.1f}">{row.rate:.0%} of {row.items}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def turnaround_chart(chart_id: str, title: str, cases: Sequence[Turnaround]) -> str:
    """One dot per issued case: how many days before (left) or after (right) its statutory deadline
    it was issued, in a row per track (regular, expedited, formulary)."""
    tracks = sorted({c.track for c in cases}) or ["regular"]
    height = TOP + BOTTOM + ROW_H * 2 * len(tracks)
    x0 = LABEL_W
    spread = max([10, *(abs(c.days_early) for c in cases)])
    scale = (PLOT_W / 2) / spread
    zero = x0 + PLOT_W / 2

    def at(days_late: int) -> float:
        return zero + days_late * scale

    late = sum(not c.on_time for c in cases)
    description = (
        f"{len(cases)} issued cases; {len(cases) - late} by their statutory deadline and {late} after it. "
        "Each dot is a case, placed by the days between its deadline and the day its letter was issued."
    )
    parts = [_open(chart_id, title, description, height)]
    for days in sorted({-spread, -spread // 2, 0, spread // 2, spread}):
        x = at(days)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{height - BOTTOM}"/>')
        word = "deadline" if days == 0 else f"{abs(days)} d {'early' if days < 0 else 'late'}"
        parts.append(f'<text x="{x:.1f}" y="{height - BOTTOM + 16}" text-anchor="middle">{word}</text>')
    parts.append(
        f'<line class="deadline" x1="{zero:.1f}" y1="{TOP - 8}" x2="{zero:.1f}" y2="{height - BOTTOM}"/>'
    )
    if not cases:
        parts.append(f'<text x="{x0}" y="{TOP + 16}" class="muted-text">No letter issued yet.</text>')
    for row, track in enumerate(tracks):
        y = TOP + ROW_H * (2 * row + 1)
        mine = [c for c in cases if c.track == track]
        parts.append(f'<text x="{x0 - 8}" y="{y + 4}" text-anchor="end">{escape(track)} ({len(mine)})</text>')
        for jitter, case in enumerate(mine):
            offset = ((jitter % 5) - 2) * 3
            css = "on-time" if case.on_time else "late"
            parts.append(
                f'<circle class="{css}" cx="{at(-case.days_early):.1f}" cy="{y + offset}" r="4">'
                f"<title>{escape(case.case_id)}: issued {case.issued.isoformat()}, due {case.due.isoformat()}"
                f"</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _open(chart_id: str, title: str, description: str, height: int) -> str:
    safe = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{safe}-title {safe}-desc">'
        f'<title id="{safe}-title">{escape(title)}</title><desc id="{safe}-desc">{escape(description)}</desc>'
    )


def _percent_axis(x0: int, height: int) -> str:
    parts = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + tick * PLOT_W
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{height - BOTTOM}"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - BOTTOM + 16}" text-anchor="middle">{tick:.0%}</text>')
    parts.append(
        f'<text x="{x0 + PLOT_W / 2:.1f}" y="{height - 4}" text-anchor="middle" class="muted-text">'
        "share upheld, with its 95% interval</text>"
    )
    return "".join(parts)


def _rate_description(title: str, rows: Sequence[GroupRate], overall: GroupRate | None) -> str:
    said = "; ".join(
        f"{r.name}: {r.rate:.0%} of {r.items} upheld (95% interval {r.ci_low:.0%} to {r.ci_high:.0%})"
        for r in rows
        if r.rate is not None and r.ci_low is not None and r.ci_high is not None
    )
    lead = (
        f"Overall {overall.rate:.0%} of {overall.items} items upheld. "
        if overall and overall.rate is not None
        else ""
    )
    return f"{title}. {lead}{said}."
