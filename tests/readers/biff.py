"""A tiny writer of genuine binary Excel 97–2003 (.xls, BIFF8 in an OLE compound file), enough for
reader tests: text (shared strings), numbers and date-formatted numbers on one sheet. No package
on this machine writes .xls (xlwt is absent), so the bytes are laid out by hand following
[MS-CFB] and [MS-XLS]."""

from __future__ import annotations

import datetime as dt
import struct

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = _NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _NOSTREAM, _NOSTREAM, child) + b"\0" * 16 + b"\0" * 4
            + b"\0" * 16 + struct.pack("<IQ", start, size))


def compound_file(stream_name: str, data: bytes) -> bytes:
    """An OLE compound file (version 3) holding one stream in regular sectors."""
    data = data.ljust(max(len(data), 4096), b"\0")  # at the cut-off: no mini stream needed
    data_sectors = -(-len(data) // _SECTOR)
    assert data_sectors + 2 <= 128, "one FAT sector is enough for these tests"
    fat = [_FATSECT, _END] + [3 + i for i in range(data_sectors - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    directory = (_dir_entry("Root Entry", 5, _END, 0, child=1)
                 + _dir_entry(stream_name, 2, 2, len(data))
                 + _dir_entry("", 0, 0, 0) * 2)
    body = struct.pack("<128I", *fat) + directory + data.ljust(data_sectors * _SECTOR, b"\0")
    return header + body


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def _bof(sheet: bool) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x10 if sheet else 0x05, 0x0DBB,
                                       0x07CC, 0x000100C1, 0x00000406))


def _xf(number_format: int) -> bytes:
    return _record(0x00E0, struct.pack("<HHH", 0, number_format, 0x0001) + b"\0" * 14)


def _excel_serial(value: dt.date) -> float:
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    return float((value - dt.date(1899, 12, 30)).days)


def xls_workbook(rows: list[list[object]], sheet: str = "Sheet1") -> bytes:
    """A one-sheet .xls: str cells as text, int/float as numbers, date/datetime as date cells."""
    strings: list[str] = []
    cells: list[bytes] = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                if value not in strings:
                    strings.append(value)
                cells.append(_record(0x00FD, struct.pack("<HHHI", r, c, 15, strings.index(value))))
            elif isinstance(value, (dt.date, dt.datetime)):
                xf = 17 if isinstance(value, dt.datetime) else 16
                cells.append(_record(0x0203, struct.pack("<HHHd", r, c, xf, _excel_serial(value))))
            else:
                cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 15, float(value))))
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    width = max((len(r) for r in rows), default=0)
    sheet_body = (_bof(True) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                  + b"".join(cells) + _record(0x000A, b""))
    # XF 0–14 style/general, 15 the general cell format, 16 a date (14 = d/m/yyyy), 17 date-time (22).
    xfs = b"".join(_xf(0) for _ in range(16)) + _xf(14) + _xf(22)
    name = sheet.encode("utf-16-le")

    def globals_(offset: int) -> bytes:
        return (_bof(False) + _record(0x0042, struct.pack("<H", 1200)) + xfs
                + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)
                + _record(0x00FC, sst) + _record(0x000A, b""))

    head = globals_(0)
    return compound_file("Workbook", globals_(len(head)) + sheet_body)


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE file with an EncryptedPackage."""
    return compound_file("EncryptedPackage", b"\x08\x00\x00\x00" + b"\x5a" * 600)
