"""Cutting record text at evidence spans, and finding quotes whose offsets have drifted."""

from __future__ import annotations

from imr.web.highlight import Span, locate, segments

TEXT = "Neck pain 6/10. Muscle spasm on exam. Flexeril helps."


def test_text_without_spans_is_one_plain_segment() -> None:
    (only,) = segments(TEXT, [])
    assert only.text == TEXT
    assert not only.marked


def test_a_span_is_marked_and_anchored_at_its_start() -> None:
    start = TEXT.index("Muscle spasm")
    cut = segments(TEXT, [Span("ev-1", start, start + len("Muscle spasm"), "spasm")])
    assert "".join(s.text for s in cut) == TEXT
    marked = [s for s in cut if s.marked]
    assert [s.text for s in marked] == ["Muscle spasm"]
    assert marked[0].anchors == ("ev-1",)


def test_overlapping_spans_mark_their_shared_text_with_both_labels() -> None:
    a = Span("a", 0, 9, "pain")
    b = Span("b", 5, 14, "score")
    cut = segments(TEXT, [a, b])
    assert "".join(s.text for s in cut) == TEXT
    shared = next(s for s in cut if s.text == "pain")
    assert shared.labels == ("pain", "score")
    assert next(s for s in cut if s.text == "Neck ").anchors == ("a",)
    assert next(s for s in cut if s.text == "pain").anchors == ("b",)


def test_spans_outside_the_text_are_ignored() -> None:
    cut = segments("short", [Span("x", 3, 99, "too long"), Span("y", 4, 4, "empty")])
    assert [s.text for s in cut] == ["short"]


def test_locate_trusts_offsets_that_match_and_searches_when_they_do_not() -> None:
    start = TEXT.index("Flexeril")
    assert locate(TEXT, start, start + 8, "Flexeril") == (start, start + 8)
    assert locate(TEXT, 0, 8, "Flexeril") == (start, start + 8)
    assert locate(TEXT, 0, 5, "Tramadol") is None
    twice = "pain here, pain there"
    assert locate(twice, 12, 16, "pain") == (11, 15)
