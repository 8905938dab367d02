"""Campaign assets (group "campaigns"): the campaign files read and checked, then the four
campaign marts, each checked by its Great Expectations suite before anything is published; and a
check that fails the run, after publishing, when a campaign file has mistakes (CONTRACT §2.7,
like an unreadable file in §2.1). The logic is in pipelines.campaigns and sql/."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.campaigns.evaluate import read_campaigns
from pipelines.defs.marts.assets import mart_asset
from pipelines.defs.resources import POOL, CchcSettings, warehouse
from pipelines.ingest.stage import STAGING_TABLE

GROUP = "campaigns"


@dg.asset(name="stg_campaigns", group_name=GROUP, deps=[STAGING_TABLE["units"]], pool=POOL,
          kinds={"duckdb", "yaml"},
          description="Các tệp phong trào thi đua (data/raw/campaigns/*.yaml) đã kiểm tra: chiến "
                      "dịch hợp lệ, tiêu chí, và lỗi của từng tệp (tiếng Việt, kèm tệp và dòng).")
def stg_campaigns(context: dg.AssetExecutionContext, duckdb: DuckDBResource,
                  cchc: CchcSettings) -> dg.MaterializeResult:
    with warehouse(duckdb) as con:
        loaded = read_campaigns(con, cchc.raw_path)
    for error in loaded.errors:
        context.log.warning(error.message)
    return dg.MaterializeResult(metadata={
        "campaigns": len(loaded.campaigns),
        "errors": len(loaded.errors),
        "dagster/row_count": len(loaded.campaigns),
    })


MARTS: dict[str, tuple[str, list[str]]] = {
    "campaigns": (
        "Các phong trào thi đua: tên, cơ quan phát động, kế hoạch gốc, thời gian, đối tượng, "
        "hình thức khen thưởng và các nội dung không đo được bằng số liệu.",
        ["stg_campaigns"]),
    "campaign_errors": (
        "Lỗi trong các tệp phong trào thi đua, kèm tệp và dòng; tệp có lỗi không được chấm.",
        ["stg_campaigns"]),
    "campaign_scorecard": (
        "Bảng chấm điểm: phong trào × đơn vị × tiêu chí — giá trị, chỉ tiêu, đạt/không đạt/"
        "không có dữ liệu, điểm, điều kiện bắt buộc.",
        ["stg_campaigns", "dossier_kpis_monthly", "index_yoy", *(
            STAGING_TABLE[k] for k in ("units", "surveys", "evidence", "assignments"))]),
    "campaign_ranking": (
        "Xếp hạng: phong trào × đơn vị — đủ điều kiện, tổng điểm, thứ hạng, hình thức khen "
        "thưởng đề nghị và lý do.",
        ["campaign_scorecard"]),
}


@dg.asset_check(asset="published_marts", name="campaign_files_valid", blocking=True,
                description="Mọi tệp phong trào thi đua đúng mẫu; nếu không, lần chạy kết thúc "
                            "với lỗi (sau khi đã xuất số liệu của các phong trào hợp lệ).")
def campaign_files_valid(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse(duckdb) as con:
        messages = [m for (m,) in con.execute(
            "SELECT message FROM campaign_errors ORDER BY source_file, line, message").fetchall()]
    return dg.AssetCheckResult(
        passed=not messages,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"errors": dg.MetadataValue.json(messages)},
    )


@dg.definitions
def campaigns() -> dg.Definitions:
    return dg.Definitions.merge(
        dg.Definitions(assets=[stg_campaigns], asset_checks=[campaign_files_valid]),
        *(mart_asset(m, d, deps, group=GROUP) for m, (d, deps) in MARTS.items()),
    )
