"""imr: California workers' compensation Independent Medical Review, drafted from the record and the
MTUS for a licensed physician reviewer to confirm or override."""

from imr.errors import CaseFileError, ImrError, KnowledgeBaseError, LetterParseError
from imr.intake import load_case_file
from imr.models import (
    CaseFile,
    Citation,
    ClinicalFacts,
    Decision,
    Determination,
    ItemDetermination,
    NormalizedItem,
    PublishedLetter,
    Reviewer,
)

__version__ = "0.1.0"

__all__ = [
    "CaseFile",
    "CaseFileError",
    "Citation",
    "ClinicalFacts",
    "Decision",
    "Determination",
    "ImrError",
    "ItemDetermination",
    "KnowledgeBaseError",
    "LetterParseError",
    "NormalizedItem",
    "PublishedLetter",
    "Reviewer",
    "__version__",
    "load_case_file",
]
