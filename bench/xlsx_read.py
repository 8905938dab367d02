"""Read the benchmark's xlsx export with cchc's reader (fresh process) and report how long the
dossier file took to become parsed rows, as JSON on stdout:

    python -m bench.xlsx_read RAW_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(raw: Path) -> None:
    from pipelines.contract import KINDS
    from pipelines.ingest.parse import sync_files
    from pipelines.lib.warehouse import connect

    con = connect(":memory:")
    sync_files(con, raw, KINDS["units"])
    started = time.perf_counter()
    statuses = sync_files(con, raw, KINDS["dossiers"])
    seconds = time.perf_counter() - started
    rows = con.execute("SELECT count(*) FROM parsed_dossiers").fetchone()[0]
    print(json.dumps({"seconds": seconds, "rows": rows,
                      "status": [s.status for s in statuses]}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
