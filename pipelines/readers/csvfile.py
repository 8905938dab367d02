"""CSV exports: encoding, blank lines and delimiter settled in Python, the rows parsed by DuckDB.

DuckDB's CSV reader is fast but skips empty lines, which would shift the line numbers people see
and lose blank rows from the accounting. One streaming pass therefore hashes the file, checks its
encoding and looks for empty lines; only a file that is not clean UTF-8 without empty lines is
copied (as UTF-8, each empty line written as one space, which DuckDB keeps as a blank row)."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipelines.readers.errors import UnreadableFile

CHUNK = 1 << 24
DELIMITERS = (",", ";", "\t")
HEAD_BYTES = 1 << 20
_GLOB = re.compile(r"[*?\[\]{}]")


@dataclass(frozen=True)
class PreparedCsv:
    """A CSV ready for DuckDB: UTF-8, no empty lines."""

    path: Path
    sha256: str
    encoding: str
    is_copy: bool

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


def prepare_csv(path: Path, work_dir: Path | None = None) -> PreparedCsv:
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
