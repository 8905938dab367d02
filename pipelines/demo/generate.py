"""Writes the large synthetic inputs — monthly dossier exports and satisfaction surveys — into
`raw_dir/dossiers/` and `raw_dir/surveys/`. Everything is drawn from one seed: the same seed (and
scale) gives byte-identical files."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.demo import dossiers, exports, messy, plans, surveys, timeline
from pipelines.demo.formats import WRITERS, Layout, signature_footer
from pipelines.demo.people import People
from pipelines.demo.units import DEMO_UNITS

FULL_SIZE = 300_000
DOSSIER_REQUIRED = {"ma_ho_so", "don_vi", "ngay_tiep_nhan"}
SURVEY_REQUIRED = {"ma_phieu", "don_vi", "ngay_khao_sat"}
TAIL_MONTHS = 6  # a plan cohort's exports go on this long after its receipt window


def generate_demo(raw_dir: Path, seed: int = 20251231, scale: float = 1.0,
                  plans_scale: float | None = None) -> dict:
    """Write the dossier and survey files; return what was written and what was planted.

    `scale` shrinks (or grows) the number of dossiers (FULL_SIZE at 1.0) and survey responses,
    e.g. for fast tests; the set of files and their forms do not depend on it. The encoded plans'
    own units (pipelines/demo/plans.py) follow `plans_scale`, by default `scale`."""
    raw_dir = Path(raw_dir)
    rng = np.random.default_rng(seed)
    people = People(seed)
    traits = dossiers.traits(rng)
    life = dossiers.simulate(rng, max(round(FULL_SIZE * scale), 1000), traits)
    files = {**_write_dossiers(raw_dir, life, people, seed),
             **_write_surveys(raw_dir, traits, people, seed, scale)}
    per_plan: dict[str, int] = {}
    for k, cohort in enumerate(plans.COHORTS):
        simulated, written = _write_cohort(raw_dir, cohort, k, people, seed,
                                           scale if plans_scale is None else plans_scale)
        per_plan[cohort.id] = simulated
        files.update(written)
    planted: dict[str, Counter] = {"dossiers": Counter(), "surveys": Counter()}
    for rel, described in files.items():
        planted[rel.split("/")[0]].update(described["planted"])
    return {
        "seed": seed,
        "scale": scale,
        "dossiers_simulated": len(life) + sum(per_plan.values()),
        "plans": per_plan,
        "rows": {kind: sum(f["rows"] for p, f in files.items() if p.startswith(kind))
                 for kind in ("dossiers", "surveys")},
        "planted": {kind: dict(sorted(c.items())) for kind, c in planted.items()},
        "files": files,
    }


def _write_dossiers(raw_dir: Path, life: pd.DataFrame, people: People, seed: int,
                    cohort: plans.Cohort | None = None, k: int = 0) -> dict[str, dict]:
    """One export per month, each file with its own random stream (so files are independent):
    the province's, or a plan cohort's in `dossiers/<cohort id>/`."""
    folder = "dossiers" if cohort is None else f"dossiers/{cohort.id}"
    units = DEMO_UNITS if cohort is None else cohort.units
    (raw_dir / folder).mkdir(parents=True, exist_ok=True)
    files = {}
    for i, (first, state) in enumerate(dossiers.monthly_exports(
            life, None if cohort is None else _cohort_months(cohort))):
        rng = np.random.default_rng([seed, 1, i] if cohort is None else [seed, 11, k, i])
        form = exports.form_for(i + 2 * k)
        rel = f"{folder}/{first:%Y-%m}_{form.slug}.{form.ext}"
        if state.empty:  # a small cohort at a reduced scale: an export with no dossier
            cells, count = pd.DataFrame(columns=[f for f, _ in form.columns]), Counter()
        else:
            cells = exports.render(state, form, _unit_labels(form, rng, units), people)
            # A plan's re-listed dossiers stay clean: a spoilt closing record would leave the
            # dossier open for ever in a log that stops (the province's logs run to the end).
            carried = None if cohort is None else (
                state["received"] < np.datetime64(first, "s")).to_numpy()
            cells, count = messy.plant(cells, state, form, rng, units, carried)
        layout = (exports.titled(form, first, _month_last_day(first)) if cohort is None
                  else exports.titled(form, first, _month_last_day(first), cohort.title))
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


def _write_cohort(raw_dir: Path, cohort: plans.Cohort, k: int, people: People, seed: int,
                  scale: float) -> tuple[int, dict[str, dict]]:
    """A plan cohort's dossiers and surveys, from random streams of its own (so the province's
    files do not change with it). Each unit receives its yearly volume pro rata of the window,
    at least a handful of dossiers when it handles any procedure at all."""
    rng = np.random.default_rng([seed, 10, k])
    traits = dossiers.traits(rng, cohort.units)
    years = ((cohort.last - cohort.first).days + 1) / 365.25
    counts = np.array([0 if not u.volume else max(round(u.volume * years * scale), 8)
                       for u in cohort.units])
    life = dossiers.simulate(rng, int(counts.sum()), traits, cohort.units, cohort.first,
                             cohort.last, counts=counts, online_bias=cohort.online_bias)
    months = _cohort_months(cohort)
    if months[-1] < timeline.month_starts()[-1]:
        # The exports stop TAIL_MONTHS after the window: the rare dossier still open then would
        # stay open for ever in an old log, so it is left out.
        life = life[life["end"] <= timeline.month_end(months[-1])].reset_index(drop=True)
    files = _write_dossiers(raw_dir, life, people, seed, cohort, k)
    files.update(_write_cohort_surveys(raw_dir, cohort, k, traits, people, seed, scale))
    return len(life), files


def _cohort_months(cohort: plans.Cohort) -> list[date]:
    """The cohort's receipt months and TAIL_MONTHS more (a plan's units keep exporting while
    their last dossiers close), never past the reporting date: the same files whatever the seed
    or scale."""
    y, m = divmod(cohort.last.month - 1 + TAIL_MONTHS, 12)
    tail = date(cohort.last.year + y, m + 1, 1)
    return timeline.month_starts(cohort.first, min(tail, timeline.AS_OF))


def _write_cohort_surveys(raw_dir: Path, cohort: plans.Cohort, k: int,
                          traits: dossiers.UnitTraits, people: People, seed: int,
                          scale: float) -> dict[str, dict]:
    """One survey file a year for the cohort's units that serve the public: the first year on
    paper forms typed into Excel (five-level labels), later years from the online form."""
    files: dict[str, dict] = {}
    for j, year in enumerate(cohort.survey_years):
        rng = np.random.default_rng([seed, 12, k, year])
        surveyed = []
        for i, u in enumerate(cohort.units):
            if not u.volume:
                continue
            base = max(3.0 * np.sqrt(u.volume), 15.0) * cohort.survey_growth ** j
            size = max(round(base * float(np.exp(rng.normal(0, 0.2))) * scale), 3)
            surveyed.append((i, date(year, 1, 1), date(year, 12, 31), size))
        responses = surveys.simulate(rng, year, traits, scale, surveyed)
        responses["ma_phieu"] = [f"KS{year % 100}-KH{k + 1}-{i:04d}"  # KH: kế hoạch (plan) k+1
                                 for i in range(1, len(responses) + 1)]
        spec = _cohort_survey_spec(cohort, year, paper=j == 0)
        (raw_dir / spec.path).parent.mkdir(parents=True, exist_ok=True)
        cells, count = surveys.plant(surveys.cells(responses, spec, people, rng, cohort.units),
                                     spec, rng)
        fields = list(cells.columns)
        footer = signature_footer(fields, SURVEY_REQUIRED, f"{_dots(len(cells))} phiếu",
                                  _signers(people, rng)) if spec.layout.footer else []
        WRITERS[spec.layout.kind](raw_dir / spec.path, [surveys.HEADERS[f] for f in fields],
                                  cells, spec.layout, footer)
        files[spec.path] = _describe(Path(spec.path).stem, len(cells), spec.layout, footer, count)
    return files


def _cohort_survey_spec(cohort: plans.Cohort, year: int, paper: bool) -> surveys.SurveyFile:
    folder = f"surveys/{cohort.id}"
    if paper:
        return surveys.SurveyFile(
            f"{folder}/{year}_phieu_khao_sat.xlsx", year, False, surveys.FIVE,
            Layout("xlsx", title=(cohort.title,
                                  f"TỔNG HỢP PHIẾU KHẢO SÁT MỨC ĐỘ HÀI LÒNG NĂM {year}", ""),
                   footer=True), "excel", pii=True)
    return surveys.SurveyFile(f"{folder}/{year}_khao_sat_truc_tuyen.csv", year, True, None,
                              Layout("csv", encoding="utf-8-sig"), "%d/%m/%Y")


def _unit_labels(form: exports.ExportForm, rng: np.random.Generator,
                 units: tuple = DEMO_UNITS) -> np.ndarray:
    """How this file names each unit: its code in sync-style files; else, as the people who
    keyed it in wrote it, the registry name or one of its aliases."""
    if form.unit_as_code:
        return np.array([u.code for u in units], dtype=object)
    return np.array([u.name if not u.aliases or rng.random() < 0.55
                     else u.aliases[int(rng.integers(len(u.aliases)))] for u in units],
                    dtype=object)


def _signers(people: People, rng: np.random.Generator) -> tuple[str, str]:
    return people.name(int(rng.integers(1 << 20))), people.name(int(rng.integers(1 << 20)))


def _describe(form: str, rows: int, layout: Layout, footer: list, count: Counter) -> dict:
    """What a file holds: its data rows (planted faults included), the rows the contract counts
    as footers (blank, total and signature rows) and the faults by kind."""
    inside = layout.blank_rows_inside if rows else 0  # (an empty export has no rows to split)
    return {"form": form, "rows": rows, "footer_rows": len(footer) + inside,
            "planted": dict(sorted(count.items()))}


def _month_last_day(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return min(nxt - timedelta(days=1), timeline.AS_OF)


def _dots(n: int) -> str:
    """1234 → "1.234", as Vietnamese reports print counts."""
    return f"{n:,}".replace(",", ".")
