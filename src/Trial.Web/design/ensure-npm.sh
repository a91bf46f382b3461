#!/bin/sh
# Trial.Web's build fetches Designsystemet's CSS with npm. On a fresh Debian machine with only the .NET SDK, install
# Debian's nodejs and npm (as root, or with password-less sudo); otherwise stop with a message saying what to run.
command -v npm >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "error: Trial.Web needs npm to fetch Designsystemet's CSS. Run: sudo apt-get install -y nodejs npm" >&2
  exit 1
fi
echo "Trial.Web: installing nodejs and npm from Debian's packages (needed once to fetch Designsystemet's CSS)" >&2
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
  || { echo "error: installing nodejs and npm failed; run: sudo apt-get install -y nodejs npm" >&2; exit 1; }
