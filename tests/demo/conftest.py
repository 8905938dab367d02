"""One small generated demo shared by the generator tests (generating is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.demo import generate_demo

SMALL = 0.03  # ~9 000 dossiers: every file form and every planted fault, in about a second


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    raw = tmp_path_factory.mktemp("demo_raw")
    return raw, generate_demo(raw, scale=SMALL)
