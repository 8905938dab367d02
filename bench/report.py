"""bench/RESULTS.md from the stored figures (bench/out/results.json)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

GB = 1e9

PARTS = (("read_normalise", "read & normalise (staging assets)"), ("marts", "marts"),
         ("checks", "checks (GX suites, file checks)"), ("publish", "publish (Parquet, atomic)"))


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _gb(value: float | None) -> str:
    return "–" if value is None else f"{value / GB:.2f} GB"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}"


def _get(size: dict | None, *keys: str) -> float | None:
    value: object = size
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value  # type: ignore[return-value]


def write_report(stored: dict, path: Path) -> None:
    sizes: dict[str, dict] = stored["sizes"]
    order = sorted(sizes, key=lambda k: sizes[k]["rows"])
    big = sizes.get("10M")
    small = sizes.get("1M")
    m = stored["machine"]
    lines: list[str] = ["# Benchmark results (issue 3)", ""]

    # Headline, on lines of their own.
    lines += [
        f"cchc/floor 10M: {_ratio(_get(big, 'cchc', 'wall'), _get(big, 'floor', 'wall'))}",
        "",
        f"pandas/cchc 10M: {_ratio(_get(big, 'pandas', 'wall'), _get(big, 'cchc', 'wall'))}",
        "",
        f"peak memory 10M: {_gb(_get(big, 'cchc', 'peak_rss'))}",
        "",
    ]
    lines += [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory'] / 2**30:.0f} GiB RAM; Python "
        f"{m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}, numpy {m['numpy']}; "
        f"commit {m['commit']} plus the working tree. Written {dt.date.today().isoformat()}.",
        "",
        "Command: `.venv/bin/python -m bench --sizes 1M,10M` (see README, *Benchmark*). Every "
        "figure is the median of several runs, each in a fresh process: wall time of the whole "
        "process (interpreter start included), peak memory = the largest sum of resident memory "
        "(RSS) over the process and its children, sampled every 10 ms (GB = 10⁹ bytes). `cchc` "
        "is `cchc run` on a fresh warehouse (Dagster with a persistent DAGSTER_HOME, as "
        "`setup.sh` runs it); its parts are the Dagster steps' own timings; the rest is process "
        "start, loading the definitions, Dagster's bookkeeping and the printed summary. The "
        "floor is bench/floor.sql (plain DuckDB, hand-written, no cchc code) on the same CSV "
        "files; the peer is bench/peer_pandas.py.",
        "",
    ]

    # Targets.
    lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def target(name: str, measured: str, ok: bool | None) -> None:
        lines.append(f"| {name} | {measured} | {'–' if ok is None else ('yes' if ok else 'no')} |")

    cchc, floor = _get(big, "cchc", "wall"), _get(big, "floor", "wall")
    target("cchc run ≤ 3 × floor at 10M", f"{_ratio(cchc, floor)} ×",
           None if not (cchc and floor) else cchc <= 3 * floor)
    pandas = _get(big, "pandas", "wall")
    target("cchc run faster than pandas at 10M", f"pandas/cchc {_ratio(pandas, cchc)}",
           None if not (cchc and pandas) else cchc < pandas)
    peak = _get(big, "cchc", "peak_rss")
    target("cchc peak memory ≤ 1.5 GB at 10M", _gb(peak), None if peak is None else peak <= 1.5 * GB)
    c1 = _get(small, "cchc", "wall")
    scale = cchc / c1 if cchc and c1 else None
    target("linear scaling 1M → 10M (time ×10 or less)",
           "–" if scale is None else f"× {scale:.1f}", None if scale is None else scale <= 10.5)
    rerun = _get(big, "rerun", "wall")
    target("re-run with no new files: a small fraction of a full run (10M)",
           "–" if not (rerun and cchc) else f"{_s(rerun)} = {rerun / cchc:.0%} of a full run",
           None if not (rerun and cchc) else rerun <= 0.25 * cchc)
    xlsx = _get(stored, "xlsx", "read")
    target("200k-row xlsx export read < 6 s", _s(xlsx), None if xlsx is None else xlsx < 6)
    p95 = [_get(big, "dashboard", q, "p95_ms") for q in ("ranking", "unit_series")]
    target("dashboard queries p95 < 50 ms at 10M",
           " / ".join("–" if v is None else f"{v:.1f} ms" for v in p95),
           None if None in p95 else max(p95) < 50)  # type: ignore[type-var]
    eq = [sizes[k].get("cchc_equals_floor", {}).get("equal") for k in order]
    target("cchc's dossier_kpis_monthly = the floor's, row for row",
           ", ".join(f"{k}: {'equal' if e else 'DIFFERENT' if e is False else '–'}"
                     for k, e in zip(order, eq)),
           None if None in eq else all(eq))
    lines.append("")

    # Times and memory per size.
    header = "| | " + " | ".join(order) + (" | 10M / 1M |" if small and big else " |")
    lines += ["## Wall time and peak memory", "", header,
              "|---" * (len(order) + 1 + (1 if small and big else 0)) + "|"]

    def row(name: str, *keys: str, memory: bool = True) -> None:
        cells = []
        for k in order:
            t = _get(sizes[k], *keys, "wall") if keys[-1] != "parts" else None
            cells.append(_s(t) + (f", {_gb(_get(sizes[k], *keys, 'peak_rss'))}" if memory and t
                                  else ""))
        tail = ""
        if small and big:
            tail = f" | × {_ratio(_get(big, *keys, 'wall'), _get(small, *keys, 'wall'))}"
        lines.append(f"| {name} | " + " | ".join(cells) + tail + " |")

    row("floor (DuckDB SQL on the CSV)", "floor")
    row("kept floor (every row stored first: a lower bound)", "kept")
    row("**cchc run**", "cchc")
    for key, name in PARTS:
        cells = [_s(_get(sizes[k], "cchc", "parts", key)) for k in order]
        tail = ""
        if small and big:
            tail = (f" | × {_ratio(_get(big, 'cchc', 'parts', key), _get(small, 'cchc', 'parts', key))}")
        lines.append(f"| — {name} | " + " | ".join(cells) + tail + " |")
    cells = []
    for k in order:
        total, parts = _get(sizes[k], "cchc", "wall"), _get(sizes[k], "cchc", "parts")
        cells.append(_s(total - sum(parts.values())) if total and parts else "–")
    lines.append("| — process, Dagster, summary (rest) | " + " | ".join(cells)
                 + (" | |" if small and big else " |"))
    row("re-run, no new files", "rerun")
    row("pandas peer", "pandas")
    lines.append("")

    lines += ["## Ratios", "", "| | " + " | ".join(order) + " |", "|---" * (len(order) + 1) + "|"]
    for name, a, b in (("cchc / floor", "cchc", "floor"), ("kept floor / floor", "kept", "floor"),
                       ("cchc / kept floor", "cchc", "kept"), ("pandas / cchc", "pandas", "cchc"),
                       ("pandas / floor", "pandas", "floor"), ("re-run / cchc", "rerun", "cchc")):
        lines.append(f"| {name} | " + " | ".join(
            _ratio(_get(sizes[k], a, "wall"), _get(sizes[k], b, "wall")) for k in order) + " |")
    lines.append("")

    lines += _lower_bound(big, _get(stored, "gx_import", "wall"))

    if any("dashboard" in sizes[k] for k in order):
        lines += ["## Dashboard queries on the published marts", "",
                  "| size | query | first call | median | p95 | rows |", "|---|---|---|---|---|---|"]
        for k in order:
            d = sizes[k].get("dashboard")
            if not d:
                continue
            for q in ("ranking", "unit_series"):
                lines.append(f"| {k} | {q} {d['periods'][q][0]} … {d['periods'][q][1]} | "
                             f"{d[q]['first_ms']:.1f} ms | {d[q]['median_ms']:.1f} ms | "
                             f"{d[q]['p95_ms']:.1f} ms | {d['rows'][q]} |")
        d = next(sizes[k]["dashboard"] for k in reversed(order) if "dashboard" in sizes[k])
        lines += ["", f"Source of the queries: `{d['source']}` ({d['ranking']['runs']} runs each "
                  "after one untimed first call; opening the marts: "
                  f"{d['open_ms']:.0f} ms).", ""]

    x = stored.get("xlsx")
    if x:
        lines += ["## xlsx export read", "",
                  f"A {x['rows']:,}-row \"Báo cáo hồ sơ\" workbook ({x['bytes'] / 1e6:.0f} MB: "
                  "title rows, native date cells, personal-data columns, footer) read by cchc's "
                  f"reader into parsed rows: **{_s(x['read'])}** (median; the whole process "
                  f"{_s(x['wall'])}, {_gb(x['peak_rss'])}).", ""]

    lines += ["## Data", "", "| size | dossier rows | files | CSV bytes | generated in | measured |",
              "|---|---|---|---|---|---|"]
    for k in order:
        s = sizes[k]
        lines.append(f"| {k} | {s['rows']:,} | {s['files']} | {s['data']['bytes'] / 1e9:.2f} GB | "
                     f"{s['data']['seconds']:.0f} s | {s['measured_at']} |")
    lines += ["", "Generated by bench/generate.py (seed 766): one CSV export per month of "
              "2024–2025 as the one-stop-shop software writes it, reported at 31/12/2025; ~500 "
              "units (the demo province's agencies, districts and communes plus ~430 small "
              "communes), the ten busiest receiving about half of all dossiers.", ""]

    lines += ["## Correctness", ""]
    for k in order:
        s = sizes[k]
        for key, name in (("cchc_equals_floor", "cchc = floor"),
                          ("kept_equals_floor", "kept floor = floor"),
                          ("pandas_equals_floor", "pandas = floor")):
            if key in s:
                e = s[key]
                lines.append(f"- {k}, {name}: {'equal' if e['equal'] else 'DIFFERENT'} "
                             f"({e['rows']:,} unit-months; {e['only_first']} / {e['only_second']} "
                             "rows only on one side)")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _lower_bound(big: dict | None, gx_import: float | None) -> list[str]:
    """What the kept floor says of the 3× target: the least a pipeline honouring the contract and
    the stack can take at 10M, from figures measured in this run."""
    floor, kept = _get(big, "floor", "wall"), _get(big, "kept", "wall")
    total, parts = _get(big, "cchc", "wall"), _get(big, "cchc", "parts")
    if not (floor and kept and total and parts):
        return []
    rest = total - sum(parts.values())
    bound = kept + rest + (gx_import or 0)
    lines = [
        "## Lower bound at 10M", "",
        "The kept floor (bench/floor_kept.sql, hand-written like the floor) does, besides the "
        "floor's work, only what the contract demands of every row: every cell read and the row "
        "hashed (an exact duplicate is identical in every cell, CONTRACT §2.1) and every row "
        "stored with its source file and its contract columns as read (figures traced to their "
        "rows, rejected rows shown with their values, re-judged when the registry or the "
        "reporting date changes; a re-run reads only new files). It cleans, parses, numbers and "
        "judges nothing.", "",
        f"- kept floor: {_s(kept)} = {kept / floor:.2f} × the floor;",
        f"- what running a Dagster job costs cchc (process, definitions, bookkeeping: the rest "
        f"above): {_s(rest)};",
    ]
    if gx_import:
        lines.append(f"- importing Great Expectations, which validating any mart needs (a fresh "
                     f"process, median): {_s(gx_import)};")
    lines += [
        f"- together {_s(bound)} = **{bound / floor:.2f} × the floor**, before a single cell is "
        "cleaned (NFC, whitespace), a date parsed, a line number kept, a row judged, a mart "
        "built or a suite run.", "",
        f"The 3× target ({_s(3 * floor)}) is therefore "
        + ("out of reach on this machine for a pipeline that does the contract's work."
           if bound > 3 * floor else
           f"{3 * floor - bound:.1f} s above this bound: that is all the time it leaves for "
           "cleaning ten million rows' cells, parsing their dates, keeping their line numbers, "
           "judging them, building the marts and running the suites."),
        "",
    ]
    return lines
