"""Request text made regular: mojibake fixed, one space between words, number words as digits."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "×": "x", "＃": "#"})
# "Eight (8)" reads as "8 (8)" once spelled: keep one copy when both say the same number.
_DOUBLED = re.compile(r"\b(\d+)\s*\(\s*\1\s*\)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# "PTx12", "chiro2x4", "Norco10/325": a name run into its count or strength, written apart
_FUSED_COUNT = re.compile(r"\b([a-z]{2,}?)(x?\d+(?:x\d+)?)\b")
_TWENTY_ONE = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+(one|two|three|four|five|six|seven|eight|nine)\b"
)


def mask(text: str, start: int, end: int) -> str:
    """`text` with start..end blanked out (same length, so later spans still line up)."""
    return text[:start] + " " * (end - start) + text[end:]


def show_number(value: float) -> str:
    """A number as requests write it: "2", "2.5"."""
    return str(int(value)) if value == int(value) else str(value)


def clean_text(text: str) -> str:
    """Fix mojibake and odd characters and collapse whitespace, keeping the case."""
    if text.isascii():
        fixed = text
    else:
        import ftfy  # slow to import; ASCII text (most requests) has nothing for it to fix

        fixed = ftfy.fix_text(text)
    fixed = unicodedata.normalize("NFKC", fixed).translate(_DASHES)
    return _SPACE.sub(" ", fixed).strip()


def spell_numbers(text: str, numbers: dict[str, int]) -> str:
    """Lower-cased text with number words written as digits ("twelve" → "12", "Eight (8)" → "8")."""
    lowered = text.lower()

    def compound(match: re.Match[str]) -> str:
        return str(numbers.get(match.group(1), 0) + numbers.get(match.group(2), 0))

    lowered = _TWENTY_ONE.sub(compound, lowered)
    lowered = _number_words(numbers).sub(lambda m: str(numbers[m.group(1)]), lowered)
    lowered = _THOUSANDS.sub("", lowered)
    lowered = _FUSED_COUNT.sub(r"\1 \2", lowered)
    return _DOUBLED.sub(r"\1", lowered)


_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _number_words(numbers: dict[str, int]) -> re.Pattern[str]:
    key = tuple(sorted(numbers))
    pattern = _CACHE.get(key)
    if pattern is None:
        words = "|".join(sorted((re.escape(w) for w in numbers), key=len, reverse=True))
        pattern = re.compile(rf"\b({words})\b")
        _CACHE[key] = pattern
    return pattern
