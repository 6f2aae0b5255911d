"""Regular-expression finders for measures: pain scores, durations, session counts, walking.

Each finder reads lower-cased text and returns Measures with character spans; the words they need
(number words, units, qualifiers) come from knowledge/nlp/measures.yaml.
"""

from __future__ import annotations

import re
from functools import cached_property

from imr.knowledge.nlp import MeasureWords
from imr.models.facts import Measure
from imr.text.scan import Scan
from imr.text.tokens import Tokens, words_of

NUMBER = r"\d+(?:\.\d+)?"


def _alternation(phrases: list[str]) -> str:
    keys = sorted({" ".join(words_of(p)) for p in phrases if words_of(p)}, key=len, reverse=True)
    return "|".join(r"[\s\-/]+".join(re.escape(w) for w in key.split(" ")) for key in keys)


_PAIN = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,2}(?:\.\d)?)(?:\s*(?:-|to)\s*(?P<b>\d{1,2}(?:\.\d)?))?\s*/\s*10(?![\d/])"
    r"|\b(?P<c>\d{1,2}(?:\.\d)?)(?:\s*(?:-|to)\s*(?P<d>\d{1,2}(?:\.\d)?))?\s+(?:out\s+of|on\s+a\s+scale\s+of|on\s+a)\s+"
    r"(?:(?:0|1)\s*(?:-|to)\s*)?10\b"
)

# a score starts with a digit: tried at digits only
_PAIN_SCAN = Scan(_PAIN, by_words=True)


class MeasureFinders:
    """The finders, their regular expressions built once from the words of measures.yaml."""

    def __init__(self, words: MeasureWords) -> None:
        self.words = words
        self._qualifiers: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}

    @cached_property
    def _number_words(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self.words.number_words.items()}

    def number(self, text: str) -> float | None:
        text = text.strip()
        if re.fullmatch(NUMBER, text):
            return float(text)
        found = self._number_words.get(text)
        return float(found) if found is not None else None

    def _qualifier_regexes(self, key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        if key not in self._qualifiers:
            groups: dict[str, list[str]] = getattr(self.words, key)
            self._qualifiers[key] = tuple(
                (name, re.compile(r"\b(?:" + _alternation(words) + r")\b")) for name, words in groups.items()
            )
        return self._qualifiers[key]

    def nearest_qualifier(self, key: str, low: str, start: int, end: int, *, before: bool) -> str | None:
        """The qualifier (from measures.yaml `key`) closest to the measure within low[start:end]."""
        best: tuple[int, str] | None = None
        for name, regex in self._qualifier_regexes(key):
            for m in regex.finditer(low, start, end):
                distance = end - m.end() if before else m.start() - start
                if best is None or distance < best[0]:
                    best = (distance, name)
        return best[1] if best else None

    # ---- pain scores ------------------------------------------------------------------------------

    def pain_scores(self, low: str, start: int, end: int, tokens: Tokens | None = None) -> list[Measure]:
        """Pain scores in low[start:end] (`tokens`: the words of the whole of `low`, to look for
        them faster)."""
        out: list[Measure] = []
        previous_end = start
        whole = tokens is not None and start == 0 and end == len(low)
        for m in _PAIN_SCAN.finditer(low, tokens) if whole else _PAIN.finditer(low, start, end):
            a = float(m.group("a") or m.group("c"))
            b_text = m.group("b") or m.group("d")
            b = float(b_text) if b_text else None
            high = max(a, b) if b is not None else a
            if high > 10:
                continue
            window = max(previous_end, m.start() - 45)
            qualifier = self.nearest_qualifier("pain_qualifiers", low, window, m.start(), before=True)
            if qualifier is None:
                after_end = min(end, m.end() + 30)
                qualifier = self.nearest_qualifier("pain_qualifiers", low, m.end(), after_end, before=False)
                if qualifier not in ("with_medication", "without_medication"):
                    qualifier = None
            out.append(
                Measure.trusted(
                    kind="pain_score",
                    value=high,
                    low=min(a, b) if b is not None else None,
                    unit="/10",
                    text=low[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    qualifier=qualifier,
                )
            )
            previous_end = m.end()
        for m in self._times_regex.finditer(low, start, end):
            if any(o.start <= m.start("n") < o.end for o in out):
                continue
            out.append(
                Measure.trusted(
                    kind="session_count",
                    value=float(m.group("n")),
                    unit="sessions",
                    text=low[m.start("n") - 1 : m.end()].strip(),
                    start=m.start() + len(m.group()) - len(m.group().lstrip()),
                    end=m.end(),
                    qualifier=self.nearest_qualifier(
                        "session_qualifiers", low, max(start, m.start() - 60), m.start(), before=True
                    ),
                )
            )
        out.sort(key=lambda measure: measure.start)
        return out

    # ---- durations --------------------------------------------------------------------------------

    @cached_property
    def _amount(self) -> str:
        """A number in digits or words ("12", "twelve"; not "a"/"an")."""
        words = [w for w in self._number_words if w not in ("a", "an")]
        return rf"(?:{NUMBER}|{'|'.join(sorted(words, key=len, reverse=True))})"

    @cached_property
    def _duration_regex(self) -> re.Pattern[str]:
        amount = self._amount
        qualifiers = _alternation([w for group in self.words.duration_qualifiers.values() for w in group])
        units = "|".join(sorted(self.words.days_per_unit, key=len, reverse=True))
        return re.compile(
            rf"(?:\b(?P<q>{qualifiers})\s+)?(?:\b(?P<n>{amount})(?:\s*(?:-|to)\s*(?P<n2>{amount}))?|(?<=for\s)(?P<one>an?))"
            rf"[\s\-]*(?P<u>{units})\b(?![\s\-]*old\b)"
        )

    @cached_property
    def _bounds(self) -> dict[str, str]:
        groups: dict[str, list[str]] = self.words.duration_qualifiers
        return {" ".join(words_of(w)): name for name, words in groups.items() for w in words}

    @cached_property
    def _duration_scan(self) -> Scan:
        # every duration starts a word: tried at word starts only, far fewer than every position
        return Scan(self._duration_regex, by_words=True)

    def durations(self, low: str, start: int, end: int, tokens: Tokens | None = None) -> list[Measure]:
        """Durations in low[start:end] (`tokens`: the words of the whole of `low`, to look for them
        faster)."""
        per_unit: dict[str, float] = {k: float(v) for k, v in self.words.days_per_unit.items()}
        out: list[Measure] = []
        whole = tokens is not None and start == 0 and end == len(low)
        found = (
            self._duration_scan.finditer(low, tokens)
            if whole
            else self._duration_regex.finditer(low, start, end)
        )
        for m in found:
            amount = 1.0 if m.group("one") else self.number(m.group("n2") or m.group("n"))
            if amount is None:
                continue
            low_amount = self.number(m.group("n")) if m.group("n2") and m.group("n") else None
            factor = per_unit[m.group("u")]
            bound = self._bounds.get(" ".join(words_of(m.group("q")))) if m.group("q") else None
            out.append(
                Measure.trusted(
                    kind="duration",
                    value=amount * factor,
                    low=low_amount * factor if low_amount is not None else None,
                    unit="days",
                    text=low[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    bound=bound,
                )
            )
        return out

    # ---- session counts ---------------------------------------------------------------------------

    @cached_property
    def _session_regex(self) -> re.Pattern[str]:
        words = sorted(self._number_words, key=len, reverse=True)
        units = "|".join(sorted(self.words.session_units, key=len, reverse=True))
        return re.compile(
            rf"(?:\bat\s+least\s+)?(?:#\s*)?\b(?P<n>\d{{1,3}}|{'|'.join(words)})\b(?:\s*\(\d{{1,3}}\))?"
            rf"[\s\-]+(?:[a-z]+[\s\-]+){{0,3}}?(?P<u>{units})\b"
        )

    @cached_property
    def _times_regex(self) -> re.Pattern[str]:
        # a count written "x8" right after a word ("completed OT x8", "PT x16 in 2012"), not a schedule
        # ("2x6"), a time ("x 6 wks") or a supply ("x 30 days")
        return re.compile(
            # led by the "x" itself (the word and space before it are checked behind it), so the engine
            # jumps from one "x" to the next
            r"x(?<=[a-z)]\sx)\s?(?P<n>\d{1,2})\b(?!\s*(?:-|/|x\b|\d|\.\d)|\s*(?:wks?|weeks?|days?|d\b|months?|"
            r"mos?\b|yrs?|years?|hrs?|hours?|min|minutes?|per\b|a\s+(?:day|week|month)|daily|weekly|monthly|"
            r"times|tabs?|tablets?|pills?|caps?|refills?|mg|ml|levels?|units?))"
        )

    @cached_property
    def _session_scan(self) -> Scan:
        # a count starts a word, or is written "#12": tried there only
        return Scan(self._session_regex, by_words=True)

    def session_counts(self, low: str, start: int, end: int, tokens: Tokens | None = None) -> list[Measure]:
        """Session counts in low[start:end] (`tokens`: the words of the whole of `low`, to look for
        them faster)."""
        out: list[Measure] = []
        previous_end = start
        whole = tokens is not None and start == 0 and end == len(low)
        found = (
            self._session_scan.finditer(low, tokens)
            if whole
            else self._session_regex.finditer(low, start, end)
        )
        for m in found:
            if m.group("n") in ("a", "an"):
                continue
            amount = self.number(m.group("n"))
            if amount is None:
                continue
            before = self.nearest_qualifier(
                "session_qualifiers", low, max(previous_end, m.start() - 60), m.start(), before=True
            )
            after = self.nearest_qualifier(
                "session_qualifiers", low, m.end(), min(end, m.end() + 30), before=False
            )
            if before is None and after is None and out and _same_clause(low, out[-1].end, m.start()):
                before = out[-1].qualifier  # "requesting 15 acupuncture visits, … and 12 sessions of massage"
            out.append(
                Measure.trusted(
                    kind="session_count",
                    value=amount,
                    unit="sessions",
                    text=low[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    qualifier=before or after,
                    bound="at_least" if m.group().startswith("at") else None,
                )
            )
            previous_end = m.end()
        return out

    # ---- walking ----------------------------------------------------------------------------------

    @cached_property
    def _walking_regex(self) -> re.Pattern[str]:
        amount = self._amount
        units = "|".join(sorted(self.words.walking_units, key=len, reverse=True))
        return re.compile(rf"\b(?P<n>{amount})(?:\s*(?:-|to)\s*(?P<n2>{amount}))?[\s\-]*(?P<u>{units})\b")

    def walking(self, low: str, start: int, end: int) -> list[Measure]:
        units: dict[str, str] = self.words.walking_units
        out: list[Measure] = []
        for m in self._walking_regex.finditer(low, start, end):
            high = self.number(m.group("n2") or m.group("n"))
            if high is None:
                continue
            unit = units[m.group("u")]
            when = self.nearest_qualifier("walking_when", low, m.end(), min(end, m.end() + 20), before=False)
            out.append(
                Measure.trusted(
                    kind="walking_time" if unit in ("minutes", "hours") else "walking_distance",
                    value=high,
                    low=self.number(m.group("n")) if m.group("n2") else None,
                    unit=unit,
                    text=low[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    qualifier=when,
                )
            )
        return out

    # ---- routes -----------------------------------------------------------------------------------

    @cached_property
    def _route_regex(self) -> re.Pattern[str]:
        routes: dict[str, list[str]] = self.words.routes
        return re.compile(
            r"[\s\-]*(?:\d+(?:\.\d+)?\s*(?:mg|%|mcg|g)\s*)?(?P<w>"
            + _alternation([w for words in routes.values() for w in words])
            + r")\b"
        )

    def route_after(self, low: str, end: int) -> Measure | None:
        """A route written right after a drug name: "Flexeril cream" → topical."""
        m = self._route_regex.match(low, end, min(len(low), end + 24))
        if m is None:
            return None
        word = " ".join(words_of(m.group("w")))
        routes: dict[str, list[str]] = self.words.routes
        for route, words in routes.items():
            if word in {" ".join(words_of(w)) for w in words}:
                return Measure.trusted(
                    kind="route", value=route, text=m.group("w"), start=m.start("w"), end=m.end("w")
                )
        return None


def _same_clause(low: str, start: int, end: int) -> bool:
    return end - start < 120 and not re.search(r"[.;:]\s", low[start:end])
