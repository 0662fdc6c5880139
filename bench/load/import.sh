#!/usr/bin/env bash
# Times a large import through the web UI's job endpoints (upload → validation report → commit), as a user
# would: bench/load/import.sh [ROWS]. Needs a running server (bench/load/run.sh leaves one on $BASE while
# it runs, or start one with `dotnet run --project src/Tidu.Web`) and signs in as the administrator.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-100000}
BASE=${BASE:-http://127.0.0.1:5090}
WORK=${WORK:-/tmp/tidu-load}
mkdir -p "$WORK"
python3 bench/load/make-import.py "$ROWS" "$WORK/import-$ROWS.csv"
jar="$WORK/import-cookies"; rm -f "$jar"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" "$BASE/Account/Login" | token)
curl -s -b "$jar" -c "$jar" -o /dev/null -d "Input.UserName=admin&Input.Password=Tidu-demo-2026&__RequestVerificationToken=$t" "$BASE/Account/Login"
t=$(curl -s -b "$jar" -c "$jar" "$BASE/Import" | token)
start=$(date +%s.%N)
job=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w "%{redirect_url}" -F "upload=@$WORK/import-$ROWS.csv" -F "__RequestVerificationToken=$t" "$BASE/Import")
echo "uploaded $ROWS rows: $job"
wait_for() {
  while true; do
    s=$(curl -s -b "$jar" "$job?handler=Status")
    case "$s" in *"\"state\":\"$1\""*) echo "$s"; return;; *Failed*) echo "$s"; exit 1;; esac
    sleep 1
  done
}
wait_for Validated
validated=$(date +%s.%N)
t=$(curl -s -b "$jar" -c "$jar" "$job" | token)
curl -s -b "$jar" -c "$jar" -o /dev/null -d "__RequestVerificationToken=$t" "$job?handler=Commit"
wait_for Committed
done_at=$(date +%s.%N)
curl -s -b "$jar" "$job" | grep -o 'data-testid="committed">[^<]*' | sed 's/.*>//'
printf "validation %.1f s, commit %.1f s, total %.1f s for %s rows\n" "$(echo "$validated - $start" | bc)" "$(echo "$done_at - $validated" | bc)" "$(echo "$done_at - $start" | bc)" "$ROWS"
