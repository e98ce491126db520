# shellcheck shell=bash
# A throwaway Redis for the job tests. Source this file, then:
#   start_redis   start redis-server on a free port of 127.0.0.1 (nothing saved to disk) and
#                 export AWARDS_TEST_REDIS_URL, which tests/jobs use to run jobs on Redis too
#   stop_redis    stop it and remove its directory (safe to call twice)

REDIS_DIR=""
REDIS_PID=""

start_redis() {
  command -v redis-server >/dev/null || make --no-print-directory _debs DEBS=redis-server
  REDIS_DIR=$(mktemp -d -t awards-redis.XXXXXX)
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" \
    --loglevel warning &
  REDIS_PID=$!
  for _ in $(seq 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export AWARDS_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
  echo "Redis on $AWARDS_TEST_REDIS_URL"
}

stop_redis() {
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
  fi
  if [ -n "$REDIS_DIR" ]; then
    rm -rf "$REDIS_DIR"
    REDIS_DIR=""
  fi
  unset AWARDS_TEST_REDIS_URL
}
