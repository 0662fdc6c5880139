#!/usr/bin/env bash
# Monitoring dashboard on N generated enterprises (issue #9, "fast on 100k+"): times each monitoring URL right after a
# write (nothing cached), for a date or month not viewed yet, and warm (repeat views), one request at a time, signed in as
# the province officer (or $OFFICER). Uses a copy of the database bench/load/run.sh seeds ($WORK/tidu-$N.db; run that first).
# Usage: [OFFICER=hz-city] [POSTGRES='Host=…;Database=…'] bench/load/monitoring.sh [ENTERPRISES]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
PORT=${PORT:-5091}
WORK=${WORK:-/tmp/tidu-load}
BASE="http://127.0.0.1:$PORT"
export ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Development Demo__Enterprises="$N"
if [ -n "${POSTGRES:-}" ]; then
  # PostgreSQL: POSTGRES is the connection string of a database the platform has seeded with N enterprises
  # (start the app once on it with Demo__Enterprises=N); it is used as it is, not copied.
  export Database__Provider=postgres ConnectionStrings__Tidu="$POSTGRES"
else
  [ -f "$WORK/tidu-$N.db" ] || { echo "no $WORK/tidu-$N.db: run bench/load/run.sh $N first"; exit 1; }
  cp "$WORK/tidu-$N.db" "$WORK/monitoring-$N.db"
  export ConnectionStrings__Tidu="Data Source=$WORK/monitoring-$N.db"
fi
dotnet build src/Tidu.Web -c Release -v q --nologo >/dev/null
dotnet run --project src/Tidu.Web -c Release --no-build --no-launch-profile >"$WORK/monitoring-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until grep -q "Now listening" "$WORK/monitoring-server.log"; do
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/monitoring-server.log"; exit 1; }
  sleep 2
done
# The start-up re-evaluation writes every file when the day changed; writes retire cached counts, so wait for it.
until grep -qE "re-evaluated|evaluations are current" "$WORK/monitoring-server.log"; do sleep 2; done

jar="$WORK/monitoring-cookies"; rm -f "$jar"
token=$(curl -s -c "$jar" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "Input.UserName=${OFFICER:-zj-province}&Input.Password=Tidu-demo-2026&__RequestVerificationToken=$token" "$BASE/Account/Login"
curl -s -b "$jar" -o /dev/null "$BASE/api/v1/enterprises?pageSize=1"   # JIT and connection warm-up, not timed

time_of() { curl -s -b "$jar" -o /dev/null -w "%{http_code} %{time_total}" "$BASE$1"; }
printf "| %-44s | %-10s | %s |\n" "request (${OFFICER:-zj-province}, $N, ${POSTGRES:+postgres}${POSTGRES:-sqlite})" "view" "seconds per request"
printf "|%s|%s|%s|\n" "----------------------------------------------" "------------" "------------------------------------"
row() { printf "| %-44s | %-10s | %s |\n" "$1" "$2" "$3"; }
# A committed write retires every cached count. The cheapest one an outsider can cause is a failed sign-in (the
# account's failure count is saved); three accounts, three failures each, stay below the lockout (5).
fail_login() {
  local j; j=$(mktemp)
  local t; t=$(curl -s -c "$j" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$j" -c "$j" -o /dev/null -d "Input.UserName=$1&Input.Password=wrong&__RequestVerificationToken=$t" "$BASE/Account/Login"
  rm -f "$j"
}
# After a write: nothing is cached. Another date: the day's recognitions are counted, the evaluation's outcomes are not.
after=(); for i in 1 2 3; do
  n=0; for u in "/api/v1/monitoring/charts?on=2026-09-0$i" "/Monitoring?on=2026-09-1$i" "/Monitoring/Report?month=2026-0$i"; do
    fail_login "$(echo hb-province gs-county sc-county | cut -d' ' -f$i)"; after[$n]+="$(time_of "$u" | cut -d' ' -f2) "; n=$((n+1))
  done
done
row "/api/v1/monitoring/charts" "after write" "${after[0]}"
row "/Monitoring" "after write" "${after[1]}"
row "/Monitoring/Report?month=…" "after write" "${after[2]}"
cold=""; for d in 01 02 03 04 05; do cold+="$(time_of "/api/v1/monitoring/charts?on=2026-10-$d" | cut -d' ' -f2) "; done
row "/api/v1/monitoring/charts" "new date" "$cold"
cold=""; for d in 06 07 08 09 10; do cold+="$(time_of "/Monitoring?on=2026-10-$d" | cut -d' ' -f2) "; done
row "/Monitoring" "new date" "$cold"
cold=""; for m in 2026-05 2026-06 2026-07 2026-08 2026-09; do cold+="$(time_of "/Monitoring/Report?month=$m" | cut -d' ' -f2) "; done
row "/Monitoring/Report?month=…" "new month" "$cold"
for u in /api/v1/monitoring/charts /Monitoring "/Monitoring/Report?month=2026-10"; do
  time_of "$u" >/dev/null
  warm=""; for _ in 1 2 3 4 5; do warm+="$(time_of "$u" | cut -d' ' -f2) "; done
  row "$u" warm "$warm"
done

# Warm views under load: 50 requests always in flight (ApacheBench, as bench/load/run.sh).
command -v ab >/dev/null || { echo "installing apache2-utils (ab)"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q apache2-utils >/dev/null; }
cookie=$(awk '$6==".AspNetCore.Identity.Application"{print $6"="$7}' "$jar")
REQ=${REQ:-2000}
printf "\n| %-44s | %8s | %8s | %8s |\n" "warm, 50 concurrent, $REQ requests" "p50 ms" "p95 ms" "req/s"
printf "|%s|%s|%s|%s|\n" "----------------------------------------------" "----------" "----------" "----------"
for u in /api/v1/monitoring/charts /Monitoring "/Monitoring/Report?month=2026-10"; do
  out=$(ab -q -n "$REQ" -c 50 -C "$cookie" "$BASE$u" 2>&1)
  failed=$(echo "$out" | awk '/Failed requests/{print $3}')
  non2xx=$(echo "$out" | awk '/Non-2xx responses/{print $3}')
  printf "| %-44s | %8s | %8s | %8s |%s\n" "$u" "$(echo "$out" | awk '$1=="50%"{print $2}')" "$(echo "$out" | awk '$1=="95%"{print $2}')" \
    "$(echo "$out" | awk '/Requests per second/{print $4}')" "$([ "${failed:-0}" != 0 ] || [ -n "${non2xx:-}" ] && echo " failed=$failed non2xx=${non2xx:-0}")"
done

# Right after a write, 50 officers open the dashboard at once (nothing cached): how long the slowest waits.
fail_login hb-province
out=$(ab -q -n 50 -c 50 -C "$cookie" "$BASE/Monitoring?on=2026-08-01" 2>&1)
printf "\n| %-44s | %8s | %8s | %8s |\n" "after a write, 50 requests at once" "p50 ms" "max ms" "failed"
printf "|%s|%s|%s|%s|\n" "----------------------------------------------" "----------" "----------" "----------"
printf "| %-44s | %8s | %8s | %8s |\n" "/Monitoring?on=2026-08-01" "$(echo "$out" | awk '$1=="50%"{print $2}')" "$(echo "$out" | awk '$1=="100%"{print $2}')" "$(echo "$out" | awk '/Failed requests/{print $3}')"
