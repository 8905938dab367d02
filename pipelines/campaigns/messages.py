"""Saying in Vietnamese where a mistake is in a campaign file and what it is: a path such as
("criteria", 2, "metric") becomes "tiêu chí thứ 3 («tn_dung_han»), mục metric", and pydantic's
English errors become sentences an analyst at a Sở can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from pipelines.campaigns.schema import Award, Campaign, Criterion, Participants, Period
from pipelines.campaigns.yaml_lines import Path_

ID_RULE = "chỉ gồm chữ cái không dấu, chữ số, «-», «_», «.», bắt đầu bằng chữ hoặc số"


def where(path: Path_, data: Any) -> str:
    """The place of `path` in words, with the criterion's id when it has one."""
    parts: list[str] = []
    rest = list(path)
    if len(rest) >= 2 and rest[0] in ("criteria", "awards") and isinstance(rest[1], int):
        kind, index = rest[0], rest[1]
        if kind == "criteria":
            ident = _get(data, ("criteria", index, "id"))
            parts.append(f"tiêu chí thứ {index + 1}" + (f" («{ident}»)" if ident else ""))
        else:
            parts.append(f"hình thức khen thưởng thứ {index + 1}")
        rest = rest[2:]
    if rest:
        dotted = ".".join(str(p) for p in rest if not isinstance(p, int))
        items = [p for p in rest if isinstance(p, int)]
        parts.append(f"mục {dotted}" + (f" (phần tử thứ {items[-1] + 1})" if items else ""))
    return ", ".join(parts)


def suggest(value: object, choices: list[str] | tuple[str, ...]) -> str:
    """"; có phải «x»?" when `value` is close to one of `choices`, else ""."""
    text = str(value)
    if text[::-1] in choices and text[::-1] != text:  # "=>" for ">="
        return f"; có phải «{text[::-1]}»?"
    close = difflib.get_close_matches(text, list(choices), n=1, cutoff=0.6)
    return f"; có phải «{close[0]}»?" if close else ""


def from_pydantic(error: dict[str, Any], data: Any) -> tuple[Path_, str]:
    """A pydantic error as (path, Vietnamese sentence with its place)."""
    loc: Path_ = tuple(error["loc"])
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        return parent, _place(parent, data, f"thiếu mục bắt buộc «{key}»")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        fields = list(_model_at(parent).model_fields)
        text = (f"mục «{key}» không có trong mẫu tệp chiến dịch{suggest(key, fields)} "
                f"(các mục: {', '.join(fields)})")
        return loc, _place(parent, data, text)
    return loc, _place(loc, data, _problem(kind, ctx, given, error["msg"], loc))


def _problem(kind: str, ctx: dict[str, Any], given: Any, msg: str, loc: Path_) -> str:
    shown = f"«{given}»"
    if kind == "literal_error":
        choices = [c.strip(" '") for c in ctx["expected"].replace(" or ", ", ").split(",")]
        what = "loại đơn vị" if "loai" in loc else "toán tử" if loc[-1:] == ("op",) else "giá trị"
        return (f"{what} {shown} không hợp lệ{suggest(given, choices)} "
                f"(chấp nhận: {', '.join(choices)})")
    if kind == "string_pattern_mismatch":
        return f"id {shown} không hợp lệ: {ID_RULE}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} phần tử"
    if kind == "string_type":
        return f"phải là văn bản (đang là {shown})"
    if kind.startswith("int_"):
        return f"phải là số nguyên (đang là {shown})"
    if kind.startswith("float_"):
        return f"phải là một số, viết bằng dấu chấm thập phân (đang là {shown})"
    if kind.startswith("bool_"):
        return f"phải là true hoặc false (đang là {shown})"
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {_number(ctx.get('ge'))} (đang là {shown})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "phải là một nhóm «khóa: giá trị»"
    if kind == "list_type":
        return "phải là một danh sách, ví dụ [so, huyen]"
    if kind.startswith("cchc_"):  # our own validators already speak Vietnamese
        return msg
    if kind.startswith("date"):
        return f"ngày {shown} không hợp lệ"
    return f"giá trị {shown} không hợp lệ"


def _place(path: Path_, data: Any, text: str) -> str:
    place = where(path, data)
    return f"{place}: {text}" if place else text


def _number(value: Any) -> str:
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def _model_at(path: Path_) -> type[BaseModel]:
    """Which model describes the mapping at `path` (for naming its allowed keys)."""
    names = [p for p in path if isinstance(p, str)]
    return {(): Campaign, ("period",): Period, ("participants",): Participants,
            ("criteria",): Criterion, ("awards",): Award}.get(tuple(names), Campaign)


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
