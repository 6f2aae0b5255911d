"""The data assignment runs on: vocab/specialties.yaml and procedure/reviewers.yaml (imr.knowledge)."""

from __future__ import annotations

from imr.knowledge import load_knowledge
from imr.knowledge.procedure import ReviewerRules, SpecialtyMap


def specialty_map() -> SpecialtyMap:
    """vocab/specialties.yaml, checked by the knowledge loader against canonical.yaml."""
    return load_knowledge().procedure.specialties


def reviewer_rules() -> ReviewerRules:
    """procedure/reviewers.yaml."""
    return load_knowledge().procedure.reviewers
