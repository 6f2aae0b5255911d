"""Body regions, spinal levels and laterality named in a request."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr.knowledge.vocabulary import Vocab
from imr.text.request_phrases import Token

# "L4-5", "L4-L5", "L5-S1", "C5/6", "L4 5" (after tokenizing): letter+digit, optionally a second level.
LEVEL = re.compile(
    r"(?<![a-z0-9])([ctls])\s?(\d{1,2})(?:\s*(?:-|/|to|through)\s*([ctls])?\s?(\d{1,2}))?(?![a-z0-9%])"
)
_SPINE_LETTERS = {"c": 7, "t": 12, "l": 5, "s": 5}
# "R L5-S1 TFESI", "L C6-7 CESI": a side letter written just before a spinal level.
SIDE_BEFORE_LEVEL = re.compile(r"(?<![a-z0-9])(l|r|lt|rt)\.?\s+(?=[ctls]\s?\d)")
_SIDE_LETTERS = {"l": "left", "lt": "left", "r": "right", "rt": "right"}


@dataclass
class Anatomy:
    """Where the request is aimed."""

    regions: list[str] = field(default_factory=list)
    laterality: str | None = None
    levels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def find_levels(text: str) -> list[str]:
    """Spinal levels in order, written "L4-5", "L5-S1", "C5-6" (same letter not repeated)."""
    levels: list[str] = []
    for match in LEVEL.finditer(text):
        letter, first, letter2, second = match.groups()
        if int(first) > _SPINE_LETTERS[letter] or int(first) == 0:
            continue
        if second is None:
            # a lone "l5" or "c6" is a level only when written as one word
            if " " in match.group(0):
                continue
            level = f"{letter.upper()}{first}"
        else:
            other = letter2 or letter
            if int(second) > _SPINE_LETTERS[other] or int(second) == 0:
                continue
            tail = f"{other.upper()}{second}" if other != letter else second
            level = f"{letter.upper()}{first}-{tail}"
        if level not in levels:
            levels.append(level)
    return levels


def find_anatomy(text: str, tokens: list[Token], vocab: Vocab) -> Anatomy:
    """Regions (in order of mention), spinal levels and one laterality for the request."""
    anatomy = Anatomy()
    region_matches = vocab.regions.find(tokens)
    sides: list[str] = []
    for match in region_matches:
        for region in match.payload.regions:
            if region not in anatomy.regions:
                anatomy.regions.append(region)
        if match.payload.laterality:
            sides.append(match.payload.laterality)
    anatomy.levels = find_levels(text)
    for level in anatomy.levels:
        # L5-S1 is a lumbar level: the upper vertebra names the region
        level_region = vocab.level_regions.get(level[0].lower())
        if level_region and level_region not in anatomy.regions:
            anatomy.regions.append(level_region)
    region_starts = {m.first for m in region_matches}
    sides.extend(side_match.payload for side_match in vocab.laterality.find(tokens))
    for index, token in enumerate(tokens):
        side = vocab.laterality_before_region.get(token.text)
        if side and index + 1 in region_starts:
            sides.append(side)
    sides.extend(_SIDE_LETTERS[m.group(1)] for m in SIDE_BEFORE_LEVEL.finditer(text.lower()))
    distinct = sorted(set(sides))
    if len(distinct) == 1:
        anatomy.laterality = distinct[0]
    elif distinct == ["left", "right"] or "bilateral" in distinct:
        # "left and right knees" is bilateral; "left knee and right shoulder" is not one side
        if "bilateral" in distinct or len(anatomy.regions) <= 1:
            anatomy.laterality = "bilateral"
        else:
            anatomy.notes.append("mixed_laterality")
    return anatomy
