"""Fixtures for the dashboard tests: the tiny province of fixture_data published as marts (once
per test process), an empty marts folder, and AppTest runs of the app on either."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboards import fixture_data

APP = str(Path(__file__).resolve().parents[2] / "dashboards" / "app.py")
PAGES = ("app_pages/tong_quan.py", "app_pages/so_sanh.py", "app_pages/xu_huong.py",
         "app_pages/chi_so.py", "app_pages/thi_dua.py", "app_pages/chat_luong.py")


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Path, duckdb.DuckDBPyConnection]]:
    """(marts folder, warehouse connection) of the hand-worked province."""
    marts, con = fixture_data.build(tmp_path_factory.mktemp("province"))
    yield marts, con
    con.close()


@pytest.fixture(scope="session")
def marts_dir(province) -> Path:
    return province[0]


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """run_app(marts_dir, page=None, **query) → the app after its first run (on `page`)."""

    def run(folder: Path, page: str | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("CCHC_MARTS_DIR", str(folder))
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def table(at: AppTest, *columns: str):
    """The frame behind the first table that has all `columns` (numbers stay numbers; the
    column names are the Vietnamese ones shown)."""
    for frame in at.dataframe:
        value = frame.value
        if all(c in value.columns for c in columns):
            return value.reset_index(drop=True)
    raise AssertionError(f"no table with {columns}; tables: "
                         f"{[list(f.value.columns) for f in at.dataframe]}")


def texts(at: AppTest) -> str:
    """Every markdown, caption, info, warning, error and subheader text of the page, joined."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "subheader",
                 "title"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    return "\n".join(parts)
