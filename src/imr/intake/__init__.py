"""Stage 1: case files in: validation against the contract, records read."""

from imr.intake.load import load_case_file, parse_case_file

__all__ = ["load_case_file", "parse_case_file"]
