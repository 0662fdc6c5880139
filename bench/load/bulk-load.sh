#!/usr/bin/env bash
# Bulk load into PostgreSQL: `tidu registry load` of N generated v1.1 profiles (default 100,000) into a throwaway
# PostgreSQL cluster on this machine (run as an unprivileged user, listening on 127.0.0.1 only, deleted afterwards),
# Release build; prints wall time, profiles/s and peak memory (/usr/bin/time -v) of the first load and of a second load
# of the same file (which must change nothing), then checks the audit chain.
# With BACKUP=1 it then times `tidu db backup` of the loaded database and `tidu db restore` into a new one (the RTO of a
# restore from the last dump at this volume) and verifies the restored audit chain.
# Usage: [WORK=/tmp/tidu-load] [RUNS=1] [BACKUP=1] [PGOPTS='-c …'] bench/load/bulk-load.sh [PROFILES] [BATCH]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
BATCH=${2:-5000}
RUNS=${RUNS:-1}
WORK=${WORK:-/tmp/tidu-load}
AS_OF=${AS_OF:-2026-03-31}
PGOPTS=${PGOPTS:-"-c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=30min"}
mkdir -p "$WORK"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

dotnet build src/Tidu.Cli -c Release -v q --nologo -o "$WORK/tidu-rel" >/dev/null
TIDU="$WORK/tidu-rel/tidu"
FILE="$WORK/profiles-$N.jsonl"
[ -f "$FILE" ] || "$TIDU" generate --count "$N" --seed 9 --out "$FILE"
KEY="$WORK/audit.key"
[ -f "$KEY" ] || head -c 32 /dev/urandom | base64 > "$KEY"

# The cluster: initdb and pg_ctl refuse root, so they run as the 'postgres' system user when we are root.
PGDIR=$(mktemp -d /tmp/tidu-bulk-pg-XXXXXX)
chmod 755 "$PGDIR"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 $PGOPTS" start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($PGOPTS); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # label, database
  local out="$WORK/bulk-$1.txt"
  /usr/bin/time -v "$TIDU" registry load "$FILE" --provider postgres --connection "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$2" \
    --as-of "$AS_OF" --batch-size "$BATCH" --recognitions-basis "bench: generated profiles" --audit-key-file "$KEY" >"$out" 2>"$out.err" || true
  local wall rss summary
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$out.err")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.1f", $2/1024}' "$out.err")
  summary=$(head -1 "$out")
  printf "| %-22s | %s | %s MiB | %s |\n" "$1" "$wall" "$rss" "$summary"
}
printf "| %-22s | %s | %s | %s |\n" "run ($N profiles, batch $BATCH)" "wall" "peak RSS" "tidu's summary (records/s incl. parsing, evaluation, audit)"
for r in $(seq 1 "$RUNS"); do
  db="bulk$r"
  as_pg "$PGBIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -q -c "CREATE DATABASE $db" postgres
  run "first load #$r" "$db"
  run "same file again #$r" "$db"
  "$TIDU" audit verify --provider postgres --connection "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$db" --key-file "$KEY" | sed 's/^/    /'
  as_pg "$PGBIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -qAt -c 'SELECT count(*) || '"' enterprises, '"' || (SELECT count(*) FROM "FinancialYears") || '"' years, '"' || (SELECT count(*) FROM "TierOutcomes") || '"' tier outcomes'"' FROM "Enterprises"' "$db" | sed 's/^/    /'
done

if [ "${BACKUP:-0}" = 1 ]; then
  CS="Host=127.0.0.1;Port=$PORT;Username=postgres"
  DUMP="$WORK/bulk1-$N.backup"
  rm -f "$DUMP"
  timed() { # label, command…
    local label=$1; shift
    /usr/bin/time -v "$@" >"$WORK/$label.txt" 2>"$WORK/$label.err" || { cat "$WORK/$label.err"; exit 1; }
    printf "| %-22s | %s | %s MiB | %s |\n" "$label" "$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/$label.err")" \
      "$(awk -F': ' '/Maximum resident set size/{printf "%.1f", $2/1024}' "$WORK/$label.err")" "$(head -1 "$WORK/$label.txt")"
  }
  timed "db backup" "$TIDU" db backup --provider postgres --connection "$CS;Database=bulk1" --out "$DUMP"
  echo "    backup file: $(du -h "$DUMP" | cut -f1)"
  as_pg "$PGBIN/psql" -h "$PGDIR" -p "$PORT" -U postgres -q -c "CREATE DATABASE restored" postgres
  timed "db restore" "$TIDU" db restore --provider postgres --connection "$CS;Database=restored" --from "$DUMP"
  timed "audit verify (restored)" "$TIDU" audit verify --provider postgres --connection "$CS;Database=restored" --key-file "$KEY"
fi
