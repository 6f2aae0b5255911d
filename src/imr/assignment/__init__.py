"""Reviewer assignment: specialty fit, conflicts of interest, load balancing, prior reviews."""

from imr.assignment.assign import assess_reviewers, assign_reviewer
from imr.assignment.conflicts import find_conflicts, names_match
from imr.assignment.prior import related_prior_reviews, same_item
from imr.assignment.specialty import item_fit, requirement, reviewer_specialties

__all__ = [
    "assess_reviewers",
    "assign_reviewer",
    "find_conflicts",
    "item_fit",
    "names_match",
    "related_prior_reviews",
    "requirement",
    "reviewer_specialties",
    "same_item",
]
