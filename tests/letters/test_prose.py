"""Prose helpers the letters build sentences with."""

from __future__ import annotations

import pytest

from imr.text.prose import lower_first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cervical radiculopathy R C7", "cervical radiculopathy R C7"),
        ("MRI of the knee", "MRI of the knee"),
        ("NSAIDs", "NSAIDs"),
        # a level or a code keeps its capital: "c6-7 foraminal stenosis" misreads as a slip
        ("C6-7 foraminal stenosis", "C6-7 foraminal stenosis"),
        ("L5-S1 disc protrusion", "L5-S1 disc protrusion"),
        ("T2 signal change", "T2 signal change"),
    ],
)
def test_lower_first_keeps_acronyms_and_codes(text: str, expected: str) -> None:
    assert lower_first(text) == expected
