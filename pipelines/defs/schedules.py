"""When the pipeline runs by itself: monthly after each month closes, and when files change."""


import hashlib

import dagster as dg

from pipelines.lib.settings import load_settings

everything = dg.define_asset_job("cchc_all", selection=dg.AssetSelection.all(),
                                 description="Nạp mọi tệp nguồn, tính và xuất toàn bộ số liệu.")

monthly = dg.ScheduleDefinition(
    name="cchc_monthly", job=everything, cron_schedule="0 6 1 * *",
    execution_timezone="Asia/Ho_Chi_Minh",
    description="Ngày 1 hằng tháng, 06:00: tính lại với số liệu tháng vừa kết thúc.",
)


@dg.sensor(job=everything, minimum_interval_seconds=60,
           description="Chạy lại khi có tệp mới, tệp bị sửa hoặc bị xóa trong data/raw.")
def raw_files_changed(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    raw_dir = load_settings().raw_dir
    if not raw_dir.is_dir():
        return dg.SkipReason(f"Chưa có thư mục {raw_dir}")
    digest = hashlib.sha256()
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(raw_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    fingerprint = digest.hexdigest()
    if fingerprint == context.cursor:
        return dg.SkipReason("Không có tệp nào thay đổi")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=fingerprint)], cursor=fingerprint)


@dg.definitions
def automation() -> dg.Definitions:
    return dg.Definitions(jobs=[everything], schedules=[monthly], sensors=[raw_files_changed])
