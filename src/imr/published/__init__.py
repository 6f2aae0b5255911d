"""Published IMR Final Determination Letters (text or PDF) to the "Published letter" contract."""

from imr.published.citations import split_citations
from imr.published.parser import parse_letter_text
from imr.published.reader import parse_letter_file

__all__ = ["parse_letter_file", "parse_letter_text", "split_citations"]
