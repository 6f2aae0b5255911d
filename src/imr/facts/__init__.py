"""Stage 2: clinical facts from the records, each grounded in a record span.

A pipeline of small components over one shared document (sentences → sections → targets → drugs →
context → measures), with all terms and rules as data in imr/knowledge/nlp/.
"""

from imr.facts.extract import default_as_of, extract_facts, extract_text
from imr.facts.pipeline import DEFAULT_PIPE_NAMES, Pipeline, build_pipeline

__all__ = [
    "DEFAULT_PIPE_NAMES",
    "Pipeline",
    "build_pipeline",
    "default_as_of",
    "extract_facts",
    "extract_text",
]
