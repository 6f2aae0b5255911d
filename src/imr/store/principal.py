"""Who is calling: the role and identity an API token stands for."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["intake", "reviewer", "admin", "party"]
ROLES: tuple[Role, ...] = ("intake", "reviewer", "admin", "party")


class Principal(BaseModel):
    """A caller: `principal` is a person or system id (for a reviewer, the reviewer id)."""

    model_config = ConfigDict(frozen=True)

    role: Role
    principal: str
    party_name: str | None = None
