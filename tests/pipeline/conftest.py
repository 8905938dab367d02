"""A small raw folder whose every figure is worked out by hand, and a way to run `cchc run` on it
exactly as a user would (a subprocess with the CCHC_* environment)."""

import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PII = ("Nguyễn Văn Bí Mật", "0912345678", "012345678901", "bimat@example.vn", "Số 9 ngõ Bí Mật")

UNITS = """Mã đơn vị,Tên đơn vị,Tên gọi khác,Loại
STP,Sở Tư pháp,STP,so
SGD,Sở Giáo dục và Đào tạo,Sở GD&ĐT,so
BP,Tỉnh Bình Phước,Bình Phước,tinh
"""

HEADER = ("Mã hồ sơ;Đơn vị;Họ tên người nộp;Số điện thoại;Số CCCD;Email;Địa chỉ;Ngày tiếp nhận;"
          "Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái;Kênh thực hiện;Phiếu xin lỗi")
PERSON = ";".join(PII[i] for i in (0, 1, 2, 3, 4))

# January export: D1 early, D2 17:30 on a 17:00 deadline (late, apology issued), D3 still open,
# one row for a unit that does not exist, a title above the header and a footer.
JANUARY = f"""UBND TỈNH BÌNH PHƯỚC
BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THÁNG 01/2024
{HEADER}
D1;Sở Tư pháp;{PERSON};02/01/2024 08:00;05/01/2024;04/01/2024 10:00;10;Trực tuyến;
D2;Sở Tư pháp;{PERSON};03/01/2024 09:00;10/01/2024 17:00;10/01/2024 17:30;10;Trực tiếp;Có
D3;STP;{PERSON};20/01/2024;05/02/2024;;4;2;
D9;Sở Không Tồn Tại;{PERSON};21/01/2024;25/01/2024;;4;;
Tổng cộng;;;;;;;;;;;;
"""

# February export: D1 again (same content: the later file wins), D3 finished a day late.
FEBRUARY = f"""{HEADER}
D1;Sở Tư pháp;{PERSON};02/01/2024 08:00;05/01/2024;04/01/2024 10:00;10;Trực tuyến;
D3;STP;{PERSON};20/01/2024;05/02/2024;06/02/2024 09:00;10;2;
"""

SURVEYS = """Mã phiếu,Đơn vị,Ngày khảo sát,Tiếp cận dịch vụ,Thủ tục hành chính,Công chức,Kết quả,Tiếp nhận góp ý/phản ánh
P1,Sở Tư pháp,15/01/2024,5,4,Hài lòng,3,
P2,Sở Tư pháp,16/01/2024,Rất hài lòng,2,5,4,4
P3,Sở Tư pháp,17/01/2024,7,4,4,4,4
"""

INDICES = """Chỉ số,Năm,Đối tượng,Thành phần,Điểm,Xếp hạng,Nguồn
PAR INDEX,2022,Bình Phước,,"84,10",30,Bộ Nội vụ
PAR INDEX,2023,Bình Phước,TONG,85.78,22,Bộ Nội vụ
"""


@dataclass
class Workspace:
    raw: Path
    marts: Path
    db: Path
    home: Path

    def env(self, as_of: str = "2024-02-29") -> dict[str, str]:
        return {**os.environ, "CCHC_RAW_DIR": str(self.raw), "CCHC_MARTS_DIR": str(self.marts),
                "CCHC_DB": str(self.db), "CCHC_AS_OF": as_of, "DAGSTER_HOME": str(self.home)}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pipelines.cli", *(args or ("run",))],
                              cwd=REPO, env=self.env(), capture_output=True, text=True, timeout=300)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: letters with their vowel marks precomposed (ê, ơ, ă), the
    five tones as combining marks after them."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def write_raw(raw: Path) -> None:
    for folder, name, text, encoding in (
        ("units", "don_vi.csv", UNITS, "utf-8"),
        ("dossiers", "2024-01.csv", JANUARY, "utf-8-sig"),
        ("dossiers", "2024-02.csv", FEBRUARY, "cp1258"),
        ("surveys", "khao_sat.csv", SURVEYS, "utf-16"),
        ("indices", "par_index.csv", INDICES, "utf-8"),
    ):
        (raw / folder).mkdir(parents=True, exist_ok=True)
        data = windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
        (raw / folder / name).write_bytes(data)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path / "raw", tmp_path / "marts", tmp_path / "w.duckdb", tmp_path / "dagster")
    ws.home.mkdir()
    write_raw(ws.raw)
    return ws
