"""mtus/formulary.yaml: the MTUS Drug Formulary's drug-list versions (8 CCR 9792.27.15), each keyed
by the date it takes effect, with the rows of it recovered from public text and their sources.

A list version holds only the rows a source was seen to show; unless it says `complete: true`, a drug
missing from it is not "unlisted": its status is unknown. The status informs the reviewer (whether the
drug needed prospective review); it never decides medical necessity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from imr.dated import Dated
from imr.knowledge.nlp import Data, Text

Status = Literal["exempt", "non_exempt"]


class DrugRow(Data):
    """One drug's row of a list version: its status and any Special / Perioperative Fill days."""

    status: Status
    special_fill_days: int | None = Field(None, gt=0)
    perioperative_fill_days: int | None = Field(None, gt=0)
    source: Text  # the address of the text showing this row
    shows: Text  # what that text shows, in our words (e.g. the brand name it was listed under)

    @model_validator(mode="after")
    def _fills_are_non_exempt(self) -> DrugRow:
        if self.status == "exempt" and (self.special_fill_days or self.perioperative_fill_days):
            raise ValueError("Special and Perioperative Fill apply to Non-Exempt drugs only")
        return self


class DrugList(Data):
    """One version of the MTUS Drug List."""

    name: Text  # as cited: "MTUS Drug List v.3"
    sources: list[Text] = Field(min_length=1)  # where its number and effective date were read
    complete: bool = False  # every row of the version is encoded (only then is a missing drug unlisted)
    note: Text | None = None
    drugs: dict[str, DrugRow] = Field(default_factory=dict)  # generic ("a+b" for a combination) -> row


class Citations(Data):
    list_section: Text  # the MTUS Drug List
    exempt_section: Text  # exempt / non-exempt / unlisted and prospective review
    special_fill_section: Text
    perioperative_fill_section: Text


class FormularyFile(Data):
    """The formulary's citations and its dated drug-list versions."""

    title: Text
    citations: Citations
    lists: Dated[DrugList]


@dataclass(frozen=True)
class FormularyStatus:
    """A drug's status on the list in force on a date (row None: not confirmed from the sources)."""

    drug: str
    on: dt.date
    drug_list: DrugList
    effective: dt.date
    row: DrugRow | None


def drug_key(generics: list[str] | tuple[str, ...]) -> str:
    """How a list names a drug: its generic, or a combination's generics joined by '+', sorted."""
    return "+".join(sorted(set(generics)))


def status_on(
    formulary: FormularyFile, generics: list[str] | tuple[str, ...], on: dt.date
) -> FormularyStatus | None:
    """The status of the drug of `generics` on `on`; None before the formulary or with no generic."""
    if not generics:
        return None
    found = formulary.lists.at(on)
    if found is None:
        return None
    effective = max(start for start, _end, _value in formulary.lists.periods() if start <= on)
    key = drug_key(generics)
    return FormularyStatus(
        drug=key.replace("+", "/"), on=on, drug_list=found, effective=effective, row=found.drugs.get(key)
    )


def _us_date(day: dt.date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def status_sentence(formulary: FormularyFile, status: FormularyStatus) -> str:
    """The reviewer's sentence on the drug's formulary status, with its citation."""
    cite = formulary.citations
    row = status.row
    if row is None:
        if status.drug_list.complete:
            return (
                f"{status.drug} is not on the MTUS Drug List in force on {_us_date(status.on)} "
                f"({cite.list_section}, {status.drug_list.name} effective {_us_date(status.effective)}): "
                "as an unlisted drug it needs authorization through prospective review "
                f"({cite.exempt_section}). "
                "The formulary status does not by itself decide medical necessity."
            )
        return (
            f"The MTUS Drug Formulary applies on {_us_date(status.on)}, but the status of {status.drug} "
            f"on the MTUS Drug List in force then ({cite.list_section}) could not be confirmed "
            "from the list rows encoded; it is not stated here."
        )
    where = f"({cite.list_section}, {status.drug_list.name} effective {_us_date(status.effective)})"
    if row.status == "exempt":
        what = (
            f"{status.drug} is exempt: it may be prescribed without authorization through prospective review "
            f"when prescribed in accordance with the MTUS ({cite.exempt_section}); a brand-name drug where a "
            "generic is available still needs that authorization"
        )
    else:
        what = (
            f"{status.drug} is non-exempt: it needs authorization through prospective review "
            f"({cite.exempt_section})"
        )
        fills = []
        if row.special_fill_days:
            fills.append(
                f"a supply of up to {row.special_fill_days} days may be dispensed without it at the initial "
                f"visit within 7 days of the injury (Special Fill, {cite.special_fill_section})"
            )
        if row.perioperative_fill_days:
            fills.append(
                f"a supply of up to {row.perioperative_fill_days} days may be dispensed without it from 4 "
                f"days before to 4 days after surgery (Perioperative Fill, {cite.perioperative_fill_section})"
            )
        if fills:
            what += "; " + "; ".join(fills)
    return (
        f"Under the MTUS Drug Formulary {where}, {what}. "
        "The formulary status does not by itself decide medical necessity."
    )
