"""Patterns are scanned only over texts that hold the literals their every match contains, and
tried only where a match can start: the matches must be exactly those of the patterns as written."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given as for_texts
from hypothesis import settings
from hypothesis import strategies as st

from imr.facts.benefit import benefit_rules
from imr.facts.dates import find_dates
from imr.facts.pipeline import build_pipeline, default_pipeline
from imr.facts.roles import role_rules
from imr.facts.sections import LEAD_WINDOW
from imr.facts.usage import usage_rules
from imr.knowledge import Knowledge
from imr.text.phrases import PhraseMatcher, _joined
from imr.text.required import (
    ANYWHERE,
    DIGIT,
    WORD,
    checks_of,
    leading_literals,
    may_match,
    may_match_words,
    required_literals,
    word_leads,
)
from imr.text.scan import (
    Scan,
    search_at_word_starts,
    unrolled,
    without_leading_boundary,
    word_start_matches,
)
from imr.text.tokens import Tokens, lower_same_length

BLIND = Path(__file__).resolve().parents[1] / "blind" / "dev.jsonl"


def _texts() -> list[str]:
    texts = []
    for line in BLIND.read_text(encoding="utf-8").splitlines():
        texts += [lower_same_length(r["text"]) for r in json.loads(line)["records"] if r.get("text")]
    return texts


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"\bpositive\s+spurling\b", (("=positive",), ("=spurling",))),  # "=": a whole word
        (r"\b(?:tear|rupture)\s+of", (("=rupture", "=tear"), ("of",))),
        (r"ab\Bc", (("abc",),)),  # a zero-width assertion joins the literals either side
        (r"(?:foo)?bar", (("bar",),)),  # optional: not required
        (r"x{0,3}yz", (("yz",),)),
        (r"x{2,3}y", (("x",), ("y",))),
        (r"pos(?:itive)?\b", (("pos",),)),
        (r"\bfoo\w+|bar", (("bar", "foo"),)),
        (r"\bfoo|[a-z]+bar|\d", ()),  # one alternative needs no literal: nothing is required
        (r"(?=abc)\d", ()),  # what a look-around reads is not taken as required
        (r"(?i)abc", ()),  # case-insensitive: the text's own case may differ
        (r"x(?i:abc)", (("x",),)),
        (r"(?a)\bpt\b", ()),  # ASCII word boundaries: "pt" in "épt" is no word of the text
        (r"x(?a:\bpt\b)", (("x",),)),
        (r"(?:pt|ptx|physical\s+therapy)", (("physical", "pt"),)),  # "ptx" holds "pt"
        (r"\b(?:had|of)\s+(?P<t>pt)\b", (("=pt",), ("=had", "=of"))),
        (r"\b(?:total\s+)?(?:med|mme)\b", (("=med", "=mme"),)),  # a boundary with or without "total"
        (r"\b(?:x)?med\b", (("med",),)),  # "xmed": "med" is no word of it
        (r"\bmed(?:s)?\b", (("med",),)),
        (r"[\s\-/]+pt[\s\-/]+", (("=pt",),)),
        (r"_pt\b", (("_pt",),)),  # "_" is a word character: "pt" is no word of "_pt"
        (r"\bp(?P<g>(?:x\s+)?y\b)", (("p",), ("y",))),  # "py": "y" follows "p", no boundary
        (r"\bp(?P<g>\s+(?:x\s+)?y\b)", (("=p",), ("=y",))),
    ],
)
def test_the_required_literals(pattern: str, required: tuple[tuple[str, ...], ...]) -> None:
    found = required_literals(re.compile(pattern))
    assert sorted(tuple(a.replace(WORD, "=") for a in c) for c in found) == sorted(required)


def test_a_text_lacking_one_required_set_cannot_match() -> None:
    required = required_literals(re.compile(r"\b(?:tear|rupture)\s+of\s+the\s+cruciate"))
    assert may_match("complete rupture of the anterior cruciate", required)
    assert not may_match("complete rupture of the tendon", required)
    assert may_match("anything at all", ())
    pt = required_literals(re.compile(r"\bhad\s+pt\b"))
    assert not may_match("she had symptoms", pt, frozenset(Tokens.of("she had symptoms").words))
    assert may_match("she had symptoms", pt)  # without the words, "pt" is looked for as it stands


def test_a_word_literal_is_looked_for_among_the_distinct_words() -> None:
    tokens = Tokens.of("keyboarding 2x/day; walks 10 min → 20 min")
    text = "keyboarding 2x/day; walks 10 min → 20 min"
    for pattern, expected in [
        (r"keyboard\w*\s+\d", True),  # "keyboard" inside a word
        (r"\bwalk\w*\s+(?:10|11)\s+min\s+→", True),  # "→" is looked for in the text itself
        (r"2x/week", False),
        (r"\bwalks\s+\d+\s+min\s+vs", False),
        (r"y;\s+w", True),  # across words: in the text, not among its words
    ]:
        required = required_literals(re.compile(pattern))
        assert may_match(text, required, tokens.vocabulary()) is expected, pattern
        found = may_match_words(text, checks_of(required), tokens.vocabulary(), tokens.words_text())
        assert found is expected, pattern


_UNICODE = "aé1²½ß_ -/.\nİ\u0130x"


@for_texts(st.text(alphabet=_UNICODE, max_size=30), st.text(alphabet=_UNICODE, min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_the_words_text_holds_a_word_literal_exactly_when_the_text_does(text: str, literal: str) -> None:
    low = lower_same_length(text)
    tokens = Tokens.of(low)
    required = ((literal,),)
    expected = literal in low
    assert may_match_words(low, checks_of(required), tokens.vocabulary(), tokens.words_text()) is expected


def _patterns(knowledge: Knowledge) -> list[re.Pattern[str]]:
    components = dict(default_pipeline(knowledge).components)
    matchers = [
        components["targets"]._matcher,  # type: ignore[attr-defined]
        components["context"]._matcher,  # type: ignore[attr-defined]
        usage_rules(knowledge).matcher,
    ]
    patterns = [scan.regex for matcher in matchers for scan, _ in matcher._patterns]
    patterns.append(role_rules(knowledge).dispute_clause.regex)
    return patterns + [regex for _, _, regex, _, _ in benefit_rules(knowledge).patterns]


def test_no_text_a_pattern_is_skipped_on_holds_a_match(knowledge: Knowledge) -> None:
    texts = _texts()
    skipped = 0
    all_tokens = [Tokens.of(text) for text in texts]
    vocabularies = [tokens.vocabulary() for tokens in all_tokens]
    for regex in _patterns(knowledge):
        required = required_literals(regex)
        checks = checks_of(required)
        for text, tokens, words in zip(texts, all_tokens, vocabularies, strict=True):
            # the words' text decides as the text itself does
            assert may_match_words(text, checks, words, tokens.words_text()) == may_match(
                text, required, words
            )
            if not may_match(text, required, words):
                skipped += 1
                assert regex.search(text) is None, regex.pattern
    # most patterns match in few records: most scans are skipped
    assert skipped > len(texts) * len(_patterns(knowledge)) // 2


def test_a_scan_finds_what_finditer_finds(knowledge: Knowledge) -> None:
    texts = [*_texts()[:150], "xehl 4/5 ehl 4/5, foo-tear of the acl; ur non-certified pt x6"]
    for regex in _patterns(knowledge):
        scan = Scan(regex)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in regex.finditer(text)]
            found = scan.finditer(text, Tokens.of(text))
            assert [(m.span(), m.groupdict()) for m in found] == expected, regex.pattern


LEADING_REPEATS = [
    r"(?P<was>\d{1,2}(?:\.\d)?)\s*/\s*10",
    r"\d{1,3}?x",  # lazy
    r"[a-z]+ing\b",
    r"((?:\d{2,}))\s*mg",  # a group in a group
    r"\b\d{1,4}\s*(?:mg|x)",  # scanned without its boundary
    r"a{2,3}|x",  # alternatives: no single first item
    r"x{1}\d",
]


@pytest.mark.parametrize("pattern", LEADING_REPEATS)
def test_a_leading_repeat_is_unrolled_to_the_same_matches(pattern: str) -> None:
    regex = re.compile(pattern)
    if "|" not in pattern:
        assert unrolled(without_leading_boundary(regex) or regex) is not None
    scan = Scan(regex)

    @for_texts(st.text(alphabet="0123456789 ./mgxaing\n", max_size=60))
    @settings(max_examples=300, deadline=None)
    def check(text: str) -> None:
        expected = [(m.span(), m.groups()) for m in regex.finditer(text)]
        assert [(m.span(), m.groups()) for m in scan.finditer(text, Tokens.of(text))] == expected
        assert [(m.span(), m.groups()) for m in scan.finditer(text)] == expected

    check()


@pytest.mark.parametrize("pattern", [r"\d?x", r"(?i:\d+)x", r"(?:ab)+c", r"\w"])
def test_what_starts_with_no_repeat_of_one_character_is_not_unrolled(pattern: str) -> None:
    assert unrolled(re.compile(pattern)) is None


def test_the_benefit_scans_find_what_finditer_finds(knowledge: Knowledge) -> None:
    texts = [*_texts()[:150], "pain 8/10 w/o meds, 4/10 w/ meds; walks 30 min vs 10 min (was 7/10)"]
    rules = benefit_rules(knowledge)
    for (_, _, regex, _, _), scan in zip(rules.patterns, rules.scans, strict=True):
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in regex.finditer(text)]
            found = scan.finditer(text, Tokens.of(text))
            assert [(m.span(), m.groupdict()) for m in found] == expected, regex.pattern


@pytest.mark.parametrize(
    ("pattern", "leads", "words"),
    [
        (r"\b(?:total\s+)?(?:med|mme)\b", ("med", "mme", "total"), ("med", "mme", "total")),
        (r"p(?:t|hysical)", ("physical", "pt"), ("~physical", "~pt")),  # "~": not at a word start
        (r"(?:\+|\bpos)\s*slr", ("+", "pos"), ("pos", "~+")),
        (r"^\s*objective|\bexam", ("exam",), ("exam",)),  # "^": at the start only
        (r"(?m)^\s*objective|\bexam", (), ()),  # "^" after every line break
        (r"(?m:^\s*objective)|\bexam", (), ()),
        (r"(?a)\bexam", (), ()),
        (r"x*y", ("x", "y"), ("~x", "~y")),
        (r"(?:a|b)?", (), ()),  # may be empty
        (r"(?<=:)\s*none", (), ()),
        (r"\b(?=a)abc", ("abc",), ("abc",)),
        (r"(?=a)abc", ("abc",), ("~abc",)),  # a look-ahead is no word boundary
        (r"(?<=for\s)an?", ("a",), ("a",)),  # a look-behind for a space is a boundary
        (r"(?<=x)an?", ("a",), ("~a",)),
        (r"\b(?:\d+|one|two)\s+days", (), ("<digit>", "one", "two")),  # any digit starts it
        (r"(?:#\s*)?\b\d+", (), ("<digit>", "~#")),  # "#" starts no word
        (r"\d+", (), ("~<digit>",)),  # any digit, not only where a word starts
        (r"\d+|[a-z]", (), ()),
        (r"x\d+", ("x",), ("~x",)),  # a literal lead stops before a digit
        (r"\bpos(?:\d|itive)", ("pos",), ("pos",)),
    ],
)
def test_the_literals_a_match_starts_with(
    pattern: str, leads: tuple[str, ...], words: tuple[str, ...]
) -> None:
    regex = re.compile(pattern)
    assert leading_literals(regex) == leads
    rendered = (a.replace(DIGIT, "<digit>").replace(ANYWHERE, "~") for a in word_leads(regex))
    assert sorted(rendered) == sorted(words)


def test_a_lead_is_looked_for_where_a_word_starts_only(knowledge: Knowledge) -> None:
    sectionizer = dict(default_pipeline(knowledge).components)["sections"]
    regex = sectionizer._lead_regex  # type: ignore[attr-defined]
    assert sectionizer._lead_words  # type: ignore[attr-defined]
    pipe = build_pipeline(knowledge, enable=["sentences"])
    windows = 0
    for text in [*_texts()[:200], "Objective: exam reveals ur.\nPlan: was recommended for PT"]:
        doc = pipe(text)
        for sentence in doc.sentences:
            end = min(sentence.end, sentence.start + LEAD_WINDOW)
            found = sectionizer._lead(doc, sentence.start, end)  # type: ignore[attr-defined]
            m = regex.search(doc.low[sentence.start : end])
            expected = None
            if m is not None and m.lastgroup is not None:
                category = sectionizer._leads[int(m.lastgroup[1:])].category  # type: ignore[attr-defined]
                expected = (sentence.start + m.start(), category, sentence.start + m.end())
            assert found == expected, doc.low[sentence.start : end]
            windows += expected is not None
    assert windows > 100


def test_measures_looked_for_where_they_can_start_are_those_of_the_patterns(
    knowledge: Knowledge,
) -> None:
    finders = dict(default_pipeline(knowledge).components)["measures"].find  # type: ignore[attr-defined]
    assert finders._duration_scan.digits and finders._session_scan.anywhere
    durations = counts = scores = dates = 0
    extra = (
        "for a week, 6mo, approximately two-three years old, x 12 weeks; #12 pt visits, at least 6 sessions;"
        " pain x5/10, 15/10, 3-4 out of 10, 7 on a scale of 0-10;"
        " 2/30/2015 3/13/15, 2015-02-25, sept. 6th, 2014"
    )
    for text in [*_texts()[:200], extra]:
        tokens = Tokens.of(text)
        expected = finders.durations(text, 0, len(text))  # the pattern's own finditer
        assert finders.durations(text, 0, len(text), tokens) == expected
        durations += len(expected)
        expected = finders.session_counts(text, 0, len(text))
        assert finders.session_counts(text, 0, len(text), tokens) == expected
        counts += len(expected)
        expected = finders.pain_scores(text, 0, len(text))
        assert finders.pain_scores(text, 0, len(text), tokens) == expected
        scores += len(expected)
        expected_dates = find_dates(text, pivot=30)
        assert find_dates(text, pivot=30, tokens=tokens) == expected_dates
        dates += len(expected_dates)
    assert durations > 100 and counts > 100 and scores > 100 and dates > 100


# Pieces of generated patterns: literals that do and do not make words, classes, boundaries,
# look-arounds, "^" — what the readings in imr.text.required must get right.
_ATOMS = [
    r"\bab\b", r"\bpt", r"pt\b", r"\s+", r"\s+pt\b", r"\b\d+", r"\bx\s+", r"(?<=a\s)pt", r"#\s*",
    r"\bp((?:x\s+)?t\b)", r"a(\d)",  # a prefix the parser hands a group
    "a", "b", "p", "t", "x", "1", "pt", "ab", " ", "#", r"\-", "_", "é",
    r"\d", r"\s", r"\w", "[ab]", r"\W", ".",
]  # fmt: skip
_ASSERTIONS = [r"\b", r"\B", "^", "$", r"(?<=\s)", r"(?<![\d])", r"(?=a)", r"(?<=x)", r"(?m:^)", r"\A"]
_ALPHABET = ["a", "b", "p", "t", "x", "1", "2", " ", "#", "-", "_", "é", "\n", "."]


def _generated(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if depth < 2 and r < 0.15:
            parts.append(f"(?:{_generated(rng, depth + 1)}|{_generated(rng, depth + 1)})")
        elif depth < 2 and r < 0.25:
            parts.append(f"(?:{_generated(rng, depth + 1)})" + rng.choice(["?", "*", "+", "{0,2}", "{1,2}"]))
        elif depth < 2 and r < 0.3:
            parts.append(f"({_generated(rng, depth + 1)})")
        elif r < 0.4:
            parts.append(rng.choice(_ASSERTIONS))
        else:
            parts.append(rng.choice(_ATOMS) + rng.choice(["", "", "", "?", "+", "*"]))
    return "".join(parts)


def test_scans_of_generated_patterns_find_what_finditer_finds() -> None:
    rng = random.Random(20261130)
    tried = 0
    while tried < 600:
        pattern = _generated(rng)
        if rng.random() < 0.2:
            pattern = f"{_generated(rng)}|{pattern}"
        try:
            regex = re.compile(pattern)
        except re.error:
            continue  # a look-behind of no fixed width
        tried += 1
        scans = [Scan(regex), Scan(regex, by_words=True)]
        required = required_literals(regex)
        for _ in range(20):
            text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 25)))
            tokens = Tokens.of(text)
            expected = [(m.span(), m.groups()) for m in regex.finditer(text)]
            assert may_match(text, required, tokens.vocabulary()) or not expected, (pattern, text)
            checks = checks_of(required)
            found_words = may_match_words(text, checks, tokens.vocabulary(), tokens.words_text())
            assert found_words == may_match(text, required, tokens.vocabulary()), (pattern, text)
            for scan in scans:
                for given in (None, tokens):
                    found = [(m.span(), m.groups()) for m in scan.finditer(text, given)]
                    assert found == expected, (pattern, text)
            leads = word_leads(regex)
            if leads and all(a[:1] not in (DIGIT, ANYWHERE) for a in leads):  # as sections read leads
                first = search_at_word_starts(regex, leads, text, tokens.starts)
                wanted = expected[0][0] if expected else None
                assert (first.span() if first else None) == wanted, (pattern, text)


@pytest.mark.parametrize("pattern", [r"\b|\bpt?", r"\b(?:x)?", r"\bp?t?"])
def test_after_an_empty_match_a_scan_steps_as_finditer_does(pattern: str) -> None:
    # finditer may find a longer match where an empty one was: "\b|\bpt?" finds "" then "p" at 0
    regex = re.compile(pattern)
    for text in ["p_ aa2#-.22", "pt x pt", "", "x"]:
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in Scan(regex).finditer(text, Tokens.of(text))] == expected


def _literal_matches_word_by_word(
    matcher: PhraseMatcher[object], low: str, tokens: Tokens
) -> list[tuple[int, int]]:
    """The literal matches as found by trying every word in turn (longest phrase first, no overlap)."""
    words, out, i = tokens.words, [], 0
    while i < len(words):
        for k in matcher._lengths.get(words[i], ()):
            joined = " ".join(words[i : i + k])
            if (
                i + k <= len(words)
                and joined in matcher._phrases
                and _joined(low, tokens.starts, tokens.ends, i, k)
            ):
                out.append((tokens.starts[i], tokens.ends[i + k - 1]))
                i += k
                break
        else:
            i += 1
    return out


def test_phrases_are_looked_up_only_where_they_can_start_yet_found_as_word_by_word(
    knowledge: Knowledge,
) -> None:
    components = dict(default_pipeline(knowledge).components)
    matchers = [
        components["targets"]._matcher,  # type: ignore[attr-defined]
        components["context"]._matcher,  # type: ignore[attr-defined]
        usage_rules(knowledge).matcher,
        knowledge.drug_matcher,
    ]
    found = 0
    for text in [
        *_texts()[:150],
        "low back pain low back pain-low back; h/o low  back",
        "no",
        "no no",
        "status post",
    ]:
        tokens = Tokens.of(text)
        for matcher in matchers:
            expected = _literal_matches_word_by_word(matcher, text, tokens)
            assert [(m.start, m.end) for m in matcher._literal_matches(text, tokens)] == expected
            found += len(expected)
    assert found > 1000


def test_words_a_match_can_start_at_are_picked_from_the_distinct_words() -> None:
    text = "w/ 3 meds; with 12 visits, w/o pain 4/10; x2 #3 a2"
    tokens = Tokens.of(text)
    for pattern, chooses in [
        (r"(?:\bat\s+)?\b(?:with|wo|\d)\s*\d+", True),
        (r"(?:\bat\s+)?\b(?:w/|with|\d)\s*\d", False),  # "w/": no word holds "/"
        (r"(?:#\s*)?\b(?:\d+|a)\w*", True),
    ]:
        regex = re.compile(pattern)
        scan = Scan(regex, by_words=True)
        assert (scan.lead_words is not None) is chooses, pattern
        expected = [(m.span(), m.groups()) for m in regex.finditer(text)]
        assert [(m.span(), m.groups()) for m in scan.finditer(text, tokens)] == expected, pattern


def _tokens_one_match_at_a_time(low: str) -> tuple[list[int], list[int], list[str]]:
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", low)]
    return [s for s, _, _ in spans], [e for _, e, _ in spans], [w for _, _, w in spans]


@for_texts(st.text(alphabet=_UNICODE + "#,'", max_size=40))
@settings(max_examples=300, deadline=None)
def test_tokens_are_the_words_matched_one_at_a_time(text: str) -> None:
    tokens = Tokens.of(text)
    assert (tokens.starts, tokens.ends, tokens.words) == _tokens_one_match_at_a_time(text)


def test_tokens_of_the_dev_records_are_the_words_matched_one_at_a_time() -> None:
    for text in _texts()[:300]:
        tokens = Tokens.of(text)
        assert (tokens.starts, tokens.ends, tokens.words) == _tokens_one_match_at_a_time(text)


@pytest.mark.parametrize(
    ("pattern", "leads"),
    [
        (r"\b(?:decreased|reduced)\b(?!\s+weight)", ("decreased", "reduced")),
        (r"\b(?:was|is)\s+negative\b", ("is", "was")),
        (r"\b\d{1,2}\s+(?:visits|sessions)\b", (DIGIT,)),
    ],
)
def test_a_pattern_after_a_word_boundary_is_tried_only_at_the_words_it_can_start_with(
    pattern: str, leads: tuple[str, ...]
) -> None:
    regex = re.compile(pattern)
    scan = Scan(regex)
    assert (*scan.word_leads, *((DIGIT,) if scan.digits else ())) == leads
    assert scan.by_tokens and scan.lead_words is not None
    text = "pain decreased, 4 visits; was negative and reduced; reducedx is negative_ 12 sessions 3visits"
    expected = [(m.span(), m.groups()) for m in regex.finditer(text)]
    assert expected
    assert [(m.span(), m.groups()) for m in scan.finditer(text, Tokens.of(text))] == expected


def test_a_pattern_after_a_word_boundary_with_a_lead_no_word_holds_is_scanned_as_before() -> None:
    scan = Scan(re.compile(r"\b(?:w/|with)\s+meds\b"))  # "w/": no word holds "/"
    assert not scan.word_leads and not scan.by_tokens


def test_the_starts_of_chosen_words_are_those_found_one_word_at_a_time() -> None:
    text = "Pain, pain and more pain; no pain-free days, pains and PAIN."
    tokens = Tokens.of(text.lower())
    for chosen in [["pain"], ["pain", "days"], ["none"], [], ["and", "pain", "no"]]:
        expected = [s for s, w in zip(tokens.starts, tokens.words, strict=True) if w in chosen]
        assert tokens.starts_of(chosen) == expected


def test_places_known_to_start_with_a_lead_are_not_checked_again() -> None:
    regex = re.compile(r"b+")
    # "b" is no lead: only a caller that knows its places start with one says so
    assert [m.span() for m in word_start_matches(regex, ("a",), False, "xbb", [1])] == []
    assert [m.span() for m in word_start_matches(regex, ("a",), False, "xbb", [1], led=True)] == [(1, 3)]


def test_the_words_starting_with_leads_are_those_the_lead_pattern_picks() -> None:
    text = "pain, painful and paining; pa ache acid a; no Pain-free days: dec decreased 4 reduced"
    tokens = Tokens.of(text.lower())
    for leads in [("pa",), ("a", "dec"), ("pain", "reduced", "zz"), ("x",), ("no", "da")]:
        picked = re.compile(f"\n((?:{'|'.join(leads)})[^\n]*)").findall(tokens.words_text())
        assert sorted(tokens.words_starting(leads)) == sorted(picked)


def test_a_scan_led_by_words_looks_them_up_among_the_sorted_distinct_words() -> None:
    text = "pain decreased; was reduced"
    tokens = Tokens.of(text)
    scan = Scan(re.compile(r"\b(?:decreased|reduced)\b"))
    assert [m.span() for m in scan.finditer(text, tokens)] == [(5, 14), (20, 27)]
    assert tokens._sorted == sorted(tokens.vocabulary())
