"""Stage 5: from a case file to a draft determination per disputed item."""

from imr.engine.draft import CaseReading, draft, read_case

__all__ = ["CaseReading", "draft", "read_case"]
