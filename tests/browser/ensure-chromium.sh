#!/usr/bin/env sh
# Makes sure Debian's Chromium is installed for the browser tests (they never download a
# browser). Installs it with apt-get when possible, otherwise says how.
set -eu
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  apt-get update && apt-get install -y --no-install-recommends chromium
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
else
  echo "Browser tests need Chromium at $chromium_path: run 'sudo apt-get install -y chromium'" >&2
  echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
  exit 1
fi
