"""Is an IMR application eligible? Each rule of knowledge/procedure/eligibility.yaml, with its reason.

A rule that needs a field the application left empty fails and names the field in `missing`: the
Administrative Director would ask for it (8 CCR 9792.10.3) rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from imr.errors import KnowledgeBaseError, TopicNotInForceError
from imr.intake.deadlines import clock_due
from imr.knowledge import load_knowledge
from imr.knowledge.procedure import EligibilityRule
from imr.models.application import EligibilityCheck, EligibilityResult, ImrApplication, OpenCaseKey


@dataclass(frozen=True)
class _Context:
    open_cases: Sequence[OpenCaseKey]
    today: dt.date


_Check = Callable[[ImrApplication, EligibilityRule, _Context], EligibilityCheck]


def check_eligibility(
    app: ImrApplication, *, open_cases: Sequence[OpenCaseKey] = (), today: dt.date | None = None
) -> EligibilityResult:
    """Apply every eligibility rule, in the order of eligibility.yaml; eligible only if all pass."""
    rules = _rules()
    context = _Context(open_cases=open_cases, today=today or dt.date.today())
    checks = [_CHECKS[rule_id](app, rule, context) for rule_id, rule in rules.items()]
    return EligibilityResult(eligible=all(c.passed for c in checks), checks=checks)


def _result(
    rule_id: str, rule: EligibilityRule, passed: bool, reason: str, missing: Sequence[str] = ()
) -> EligibilityCheck:
    return EligibilityCheck(
        rule=rule_id,
        passed=passed,
        reason=reason,
        citation=rule.citation,
        status=rule.status,
        missing=list(missing),
    )


def _signed(app: ImrApplication, rule: EligibilityRule, _: _Context) -> EligibilityCheck:
    allowed = rule.allowed_signers or []
    if not app.signature_present:
        return _result("signed", rule, False, "the application is not signed", ["signature_present"])
    if app.signed_by is None:
        return _result("signed", rule, False, "the application does not say who signed it", ["signed_by"])
    if app.signed_by not in allowed:
        return _result(
            "signed",
            rule,
            False,
            f"signed by the {app.signed_by}; it must be signed by one of: {', '.join(allowed)}",
        )
    return _result("signed", rule, True, f"signed by the {app.signed_by}")


def _filed_on_time(app: ImrApplication, rule: EligibilityRule, context: _Context) -> EligibilityCheck:
    rid = "filed_on_time"
    if app.submitted_on > context.today:
        return _result(rid, rule, False, f"submitted_on {app.submitted_on} is after today ({context.today})")
    served = app.ur_decision_served_on or app.ur_decision_date
    if served is None:
        return _result(
            rid,
            rule,
            False,
            "the UR decision's service date is not given",
            ["ur_decision_served_on", "ur_decision_date"],
        )
    if app.ur_decision_date is not None and app.submitted_on < app.ur_decision_date:
        return _result(
            rid,
            rule,
            False,
            f"submitted on {app.submitted_on}, before the UR decision of {app.ur_decision_date}",
        )
    try:
        deadline = clock_due(rule.clock or "", served)
    except TopicNotInForceError:
        return _result(rid, rule, False, f"no IMR filing period applies to a UR decision served on {served}")
    counted_from = "service of the UR decision" if app.ur_decision_served_on else "the UR decision date"
    period = f"{deadline.amount} days of {counted_from} on {served} (last day {deadline.due})"
    if app.submitted_on <= deadline.due:
        return _result(rid, rule, True, f"submitted on {app.submitted_on}, within {period}")
    if app.ur_decision_served_on is None:
        # Service can only be later than the decision date, so the application may still be on time.
        return _result(
            rid,
            rule,
            False,
            f"submitted on {app.submitted_on}, later than {period}; the service date would settle it",
            ["ur_decision_served_on"],
        )
    return _result(rid, rule, False, f"submitted on {app.submitted_on}, later than {period}")


def _ur_decision_attached(app: ImrApplication, rule: EligibilityRule, _: _Context) -> EligibilityCheck:
    if app.ur_decision_attached:
        return _result("ur_decision_attached", rule, True, "a copy of the UR decision is attached")
    return _result(
        "ur_decision_attached",
        rule,
        False,
        "no copy of the UR decision is attached",
        ["ur_decision_attached"],
    )


def _ur_decision_disputable(app: ImrApplication, rule: EligibilityRule, _: _Context) -> EligibilityCheck:
    rid = "ur_decision_disputable"
    if app.ur_decision_kind is None or not app.ur_decision_kind.strip():
        return _result(rid, rule, False, "the kind of UR decision is not given", ["ur_decision_kind"])
    kind = _spelling(app.ur_decision_kind)
    for canonical, spellings in (rule.disputable_kinds or {}).items():
        if kind in {_spelling(s) for s in spellings}:
            return _result(
                rid,
                rule,
                True,
                f"the UR decision is {canonical} ({app.ur_decision_kind!r}), which IMR reviews",
            )
    for canonical, entry in (rule.ineligible_kinds or {}).items():
        if kind in {_spelling(s) for s in entry.spellings}:
            return EligibilityCheck(
                rule=rid,
                passed=False,
                reason=f"the UR decision is a {canonical} ({app.ur_decision_kind!r}): {entry.reason}",
                citation=entry.citation,
                status=entry.status,
            )
    expected = ", ".join([*(rule.disputable_kinds or {}), *(rule.ineligible_kinds or {})])
    return _result(
        rid,
        rule,
        False,
        f"unknown kind of UR decision {app.ur_decision_kind!r} (expected one of: {expected})",
    )


def _in_scope(app: ImrApplication, rule: EligibilityRule, _: _Context) -> EligibilityCheck:
    rid = "in_scope"
    injury_from, ur_from = rule.injury_on_or_after, rule.ur_decision_on_or_after
    ur_date = app.ur_decision_served_on or app.ur_decision_date
    if injury_from and app.date_of_injury and app.date_of_injury >= injury_from:
        return _result(rid, rule, True, f"injury on {app.date_of_injury}, on or after {injury_from}")
    if ur_from and ur_date and ur_date >= ur_from:
        return _result(rid, rule, True, f"UR decision of {ur_date}, on or after {ur_from}")
    missing = [
        name
        for name, value in (("date_of_injury", app.date_of_injury), ("ur_decision_date", ur_date))
        if not value
    ]
    if missing:
        return _result(
            rid,
            rule,
            False,
            "cannot tell whether IMR applies: " + " and ".join(missing) + " not given",
            missing,
        )
    return _result(
        rid,
        rule,
        False,
        f"injury on {app.date_of_injury} (before {injury_from}) and UR decision of {ur_date} "
        f"(before {ur_from}): the dispute predates IMR",
    )


def _has_disputed_items(app: ImrApplication, rule: EligibilityRule, _: _Context) -> EligibilityCheck:
    items = [item for item in app.disputed_items if item.strip()]
    if items:
        return _result("has_disputed_items", rule, True, f"{len(items)} disputed item(s)")
    return _result("has_disputed_items", rule, False, "no disputed treatment is named", ["disputed_items"])


def _not_duplicate(app: ImrApplication, rule: EligibilityRule, context: _Context) -> EligibilityCheck:
    rid = "not_duplicate"
    others = [key for key in context.open_cases if not (app.case_id and key.case_id == app.case_id)]
    if not others:
        return _result(rid, rule, True, "no open IMR case to compare with")
    if not app.worker_id:
        return _result(rid, rule, False, "cannot compare with open cases: worker_id not given", ["worker_id"])
    items = {_item_key(item) for item in app.disputed_items if item.strip()}
    for key in others:
        if _item_key(key.worker_id) != _item_key(app.worker_id) or key.date_of_injury != app.date_of_injury:
            continue
        label = f"open case {key.case_id}" if key.case_id else "an open case"
        if app.ur_decision_date is not None and key.ur_decision_date == app.ur_decision_date:
            return _result(
                rid,
                rule,
                False,
                f"duplicates {label}: same worker, injury date and UR decision of {app.ur_decision_date}",
            )
        shared = sorted(items & {_item_key(item) for item in key.disputed_items})
        if shared:
            return _result(
                rid,
                rule,
                False,
                f"duplicates {label}: same worker and injury date, disputing {', '.join(shared)}",
            )
    return _result(rid, rule, True, f"matches none of {len(others)} open case(s)")


_CHECKS: dict[str, _Check] = {
    "signed": _signed,
    "filed_on_time": _filed_on_time,
    "ur_decision_attached": _ur_decision_attached,
    "ur_decision_disputable": _ur_decision_disputable,
    "in_scope": _in_scope,
    "has_disputed_items": _has_disputed_items,
    "not_duplicate": _not_duplicate,
}


@cache
def _rules() -> dict[str, EligibilityRule]:
    """eligibility.yaml's rules, checked once against the checks this module has."""
    rules = load_knowledge().procedure.eligibility.rules
    _require_same_rules(rules)
    return rules


def _require_same_rules(rules: dict[str, EligibilityRule]) -> None:
    if set(rules) != set(_CHECKS):
        unknown = sorted(set(rules) - set(_CHECKS))
        absent = sorted(set(_CHECKS) - set(rules))
        raise KnowledgeBaseError(
            f"rules without a check: {unknown}; checks without a rule: {absent} "
            f"(expected exactly {sorted(_CHECKS)})",
            file="procedure/eligibility.yaml",
            key="rules",
        )


def _spelling(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


def _item_key(text: str) -> str:
    """Case, spacing and punctuation ignored: "Acupuncture, 6 visits" matches "acupuncture 6 visits"."""
    tokens = (token.strip(".") for token in re.sub(r"[^\w#.%]+", " ", text.casefold()).split())
    return " ".join(token for token in tokens if token)
