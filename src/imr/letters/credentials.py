"""What a letter may say about its reviewer: qualifications, never the name (LC 4610.6(f))."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from imr.errors import InputError
from imr.models import Reviewer, ReviewerCredentials


def credentials_of(reviewer: Reviewer | None) -> ReviewerCredentials | None:
    """The reviewer's credentials as the letter states them: licensure, specialties, board
    certification and subspecialties."""
    if reviewer is None:
        return None
    return ReviewerCredentials(
        specialties=reviewer.specialties,
        licensure=reviewer.licensure_states,
        board_certified=bool(reviewer.board_certifications) or None,
        subspecialties=reviewer.subspecialties,
    )


def load_reviewer(path: Path) -> Reviewer:
    """A reviewer profile file (JSON or YAML, the `Reviewer` contract: `imr schema reviewer`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the reviewer file: {exc}") from exc
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(
            f"{path}: not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: {exc}"
        ) from exc
    try:
        return Reviewer.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(
            f"{path}: {where}: {message} (expected a reviewer profile: id, specialties, "
            "licensure_states, board_certifications …)"
        ) from exc
