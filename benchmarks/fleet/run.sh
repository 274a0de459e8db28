#!/usr/bin/env bash
# Fleet benchmark: syncs reconciled per second by 1, 2 and 3 `gitops4j fleet` worker processes
# sharing one PostgreSQL, against the same syncs run by one process without a database (file
# state, in-process coordination) as the reference; then the failover time after kill -9 of one
# of two workers. Starts a throwaway PostgreSQL on 127.0.0.1 (as the postgres user when root).
# Usage: benchmarks/fleet/run.sh [SYNCS]   (default 300)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
syncs="${1:-300}"
work="$(mktemp -d /tmp/gitops4j-fleet-bench.XXXXXX)"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pgrun() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pgrun "$bin/initdb" -D "$work/pg" -U gitops -A trust --no-sync >/dev/null
pgrun "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pgrun "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p "$port" -U gitops -At "$@"; }

"$root/gitops4j" --version >/dev/null   # builds the CLI once if needed
jar="$root/gitops-cli/target/gitops-cli-0.1.0-SNAPSHOT-all.jar"

mkdir -p "$work/infra"
cat > "$work/infra/cm.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: app}
data: {k: v}
YAML
git -C "$work/infra" init -q -b main && git -C "$work/infra" add . \
  && git -C "$work/infra" -c user.name=b -c user.email=b@e commit -qm c

config() { # $1 = file, $2 = interval, $3 = output folder
  { echo "defaults: {interval: $2}"; echo "syncs:"
    for i in $(seq 0 $((syncs - 1))); do echo "  - {name: s$i, repo: infra, target: 'dir:$3/s$i'}"; done
  } > "$1"
}
now_ms() { date +%s%3N; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $syncs syncs, each one ConfigMap"
config "$work/ref.yaml" 1h "$work/ref-out"
t0=$(now_ms); java -jar "$jar" fleet --config "$work/ref.yaml" --once --parallelism 4 --worker ref >/dev/null; t1=$(now_ms)
ref_ms=$((t1 - t0))
printf "reference: 1 process, file state, no database: %d ms, %.1f syncs/s\n" "$ref_ms" "$(echo "$syncs*1000/$ref_ms" | bc -l)"

for w in 1 2 3; do
  psql_ -d postgres -c "CREATE DATABASE bench$w" >/dev/null
  config "$work/w$w.yaml" 1h "$work/out$w"
  url="jdbc:postgresql://127.0.0.1:$port/bench$w?user=gitops"
  t0=$(now_ms); wp=()
  for i in $(seq 1 "$w"); do
    java -jar "$jar" fleet --config "$work/w$w.yaml" --postgres "$url" --once --parallelism 4 --worker "w$i" >"$work/w$w-$i.log" 2>&1 &
    wp+=($!)
  done
  for p in "${wp[@]}"; do wait "$p"; done
  t1=$(now_ms); ms=$((t1 - t0))
  done_n=$(psql_ -d "bench$w" -c "SELECT count(*) FROM gitops4j_attempt")
  workers_n=$(psql_ -d "bench$w" -c "SELECT count(DISTINCT worker) FROM gitops4j_attempt")
  printf "%d worker process(es), PostgreSQL: %d attempts by %d workers in %d ms, %.1f syncs/s, %.2fx the reference\n" \
    "$w" "$done_n" "$workers_n" "$ms" "$(echo "$done_n*1000/$ms" | bc -l)" "$(echo "$ref_ms/$ms" | bc -l)"
done

psql_ -d postgres -c "CREATE DATABASE failover" >/dev/null
config "$work/f.yaml" 1s "$work/fout"
url="jdbc:postgresql://127.0.0.1:$port/failover?user=gitops"
for i in 1 2; do
  java -jar "$jar" fleet --config "$work/f.yaml" --postgres "$url" --worker "f$i" --lease-ttl 3s --poll-interval 200ms >"$work/f$i.log" 2>&1 &
  pids+=($!)
done
until [ "$(psql_ -d failover -c "SELECT count(*) FROM gitops4j_sync WHERE status IS NOT NULL" 2>/dev/null || echo 0)" -ge "$syncs" ]; do sleep 0.2; done
sleep 2
held=$(psql_ -d failover -c "SELECT string_agg(quote_literal(name), ',') FROM gitops4j_sync WHERE lease_owner = 'f1' AND lease_expires > now()")
killed=$(psql_ -d failover -c "SELECT to_char(now(), 'YYYY-MM-DD HH24:MI:SS.US')")
kill -9 "${pids[0]}"
held_now=$(psql_ -d failover -c "SELECT string_agg(quote_literal(name), ',') FROM gitops4j_sync WHERE lease_owner = 'f1' AND lease_expires > now()")
held="${held_now:-$held}"
if [ -z "$held" ]; then echo "failover: the killed worker held no lease at that moment; rerun"; exit 0; fi
n=$(psql_ -d failover -c "SELECT count(*) FROM gitops4j_sync WHERE name IN ($held)")
until [ "$(psql_ -d failover -c "SELECT count(DISTINCT sync) FROM gitops4j_attempt WHERE sync IN ($held) AND worker = 'f2' AND started_at > '$killed'")" -ge "$n" ]; do sleep 0.1; done
ms=$(psql_ -d failover -c "SELECT round(extract(epoch FROM max(t) - '$killed'::timestamptz) * 1000) FROM (SELECT min(started_at) t FROM gitops4j_attempt WHERE sync IN ($held) AND worker = 'f2' AND started_at > '$killed' GROUP BY sync) x")
echo "failover: $n leases of the killed worker taken over by the other after $ms ms (lease ttl 3 s, poll 200 ms: bound 3200 ms)"
