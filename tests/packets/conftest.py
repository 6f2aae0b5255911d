"""Packets built once per session from the repository's text cases (see packet_fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from packet_fixtures import Packet, build_packet, case_documents, text_case


@pytest.fixture(scope="session")
def packets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packets")


@pytest.fixture(scope="session")
def demo_text_packet(packets_dir: Path) -> Packet:
    """The demo case (5 documents) as a born-digital packet, documents shuffled."""
    docs = case_documents(text_case("CM15-0104417"))
    return build_packet(docs, packets_dir / "demo-text.pdf", seed=3, scan=lambda d, p: False)


@pytest.fixture(scope="session")
def acupuncture_scanned_packet(packets_dir: Path) -> Packet:
    """The acupuncture example case faxed: every page scanned (skew, speckles, 1-bit)."""
    docs = case_documents(text_case("EX-ACU-0001"))
    return build_packet(docs, packets_dir / "acupuncture-scanned.pdf", seed=5)


@pytest.fixture(scope="session")
def seed_mixed_packet(packets_dir: Path) -> Packet:
    """Seed case 000 with its UR letter scanned and the rest born digital."""
    docs = case_documents(text_case("seed-000"))
    return build_packet(docs, packets_dir / "seed-000-mixed.pdf", seed=7, scan=lambda d, p: d == 1)
