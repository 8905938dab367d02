"""Resources shared by every asset: the warehouse and the run's settings (CONTRACT §1).

Assets run one after another in one process (in_process_executor) and write under the `duckdb`
pool: DuckDB allows one writer per file."""


import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipelines.lib.settings import load_settings
from pipelines.lib.warehouse import prepare

POOL = "duckdb"


class CchcSettings(dg.ConfigurableResource):
    """Input and output folders and the reporting date, from CCHC_* at load time."""

    raw_dir: str
    marts_dir: str
    as_of: str  # YYYY-MM-DD

    @property
    def raw_path(self) -> Path:
        return Path(self.raw_dir)

    @property
    def marts_path(self) -> Path:
        return Path(self.marts_dir)

    @property
    def as_of_date(self) -> dt.date:
        return dt.date.fromisoformat(self.as_of)


@contextmanager
def warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse connection with the project's macros and reference tables."""
    with resource.get_connection() as con:
        prepare(con)
        yield con


@dg.definitions
def resources() -> dg.Definitions:
    settings = load_settings()
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    return dg.Definitions(
        resources={
            "duckdb": DuckDBResource(database=str(settings.db_path)),
            "cchc": CchcSettings(raw_dir=str(settings.raw_dir), marts_dir=str(settings.marts_dir),
                                 as_of=settings.as_of.isoformat()),
        },
        executor=dg.in_process_executor,
    )
