"""Whether the worker can apply a stimulator's pads: the finding a conductive garment rests on."""

from __future__ import annotations

import pytest

from imr.facts.pipeline import default_pipeline
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def _affirmed(text: str, concept: str) -> bool:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    return any(m.concept == concept and not m.modifiers for m in doc.mentions)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She is unable to reach her upper back to place the pads.", True),
        ("Lives alone; cannot apply the electrodes to the lumbar area.", True),
        ("No one at home to help place the pads.", True),
        ("Pt currently places pads herself without difficulty.", False),
        ("Pads applied by patient to neck/upper back, no help needed.", False),
    ],
)
def test_inability_to_apply_pads(text: str, found: bool) -> None:
    assert _affirmed(text, "finding.cannot_apply_pads") is found
