"""Demo inputs: the bundled registry, index scores, evidence and assignments of `data/raw/`, and
the seeded generator of the large synthetic dossier and survey files."""

from pipelines.demo.generate import generate_demo

__all__ = ["generate_demo"]
