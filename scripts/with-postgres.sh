#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1 (DATABASE_URL set).
# Uses Debian's PostgreSQL binaries; as root the cluster runs as the 'postgres' user.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "PostgreSQL is not installed (apt-get install postgresql): skipping the PostgreSQL run." >&2
  exit 0
fi

# A free loopback port unless one is given.
port=${PGTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
workdir=$(mktemp -d /tmp/hub-pg.XXXXXX)
runas=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$workdir"
  runas=(runuser -u postgres --)
fi

cleanup() {
  "${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${runas[@]}" "$bindir/initdb" -D "$workdir/data" -U hub --auth=trust -E UTF8 >/dev/null
if ! "${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/log" -w -t 120 \
  -o "-h 127.0.0.1 -p $port -k $workdir -F" start >/dev/null; then
  echo "PostgreSQL did not start; its log follows:" >&2
  cat "$workdir/log" >&2 || true
  exit 1
fi
"${runas[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U hub hub

export DATABASE_URL="postgres://hub@127.0.0.1:$port/hub"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
