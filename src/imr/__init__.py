"""imr: California workers' compensation Independent Medical Review, drafted from the record and the
MTUS for a licensed physician reviewer to confirm or override.

The names below are loaded on first use, so that `imr decide` starts without loading what it does
not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "CaseFileError": "imr.errors",
    "ImrError": "imr.errors",
    "KnowledgeBaseError": "imr.errors",
    "LetterParseError": "imr.errors",
    "load_case_file": "imr.intake",
    "CaseFile": "imr.models",
    "Citation": "imr.models",
    "ClinicalFacts": "imr.models",
    "Decision": "imr.models",
    "Determination": "imr.models",
    "ItemDetermination": "imr.models",
    "NormalizedItem": "imr.models",
    "PublishedLetter": "imr.models",
    "Reviewer": "imr.models",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'imr' has no attribute {name!r}")


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
