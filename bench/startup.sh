#!/usr/bin/env bash
# Start-up and footprint of the embedded default (a benchmark, not a test). Builds the jar, then prints:
#   first start to healthy   fresh data directory: initdb, migrations, demo organization
#   restart to healthy       the same data directory again
#   (each with the server's CPU time until then: on a busy machine a steadier figure than the wall time)
#   PSS after idle           the server and all its PostgreSQL processes, after IDLE_SECONDS (60) idle
#   pool connections         the application role's pooled connections open at idle (pg_stat_activity)
# Needs curl and psql. Environment: PORT (18480), IDLE_SECONDS (60), JAVA (the JDK 25 Maven's toolchain picks),
# JAVA_OPTS (extra JVM options), SKIP_BUILD=1 to use the jar already built.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18480}
IDLE_SECONDS=${IDLE_SECONDS:-60}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
JAVA=${JAVA:-java}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -DskipTests package
fi
JAR=$(ls target/educonsult-crm-*.jar | grep -v -- '-plain' | head -1)
DATA=$(mktemp -d /tmp/crm-startup.XXXXXX)
LOG="$DATA.log"
SERVER=""

stop_server() {
  if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
  fi
  SERVER=""
}
cleanup() {
  stop_server
  rm -rf "$DATA" "$LOG"
}
trap cleanup EXIT

now() { date +%s.%N; }

# Starts the server on $DATA and sets ELAPSED to the seconds until /actuator/health answers 200 (gives up after
# 300 s). Not run in a subshell: SERVER must name the server for stop_server.
start_server() {
  local started
  started=$(now)
  # shellcheck disable=SC2086
  CRM_DATA_DIR="$DATA" PORT="$PORT" "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" >>"$LOG" 2>&1 &
  SERVER=$!
  while ! curl -sf -o /dev/null "http://localhost:$PORT/actuator/health"; do
    if ! kill -0 "$SERVER" 2>/dev/null; then
      echo "the server stopped; its log:" >&2
      tail -50 "$LOG" >&2
      exit 1
    fi
    if (( $(echo "$(now) - $started > 300" | bc) )); then
      echo "not healthy after 300 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  ELAPSED=$(echo "$(now) - $started" | bc | xargs printf '%.1f')
  CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$SERVER/stat")
}

postmaster_pid() { head -1 "$DATA/postgres/postmaster.pid"; }
postgres_port() { sed -n 4p "$DATA/postgres/postmaster.pid"; }

pss_kib() {
  local total=0 pid
  for pid in "$SERVER" "$(postmaster_pid)" $(pgrep -P "$(postmaster_pid)"); do
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

pooled_connections() {
  psql -qtA -h localhost -p "$(postgres_port)" -U postgres -d crm -c \
    "select count(*) from pg_stat_activity where usename = 'crm_app' and application_name <> 'crm-notifications'"
}

if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "port $PORT is taken: set PORT" >&2
  exit 1
fi
start_server
first=$ELAPSED
first_cpu=$CPU
stop_server
start_server
restart=$ELAPSED
restart_cpu=$CPU
sleep "$IDLE_SECONDS"
pss=$(pss_kib)
pool=$(pooled_connections)
stop_server

echo "first start to healthy: ${first} s (server CPU ${first_cpu} s)"
echo "restart to healthy: ${restart} s (server CPU ${restart_cpu} s)"
echo "PSS of server and PostgreSQL after ${IDLE_SECONDS} s idle: $((pss / 1024)) MiB"
echo "pooled connections at idle: ${pool}"
