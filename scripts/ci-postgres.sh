#!/usr/bin/env bash
# Starts a local PostgreSQL 15 for the DATABASE_URL test suite (idempotent; run as root).
# Afterwards: DATABASE_URL=postgres://cassa:cassa@localhost:5432/cassa npm run test:node
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ ! -d /etc/postgresql/15/main ]; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 0.5
done

psql_as_postgres() { su postgres -c "psql -tAq -v ON_ERROR_STOP=1 -c \"$1\""; }

if [ "$(psql_as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'cassa'")" != "1" ]; then
  su postgres -c "createuser --superuser cassa"
fi
psql_as_postgres "ALTER USER cassa PASSWORD 'cassa'"
if [ "$(psql_as_postgres "SELECT 1 FROM pg_database WHERE datname = 'cassa'")" != "1" ]; then
  su postgres -c "createdb -O cassa cassa"
fi
echo "PostgreSQL ready: DATABASE_URL=postgres://cassa:cassa@localhost:5432/cassa"
