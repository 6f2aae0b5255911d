"""Which service, procedure, visit or piece of equipment a request names (services.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from imr.knowledge.vocabulary import ServiceRule, Vocab
from imr.text.request_phrases import PhraseMatch, Token

# Two services listed ("MRI and X-ray", "chiro/PT", "acupuncture 6 visits, massage 6 visits") are two
# requests, not one; "PT for the knee after arthroscopy" names one service and its context.
# "w/" and "w/o" are "with" and "without", not a list: "chiropractic manipulation w/ myofascial release"
# is one service with a technique of it
_LISTED = re.compile(r",|;|(?<!\bw)/|&|\+|\band\b|\bor\b|\bplus\b")
# "Acupuncture with infrared and cupping", "PT w/ ultrasound and e-stim": what follows "with" are
# techniques of the first service, however they are listed
_WITH = re.compile(r"\bwith\b|\bw/(?!o)")
# "Taxi to and from physical therapy": a service named as where the first one goes is its purpose
_PURPOSE = re.compile(r"\s*(?:to and from|to/from|to & from|from and to|round trip to|to)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ServiceReading:
    """The canonical service read, or why none could be chosen (`problem`)."""

    service: str | None
    problem: str | None = None
    # modifiers the reading adds: "post-op" when a surgery is named as the request's context
    modifiers: tuple[str, ...] = ()
    # the drug classes the service may name and stay itself, when any other drug named is the request
    # (services.yaml yields_to_drugs_except); None: the service is the request whatever drug it names
    yields_to_drugs_except: frozenset[str] | None = None


def _resolve(rule: ServiceRule, regions: list[str], modifiers: list[str]) -> str | None:
    """The service a name reads as; None for a name read by region only ("injection") when the
    request names none of its regions and the rule has no `other`."""
    service = rule.service
    if rule.by_region:
        service = next(
            (rule.by_region[r] for r in regions if r in rule.by_region), rule.by_region.get("other")
        )
        if service is None:
            return None
    for modifier in modifiers:
        if modifier in rule.by_modifier:
            return rule.by_modifier[modifier]
    return service


def find_service(
    text: str, tokens: list[Token], regions: list[str], modifiers: list[str], vocab: Vocab
) -> ServiceReading | None:
    """The service a request names: the best-ranked name, the first mentioned among equals."""
    matches = [m for m in vocab.services.find(tokens) if _resolve(m.payload, regions, modifiers) is not None]
    if not matches:
        return None
    context = [m for m in matches if _surgery_in_context(m, tokens, regions, modifiers, vocab)]
    added: tuple[str, ...] = ()
    if context and len(context) < len(matches):
        # "Home PT 3x4 L knee s/p TKA": the therapy is asked for, after the surgery it names
        matches = [m for m in matches if m not in context]
        added = ("post-op",)
        modifiers = [*modifiers, *added]
    best_rank = min(m.payload.rank for m in matches)
    top = [m for m in matches if m.payload.rank == best_rank]
    resolved = [(m, service) for m in top if (service := _resolve(m.payload, regions, modifiers)) is not None]
    distinct = list(dict.fromkeys(service for _, service in resolved))
    # "Home health RN 2x/wk and home PT 3x/wk": the home health service delivers the therapy it lists
    whole = [
        (m, service)
        for m, service in resolved
        if set(distinct) - {service} and set(distinct) - {service} <= m.payload.includes
    ]
    if len(distinct) > 1 and whole:
        return ServiceReading(whole[0][1], modifiers=added)
    if len(distinct) > 1 and _listed(text, resolved):
        return ServiceReading(
            None, f"names more than one service ({'; '.join(distinct)}); give one per request"
        )
    return ServiceReading(
        resolved[0][1], modifiers=added, yields_to_drugs_except=resolved[0][0].payload.yields_to_drugs_except
    )


def _surgery_in_context(
    match: PhraseMatch[ServiceRule],
    tokens: list[Token],
    regions: list[str],
    modifiers: list[str],
    vocab: Vocab,
) -> bool:
    """Whether `match` names a surgery right after a context word ("s/p", "status post", "after")."""
    service = _resolve(match.payload, regions, modifiers)
    if service is None or vocab.service_kinds.get(service) != "surgery":
        return False
    before = [t.text for t in tokens[: match.first] if t.clause == tokens[match.first].clause]
    return any(" ".join(before[-n:]) in vocab.surgery_context for n in (1, 2) if len(before) >= n)


def _listed(text: str, resolved: list[tuple[PhraseMatch[ServiceRule], str]]) -> bool:
    head = resolved[0][0]
    for (previous, first), (current, second) in pairwise(resolved):
        between = text[previous.end : current.start]
        # "Home exercise kit (pulley, Theraband)", "Passive modalities (hot pack/ultrasound/EMS)":
        # what a parenthesis lists are the parts of the first
        opened = text[head.end : current.start]
        if between.count("(") > between.count(")") or opened.count("(") > opened.count(")"):
            continue
        if _WITH.search(opened):
            continue
        if first != second and _LISTED.search(between) and not _PURPOSE.fullmatch(between):
            return True
    return False
