#!/usr/bin/env bash
# Run a command against a throwaway Redis server on 127.0.0.1 (REDIS_URL set).
# Uses Debian's redis-server, without persistence, in a temporary folder.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Redis is not installed (apt-get install redis-server): skipping the Redis run." >&2
  exit 0
fi

# A free loopback port unless one is given.
port=${REDISTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
workdir=$(mktemp -d /tmp/hub-redis.XXXXXX)
pid=""

cleanup() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

redis-server --bind 127.0.0.1 --port "$port" --dir "$workdir" --save "" \
  --appendonly no --logfile "$workdir/log" &
pid=$!
for _ in $(seq 1 200); do
  if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Redis did not start; its log follows:" >&2
    cat "$workdir/log" >&2 || true
    exit 1
  fi
  sleep 0.05
done

export REDIS_URL="redis://127.0.0.1:$port/0"
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port" >&2
"$@"
