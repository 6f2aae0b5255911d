"""The case states and the steps allowed between them."""

from __future__ import annotations

from imr.errors import WorkflowError
from imr.store.views import CaseState

# step → (states it may start from, state it leads to); "eligibility" leads to eligible or ineligible.
TRANSITIONS: dict[str, tuple[frozenset[CaseState], tuple[CaseState, ...]]] = {
    "eligibility": (frozenset({"received", "ineligible"}), ("eligible", "ineligible")),
    "assign": (frozenset({"eligible", "assigned"}), ("assigned",)),
    "draft": (frozenset({"assigned", "drafted"}), ("drafted",)),
    "sign": (frozenset({"drafted"}), ("drafted", "signed")),
    "reopen": (frozenset({"drafted", "signed"}), ("drafted", "signed")),
    "preview": (frozenset({"drafted", "signed"}), ("drafted", "signed")),
    "issue": (frozenset({"signed"}), ("issued",)),
    "correct": (frozenset({"issued"}), ("drafted",)),
}

HINTS: dict[str, str] = {
    "eligibility": "eligibility is checked on a newly received (or ineligible, resubmitted) case",
    "assign": "a reviewer is assigned once the case is eligible and before it is drafted",
    "draft": "a case is drafted once a reviewer is assigned and before any item is signed",
    "sign": "items are signed on a drafted case",
    "reopen": "a signed item (or the case summary) can be changed until the letter is issued",
    "preview": "the letter can be previewed once the case is drafted and until it is issued",
    "issue": "the letter is issued when every item is signed",
    "correct": "only an issued letter can be corrected",
}


def require_step(case_id: str, state: str, step: str) -> None:
    """Raise WorkflowError unless `step` may start from `state`."""
    sources, _ = TRANSITIONS[step]
    if state not in sources:
        allowed = ", ".join(sorted(sources))
        raise WorkflowError(
            f"case {case_id!r} is {state}: cannot {step} (allowed from: {allowed}; {HINTS[step]})"
        )


__all__ = ["TRANSITIONS", "CaseState", "require_step"]
