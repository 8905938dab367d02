"""The shape of a campaign file (CONTRACT §2.7) as pydantic models.

Only the shape lives here (fields, types, allowed words); rules that tie fields together (a
metric's params, duplicate ids, start before end, units in the registry) are in rules.py, which
knows the path of each value and so reports it at its line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from pipelines.contract import CRITERION_OPS, UNIT_TYPES

Op = Literal[CRITERION_OPS]  # type: ignore[valid-type]  # the contract's tuple, one place
UnitType = Literal[UNIT_TYPES]  # type: ignore[valid-type]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"  # ids become file names and URL parts
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class _Strict(BaseModel):
    """Unknown keys are mistakes (a typo such as `critera` must not vanish silently)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Period(_Strict):
    start: dt.date
    end: dt.date

    @field_validator("start", "end", mode="before")
    @classmethod
    def _day_first(cls, value: Any) -> Any:
        """Dates as YAML writes them (2022-03-01) or as Vietnamese documents do (01/03/2022)."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        match = _DMY.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError(
                "cchc_date", "ngày «{value}» không hợp lệ (viết YYYY-MM-DD, ví dụ 2022-03-01, "
                "hoặc dd/mm/yyyy)", {"value": text}) from None


class Participants(_Strict):
    loai: list[UnitType] | None = None
    units: list[str] | None = None

    @field_validator("loai", "units", mode="before")
    @classmethod
    def _one_is_a_list(cls, value: Any) -> Any:
        """`loai: so` means `loai: [so]`."""
        return [value] if isinstance(value, str) else value


class Criterion(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    metric: str
    params: dict[str, Any] = Field(default_factory=dict)
    op: Op
    target: float
    weight: float = Field(default=0, ge=0)
    gate: bool = False
    scale: Literal["linear"] | None = None


class Award(_Strict):
    form: str = Field(min_length=1)
    quota: int = Field(ge=0)
    min_points: float = Field(default=0, ge=0)


class Campaign(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    issuer: str | None = None
    source: str | None = None
    period: Period
    participants: Participants
    min_dossiers: int = Field(default=0, ge=0)
    criteria: list[Criterion] = Field(min_length=1)
    awards: list[Award] = Field(default_factory=list)
    not_measured: list[str] = Field(default_factory=list)
