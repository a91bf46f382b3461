#!/usr/bin/env bash
# Runs every test in Trial.sln against real components: a throwaway PostgreSQL cluster, an SMTP server process on
# loopback (started by the SMTP fixture) and headless Chromium (driven by Playwright, with axe-core). Installs the Debian
# packages for them, and nodejs/npm for the pages' CSS, first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Trial.Web's build fetches Designsystemet's CSS with npm (src/Trial.Web/design).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)  # the report tests read report.pdf back as text
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# One throwaway PostgreSQL cluster for the whole run: initdb + pg_ctl on a free loopback port in a temporary folder,
# stopped and deleted on exit. The test fixtures (tests/Trial.TestServers) use it through TRIAL_PG_CONNECTION and
# give every test its own database.
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pgroot="$(mktemp -d /tmp/trial-test-pg.XXXXXX)"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pgroot"; as_postgres=(runuser -u postgres --); fi
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop_postgres() {
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pgroot"
}
trap stop_postgres EXIT
"${as_postgres[@]}" "$pgbin/initdb" -D "$pgroot/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 \
  -o "-p $port -k $pgroot -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000 -c shared_buffers=256MB" \
  start >/dev/null
export TRIAL_PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200;Timeout=30;Command Timeout=120"
echo "test.sh: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($pgroot)"

# The OpenAPI lint test's pinned Redocly CLI is installed beside the build rather than inside the test run, where a fresh
# clone's `npm ci` (about a minute, mostly waiting on the registry) lay on the longest path. A failure here is not fatal:
# the test runs the same script again and fails naming what went wrong.
redocly_log="$(mktemp)"
sh tests/Trial.Enrollment.Tests/Api/OpenApiLint/install-redocly.sh >"$redocly_log" 2>&1 &
redocly=$!
dotnet build Trial.sln -c Release -nologo -clp:ErrorsOnly
wait "$redocly" || { echo "test.sh: installing the Redocly CLI failed (OpenApiLintTests will say why):"; cat "$redocly_log"; }
rm -f "$redocly_log"
log="$(mktemp)"
status=0
dotnet test Trial.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test projects, e.g. "Total: 412 passed, 0 failed, 3 skipped".
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); f += $4; p += $6; s += $8 }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
