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


@dataclass(frozen=True, slots=True)
class ServiceReading:
    """The canonical service read, or why none could be chosen (`problem`)."""

    service: str | None
    problem: str | None = None
    # modifiers the reading adds: "post-op" when a surgery is named as the request's context
    modifiers: tuple[str, ...] = ()


def _resolve(rule: ServiceRule, regions: list[str], modifiers: list[str]) -> str:
    service = rule.service
    if rule.by_region:
        service = next((rule.by_region[r] for r in regions if r in rule.by_region), rule.by_region["other"])
    for modifier in modifiers:
        if modifier in rule.by_modifier:
            return rule.by_modifier[modifier]
    assert service is not None  # the loader requires `service` or `by_region`
    return service


def find_service(
    text: str, tokens: list[Token], regions: list[str], modifiers: list[str], vocab: Vocab
) -> ServiceReading | None:
    """The service a request names: the best-ranked name, the first mentioned among equals."""
    matches = vocab.services.find(tokens)
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
    resolved = [(m, _resolve(m.payload, regions, modifiers)) for m in top]
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
    return ServiceReading(resolved[0][1], modifiers=added)


def _surgery_in_context(
    match: PhraseMatch[ServiceRule],
    tokens: list[Token],
    regions: list[str],
    modifiers: list[str],
    vocab: Vocab,
) -> bool:
    """Whether `match` names a surgery right after a context word ("s/p", "status post", "after")."""
    if vocab.service_kinds.get(_resolve(match.payload, regions, modifiers)) != "surgery":
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
        if first != second and _LISTED.search(between):
            return True
    return False
