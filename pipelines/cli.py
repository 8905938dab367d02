"""`cchc`: run the pipeline, check a folder before dropping it in, make the demo data."""

import datetime as dt
import gc
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import click
import duckdb
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipelines.contract import KINDS, MARTS, REASONS
from pipelines.lib.formatting import fmt_count, fmt_date
from pipelines.lib.settings import load_settings

console = Console(width=max(Console().width, 112))


@click.group(help="cchc — số liệu thi đua cải cách hành chính.")
def main() -> None:
    pass


@main.command(help="Chạy toàn bộ pipeline (Dagster) trên data/raw và xuất số liệu ra data/marts.")
def run() -> None:
    try:
        settings = load_settings()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    ok = _materialize_all()
    gc.collect()  # the run's own warehouse connections must be gone before reopening the file
    if settings.db_path.exists():
        with duckdb.connect(str(settings.db_path), read_only=True) as con:
            _print_summary(con, settings.marts_dir, settings.as_of)
    if not ok:
        console.print("[bold red]Lần chạy KHÔNG thành công[/]: xem các tệp lỗi và kiểm tra ở trên.")
        sys.exit(1)
    console.print("[bold green]Hoàn tất.[/]")


@main.command(help="Kiểm tra các tệp trong DIR sẽ được nạp hay bị loại thế nào, không ghi gì.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(directory: Path) -> None:
    from pipelines.ingest.parse import sync_files
    from pipelines.ingest.stage import stage_kind
    from pipelines.lib.marts import build_mart
    from pipelines.lib.warehouse import connect

    settings = load_settings()
    raw_dir, only = (directory.parent, directory.name) if directory.name in KINDS else (directory, None)
    con = connect(":memory:")
    for kind in KINDS.values():
        # A single folder is checked against the configured unit registry.
        source = settings.raw_dir if (only and kind.id == "units" and only != "units") else raw_dir
        if only is None or kind.id in (only, "units"):
            sync_files(con, source, kind)
        else:
            sync_files(con, Path(tempfile.mkdtemp()), kind)
        stage_kind(con, kind, settings.as_of)
    build_mart(con, "ingest_audit", settings.as_of)
    build_mart(con, "ingest_rejects", settings.as_of)
    if only and only != "units":
        con.execute("DELETE FROM ingest_audit WHERE kind <> ?", [only])
        con.execute("DELETE FROM ingest_rejects WHERE source_file NOT LIKE ?", [f"{only}/%"])
    _print_files(con)
    _print_reasons(con)
    failed = con.execute("SELECT count(*) FROM ingest_audit WHERE status = 'error'").fetchone()[0]
    sys.exit(1 if failed else 0)


@main.command(help="Sinh dữ liệu minh họa (hồ sơ, khảo sát) vào data/raw, có hạt giống cố định.")
@click.option("--raw-dir", type=click.Path(path_type=Path), default=None)
@click.option("--seed", type=int, default=None)
def demo(raw_dir: Path | None, seed: int | None) -> None:
    from pipelines.demo import generate_demo

    target = raw_dir or load_settings().raw_dir
    kwargs = {} if seed is None else {"seed": seed}
    with console.status("Đang sinh dữ liệu minh họa…"):
        summary = generate_demo(target, **kwargs)
    rows = summary["rows"]
    console.print(f"Đã ghi dữ liệu minh họa (tổng hợp, không phải số liệu thật) vào {target}: "
                  f"{fmt_count(summary['dossiers_simulated'])} hồ sơ trong "
                  f"{fmt_count(rows['dossiers'])} dòng xuất, {fmt_count(rows['surveys'])} phiếu khảo sát.")


@main.command(help="Lập hồ sơ minh chứng (.xlsx) của một đơn vị trong một phong trào thi đua "
                   "(--unit), hoặc tệp .zip gồm hồ sơ của mọi đơn vị tham gia (--all). Đọc kho "
                   "dữ liệu (CCHC_DB) ở chế độ chỉ đọc.")
@click.option("--campaign", "campaign_id", required=True,
              help="Mã phong trào (id trong data/raw/campaigns/*.yaml).")
@click.option("--unit", help="Mã hoặc tên đơn vị tham gia.")
@click.option("--all", "all_units", is_flag=True, help="Mọi đơn vị tham gia, gói thành một .zip.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp ghi ra (mặc định: ho_so_minh_chung_<phong trào>_<mã đơn vị>.xlsx, hoặc "
                   "ho_so_minh_chung_<phong trào>.zip, trong thư mục hiện tại).")
def evidence(campaign_id: str, unit: str | None, all_units: bool, out: Path | None) -> None:
    from pipelines.evidence_pack import PackError, default_name, open_source, write_all, write_pack
    from pipelines.evidence_pack.collect import find_campaign, resolve_unit
    from pipelines.evidence_pack.source import manifest_for

    if bool(unit) == all_units:
        raise click.UsageError("Ghi đúng một trong hai: --unit <mã hoặc tên đơn vị> hoặc --all.")
    try:
        settings = load_settings()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    # The reporting date and run time of the run that built the warehouse, from its manifest.
    manifest = manifest_for(settings.marts_dir) or {}
    as_of = dt.date.fromisoformat(str(manifest["as_of"])) if manifest.get("as_of") \
        else settings.as_of
    try:
        source = open_source(settings.db_path, as_of)
        if manifest.get("published_at"):
            source.published_at = dt.datetime.fromisoformat(
                str(manifest["published_at"])).replace(tzinfo=None)
            source.generation = str(manifest.get("generation") or "") or None
        try:
            campaign = find_campaign(source, campaign_id)
            if all_units:
                target = out or Path(f"ho_so_minh_chung_{campaign_id}.zip")
                names = write_all(source, campaign_id, target)
                console.print(f"Đã ghi {fmt_count(len(names))} hồ sơ minh chứng của phong trào "
                              f"«{campaign['title']}» vào {target}")
                return
            code = resolve_unit(source, campaign_id, unit or "")
            target = out or Path(default_name(campaign_id, code))
            write_pack(source, campaign_id, code, target)
        finally:
            source.close()
    except PackError as exc:
        raise click.ClickException(str(exc)) from exc
    console.print(f"Đã ghi hồ sơ minh chứng của đơn vị {code} — phong trào «{campaign['title']}» "
                  f"(số liệu chốt ngày {fmt_date(as_of)}) vào {target}")


def _materialize_all() -> bool:
    """Run every asset and check in one Dagster run, showing steps as they finish."""
    import dagster as dg

    from pipelines.definitions import defs

    definitions = defs()
    job = definitions.resolve_implicit_global_asset_job_def()
    total = len(job.graph.node_defs)
    home = os.environ.get("DAGSTER_HOME")
    instance = dg.DagsterInstance.get() if home else dg.DagsterInstance.ephemeral()
    run_id = str(uuid.uuid4())
    outcome: dict[str, bool] = {}

    def execute() -> None:
        result = job.execute_in_process(
            instance=instance, run_id=run_id, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
        outcome["ok"] = result.success

    worker = threading.Thread(target=execute)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console) as progress:
        task = progress.add_task("Đang chạy pipeline", total=total)
        worker.start()
        while worker.is_alive():
            worker.join(0.3)
            done, current = _step_progress(instance, run_id)
            progress.update(task, completed=done, description=f"Đang chạy: {current}" if current else "Đang chạy pipeline")
        progress.update(task, completed=total, description="Pipeline đã chạy xong")
    return outcome.get("ok", False)


def _step_progress(instance: "object", run_id: str) -> tuple[int, str | None]:
    from dagster import DagsterEventType

    try:
        logs = instance.all_logs(run_id)  # type: ignore[attr-defined]
    except Exception:  # the run is not registered yet
        return 0, None
    done, current = 0, None
    for entry in logs:
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            done += 1
        elif event.event_type == DagsterEventType.STEP_START:
            current = event.step_key
    return done, current


def _print_summary(con: duckdb.DuckDBPyConnection, marts_dir: Path, as_of: dt.date) -> None:
    console.print(f"\n[bold]Ngày chốt số liệu:[/] {fmt_date(as_of)}")
    _print_files(con)
    _print_reasons(con)
    has_errors_table = con.execute("SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 'campaign_errors'").fetchone()[0]
    if has_errors_table:
        for (message,) in con.execute(
                "SELECT message FROM campaign_errors ORDER BY source_file, line").fetchall():
            console.print(f"[red]Lỗi tệp phong trào thi đua:[/] {message}")
    table = Table(title=f"Số liệu đã xuất ra {marts_dir}")
    table.add_column("Bảng")
    table.add_column("Số dòng", justify="right")
    for mart in MARTS:
        rows = con.execute(f"SELECT count(*) FROM {mart}").fetchone()[0]
        table.add_row(f"{mart}.parquet", fmt_count(rows))
    console.print(table)


def _print_files(con: duckdb.DuckDBPyConnection) -> None:
    totals = con.execute("""
        SELECT kind, count(*), count(*) FILTER (WHERE status = 'error'), sum(rows_read),
               sum(rows_loaded), sum(rows_rejected), sum(rows_duplicate), sum(rows_superseded),
               sum(rows_footer), sum(not_received)
        FROM ingest_audit GROUP BY kind ORDER BY kind""").fetchall()
    table = Table(title="Tệp nguồn đã đọc")
    for name in ("Dữ liệu", "Tệp", "Tệp lỗi", "Dòng đọc", "Nạp", "Bị loại", "Trùng",
                 "Thay thế", "Chân trang", "Chưa TN"):
        table.add_column(name, justify="left" if name == "Dữ liệu" else "right",
                         no_wrap=name == "Dữ liệu")
    for kind, *numbers in totals:
        table.add_row(KINDS[kind].short, *(fmt_count(n) for n in numbers))
    table.caption = "Chưa TN: hồ sơ chưa được tiếp nhận (trạng thái 1, 3), không tính vào chỉ tiêu."
    console.print(table)
    for (message,) in con.execute(
            "SELECT message FROM ingest_audit WHERE status = 'error' ORDER BY source_file").fetchall():
        console.print(f"[red]Lỗi:[/] {message}")


def _print_reasons(con: duckdb.DuckDBPyConnection) -> None:
    reasons = con.execute("SELECT reason_code, count(*) FROM ingest_rejects GROUP BY 1 "
                          "ORDER BY 2 DESC, 1").fetchall()
    if not reasons:
        console.print("Không có dòng nào bị loại.")
        return
    table = Table(title="Dòng bị loại theo lý do (chi tiết: bảng ingest_rejects)")
    table.add_column("Lý do")
    table.add_column("Mã")
    table.add_column("Số dòng", justify="right")
    for code, count in reasons:
        table.add_row(REASONS[code], code, fmt_count(count))
    console.print(table)


if __name__ == "__main__":
    main()
