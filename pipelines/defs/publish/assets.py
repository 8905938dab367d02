"""Publishing the checked marts to CCHC_MARTS_DIR (see pipelines.lib.publish), and the check
that makes a run with an unreadable file end in failure after publishing (CONTRACT §2.1)."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.contract import MARTS
from pipelines.defs.resources import POOL, CchcSettings, warehouse
from pipelines.lib.publish import publish


@dg.asset(
    group_name="publish",
    deps=list(MARTS),
    pool=POOL,
    kinds={"parquet"},
    description="Xuất các bảng số liệu ra data/marts/*.parquet (nguyên khối: người đọc thấy bộ "
                "cũ hoặc bộ mới, không bao giờ lẫn lộn).",
)
def published_marts(duckdb: DuckDBResource, cchc: CchcSettings) -> dg.MaterializeResult:
    with warehouse(duckdb) as con:
        result = publish(con, cchc.marts_path, list(MARTS), cchc.as_of_date)
    return dg.MaterializeResult(metadata={
        "generation": result.generation,
        "as_of": cchc.as_of,
        **{f"rows/{mart}": rows for mart, rows in result.rows.items()},
    })


@dg.asset_check(asset=published_marts, name="all_files_read", blocking=True,
                description="Mọi tệp nguồn đọc được và có danh mục đơn vị; nếu không, lần chạy "
                            "kết thúc với lỗi (sau khi đã xuất số liệu).")
def all_files_read(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse(duckdb) as con:
        failed = con.execute(
            "SELECT source_file, message FROM ingest_audit WHERE status = 'error' "
            "ORDER BY source_file").fetchall()
        units = con.execute("SELECT count(*) FROM stg_units").fetchone()[0]
    problems = [message for _, message in failed]
    if units == 0:
        problems.append("Không có đơn vị nào trong data/raw/units: danh mục đơn vị là bắt buộc.")
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"failed_files": dg.MetadataValue.json(problems)},
    )
