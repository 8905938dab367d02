"""Rules of a campaign file that tie its fields together or need the unit registry (CONTRACT
§2.7): the metric exists and gets the params it understands, ids are unique, the period runs
forward, a linear scale has a target to scale to, named units exist. Each problem keeps the path
of the value at fault, so it is reported at that value's line."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pipelines.campaigns.messages import suggest
from pipelines.campaigns.schema import Campaign, Criterion
from pipelines.campaigns.yaml_lines import Path_
from pipelines.contract import (
    EVIDENCE_STATUSES, EVIDENCE_SUBJECTS, EVIDENCE_TYPES, METRICS,
)
from pipelines.lib.unit_names import UnitMatcher

@dataclass
class Params:
    """A criterion's params as the metric SQL takes them (text NFC, lists for evidence)."""

    chi_so: str | None = None
    thanh_phan: str | None = None
    doi_tuong: str | None = None  # index metrics: the subject's unit code, resolved
    nam: int | None = None
    ev_loai: list[str] | None = None
    ev_trang_thai: list[str] | None = None
    ev_doi_tuong: list[str] | None = None


@dataclass
class Checked:
    """What the rules found: problems (path, sentence), and the values resolved on the way."""

    problems: list[tuple[Path_, str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # participants.units as registry codes
    params: list[Params] = field(default_factory=list)  # one per criterion, in file order

    def add(self, path: Path_, text: str) -> None:
        self.problems.append((path, text))


def check(campaign: Campaign, matcher: UnitMatcher) -> Checked:
    """Every rule of §2.7 that the schema alone cannot state."""
    out = Checked()
    if campaign.period.start > campaign.period.end:
        out.add(("period", "end"), f"ngày kết thúc {campaign.period.end:%d/%m/%Y} trước ngày bắt "
                                   f"đầu {campaign.period.start:%d/%m/%Y}")
    _participants(campaign, matcher, out)
    seen: dict[str, int] = {}
    for i, criterion in enumerate(campaign.criteria):
        if criterion.id in seen:
            out.add(("criteria", i, "id"), f"id «{criterion.id}» trùng với tiêu chí thứ "
                                           f"{seen[criterion.id] + 1}")
        seen.setdefault(criterion.id, i)
        out.params.append(_criterion(criterion, ("criteria", i), matcher, out))
    forms: dict[str, int] = {}
    for i, award in enumerate(campaign.awards):
        if award.form in forms:
            out.add(("awards", i, "form"), f"hình thức «{award.form}» đã có ở hình thức khen "
                                           f"thưởng thứ {forms[award.form] + 1}")
        forms.setdefault(award.form, i)
    return out


def _participants(campaign: Campaign, matcher: UnitMatcher, out: Checked) -> None:
    chosen = campaign.participants
    if (chosen.loai is None) == (chosen.units is None):
        out.add(("participants",), "ghi đúng một trong hai: «loai: [...]» (các loại đơn vị) hoặc "
                                   "«units: [...]» (danh sách đơn vị)")
        return
    if not (chosen.loai or chosen.units):
        out.add(("participants",), "danh sách đơn vị tham gia đang trống")
    for k, name in enumerate(chosen.units or []):
        code, message = matcher.resolve(name)
        if code is None:
            out.add(("participants", "units", k), f"đơn vị tham gia {message}")
        elif code in out.units:
            out.add(("participants", "units", k), f"đơn vị «{name}» ({code}) đã có trong danh sách")
        else:
            out.units.append(code)


def _criterion(criterion: Criterion, path: Path_, matcher: UnitMatcher, out: Checked) -> Params:
    params = criterion_params(criterion.metric, criterion.params, matcher, out, path)
    metric = METRICS.get(criterion.metric)
    if metric is None:
        return params
    if criterion.scale == "linear" and (criterion.op != ">=" or criterion.target <= 0):
        out.add((*path, "scale"), "scale: linear cần op \">=\" và target lớn hơn 0 (điểm = "
                                  "weight × min(giá trị / target, 1))")
    _target_range(criterion, metric.unit, path, out)
    return params


def criterion_params(name: str, given: dict[str, Any], matcher: UnitMatcher, out: Checked,
                     path: Path_ = ()) -> Params:
    """The metric `name` exists and `given` are params it takes, in the form the metric SQL
    takes them; problems go to `out` under `path` (the criterion's place in the file)."""
    params = Params()
    metric = METRICS.get(name)
    if metric is None:
        out.add((*path, "metric"), f"chỉ tiêu «{name}» không có trong danh mục"
                                   f"{suggest(name, list(METRICS))} (các chỉ tiêu: "
                                   f"{', '.join(METRICS)})")
        return params
    for key, value in given.items():
        where = (*path, "params", key)
        if key not in metric.params:
            accepted = ", ".join(metric.params) or "không có tham số nào"
            out.add(where, f"chỉ tiêu {metric.name} không nhận tham số «{key}»"
                           f"{suggest(key, metric.params)} (nhận: {accepted})")
        elif metric.name == "evidence.count":
            _evidence_param(key, value, where, params, out)
        elif key == "nam":
            if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
                out.add(where, f"năm «{value}» không hợp lệ (viết số năm, ví dụ 2023)")
            else:
                params.nam = value
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            out.add(where, f"tham số «{key}» phải là một giá trị văn bản")
        elif key == "doi_tuong":
            code, message = matcher.resolve(str(value))
            if code is None:
                out.add(where, f"đối tượng {message}")
            params.doi_tuong = code
        else:
            setattr(params, key, _text(str(value)))
    _check_statuses(params, (*path, "params", "trang_thai"), out)
    for key in metric.required:
        if key not in given:
            out.add((*path, "params"), f"chỉ tiêu {metric.name} cần tham số «{key}»")
    return params


def _evidence_param(key: str, value: Any, where: Path_, params: Params, out: Checked) -> None:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        out.add(where, f"tham số «{key}» phải là văn bản hoặc danh sách văn bản")
        return
    texts = [_text(v) for v in values]
    if key == "loai":
        for v in texts:
            if v not in EVIDENCE_TYPES:
                out.add(where, f"loại minh chứng «{v}» không có{suggest(v, EVIDENCE_TYPES)} "
                               f"(chấp nhận: {', '.join(EVIDENCE_TYPES)})")
        params.ev_loai = texts
    elif key == "doi_tuong":
        for v in texts:
            if v not in EVIDENCE_SUBJECTS:
                out.add(where, f"đối tượng «{v}» không có{suggest(v, EVIDENCE_SUBJECTS)} "
                               f"(chấp nhận: {', '.join(EVIDENCE_SUBJECTS)})")
        params.ev_doi_tuong = texts
    else:
        params.ev_trang_thai = texts


def _check_statuses(params: Params, where: Path_, out: Checked) -> None:
    """trang_thai against the contract's closed list of its loai (a typo would silently match
    nothing, and a gate such as "no discipline" would then always pass)."""
    if not params.ev_loai or not params.ev_trang_thai:
        return
    if not all(t in EVIDENCE_STATUSES for t in params.ev_loai):
        return
    allowed = [s for t in params.ev_loai for s in EVIDENCE_STATUSES[t]]
    for status in params.ev_trang_thai:
        if status.casefold() not in (a.casefold() for a in allowed):
            out.add(where,
                    f"trạng thái «{status}» không dùng cho loại {', '.join(params.ev_loai)}"
                    f"{suggest(status, allowed)} (chấp nhận: {', '.join(allowed)})")


def _target_range(criterion: Criterion, unit: str, path: Path_, out: Checked) -> None:
    low = {"rate": 0.0, "rate_change": -1.0}.get(unit)
    if low is not None and not low <= criterion.target <= 1:
        out.add((*path, "target"), f"{criterion.metric} là tỷ lệ dạng phân số 0–1: viết 0.95 cho "
                                   f"95 % (đang là {criterion.target:g})")


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())
