"""Reading every campaign file of `data/raw/campaigns/` (CONTRACT §2.7): each file is either a
campaign ready to evaluate or a list of mistakes in Vietnamese with the file and the line. A file
with any mistake is not evaluated at all (a ranking on part of a plan would mislead the council);
the other files still are."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
from pydantic import ValidationError

from pipelines.campaigns.messages import from_pydantic, where
from pipelines.campaigns.rules import Params, check
from pipelines.campaigns.schema import Campaign
from pipelines.campaigns.yaml_lines import Document, YamlError, parse
from pipelines.ingest.files import source_files
from pipelines.lib.unit_names import RegistryUnit, UnitMatcher

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CampaignError:
    """One mistake, as stored in the campaign_errors mart."""

    source_file: str
    line: int
    campaign_id: str | None
    field: str  # dotted path in the file, e.g. criteria.2.metric ("" for the whole file)
    message: str  # "campaigns/x.yaml, dòng 12: tiêu chí thứ 3 («a»), mục metric: …"


@dataclass(frozen=True)
class LoadedCampaign:
    """A campaign that passed every rule, with its units and params resolved."""

    campaign: Campaign
    source_file: str
    sha256: str
    units: list[str]  # participants.units as registry codes (empty when chosen by loai)
    params: list[Params]  # one per criterion
    id_line: int  # where `id:` is written, for a clash with another file


@dataclass(frozen=True)
class Loaded:
    campaigns: list[LoadedCampaign]
    errors: list[CampaignError]


def registry_matcher(con: duckdb.DuckDBPyConnection) -> UnitMatcher:
    """The unit registry (stg_units) as a name matcher, the one ingest uses (CONTRACT §2.2)."""
    rows = con.execute("SELECT ma_don_vi, ten_don_vi, ten_goi_khac FROM stg_units").fetchall()
    return UnitMatcher(
        RegistryUnit(code, name, tuple(a.strip() for a in (aliases or "").split(";") if a.strip()))
        for code, name, aliases in rows
    )


def load_folder(raw_dir: Path, matcher: UnitMatcher) -> Loaded:
    """Every `.yaml`/`.yml` file under `raw_dir/campaigns/` (other files there are ignored)."""
    files = {rel: path for rel, path in source_files(raw_dir, "campaigns").items()
             if path.suffix.lower() in SUFFIXES}
    campaigns: list[LoadedCampaign] = []
    errors: list[CampaignError] = []
    for rel, path in files.items():
        loaded, problems = load_file(path, rel, matcher)
        errors.extend(problems)
        if loaded is not None:
            campaigns.append(loaded)
    clashes = _same_ids(campaigns)
    errors.extend(clashes)
    clashed = {e.source_file for e in clashes}
    return Loaded([c for c in campaigns if c.source_file not in clashed],
                  sorted(errors, key=lambda e: (e.source_file, e.line, e.message)))


def load_file(path: Path, rel: str, matcher: UnitMatcher
              ) -> tuple[LoadedCampaign | None, list[CampaignError]]:
    """One campaign file: the campaign, or None and its mistakes."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_error(rel, 1, None, (), "tệp không phải văn bản UTF-8 (lưu lại tệp YAML "
                                               "với bảng mã UTF-8)")]
    try:
        doc, yaml_problems = parse(text)
    except YamlError as exc:
        return None, [_error(rel, exc.problem.line, None, (), exc.problem.message)]
    campaign_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    errors = [_error(rel, p.line, campaign_id, p.path, _with_place(p.path, doc, p.message))
              for p in yaml_problems]
    if not isinstance(doc.data, dict):
        return None, [_error(rel, 1, None, (), "tệp phải là một nhóm «khóa: giá trị» (id, title, "
                                               "period, participants, criteria…)")]
    try:
        campaign = Campaign.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            path, text_ = from_pydantic(error, doc.data)
            errors.append(_error(rel, doc.line_of(path), campaign_id, path, text_))
        return None, sorted(errors, key=lambda e: e.line)
    checked = check(campaign, matcher)
    errors += [_error(rel, doc.line_of(p), campaign.id, p, _with_place(p, doc, t))
               for p, t in checked.problems]
    if errors:
        return None, sorted(errors, key=lambda e: e.line)
    sha = hashlib.sha256(data).hexdigest()
    return LoadedCampaign(campaign, rel, sha, checked.units, checked.params,
                          doc.line_of(("id",))), []


def _same_ids(campaigns: list[LoadedCampaign]) -> list[CampaignError]:
    """Two files with one id: neither is evaluated, since nobody can tell which one is meant."""
    by_id: dict[str, list[LoadedCampaign]] = {}
    for c in campaigns:
        by_id.setdefault(c.campaign.id, []).append(c)
    errors = []
    for ident, group in by_id.items():
        if len(group) < 2:
            continue
        for c in group:
            others = ", ".join(o.source_file for o in group if o is not c)
            errors.append(_error(c.source_file, c.id_line, ident, ("id",),
                                 f"mục id: id «{ident}» trùng với chiến dịch trong tệp {others}; "
                                 "mỗi chiến dịch cần một id riêng"))
    return errors


def _with_place(path: tuple, doc: Document, text: str) -> str:
    place = where(path, doc.data)
    return f"{place}: {text}" if place else text


def _error(rel: str, line: int, campaign_id: object, path: tuple, text: str) -> CampaignError:
    dotted = ".".join(str(p) for p in path)
    return CampaignError(rel, line, str(campaign_id) if campaign_id is not None else None,
                         dotted, f"{rel}, dòng {line}: {text}")
