#!/bin/sh
# Enables binlog on a Doris database so a ccr-syncer can replicate it: first on every OLAP table that
# lacks it (views and external tables are skipped), then on the database itself, as Doris requires
# (syncer-operations.md §3.3). POSIX sh. Takes the Go script's short options (-h -p -u -P -d) and their
# long forms (--host --port --user --password --db), as its usage comment names them. Uses the mysql
# client when installed, else a small node script (mysql2). The password travels in a private option
# file or the environment, never on a command line.
set -eu

BIN_DIR=$(cd "$(dirname "$0")" && pwd)
NODE_BIN=${NODE:-node}
ME=$(basename "$0")

usage() {
  cat <<USAGE
Usage: $ME -d DATABASE [-h HOST] [-p PORT] [-u USER] [-P PASSWORD] [-t TTL_SECONDS]

  -h, --host HOST          FE host (default 127.0.0.1)
  -p, --port PORT          FE query (MySQL protocol) port (default 9030)
  -u, --user USER          user (default root)
  -P, --password PASSWORD  password (default empty; or set DORIS_PASSWORD)
  -d, --db DATABASE        database to enable (required)
  -t, --ttl SECONDS        binlog.ttl_seconds (default 86400)
  --help                   this help
Long options also take --name=value.
USAGE
}

host=127.0.0.1
port=9030
user=root
password=${DORIS_PASSWORD:-}
db=
ttl=86400

set_option() {
  case "$1" in
    -h | --host) host=$2 ;;
    -p | --port) port=$2 ;;
    -u | --user) user=$2 ;;
    -P | --password) password=$2 ;;
    -d | --db) db=$2 ;;
    -t | --ttl) ttl=$2 ;;
    *)
      echo "$ME: unknown option $1" >&2
      usage >&2
      exit 2
      ;;
  esac
}

while [ $# -gt 0 ]; do
  case "$1" in
    --help)
      usage
      exit 0
      ;;
    --*=*) set_option "${1%%=*}" "${1#*=}" ;;
    -h | -p | -u | -P | -d | -t | --host | --port | --user | --password | --db | --ttl)
      if [ $# -lt 2 ]; then
        echo "$ME: option $1 needs a value" >&2
        exit 2
      fi
      set_option "$1" "$2"
      shift
      ;;
    -[hpuPdt]?*) set_option "$(printf '%.2s' "$1")" "${1#??}" ;; # -dDB, as getopts takes it
    -*) set_option "$1" "" ;;
    *)
      echo "$ME: unexpected argument: $1" >&2
      exit 2
      ;;
  esac
  shift
done
if [ -z "$db" ]; then
  echo "$ME: -d DATABASE is required" >&2
  usage >&2
  exit 2
fi
case "$ttl" in
  '' | *[!0-9]*)
    echo "$ME: -t must be a whole number of seconds: $ttl" >&2
    exit 2
    ;;
esac

if ! command -v mysql >/dev/null 2>&1; then
  command -v "$NODE_BIN" >/dev/null 2>&1 || {
    echo "$ME: neither the mysql client nor node is installed" >&2
    exit 1
  }
  DORIS_HOST=$host DORIS_PORT=$port DORIS_USER=$user DORIS_PASSWORD=$password
  DORIS_DATABASE=$db BINLOG_TTL_SECONDS=$ttl
  export DORIS_HOST DORIS_PORT DORIS_USER DORIS_PASSWORD DORIS_DATABASE BINLOG_TTL_SECONDS
  exec "$NODE_BIN" "$BIN_DIR/enable-db-binlog.mjs"
fi

options_file=$(mktemp)
trap 'rm -f "$options_file"' EXIT
chmod 600 "$options_file"
# Backslashes and double quotes escaped for the option file's quoted value.
escaped=$(printf '%s' "$password" | sed 's/\\/\\\\/g; s/"/\\"/g')
printf '[client]\npassword="%s"\n' "$escaped" >"$options_file"

sql() {
  mysql --defaults-extra-file="$options_file" -h "$host" -P "$port" -u "$user" --batch --skip-column-names -e "$1"
}

# Identifiers in backquotes with embedded backquotes doubled; the name as an SQL string literal.
backquoted() {
  # shellcheck disable=SC2016 # the backquotes are SQL's, not the shell's
  printf '`%s`' "$(printf '%s' "$1" | sed 's/`/``/g')"
}
quoted_db=$(backquoted "$db")
db_literal="'$(printf '%s' "$db" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g")'"
enabled='"binlog.enable" = "true"'
properties="(\"binlog.enable\" = \"true\", \"binlog.ttl_seconds\" = \"$ttl\")"

# Answers are read whole before matching: `sql … | grep -q` could cut the client off mid-answer.
db_create=$(sql "SHOW CREATE DATABASE $quoted_db")
case "$db_create" in
  *"$enabled"*)
    echo "binlog is already enabled on database $db"
    exit 0
    ;;
esac

tables=$(sql "SELECT table_name FROM information_schema.tables WHERE table_schema = $db_literal AND table_type = 'BASE TABLE'")
while IFS= read -r table; do
  [ -n "$table" ] || continue
  quoted_table="$quoted_db.$(backquoted "$table")"
  create=$(sql "SHOW CREATE TABLE $quoted_table" </dev/null)
  case "$create" in
    *'ENGINE=OLAP'*) ;;
    *)
      echo "skipping $db.$table: not an OLAP table"
      continue
      ;;
  esac
  case "$create" in
    *"$enabled"*)
      echo "binlog already enabled on table $db.$table"
      continue
      ;;
  esac
  sql "ALTER TABLE $quoted_table SET $properties" </dev/null
  echo "enabled binlog on table $db.$table"
done <<EOF
$tables
EOF

sql "ALTER DATABASE $quoted_db SET PROPERTIES $properties"
echo "enabled binlog on database $db"
