# Shared by run.sh, test.sh and the benchmarks: installing what is missing from Debian packages, and running a
# private PostgreSQL cluster (the server refuses root, so as root it runs as the postgres user).
# shellcheck shell=bash

TS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

ts_say()  { printf '\033[1;34m==>\033[0m [%3ds] %s\n' "$SECONDS" "$*"; }
ts_warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
ts_die()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

ts_is_root() { [ "$(id -u)" -eq 0 ]; }

# apt-get install, as root or through sudo; refreshes the package lists once if a package is not found.
ts_apt_install() {
    local sudo=()
    if ! ts_is_root; then
        command -v sudo >/dev/null 2>&1 || ts_die "need to install $* but am not root and there is no sudo"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || ts_die "need $* but this is not a Debian/Ubuntu system (no apt-get)"
    ts_say "installing $* (Debian packages)"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; then
        "${sudo[@]}" apt-get update -q >/dev/null
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
    fi
}

ts_java_major() {
    java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

ts_ensure_java() {
    if ! command -v java >/dev/null 2>&1; then
        ts_apt_install openjdk-17-jdk-headless
    fi
    local major
    major=$(ts_java_major)
    [ "${major:-0}" -ge 17 ] || ts_die "Java 17 or newer is needed (found: $(java -version 2>&1 | head -1))"
}

# Directory of the PostgreSQL server binaries: TIANSHU_PG_BIN, the newest /usr/lib/postgresql/N/bin, or the PATH.
ts_pg_bin() {
    if [ -n "${TIANSHU_PG_BIN:-}" ]; then echo "$TIANSHU_PG_BIN"; return; fi
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

ts_ensure_postgres() {
    if [ -z "$(ts_pg_bin)" ]; then
        ts_apt_install postgresql-15 postgresql-client-15 2>/dev/null || ts_apt_install postgresql postgresql-client
    fi
    [ -n "$(ts_pg_bin)" ] || ts_die "no PostgreSQL server binaries found after installing"
    command -v psql >/dev/null 2>&1 || ts_apt_install postgresql-client
    if ts_is_root && ! id postgres >/dev/null 2>&1; then
        ts_die "running as root needs the postgres system user (created by the postgresql package)"
    fi
}

ts_ensure_tools() {
    local missing=()
    for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
    [ ${#missing[@]} -eq 0 ] || ts_apt_install "${missing[@]}"
}

# Runs a PostgreSQL server tool; as root, as the postgres user.
ts_pg() {
    local tool=$1; shift
    if ts_is_root; then
        runuser -u postgres -- "$(ts_pg_bin)/$tool" "$@"
    else
        "$(ts_pg_bin)/$tool" "$@"
    fi
}

# Echoes a directory the server may own: $1 if the postgres user can reach it, else one under /var/lib/tianshu.
ts_pg_dir() {
    local want=$1
    mkdir -p "$want"
    if ts_is_root; then
        chown postgres "$want"
        if ! runuser -u postgres -- test -w "$want"; then
            local alt
            alt=/var/lib/tianshu/$(printf '%s' "$want" | md5sum | cut -c1-12)
            mkdir -p "$alt" && chown postgres "$alt"
            echo "$alt"
            return
        fi
    fi
    echo "$want"
}

# ts_pg_init DATADIR AUTH [PWFILE]: a new cluster (UTF-8, C.UTF-8 locale) with superuser postgres.
ts_pg_init() {
    local data=$1 auth=$2 pwfile=${3:-}
    local args=(-D "$data" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync -A "$auth")
    if [ -n "$pwfile" ]; then
        ts_is_root && chown postgres "$pwfile"
        args+=(--pwfile="$pwfile")
    fi
    ts_pg initdb "${args[@]}" >/dev/null
}

# ts_pg_start DATADIR PORT LOGFILE: loopback TCP only, no Unix socket.
ts_pg_start() {
    local data=$1 port=$2 log=$3
    touch "$log"; ts_is_root && chown postgres "$log"
    ts_pg pg_ctl -D "$data" -l "$log" -w -t 60 -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 ${TS_PG_EXTRA_OPTS:-}" start >/dev/null
}

ts_pg_running() { [ -f "$1/postmaster.pid" ] && ts_pg pg_ctl -D "$1" status >/dev/null 2>&1; }

ts_pg_stop() {
    local data=$1
    if ts_pg_running "$data"; then
        ts_pg pg_ctl -D "$data" -m fast -w -t 60 stop >/dev/null
    fi
}

ts_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ts_random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

ts_mvnw() { (cd "$TS_ROOT" && ./mvnw -B -ntp "$@"); }
