"""One asset per raw-data folder: its files parsed (cached by sha256) and staged in DuckDB."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.contract import KINDS, Kind
from pipelines.defs.resources import POOL, CchcSettings, warehouse
from pipelines.ingest.parse import sync_files
from pipelines.ingest.stage import STAGING_TABLE, stage_kind, staged_counts

DESCRIPTIONS = {
    "units": "Danh mục đơn vị (data/raw/units): mã, tên, tên gọi khác, loại, hiệu lực, kế thừa.",
    "dossiers": "Hồ sơ Một cửa (data/raw/dossiers): bản ghi mới nhất của mỗi hồ sơ.",
    "surveys": "Phiếu khảo sát mức độ hài lòng (data/raw/surveys).",
    "indices": "Điểm chỉ số công bố PAR INDEX, SIPAS, PAPI, PCI và chỉ số địa phương (data/raw/indices).",
    "evidence": "Sổ minh chứng thi đua (data/raw/evidence): sáng kiến, kỷ luật, ISO, nhiệm vụ…",
    "assignments": "Phân công đơn vị phụ trách chỉ số thành phần (data/raw/assignments).",
}


def _staging_asset(kind: Kind) -> dg.AssetsDefinition:
    deps = [] if kind.id == "units" else [STAGING_TABLE["units"]]

    @dg.asset(
        name=STAGING_TABLE[kind.id],
        group_name="ingest",
        description=DESCRIPTIONS[kind.id],
        deps=deps,
        pool=POOL,
        kinds={"duckdb"},
    )
    def _asset(context: dg.AssetExecutionContext, duckdb: DuckDBResource,
               cchc: CchcSettings) -> dg.MaterializeResult:
        with warehouse(duckdb) as con:
            files = sync_files(con, cchc.raw_path, kind)
            stage_kind(con, kind, cchc.as_of_date)
            counts = staged_counts(con, kind)
        errors = [f.message for f in files if f.status == "error"]
        for message in errors:
            context.log.warning(message)
        return dg.MaterializeResult(metadata={
            "files": len(files),
            "files_parsed": sum(f.parsed for f in files),
            "files_failed": len(errors),
            "rows_loaded": counts.get("loaded", 0),
            "rows_rejected": counts.get("rejected", 0),
            "rows_duplicate": counts.get("duplicate", 0),
            "rows_superseded": counts.get("superseded", 0),
            "rows_footer": counts.get("footer", 0),
            "not_received": counts.get("not_received", 0),
            "dagster/row_count": counts["staged"],
        })

    return _asset


staging_assets = [_staging_asset(kind) for kind in KINDS.values()]
