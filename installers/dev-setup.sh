#!/usr/bin/env bash
# Set up PCF Workbench from a checkout on Debian/Ubuntu with Python ≥ 3.11:
# a virtual environment in .venv with the app (editable) and its test tools.
# Idempotent and quick when nothing changed. Installs missing system libraries when run as root.
# --test also installs what the test suite uses beyond Python packages (LibreOffice for
# recalculating exported workbooks and re-saving templates as a real spreadsheet program would).
set -euo pipefail
cd "$(dirname "$0")/.."
with_test_tools=0
[ "${1:-}" = "--test" ] && with_test_tools=1

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "PCF Workbench needs Python 3.11 or newer (found: $("$PY" --version 2>&1))" >&2
  exit 1
fi

need_apt=()
# Qt's offscreen and xcb platforms need these at run time; poppler-utils renders PDF previews.
for pkg in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if [ $with_test_tools = 1 ] && ! command -v soffice >/dev/null; then
  need_apt+=("libreoffice-calc-nogui")
fi
if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  need_apt+=("python3-venv")
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "note: missing system packages (install them with sudo apt-get install ${need_apt[*]})" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.pcf-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi

# The UI translations: compile resources/i18n/*.ts into the .qm files the app loads (gitignored,
# so every checkout builds them; without them the UI falls back to English).
.venv/bin/python -m app.gui.i18n build >/dev/null
