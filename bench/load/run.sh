#!/usr/bin/env bash
# Load test of the web platform (issue #7): p50/p95 of the main pages and API at 50 concurrent users,
# SQLite, N generated enterprises (default 100,000). Uses ApacheBench (Debian package apache2-utils).
# Usage: bench/load/run.sh [ENTERPRISES] [REQUESTS_PER_URL]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
REQ=${2:-2000}
PORT=${PORT:-5090}
WORK=${WORK:-/tmp/tidu-load}
BASE="http://127.0.0.1:$PORT"
command -v ab >/dev/null || { echo "installing apache2-utils (ab)"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q apache2-utils >/dev/null; }
mkdir -p "$WORK"
dotnet build src/Tidu.Web -c Release -v q --nologo >/dev/null

export ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Tidu="Data Source=$WORK/tidu-$N.db" Demo__Enterprises="$N"
start=$(date +%s)
dotnet run --project src/Tidu.Web -c Release --no-build --no-launch-profile >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until grep -q "Now listening" "$WORK/server.log"; do
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 2
done
echo "server ready after $(( $(date +%s) - start )) s (first start seeds $N enterprises; later starts reuse $WORK/tidu-$N.db)"

# Sign in as the province officer: the widest region, the heaviest lists.
jar="$WORK/cookies"; rm -f "$jar"
token=$(curl -s -c "$jar" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "Input.UserName=zj-province&Input.Password=Tidu-demo-2026&__RequestVerificationToken=$token" "$BASE/Account/Login"
cookie=$(awk '$6==".AspNetCore.Identity.Application"{print $6"="$7}' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
code=$(curl -s -b "$jar" "$BASE/api/v1/enterprises?region=330000&pageSize=1" | grep -o '"creditCode":"[^"]*"' | head -1 | cut -d'"' -f4)

printf "| %-58s | %8s | %8s | %8s |\n" "request (50 concurrent, $REQ requests)" "p50 ms" "p95 ms" "req/s"
printf "|%s|%s|%s|%s|\n" "------------------------------------------------------------" "----------" "----------" "----------"
for path in "/" "/Enterprises" "/Enterprises?tier=innovative-sme&sizeClass=small&page=20" "/Enterprises/$code" \
            "/api/v1/enterprises?pageSize=50" "/api/v1/enterprises?nearMiss=specialized-sme&page=3" \
            "/api/v1/enterprises/$code" "/api/v1/enterprises/$code/evaluation"; do
  out=$(ab -q -n "$REQ" -c 50 -C "$cookie" "$BASE$path" 2>&1)
  failed=$(echo "$out" | awk '/Failed requests/{print $3}')
  non2xx=$(echo "$out" | awk '/Non-2xx responses/{print $3}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p95=$(echo "$out" | awk '$1=="95%"{print $2}')
  rps=$(echo "$out" | awk '/Requests per second/{print $4}')
  printf "| %-58s | %8s | %8s | %8s |%s\n" "${path/$code/{code\}}" "$p50" "$p95" "$rps" "$([ "${failed:-0}" != 0 ] || [ -n "${non2xx:-}" ] && echo " failed=$failed non2xx=${non2xx:-0}")"
done
