"""The small inputs committed under data/raw/ (units, indices, evidence, assignments), built from
code so that they can be regenerated and checked byte for byte. The campaign files of
data/raw/campaigns/ are written by hand (they encode the plans) and are not built here."""

from __future__ import annotations

from pathlib import Path

from pipelines.demo import evidence, indices, local_index, units


def build_bundled() -> dict[str, bytes]:
    """Every bundled file, by path relative to data/raw."""
    return {**units.build(), **indices.build(), **local_index.build(), **evidence.build()}


def write_bundled(raw_dir: Path) -> list[str]:
    written = []
    for rel, data in build_bundled().items():
        path = Path(raw_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    return written
