"""The review workflow: received → eligible / ineligible → assigned → drafted → signed → issued."""

from imr.workflow.service import ReviewService
from imr.workflow.states import TRANSITIONS, CaseState

__all__ = ["TRANSITIONS", "CaseState", "ReviewService"]
