#!/usr/bin/env bash
# Regenerates the one generated migration per provider ("Initial") from the current EF Core model.
# While the platform has no production database, the schema is one generated migration per provider plus a
# hand-written one for database objects EF Core does not model (triggers, functions): DatabaseObjects.cs in
# each provider folder. Both carry fixed ids so that regenerating Initial never reorders them.
# When the first production database exists, stop using this script: add migrations with `dotnet ef
# migrations add NAME` per provider (see docs/adr/0002-database-providers.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet restore src/Tidu.Data >/dev/null
id=20261201000000_Initial
for provider in Sqlite Postgres; do
  dir=src/Tidu.Data/Migrations/$provider
  find "$dir" -maxdepth 1 -name '*_Initial*.cs' -delete
  rm -f "$dir/${provider}TiduDbContextModelSnapshot.cs"
  dotnet ef migrations add Initial --project src/Tidu.Data --context "${provider}TiduDbContext" \
    --output-dir "Migrations/$provider" --namespace "Tidu.Data.Migrations.$provider" >/dev/null
  # Without a snapshot to update, dotnet-ef places the new one by its namespace; put it back beside the migrations.
  stray=src/Tidu.Data/Tidu/Data/Migrations/$provider/${provider}TiduDbContextModelSnapshot.cs
  if [ -f "$stray" ]; then mv "$stray" "$dir/"; fi
  for suffix in "" .Designer; do
    f=$(ls "$dir"/*_Initial$suffix.cs)
    generated=$(basename "$f" | cut -d_ -f1)
    sed -i "s/${generated}_Initial/${id}/" "$f"
    mv "$f" "$dir/${id}$suffix.cs"
  done
done
rm -rf src/Tidu.Data/Tidu
dotnet format Tidu.slnx --include src/Tidu.Data/Migrations >/dev/null || true
echo "regenerated Initial for Sqlite and Postgres"
