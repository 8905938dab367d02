#!/usr/bin/env bash
# Makes sure a headless Chromium is there for the dashboard's browser test
# (tests/dashboards/test_browser.py). Debian's package, not Playwright's own download (which does
# not work here). Non-interactive: CI runs this as root on a fresh machine; elsewhere it needs
# passwordless sudo, or install the package yourself (or point CCHC_CHROMIUM at a Chromium).
set -euo pipefail

CHROMIUM="${CCHC_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] || command -v "$CHROMIUM" >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Không tìm thấy Chromium ($CHROMIUM) và máy không có apt-get: hãy cài Chromium rồi đặt CCHC_CHROMIUM." >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "Cần cài gói chromium (apt-get install chromium) với quyền root để chạy kiểm thử trình duyệt." >&2
    exit 1
  fi
fi
echo "Đang cài Chromium (gói Debian) cho kiểm thử bảng điều khiển…"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq -o Dpkg::Use-Pty=0 chromium >/dev/null
[ -x "$CHROMIUM" ] || command -v "$CHROMIUM" >/dev/null 2>&1
