"""Reading requests at scale: the drug dictionary is built once, and inputs that once made patterns
backtrack exponentially are read (such a regression hangs the suite rather than passing). Speed itself
is measured by benchmarks/decide.py (stage shares), never by timed assertions here."""

from __future__ import annotations

from imr.items import read_request
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_the_drug_dictionary_is_built_once_and_reads_names_outside_our_vocabulary() -> None:
    for n in range(50):
        assert read_request(f"Keppra 500mg #{n + 1}", KNOWLEDGE).generic == "levetiracetam"
    assert KNOWLEDGE.request_drugs is KNOWLEDGE.request_drugs


def test_long_repetitive_requests_do_not_backtrack() -> None:
    """Patterns that once backtracked exponentially ("Flexeril 1 1 1 … x Norco" took 40 s at 25 ones)."""
    nasty = [
        "Flexeril " + "1 " * 200 + "x Norco",
        "PT " + "1 " * 500 + "x",
        "1-" * 900,
        "Acupuncture " + "for the " * 200 + "x 4 weeks",
        "L4-5 " * 300,
        "Norco " + "1 tab " * 300 + "q6h",
        "Norco " + "1/" * 900,
        "PT " + "2 x " * 300 + "week",
        "cream " + "5 % " * 300,
    ]
    for text in nasty:
        assert read_request(text, KNOWLEDGE).request == text
