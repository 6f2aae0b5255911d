"""Tokens and phrase look-up shared by the stages that read text (requests and records)."""
