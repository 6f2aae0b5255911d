"""What is disputed, read from the UR decision letter and the IMR application.

The UR letter lists each request with its decision ("Request 2: …", "Decision: Modified",
"Modified to: 6 sessions", "Guideline cited: …") and is dated by its decision; the application
(DWC Form IMR-1) lists the treatments the worker disputes, the date of injury and the parties. The
disputed items are the application's list, each matched to the UR letter's request for its decision
and guideline; with no application, every request UR did not certify in full.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from imr.models import ItemRequest, Worker
from imr.packets.split import PacketDocument
from imr.published.dates import parse_date

MATCH_SCORE = 80  # rapidfuzz ratio (0-100) at which an application line is the UR letter's request
_LABEL = re.compile(r"^[ \t>*•-]*(?P<label>[A-Za-z][A-Za-z0-9 '()/#.&-]{0,48}?)\s*:[ \t]*(?P<value>.*)$")
_NEXT_LABEL = re.compile(r"\s{2,}[A-Z][A-Za-z ]{1,30}:")
_REQUEST = re.compile(
    r"^(?:requested\s+)?(?:request(?:ed)?|treatment|service|item)(?:\s+requested)?(?:\s*(?:#|no\.?)?\s*\d+)?$",
    re.I,
)
_DECISION = re.compile(r"^(?:UR\s+)?(?:decision|determination|outcome|review\s+decision)$", re.I)
_MODIFIED = re.compile(r"^(?:modified\s+to|(?:certified|approved|authori[sz]ed)\s+(?:for|as|instead))$", re.I)
_GUIDELINE = re.compile(
    r"^(?:guidelines?|criteria|basis)(?:\s+(?:cited|used|applied|relied\s+upon|for\s+(?:the\s+)?decision))?$",
    re.I,
)
_CONTINUES = {"request", "guideline", "modified"}
# "1. X", "2) X", and as OCR reads them: "2..X", "3, X", "T. X" (a 1), '"2. X' (a speck before it)
_NUMBERED = re.compile(
    r"^[^\w\n]{0,3}(?:\d{1,2}|[IlT|])\s*[.),:]+\s*(?P<text>[A-Za-z(].*)$|^\s*[-•*]\s*(?P<bullet>\S.*)$"
)
_DISPUTED_HEADING = re.compile(
    r"disputed\s+(?:treatment|service|item|request)s?|treatments?\s+in\s+dispute", re.I
)
_CASE_NUMBER = re.compile(r"\b(?:CM|CB|CN)\d{2}-\d{5,8}\b")
_AGE_SEX = re.compile(r"\b(\d{1,3})[- ]year[- ]old\s+(male|female|man|woman)\b", re.I)


@dataclass(slots=True)
class Disputes:
    """The case-level facts of the packet and the disputed items, with what could not be matched."""

    items: list[ItemRequest] = field(default_factory=list)
    case_id: str | None = None
    date_of_injury: dt.date | None = None
    ur_date: dt.date | None = None
    request_date: dt.date | None = None
    expedited: bool = False
    worker: Worker | None = None
    claims_administrator: str | None = None
    employer: str | None = None
    reviewer_specialty: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _UrRequest:
    request: str
    decision: str | None = None
    modified_to: str | None = None
    guideline: str | None = None


def ur_action(value: str) -> str | None:
    """A UR decision in the case file's words: non-certified, modified or certified."""
    low = value.lower()
    if re.search(
        r"non[- ]?certif|not\s+certif|denied|deny|not\s+(?:medically\s+)?necessary|not\s+approved|"
        r"not\s+authori",
        low,
    ):
        return "non-certified"
    if re.search(r"modif|partial", low):
        return "modified"
    if re.search(r"certif|approv|authori", low):
        return "certified"
    return None


def labelled_lines(text: str) -> list[tuple[str, str]]:
    """(label, value) for every "Label: value" line; a value's wrapped lines are joined to it."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _LABEL.match(line)
        if match and not _NUMBERED.match(line):
            value = _NEXT_LABEL.split(match.group("value"), maxsplit=1)[0].strip()
            out.append((re.sub(r"\s+", " ", match.group("label")).strip(), value))
        elif line.strip() and out and _kind_of(out[-1][0]) in _CONTINUES and out[-1][1]:
            out[-1] = (out[-1][0], f"{out[-1][1]} {line.strip()}")
        elif not line.strip() and out and _kind_of(out[-1][0]) in _CONTINUES:
            out.append(("", ""))  # a blank line ends a wrapped value
    return [(label, value) for label, value in out if label]


def _kind_of(label: str) -> str | None:
    if _REQUEST.match(label):
        return "request"
    if _DECISION.match(label):
        return "decision"
    if _MODIFIED.match(label):
        return "modified"
    if _GUIDELINE.match(label):
        return "guideline"
    return None


def ur_requests(text: str) -> list[_UrRequest]:
    """The requests of a UR letter with their decisions, modifications and guidelines."""
    requests: list[_UrRequest] = []
    for label, value in labelled_lines(text):
        kind = _kind_of(label)
        if kind == "request" and value:
            requests.append(_UrRequest(value))
        elif not requests:
            continue
        elif kind == "decision" and requests[-1].decision is None:
            requests[-1].decision = ur_action(value)
        elif kind == "modified" and value:
            requests[-1].modified_to = value
        elif kind == "guideline" and value:
            requests[-1].guideline = value
    return requests


def application_items(text: str) -> list[str]:
    """The treatments an IMR application lists as disputed (numbered or bulleted lines)."""
    heading = _DISPUTED_HEADING.search(text)
    if heading is None:
        return []
    items: list[str] = []
    open_item = False
    for line in text[heading.end() :].splitlines()[1:]:
        numbered = _NUMBERED.match(line)
        if numbered:
            items.append((numbered.group("text") or numbered.group("bullet")).strip())
            open_item = True
        elif not line.strip():
            open_item = False if items else open_item
        elif open_item and not _LABEL.match(line):
            items[-1] = f"{items[-1]} {line.strip()}"
        elif items:
            break
    return items


def _label_value(documents: list[PacketDocument], pattern: str) -> str | None:
    label = re.compile(pattern, re.I)
    for document in documents:
        for name, value in labelled_lines(document.text):
            if label.fullmatch(name) and value:
                return value
    return None


def _date_of(documents: list[PacketDocument], pattern: str) -> dt.date | None:
    value = _label_value(documents, pattern)
    return parse_date(value) if value else None


def read_disputes(documents: list[PacketDocument], *, ur_dates: list[dt.date | None]) -> Disputes:
    """The disputes of a packet; `ur_dates` are the dates of its UR decision documents."""
    applications = [d for d in documents if d.kind == "imr_application"]
    ur_letters = [d for d in documents if d.kind == "ur_decision"]
    case_docs = applications + ur_letters
    out = Disputes()
    for document in case_docs:
        found = _CASE_NUMBER.search(document.text)
        if found:
            out.case_id = found.group(0)
            break
    out.date_of_injury = _date_of(case_docs, r"(?:date\s+of\s+injury|DOI|injury\s+date)") or _date_of(
        documents, r"(?:date\s+of\s+injury|DOI)"
    )
    out.ur_date = (
        _date_of(
            ur_letters, r"(?:date\s+of\s+(?:decision|determination)|decision\s+date|determination\s+date)"
        )
        or next((d for d in ur_dates if d is not None), None)
        or _date_of(applications, r"(?:date\s+of\s+(?:the\s+)?UR\s+decision|UR\s+(?:decision\s+)?date)")
    )
    out.request_date = _date_of(
        ur_letters, r"(?:date\s+of\s+(?:the\s+)?request|request\s+date|date\s+of\s+RFA|RFA\s+date)"
    )
    expedited = _label_value(applications, r"expedited(?:\s+review)?")
    out.expedited = bool(expedited and re.match(r"\s*(?:yes|y|x|true)\b", expedited, re.I))
    out.claims_administrator = _label_value(case_docs, r"claims\s+administrator|insurer|carrier")
    out.employer = _label_value(applications, r"employer")
    out.reviewer_specialty = _label_value(ur_letters, r"(?:reviewer(?:'s)?\s+)?specialty")
    out.worker = _worker(applications, ur_letters)
    requests = [r for letter in ur_letters for r in ur_requests(letter.text)]
    listed = [line for application in applications for line in application_items(application.text)]
    out.items = _items(listed, requests, out.warnings)
    return out


def _worker(applications: list[PacketDocument], ur_letters: list[PacketDocument]) -> Worker | None:
    age_text = _label_value(applications, r"(?:employee\s+|worker\s+)?age")
    sex_text = _label_value(applications, r"(?:employee\s+|worker\s+)?(?:sex|gender)")
    age = int(age_text.split()[0]) if age_text and age_text.split()[0].isdigit() else None
    sex = sex_text.strip().lower() if sex_text and sex_text.strip().lower() in {"male", "female"} else None
    if age is None or sex is None:
        for letter in ur_letters:
            found = _AGE_SEX.search(letter.text)
            if found:
                age = age if age is not None else int(found.group(1))
                word = found.group(2).lower()
                sex = sex or ("male" if word in {"male", "man"} else "female")
                break
    if age is None and sex is None:
        return None
    return Worker(age=age if age is not None and 0 <= age <= 120 else None, sex=sex)


def _items(listed: list[str], requests: list[_UrRequest], warnings: list[str]) -> list[ItemRequest]:
    """Application lines matched to UR requests; with no application, what UR did not certify."""
    if not listed:
        chosen = [r for r in requests if r.decision != "certified"]
        return [_item(r.request, r) for r in chosen]
    items: list[ItemRequest] = []
    used: set[int] = set()
    for line in listed:
        scores = [
            (fuzz.ratio(_plain(line), _plain(r.request)), i) for i, r in enumerate(requests) if i not in used
        ]
        score, index = max(scores, default=(0.0, -1))
        if score >= MATCH_SCORE:
            used.add(index)
            items.append(_item(requests[index].request, requests[index]))
        else:
            if requests:
                warnings.append(f"the application disputes {line!r}, which the UR letter does not list")
            items.append(_item(line, None))
    for i, request in enumerate(requests):
        if i not in used and request.decision in {"non-certified", "modified"}:
            warnings.append(
                f"UR {request.decision} {request.request!r}, but the application does not dispute it; "
                "not included"
            )
    return items


def _plain(text: str) -> str:
    """Lower case, words only: "Valium-5mg #8" and "Valium 5mg #8" are the same request."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _item(request: str, ur: _UrRequest | None) -> ItemRequest:
    # What UR cited travels under the case file's extra key the letters read (imr.letters.from_case).
    return ItemRequest.model_validate(
        {
            "request": request,
            "ur_decision": ur.decision if ur else None,
            "ur_modified_to": ur.modified_to if ur else None,
            "claims_administrator_guideline": ur.guideline if ur else None,
        }
    )
