"""Names of the facts and derived values the evaluators read.

These are the ClinicalFacts contract (see imr.models.facts): the facts stage produces them under the
same names, so each name is spelled once here for the whole engine.
"""

from __future__ import annotations

MEDICATION = "treatment.medication"
DRUG_CLASS = "treatment.drug_class"


def duration_name(generic: str) -> str:
    """The derived value: days `generic` has been used so far."""
    return f"medication_duration_days.{generic}"


def sessions_name(service: str | None) -> str:
    """The derived value: sessions of `service` already completed."""
    return f"sessions_completed.{service}"
