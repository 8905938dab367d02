"""Campaign files checked (CONTRACT §2.7): every kind of mistake is reported in Vietnamese with
the file and the line, the file is not evaluated, and the other campaigns still are."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.campaigns.load import load_file, load_folder
from pipelines.lib.unit_names import RegistryUnit, UnitMatcher
from tests.conftest import RawFolder
from tests.campaigns.conftest import D, Province, campaign_yaml

MATCHER = UnitMatcher([
    RegistryUnit("T1", "Tỉnh Thử Nghiệm", ()), RegistryUnit("SA", "Sở A", ("Sở Ả Rập",)),
    RegistryUnit("SB", "Sở B", ()),
])

GOOD = """\
id: thach-ha-2022
title: Thi đua cải cách hành chính
issuer: UBND huyện Thạch Hà
source: 000_44ed0e504f4e4463.txt
period: {start: 2022-03-01, end: 2022-05-19}
participants:
  units: [Sở A, SB]
min_dossiers: 10
criteria:
  - id: dung_han
    label: Hồ sơ giải quyết đúng hạn, trước hạn
    metric: dossier.on_time_rate
    op: ">="
    target: 0.95
    weight: 40
    scale: linear
  - id: chi_so
    label: Chỉ số CCHC tăng
    metric: index.delta
    params: {chi_so: PAR INDEX, doi_tuong: Tỉnh Thử Nghiệm}
    op: ">"
    target: 0
    weight: 20
  - id: ky_luat
    label: Không có lãnh đạo bị kỷ luật từ khiển trách trở lên
    metric: evidence.count
    params: {loai: ky_luat, doi_tuong: lanh_dao}
    op: "=="
    target: 0
    gate: true
awards:
  - {form: Giấy khen của Chủ tịch UBND huyện, quota: 2, min_points: 50}
not_measured:
  - Hoàn thành xuất sắc nhiệm vụ được giao
"""


def errors(tmp_path: Path, text: str, name: str = "x.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded, found = load_file(path, f"campaigns/{name}", MATCHER)
    assert (loaded is None) == bool(found)
    return [e.message for e in found]


def line_of(text: str, marker: str) -> int:
    """The last line holding `marker` (a repeated key or id is at fault where it repeats)."""
    return max(i for i, line in enumerate(text.splitlines(), start=1) if marker in line)


def one_error(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    """The single message for GOOD with `old` replaced by `new`, and the text it must begin with:
    the file and the line of `new`'s last line (where the value at fault is written)."""
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    found = errors(tmp_path, text)
    assert len(found) == 1, found
    marker = new.strip().splitlines()[-1]
    return found[0], f"campaigns/x.yaml, dòng {line_of(text, marker)}: "


def test_the_good_file_loads_with_units_resolved(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(GOOD, encoding="utf-8")
    loaded, found = load_file(path, "campaigns/x.yaml", MATCHER)
    assert found == [] and loaded is not None
    assert loaded.units == ["SA", "SB"]
    assert loaded.params[1].doi_tuong == "T1" and loaded.params[1].chi_so == "PAR INDEX"
    assert loaded.params[2].ev_loai == ["ky_luat"]
    assert loaded.campaign.not_measured == ["Hoàn thành xuất sắc nhiệm vụ được giao"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("metric: dossier.on_time_rate", "metric: dossier.ontime_rate",
     "tiêu chí thứ 1 («dung_han»), mục metric: chỉ tiêu «dossier.ontime_rate» không có trong "
     "danh mục; có phải «dossier.on_time_rate»?"),
    ('op: ">"', 'op: "=>"',
     "tiêu chí thứ 2 («chi_so»), mục op: toán tử «=>» không hợp lệ; có phải «>=»? "
     "(chấp nhận: >, >=, <, <=, ==, !=)"),
    ("end: 2022-05-19}", "end: 2022-02-30}",
     "mục period.end: ngày «2022-02-30» không hợp lệ (viết YYYY-MM-DD, ví dụ 2022-03-01, hoặc "
     "dd/mm/yyyy)"),
    ("end: 2022-05-19}", "end: 2022-01-19}",
     "mục period.end: ngày kết thúc 19/01/2022 trước ngày bắt đầu 01/03/2022"),
    ("  units: [Sở A, SB]", "  loai: [so, phongx]",
     "mục participants.loai (phần tử thứ 2): loại đơn vị «phongx» không hợp lệ; có phải "
     "«phong»?"),
    ("  units: [Sở A, SB]", "  units: [Sở A, Sở Không Có]",
     "mục participants.units (phần tử thứ 2): đơn vị tham gia «Sở Không Có» không có trong "
     "danh mục"),
    ("  - id: chi_so", "  - id: dung_han",
     "tiêu chí thứ 2 («dung_han»), mục id: id «dung_han» trùng với tiêu chí thứ 1"),
    ("    weight: 20", "    wieght: 20",
     "tiêu chí thứ 2 («chi_so»): mục «wieght» không có trong mẫu tệp chiến dịch; có phải "
     "«weight»? (các mục: id, label, metric, params, op, target, weight, gate, scale)"),
    ("issuer: UBND", "isuer: UBND",
     "mục «isuer» không có trong mẫu tệp chiến dịch; có phải «issuer»?"),
    ("params: {chi_so: PAR INDEX, doi_tuong: Tỉnh Thử Nghiệm}",
     "params: {chi_so: PAR INDEX, doi_tuong: Tỉnh Khác}",
     "tiêu chí thứ 2 («chi_so»), mục params.doi_tuong: đối tượng «Tỉnh Khác» không có trong "
     "danh mục"),
    ("params: {chi_so: PAR INDEX, doi_tuong: Tỉnh Thử Nghiệm}",
     "params: {doi_tuong: Tỉnh Thử Nghiệm}",
     "tiêu chí thứ 2 («chi_so»), mục params: chỉ tiêu index.delta cần tham số «chi_so»"),
    ("params: {loai: ky_luat, doi_tuong: lanh_dao}", "params: {loai: ky_luat, doituong: lanh_dao}",
     "tiêu chí thứ 3 («ky_luat»), mục params.doituong: chỉ tiêu evidence.count không nhận "
     "tham số «doituong»; có phải «doi_tuong»?"),
    ("params: {loai: ky_luat, doi_tuong: lanh_dao}", "params: {loai: kyluat, doi_tuong: lanh_dao}",
     "loại minh chứng «kyluat» không có; có phải «ky_luat»?"),
    ("params: {loai: ky_luat, doi_tuong: lanh_dao}",
     "params: {loai: sang_kien, trang_thai: duoc cong nhan}",
     "mục params.trang_thai: trạng thái «duoc cong nhan» không dùng cho loại sang_kien; có phải "
     "«được công nhận»?"),
    ("    target: 0.95", "    target: 95",
     "tiêu chí thứ 1 («dung_han»), mục target: dossier.on_time_rate là tỷ lệ dạng phân số 0–1: "
     "viết 0.95 cho 95 % (đang là 95)"),
    ("    target: 0.95", "    target: 95%",
     "mục target: phải là một số, viết bằng dấu chấm thập phân (đang là «95%»)"),
    ('    op: ">="\n    target: 0.95\n    weight: 40\n    scale: linear',
     '    op: "<="\n    target: 0.95\n    weight: 40\n    scale: linear',
     "tiêu chí thứ 1 («dung_han»), mục scale: scale: linear cần op \">=\" và target lớn hơn 0"),
    ("    gate: true", "    gate: có",
     "tiêu chí thứ 3 («ky_luat»), mục gate: phải là true hoặc false (đang là «có»)"),
    ("id: thach-ha-2022", "id: thach ha 2022",
     "mục id: id «thach ha 2022» không hợp lệ: chỉ gồm chữ cái không dấu"),
    ("    weight: 20", "    weight: -5",
     "tiêu chí thứ 2 («chi_so»), mục weight: phải lớn hơn hoặc bằng 0 (đang là «-5»)"),
    ("quota: 2,", "quota: hai,",
     "hình thức khen thưởng thứ 1, mục quota: phải là số nguyên (đang là «hai»)"),
    ("    weight: 20\n", "    weight: 20\n    weight: 30\n",
     "tiêu chí thứ 2 («chi_so»), mục weight: khóa «weight» lặp lại (đã có ở dòng 23)"),
])
def test_each_kind_of_mistake(tmp_path: Path, old: str, new: str, expected: str) -> None:
    message, prefix = one_error(tmp_path, old, new)
    assert message.startswith(prefix), (message, prefix)
    assert expected in message, message


def test_missing_field_is_reported_where_its_block_begins(tmp_path: Path) -> None:
    text = GOOD.replace("    label: Chỉ số CCHC tăng\n", "")
    (message,) = errors(tmp_path, text)
    assert message == (f"campaigns/x.yaml, dòng {line_of(text, '- id: chi_so')}: tiêu chí thứ 2 "
                       "(«chi_so»): thiếu mục bắt buộc «label»")


def test_yaml_syntax_error_names_the_line_and_the_usual_cause(tmp_path: Path) -> None:
    text = GOOD.replace('op: ">="', "op: >=")
    (message,) = errors(tmp_path, text)
    assert message.startswith(f"campaigns/x.yaml, dòng {line_of(text, 'op: >=')}: lỗi cú pháp YAML")
    assert 'toán tử bắt đầu bằng ">" phải đặt trong ngoặc kép, ví dụ op: ">="' in message


def test_unquoted_not_equal_and_day_first_dates_are_understood(tmp_path: Path) -> None:
    text = GOOD.replace('op: "=="', "op: !=").replace(
        "{start: 2022-03-01, end: 2022-05-19}", "{start: 01/03/2022, end: 19/05/2022}")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, found = load_file(path, "campaigns/x.yaml", MATCHER)
    assert found == []
    assert loaded.campaign.criteria[2].op == "!="
    assert (loaded.campaign.period.start, loaded.campaign.period.end) == (
        D(2022, 3, 1), D(2022, 5, 19))


def test_several_mistakes_in_one_file_are_all_listed_in_line_order(tmp_path: Path) -> None:
    text = GOOD.replace("2022-05-19", "2022-02-30").replace('op: ">"', 'op: "=>"')
    found = errors(tmp_path, text)
    assert [m.split(":")[0] for m in found] == [
        f"campaigns/x.yaml, dòng {line_of(text, '2022-02-30')}",
        f"campaigns/x.yaml, dòng {line_of(text, '=>')}"]


@pytest.mark.parametrize(("text", "expected"), [
    ("", "dòng 1: tệp rỗng"),
    ("- a\n- b\n", "dòng 1: tệp phải là một nhóm «khóa: giá trị»"),
    ("id: [\n", "dòng 2: lỗi cú pháp YAML"),
])
def test_files_that_are_not_a_campaign(tmp_path: Path, text: str, expected: str) -> None:
    (message,) = errors(tmp_path, text)
    assert message.startswith("campaigns/x.yaml, ") and expected in message, message


def test_a_campaign_needs_criteria(tmp_path: Path) -> None:
    text = GOOD[:GOOD.index("criteria:")] + "criteria: []\n"
    (message,) = errors(tmp_path, text)
    assert message == (f"campaigns/x.yaml, dòng {line_of(text, 'criteria: []')}: mục criteria: "
                       "cần ít nhất 1 phần tử")


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(GOOD.encode("cp1258", errors="replace"))
    loaded, found = load_file(tmp_path / "x.yaml", "campaigns/x.yaml", MATCHER)
    assert loaded is None
    assert found[0].message == ("campaigns/x.yaml, dòng 1: tệp không phải văn bản UTF-8 (lưu lại "
                                "tệp YAML với bảng mã UTF-8)")


def test_participants_need_exactly_one_way(tmp_path: Path) -> None:
    text = GOOD.replace("  units: [Sở A, SB]", "  units: [Sở A]\n  loai: [so]")
    (message,) = errors(tmp_path, text)
    assert message.startswith(f"campaigns/x.yaml, dòng {line_of(text, 'participants:')}: "
                              "mục participants: ghi đúng một trong hai")


def test_a_bad_file_leaves_the_others_and_same_ids_exclude_both(tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "a_good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b_bad.yaml").write_text(GOOD.replace("thach-ha-2022", "other").replace(
        "dossier.on_time_rate", "dossier.nope"), encoding="utf-8")
    (folder / "README.md").write_text("không phải chiến dịch", encoding="utf-8")
    loaded = load_folder(tmp_path, MATCHER)
    assert [c.campaign.id for c in loaded.campaigns] == ["thach-ha-2022"]
    assert [e.source_file for e in loaded.errors] == ["campaigns/b_bad.yaml"]
    (folder / "c_copy.yml").write_text(GOOD, encoding="utf-8")
    loaded = load_folder(tmp_path, MATCHER)
    assert loaded.campaigns == []
    clash = [e.message for e in loaded.errors if e.field == "id"]
    assert clash == [
        "campaigns/a_good.yaml, dòng 1: mục id: id «thach-ha-2022» trùng với chiến dịch trong tệp "
        "campaigns/c_copy.yml; mỗi chiến dịch cần một id riêng",
        "campaigns/c_copy.yml, dòng 1: mục id: id «thach-ha-2022» trùng với chiến dịch trong tệp "
        "campaigns/a_good.yaml; mỗi chiến dịch cần một id riêng"]


def test_errors_reach_the_campaign_errors_mart(tmp_path: Path) -> None:
    p = Province(RawFolder(tmp_path / "raw"))
    p.build(D(2024, 12, 31))
    good = campaign_yaml("good", criteria="""
        - id: n
          label: Số hồ sơ
          metric: dossier.in_scope
          op: ">="
          target: 0
        """)
    p.campaigns(good=good, bad=good.replace("id: good", "id: bad").replace(
        "dossier.in_scope", "dossier.inscope"))
    assert [r["campaign_id"] for r in p.rows("SELECT * FROM campaigns")] == ["good"]
    (error,) = p.rows("SELECT * FROM campaign_errors")
    assert (error["source_file"], error["line"], error["campaign_id"], error["field"]) == (
        "campaigns/bad.yaml", 9, "bad", "criteria.0.metric")
    assert error["message"].startswith("campaigns/bad.yaml, dòng 9: tiêu chí thứ 1 («n»), "
                                       "mục metric: chỉ tiêu «dossier.inscope» không có")
    assert {r["campaign_id"] for r in p.rows("SELECT * FROM campaign_ranking")} == {"good"}
