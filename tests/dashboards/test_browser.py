"""The real app (`streamlit run` on a free port) driven in headless Chromium through Playwright:
the overview renders its figures and charts (a screenshot is saved in the test's tmp dir), and a
bookmarked deep link opens the compare page on that metric and period.

Chromium is Debian's (/usr/bin/chromium; ./test.sh installs it when missing): Playwright's own
browser download is not used."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from tests.dashboards.conftest import APP

CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(marts_dir, tmp_path):
    """The dashboard on http://127.0.0.1:<port> over the hand-worked province."""
    port = _free_port()
    env = {**os.environ, "CCHC_MARTS_DIR": str(marts_dir),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=Path(APP).parents[1])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("streamlit did not start:\n"
                                     + (tmp_path / "streamlit.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: ./test.sh installs Debian's package "
                    "(apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _settle(page) -> None:
    """Wait until the script run is over and the charts are drawn."""
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30000)
    page.wait_for_timeout(300)


def test_overview_in_a_real_browser(served, browser, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 2400}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served + "/", wait_until="domcontentloaded")
    page.get_by_text("Tổng quan — Tỉnh Thử Nghiệm").wait_for(timeout=30000)
    page.get_by_text("75,00 %", exact=True).wait_for(timeout=30000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30000)
    _settle(page)
    body = page.inner_text("body")
    assert "-11,36 điểm %" in body and "17 hồ sơ" in body
    assert "Số liệu chốt đến ngày 30/06/2025" in body
    assert "Traceback" not in body and not page.locator('[data-testid="stException"]').count()
    assert "tu=2025-04" in page.url and "den=2025-06" in page.url  # the period is in the URL
    shot = tmp_path / "tong_quan.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20000
    print(f"\nscreenshot: {shot}")

    # A bookmark: the compare page on the overdue rate for Q2/2024.
    page.goto(served + "/so-sanh-don-vi?chi_tieu=overdue_rate&tu=2024-04&den=2024-06",
              wait_until="domcontentloaded")
    page.get_by_text("Tỷ lệ hồ sơ quá hạn (trễ hạn) — Quý II/2024").wait_for(timeout=30000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30000)
    _settle(page)
    assert "Chung: 13,64 %" in page.inner_text("body")  # 9 overdue of 66, all units
    page.screenshot(path=str(tmp_path / "so_sanh.png"), full_page=True)

    # The council's question: why did the second lose points — and its evidence pack.
    page.goto(served + "/thi-dua?don_vi=SB", wait_until="domcontentloaded")
    button = page.get_by_role("button", name="Tải hồ sơ minh chứng của Sở B (.xlsx)")
    button.wait_for(timeout=30000)
    _settle(page)
    assert "Sở B — 40,00 điểm, hạng 2" in page.inner_text("body")  # tables are a canvas
    with page.expect_download(timeout=30000) as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "ho_so_minh_chung_thu-nghiem-2025_SB.xlsx"
    book = openpyxl.load_workbook(saved)
    assert "Sở B" in str(list(book.worksheets[0].iter_rows(values_only=True)))
    assert not errors, errors
