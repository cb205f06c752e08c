#!/usr/bin/env bash
# Loads the English NL2SQL benchmark databases into the running suite's PostgreSQL (run.sh's server), next to
# highway_db: the 11 defog databases (academic ... yelp, with their column comments) and the spider_* databases,
# under their own names, read from ../shared/datasets by its load_all.sh (nothing is copied into the repository).
# The suite's role "tianshu" gets read access, so nl2sql_accuracy.py runs with TIANSHU_PG_URL.
#
#   deploy/bench/load_datasets.sh [defog|spider|all]      (default all; a set already loaded is skipped)
#
# Environment: TIANSHU_HOME (the suite's data directory, default <repo>/.tianshu; the superuser password is in its
# secrets.env), TIANSHU_PG_PORT (55432), TIANSHU_DATASETS (default ../shared/datasets next to the repository),
# TIANSHU_BENCH_RELOAD=1 to drop and load again.
set -euo pipefail
. "$(dirname "$0")/../local/lib.sh"

WHAT=${1:-all}
HOME_DIR=${TIANSHU_HOME:-$TS_ROOT/.tianshu}
DATASETS=${TIANSHU_DATASETS:-$(cd "$TS_ROOT/.." && pwd)/shared/datasets}
[ -d "$DATASETS" ] || DATASETS=/work/shared/datasets
[ -f "$HOME_DIR/secrets.env" ] || ts_die "no $HOME_DIR/secrets.env: start the suite (deploy/local/run.sh) or set TIANSHU_HOME"
# shellcheck disable=SC1091
. "$HOME_DIR/secrets.env"
export PGHOST=127.0.0.1 PGPORT=${TIANSHU_PG_PORT:-55432} PGUSER=postgres PGPASSWORD=$PG_SUPERUSER_PASSWORD
psql -X -q -d postgres -c 'SELECT 1' >/dev/null 2>&1 || ts_die "the suite's PostgreSQL does not answer on $PGHOST:$PGPORT"

loaded() { [ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$1'")" = 1 ]; }

load() {   # load SET FIRST_DB DBS...
    local set=$1 probe=$2; shift 2
    if [ "${TIANSHU_BENCH_RELOAD:-0}" != 1 ] && loaded "$probe"; then
        ts_say "$set: already loaded"
        return
    fi
    ts_say "$set: loading from $DATASETS"
    "$DATASETS/load_all.sh" "$set" >/dev/null
    local db
    for db in "$@"; do
        psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
GRANT CONNECT ON DATABASE "$db" TO tianshu;
DO \$\$ DECLARE s text; BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO tianshu', s);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO tianshu', s);
    END LOOP;
END \$\$;
SQL
    done
    ts_say "$set: $# databases loaded, readable by tianshu"
}

defog_dbs=(academic advising atis broker car_dealership derm_treatment ewallet geography restaurants scholar yelp)
spider_dbs=()
for f in "$DATASETS"/spider/postgres_dev_dbs/*.sql; do spider_dbs+=("spider_$(basename "$f" .sql)"); done

case $WHAT in
    defog) load defog yelp "${defog_dbs[@]}" ;;
    spider) load spider spider_world_1 "${spider_dbs[@]}" ;;
    all) load defog yelp "${defog_dbs[@]}"; load spider spider_world_1 "${spider_dbs[@]}" ;;
    *) ts_die "usage: $0 [defog|spider|all]" ;;
esac
