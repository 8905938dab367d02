"""One asset per mart of CONTRACT §3; each is SQL from sql/marts/ (see pipelines.lib.marts),
checked by its Great Expectations suite before anything is published. The marts behind the
evidence packs (PACK_MARTS) follow the campaign marts: they list, per campaign and participant,
the rows and period figures a pack shows, so the dashboard's pack equals `cchc evidence`'s."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.defs.resources import POOL, CchcSettings, warehouse
from pipelines.ingest.stage import STAGING_TABLE
from pipelines.lib.expectations import check_mart
from pipelines.lib.marts import MART_STEPS, build_mart

MARTS: dict[str, tuple[str, list[str]]] = {
    "dossier_kpis_monthly": (
        "Chỉ tiêu hồ sơ theo đơn vị × tháng (Bộ chỉ số 766, chỉ tiêu 2.1): đúng hạn, quá hạn, "
        "xin lỗi, trực tuyến, thanh toán trực tuyến, số hóa.",
        [STAGING_TABLE["dossiers"]]),
    "survey_satisfaction_yearly": (
        "Mức độ hài lòng theo đơn vị × năm: tỷ lệ hài lòng từng yếu tố, chỉ số hài lòng, "
        "khoảng tin cậy Wilson 95 %.",
        [STAGING_TABLE["surveys"]]),
    "index_scores": (
        "Điểm chỉ số công bố: chỉ số × năm × đối tượng × thành phần, kèm nguồn.",
        [STAGING_TABLE["indices"]]),
    "index_yoy": (
        "Thay đổi so với năm trước: điểm, thứ hạng, đánh dấu thay đổi phương pháp.",
        ["index_scores"]),
    "ingest_audit": (
        "Đối soát từng tệp nguồn: số dòng đọc, nạp, bị loại, trùng, bị thay thế, chân trang.",
        list(STAGING_TABLE.values())),
    "ingest_rejects": (
        "Từng dòng bị loại, với tệp, số dòng và lý do.",
        list(STAGING_TABLE.values())),
    "units": (
        "Danh mục đơn vị (mã, tên, loại, cấp trên, hiệu lực) để bảng điều khiển và hồ sơ minh "
        "chứng gọi tên đơn vị mà không mở kho dữ liệu.",
        [STAGING_TABLE["units"]]),
    "index_assignments": (
        "Phân công đơn vị phụ trách chỉ số thành phần (PAR INDEX, SIPAS, PAPI, PCI) để hồ sơ "
        "minh chứng liệt kê các thành phần được giao mà không mở kho dữ liệu.",
        [STAGING_TABLE["assignments"]]),
}

# For each campaign and participant, what its evidence pack shows beside the scores.
PACK_MARTS: dict[str, tuple[str, list[str]]] = {
    "campaign_dossier_figures": (
        "Số liệu hồ sơ của đúng kỳ thi đua theo từng phong trào × đơn vị tham gia, tính như bảng "
        "chấm điểm: tổng số hồ sơ, tỷ lệ đúng hạn, trước hạn, quá hạn, xin lỗi, trực tuyến.",
        ["campaigns", "campaign_ranking", "dossier_kpis_monthly", "index_yoy", *(
            STAGING_TABLE[k] for k in ("units", "surveys", "evidence", "assignments"))]),
    "campaign_overdue_dossiers": (
        "Hồ sơ quá hạn trong kỳ thi đua của từng đơn vị tham gia (giải quyết quá hạn hoặc còn "
        "đang giải quyết khi đã quá hạn), kèm phiếu xin lỗi, tệp và dòng nguồn; không có thông "
        "tin cá nhân của người dân.",
        ["campaigns", "campaign_ranking", "dossier_kpis_monthly", STAGING_TABLE["dossiers"]]),
    "campaign_evidence_rows": (
        "Các dòng sổ minh chứng của đơn vị tham gia có ngày trong kỳ thi đua, kèm tệp và dòng "
        "nguồn.",
        ["campaigns", "campaign_ranking", STAGING_TABLE["evidence"]]),
    "campaign_survey_periods": (
        "Mức độ hài lòng của từng đơn vị tham gia trong đúng kỳ thi đua và cùng kỳ năm trước: "
        "số phiếu, tỷ lệ hài lòng từng yếu tố, chỉ số hài lòng, khoảng tin cậy Wilson 95 %.",
        ["campaigns", "campaign_ranking", STAGING_TABLE["surveys"]]),
}


def mart_asset(mart: str, description: str, deps: list[str],
               group: str = "marts") -> dg.Definitions:
    """A mart built by its SQL steps (pipelines.lib.marts) and its blocking GX suite check."""

    @dg.asset(name=mart, group_name=group, description=description, deps=deps, pool=POOL,
              kinds={"duckdb", "sql"},
              metadata={"sql": ", ".join(f"sql/{s}.sql" for s in MART_STEPS[mart])})
    def _asset(duckdb: DuckDBResource, cchc: CchcSettings) -> dg.MaterializeResult:
        with warehouse(duckdb) as con:
            rows = build_mart(con, mart, cchc.as_of_date)
        return dg.MaterializeResult(metadata={"dagster/row_count": rows})

    @dg.asset_check(asset=_asset, name="expectations", blocking=True,
                    description=f"Bộ kiểm tra Great Expectations expectations/{mart}.json")
    def _check(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with warehouse(duckdb) as con:
            outcome = check_mart(con, mart)
        return dg.AssetCheckResult(
            passed=outcome.success,
            metadata={"failures": dg.MetadataValue.json(outcome.failures),
                      "statistics": dg.MetadataValue.json(outcome.statistics)},
        )

    return dg.Definitions(assets=[_asset], asset_checks=[_check])


@dg.definitions
def marts() -> dg.Definitions:
    return dg.Definitions.merge(
        *(mart_asset(m, d, deps) for m, (d, deps) in MARTS.items()),
        *(mart_asset(m, d, deps, group="campaigns") for m, (d, deps) in PACK_MARTS.items()),
    )
