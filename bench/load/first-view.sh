#!/usr/bin/env bash
# The dashboard and the monthly report, first view after a write, on a PostgreSQL database already loaded (e.g. 1M
# files by `tidu registry load`, see bulk-load.sh): starts the platform in Release on it (the demo accounts seeded with
# Demo__Enterprises=20), and for each officer (province, city, county) times each address right after
#   - a file write: PUT /api/v1/enterprises/{code} of a file in 上城区 (330102, inside every officer's region), which
#     re-evaluates the file and retires the cached counts of 上城区, 杭州市, 浙江省 and the national scope only;
#   - a write of something else: a failed sign-in (of a name nobody has: counted all the same, locks no account out),
#     which retires every cached count;
# and warm (repeat views). One request at a time; prints a table.
# Usage: POSTGRES='Host=…;Port=…;Username=postgres;Database=…' [PORT=5093] bench/load/first-view.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${POSTGRES:?POSTGRES must be the connection string of a loaded database}"
PORT=${PORT:-5093}
WORK=${WORK:-/tmp/tidu-load}
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
export ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Development Demo__Enterprises=20
export Database__Provider=postgres ConnectionStrings__Tidu="$POSTGRES"
dotnet build src/Tidu.Web -c Release -v q --nologo >/dev/null
dotnet run --project src/Tidu.Web -c Release --no-build --no-launch-profile >"$WORK/first-view-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until grep -q "Now listening" "$WORK/first-view-server.log"; do
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/first-view-server.log"; exit 1; }
  sleep 2
done
# The start-up re-evaluation writes every file when the day changed; writes retire cached counts, so wait for it.
until grep -qE "re-evaluated|evaluations are current" "$WORK/first-view-server.log"; do sleep 2; done

sign_in() { # user, jar
  local t
  t=$(curl -s -c "$2" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$2" -c "$2" -o /dev/null -d "Input.UserName=$1&Input.Password=Tidu-demo-2026&__RequestVerificationToken=$t" "$BASE/Account/Login"
}
fail_login() {
  local j t; j=$(mktemp)
  t=$(curl -s -c "$j" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$j" -c "$j" -o /dev/null -d "Input.UserName=$1&Input.Password=wrong&__RequestVerificationToken=$t" "$BASE/Account/Login"
  rm -f "$j"
}
time_of() { curl -s -b "$jar" -o /dev/null -w "%{time_total}" "$BASE$1"; }
n=0
file_write() { # one more employee in the file's latest year: a changed file, re-evaluated and stored
  local body status
  n=$((n + 1))
  body=$(curl -s -b "$jar" "$BASE/api/v1/enterprises/$code" | python3 -c '
import json, sys
f = json.load(sys.stdin)
y = max(f["financials"], key=lambda y: y["year"])
y["employees"] = (y.get("employees") or 10) + 1
print(json.dumps(f, ensure_ascii=False))')
  status=$(curl -s -b "$jar" -o /dev/null -w "%{http_code}" -X PUT -H "X-CSRF-TOKEN: $csrf" -H "Content-Type: application/json" --data-binary "$body" "$BASE/api/v1/enterprises/$code")
  [ "${status:0:1}" = 2 ] || { echo "file write refused: HTTP $status"; exit 1; }
}
row() { printf "| %-12s | %-30s | %-14s | %s |\n" "$1" "$2" "$3" "$4"; }
row officer request "view" "seconds per request"
printf "|%s|%s|%s|%s|\n" "--------------" "--------------------------------" "----------------" "-----------------------------"
for officer in zj-province hz-city sc-county; do
  jar="$WORK/first-view-$officer"; rm -f "$jar"
  sign_in "$officer" "$jar"
  csrf=$(curl -s -b "$jar" -c "$jar" "$BASE/Enterprises" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  code=$(curl -s -b "$jar" "$BASE/api/v1/enterprises?region=330102&pageSize=1" | grep -o '"creditCode":"[^"]*"' | head -1 | cut -d'"' -f4)
  curl -s -b "$jar" -o /dev/null "$BASE/api/v1/monitoring/charts"   # JIT and connection warm-up, not timed
  declare -a file=() other=()
  for i in 1 2 3; do
    k=0; for u in "/api/v1/monitoring/charts?on=2026-09-0$i" "/Monitoring?on=2026-09-1$i" "/Monitoring/Report?month=2026-0$i"; do
      file_write; file[$k]+="$(time_of "$u") "
      fail_login "bench-nobody-$n"; other[$k]+="$(time_of "$u") "
      k=$((k + 1))
    done
  done
  k=0; for u in /api/v1/monitoring/charts /Monitoring "/Monitoring/Report?month=…"; do
    row "$officer" "$u" "after file write" "${file[$k]}"
    row "$officer" "$u" "after other write" "${other[$k]}"
    k=$((k + 1))
  done
  for u in /api/v1/monitoring/charts /Monitoring "/Monitoring/Report?month=2026-10"; do
    time_of "$u" >/dev/null
    warm=""; for _ in 1 2 3; do warm+="$(time_of "$u") "; done
    row "$officer" "$u" warm "$warm"
  done
  unset file other
done
echo "server peak RSS: $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$(pgrep -P $SERVER -f Tidu.Web | head -1)/status 2>/dev/null || echo n/a)"
