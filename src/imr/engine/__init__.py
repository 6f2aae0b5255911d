"""Stage 5: from a case file to a draft determination per disputed item."""

from imr.engine.draft import draft

__all__ = ["draft"]
