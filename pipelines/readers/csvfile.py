"""CSV exports: encoding, blank lines and delimiter settled in Python, the rows parsed by DuckDB.

DuckDB's CSV reader is fast but skips empty lines, which would shift the line numbers people see
and lose blank rows from the accounting. One streaming pass therefore hashes the file, checks that
it is UTF-8 and counts its lines (`scan_csv`). A UTF-8 file is then read by DuckDB as it is; when
DuckDB's row count equals the line count, every line is one row (no empty line was skipped, no
cell holds a newline) and the line number is simply the row's position. Otherwise — and for any
file that is not UTF-8 — the file is prepared exactly (`prepare_csv_exact`): copied as UTF-8 when
needed, each empty line written as one space (which DuckDB keeps as a blank row), and line numbers
counted with the newlines quoted inside cells."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipelines.readers.errors import UnreadableFile

CHUNK = 1 << 24
DELIMITERS = (",", ";", "\t")
HEAD_BYTES = 1 << 20
_GLOB = re.compile(r"[*?\[\]{}]")


@dataclass(frozen=True)
class Scan:
    """What one pass over a CSV's bytes found (see `scan_csv`)."""

    sha256: str
    encoding: str  # utf-8, utf-8-sig, utf-16 (by BOM) or cp1258 (not valid UTF-8)
    # Physical lines ('\n'-terminated, plus an unterminated last line), or None when a bare '\r'
    # also ends rows for DuckDB (old-Mac line ends) and lines cannot be told from rows that way.
    lines: int | None


@dataclass(frozen=True)
class PreparedCsv:
    """A CSV ready for DuckDB: UTF-8. `lines` is set when the file is read as it is and its rows
    still have to be checked against its lines (see the module docstring); None when the file was
    prepared exactly (no empty lines; line numbers from quoted newlines)."""

    path: Path
    sha256: str
    encoding: str
    is_copy: bool
    lines: int | None = None

    def head_text(self) -> str:
        """The first MiB, cut at a line end, for header and delimiter detection."""
        with self.path.open("rb") as handle:
            data = handle.read(HEAD_BYTES)
        if len(data) == HEAD_BYTES:
            data = data[: data.rfind(b"\n") + 1] or data
        return data.decode("utf-8-sig", errors="replace")

    def discard(self) -> None:
        if self.is_copy:
            self.path.unlink(missing_ok=True)


def scan_csv(path: Path) -> Scan:
    """One pass over the bytes: sha256 (in a thread: hashlib releases the GIL), UTF-8 validity
    (Arrow's validator: the same rules as Python's strict decoder, ~3× faster), line count."""
    import numpy as np

    digest = hashlib.sha256()
    lines = 0
    bare_cr = False
    valid = True
    last = b""
    with path.open("rb") as handle, ThreadPoolExecutor(1) as pool:
        first = handle.read(4)
        handle.seek(0)
        encoding = _bom_encoding(first)
        carry = b""
        hashing = None
        while chunk := handle.read(CHUNK):
            if hashing is not None:
                hashing.result()
            hashing = pool.submit(digest.update, chunk)
            lines += chunk.count(b"\n")
            if not bare_cr and b"\r" in chunk:
                data = np.frombuffer(chunk, dtype=np.uint8)
                at = np.flatnonzero(data == 13)
                inside = at[at + 1 < len(data)]
                bare_cr = bool((data[inside + 1] != 10).any()) or (
                    len(inside) < len(at) and not (handle.peek(1)[:1] == b"\n"))
            if valid and encoding == "utf-8":  # as prepare_csv_exact: a BOM file is UTF-8
                carry, valid = _valid_utf8(carry + chunk)
            last = chunk[-1:]
        if hashing is not None:
            hashing.result()
    if valid and carry:
        valid = False  # the file ends inside a character
    if encoding == "utf-8" and not valid:
        encoding = "cp1258"
    if last and last != b"\n":
        lines += 1
    return Scan(digest.hexdigest(), encoding, None if bare_cr else lines)


def prepare_csv(path: Path, work_dir: Path | None = None, scan: Scan | None = None) -> PreparedCsv:
    """A UTF-8 file without glob characters in its path is read as it is (rows to be checked
    against `lines`); any other file is prepared exactly."""
    scan = scan or scan_csv(path)
    if scan.encoding in ("utf-8", "utf-8-sig") and scan.lines is not None \
            and not _GLOB.search(str(path)):
        return PreparedCsv(path, scan.sha256, scan.encoding, is_copy=False, lines=scan.lines)
    return prepare_csv_exact(path, work_dir)


def prepare_csv_exact(path: Path, work_dir: Path | None = None) -> PreparedCsv:
    """Hash the file and make sure DuckDB can read it row for line (see module docstring)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        first = handle.read(4)
        handle.seek(0)
        encoding = _bom_encoding(first)
        decoder = codecs.getincrementaldecoder("utf-8")() if encoding == "utf-8" else None
        has_empty_line = False
        previous = start = b"\n"  # the start of a file counts as a line start
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            if decoder is not None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    decoder, encoding = None, "cp1258"
            if encoding in ("utf-8", "utf-8-sig") and not has_empty_line:
                # After a BOM, the first line starts behind it (DuckDB skips BOM + empty line).
                body = chunk.removeprefix(codecs.BOM_UTF8) if previous is start else chunk
                probe = previous[-2:] + body
                has_empty_line = b"\n\n" in probe or b"\n\r\n" in probe
            previous = chunk
    if decoder is not None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            encoding = "cp1258"
    # DuckDB reads a path with glob characters as a pattern ("T[3].csv" would read "T3.csv").
    if encoding in ("utf-8", "utf-8-sig") and not has_empty_line and not _GLOB.search(str(path)):
        return PreparedCsv(path, digest.hexdigest(), encoding, is_copy=False)
    return PreparedCsv(_rewrite(path, encoding, work_dir), digest.hexdigest(), encoding, True)


def parse_head(text: str, delimiter: str) -> list[list[str]]:
    """The head's rows as Python's csv module splits them (the same rows DuckDB will see)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def numbered_rows(path: Path, delimiter: str) -> list[tuple[int, list[str | None]]]:
    """Every row with the physical line it starts on (for small files read whole in Python)."""
    rows: list[tuple[int, list[str | None]]] = []
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        start = 1
        for cells in reader:
            rows.append((start, [c if c != "" else None for c in cells]))
            start = reader.line_num + 1
    return rows


def _valid_utf8(data: bytes) -> tuple[bytes, bool]:
    """Whether `data` is valid UTF-8 up to a character cut at its end; returns that cut tail (to be
    prefixed to the next chunk) and the verdict."""
    import numpy as np
    import pyarrow as pa

    cut = len(data)
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # a lead byte (or ASCII): does its character end in `data`?
            need = 1 if byte < 0x80 else 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 \
                else 4 if byte >> 3 == 0b11110 else 1
            if need > back:
                cut = len(data) - back
            break
    offsets = pa.py_buffer(np.array([0, cut], dtype=np.int64))
    array = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        array.cast(pa.large_string())
    except pa.ArrowInvalid:
        return b"", False
    return data[cut:], True


def _bom_encoding(first: bytes) -> str:
    if first.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _rewrite(path: Path, encoding: str, work_dir: Path | None) -> Path:
    """Copy as UTF-8 with every empty line written as a single space."""
    out = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", suffix=".csv", delete=False, dir=work_dir
    )
    try:
        with out, path.open("r", encoding=encoding, newline="") as source:
            for line in source:
                out.write(" " + line if line in ("\n", "\r\n", "\r") else line)
    except UnicodeDecodeError as exc:
        Path(out.name).unlink(missing_ok=True)
        raise UnreadableFile(f"không giải mã được văn bản ({encoding}): {exc.reason}") from exc
    return Path(out.name)
