#!/usr/bin/env bash
# Runs every test in Trial.sln against real components: a throwaway PostgreSQL cluster (started by the test
# fixtures with initdb/pg_ctl on a free port in a temporary folder), an SMTP server process on loopback, and
# headless Chromium. Installs the Debian packages for them first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build Trial.sln -c Release -nologo -clp:ErrorsOnly
log="$(mktemp)"
status=0
dotnet test Trial.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test projects, e.g. "Total: 412 passed, 0 failed, 3 skipped".
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); f += $4; p += $6; s += $8 }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
