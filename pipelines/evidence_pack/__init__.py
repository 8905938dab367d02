"""Evidence packs (hồ sơ minh chứng): for one unit of a campaign, an .xlsx the emulation council
attaches to the award dossier — the plan's criteria with the unit's values, points, rank and
recommended award, the items the council checks by hand, the dossier figures month by month, the
overdue dossiers with their apology status, survey results with their confidence interval, index
changes, the evidence-register rows used, and where every figure came from. `cchc evidence`
writes them from the warehouse; the dashboard offers the same file, written from the published
marts (every part of a pack is a mart: pipelines.lib.marts)."""

from pipelines.evidence_pack.pack import default_name, write_all, write_pack
from pipelines.evidence_pack.source import PackError, Source, open_source

__all__ = ["PackError", "Source", "default_name", "open_source", "write_all", "write_pack"]
