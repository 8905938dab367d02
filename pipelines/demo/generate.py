"""Writes the large synthetic inputs — monthly dossier exports and satisfaction surveys — into
`raw_dir/dossiers/` and `raw_dir/surveys/`. Everything is drawn from one seed: the same seed (and
scale) gives byte-identical files."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.demo import dossiers, exports, messy, surveys, timeline
from pipelines.demo.formats import WRITERS, Layout, signature_footer
from pipelines.demo.people import People
from pipelines.demo.units import DEMO_UNITS

FULL_SIZE = 300_000
DOSSIER_REQUIRED = {"ma_ho_so", "don_vi", "ngay_tiep_nhan"}
SURVEY_REQUIRED = {"ma_phieu", "don_vi", "ngay_khao_sat"}


def generate_demo(raw_dir: Path, seed: int = 20251231, scale: float = 1.0) -> dict:
    """Write the dossier and survey files; return what was written and what was planted.

    `scale` shrinks (or grows) the number of dossiers (FULL_SIZE at 1.0) and survey responses,
    e.g. for fast tests; the set of files and their forms do not depend on it."""
    raw_dir = Path(raw_dir)
    rng = np.random.default_rng(seed)
    people = People(seed)
    traits = dossiers.traits(rng)
    life = dossiers.simulate(rng, max(round(FULL_SIZE * scale), 1000), traits)
    files = {**_write_dossiers(raw_dir, life, people, seed),
             **_write_surveys(raw_dir, traits, people, seed, scale)}
    planted: dict[str, Counter] = {"dossiers": Counter(), "surveys": Counter()}
    for rel, described in files.items():
        planted[rel.split("/")[0]].update(described["planted"])
    return {
        "seed": seed,
        "scale": scale,
        "dossiers_simulated": len(life),
        "rows": {kind: sum(f["rows"] for p, f in files.items() if p.startswith(kind))
                 for kind in ("dossiers", "surveys")},
        "planted": {kind: dict(sorted(c.items())) for kind, c in planted.items()},
        "files": files,
    }


def _write_dossiers(raw_dir: Path, life: pd.DataFrame, people: People,
                    seed: int) -> dict[str, dict]:
    """One export per month, each file with its own random stream (so files are independent)."""
    (raw_dir / "dossiers").mkdir(parents=True, exist_ok=True)
    files = {}
    for i, (first, state) in enumerate(dossiers.monthly_exports(life)):
        rng = np.random.default_rng([seed, 1, i])
        form = exports.form_for(i)
        rel = f"dossiers/{first:%Y-%m}_{form.slug}.{form.ext}"
        cells = exports.render(state, form, _unit_labels(form, rng), people)
        cells, count = messy.plant(cells, state, form, rng)
        layout = exports.titled(form, first, _month_last_day(first))
        footer = signature_footer([f for f, _ in form.columns], DOSSIER_REQUIRED,
                                  f"{_dots(len(cells))} hồ sơ",
                                  _signers(people, rng)) if layout.footer else []
        WRITERS[layout.kind](raw_dir / rel, [h for _, h in form.columns], cells, layout, footer)
        files[rel] = _describe(form.slug, len(cells), layout, footer, count)
        files[rel]["relisted"] = int((state["received"] < np.datetime64(first, "s")).sum())
    return files


def _write_surveys(raw_dir: Path, traits: dossiers.UnitTraits, people: People, seed: int,
                   scale: float) -> dict[str, dict]:
    """Each year's respondents, split between the online file and the counter/kiosk file."""
    (raw_dir / "surveys").mkdir(parents=True, exist_ok=True)
    files = {}
    for year in (2024, 2025):
        responses = surveys.simulate(np.random.default_rng([seed, 2, year]), year, traits, scale)
        for j, spec in enumerate(surveys.FILES):
            if spec.year != year:
                continue
            rng = np.random.default_rng([seed, 3, j])
            part = responses[responses["online"] == spec.online].reset_index(drop=True)
            cells, count = surveys.plant(surveys.cells(part, spec, people, rng), spec, rng)
            fields = list(cells.columns)
            footer = signature_footer(fields, SURVEY_REQUIRED, f"{_dots(len(cells))} phiếu",
                                      _signers(people, rng)) if spec.layout.footer else []
            WRITERS[spec.layout.kind](raw_dir / spec.path, [surveys.HEADERS[f] for f in fields],
                                      cells, spec.layout, footer)
            files[spec.path] = _describe(Path(spec.path).stem, len(cells), spec.layout, footer,
                                         count)
    return files


def _unit_labels(form: exports.ExportForm, rng: np.random.Generator) -> np.ndarray:
    """How this file names each unit: its code in sync-style files; else, as the people who
    keyed it in wrote it, the registry name or one of its aliases."""
    if form.unit_as_code:
        return np.array([u.code for u in DEMO_UNITS], dtype=object)
    return np.array([u.name if not u.aliases or rng.random() < 0.55
                     else u.aliases[int(rng.integers(len(u.aliases)))] for u in DEMO_UNITS],
                    dtype=object)


def _signers(people: People, rng: np.random.Generator) -> tuple[str, str]:
    return people.name(int(rng.integers(1 << 20))), people.name(int(rng.integers(1 << 20)))


def _describe(form: str, rows: int, layout: Layout, footer: list, count: Counter) -> dict:
    """What a file holds: its data rows (planted faults included), the rows the contract counts
    as footers (blank, total and signature rows) and the faults by kind."""
    return {"form": form, "rows": rows, "footer_rows": len(footer) + layout.blank_rows_inside,
            "planted": dict(sorted(count.items()))}


def _month_last_day(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return min(nxt - timedelta(days=1), timeline.AS_OF)


def _dots(n: int) -> str:
    """1234 → "1.234", as Vietnamese reports print counts."""
    return f"{n:,}".replace(",", ".")
