#!/usr/bin/env bash
# Enables binlog on a Doris database so a ccr-syncer can replicate it: first on every OLAP table that
# lacks it (views and external tables are skipped), then on the database itself, as Doris requires
# (syncer-operations.md §3.3). Uses the mysql client when installed, else a small node script (mysql2).
# The password travels in a private option file or the environment, never on a command line.
set -euo pipefail

BIN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE_BIN=${NODE:-node}

usage() {
  cat <<USAGE
Usage: $(basename "$0") -d DATABASE [-h HOST] [-p PORT] [-u USER] [-P PASSWORD] [-t TTL_SECONDS]

  -h HOST      FE host (default 127.0.0.1)
  -p PORT      FE query (MySQL protocol) port (default 9030)
  -u USER      user (default root)
  -P PASSWORD  password (default empty; or set DORIS_PASSWORD)
  -d DATABASE  database to enable (required)
  -t SECONDS   binlog.ttl_seconds (default 86400)
  --help       this help
USAGE
}

host=127.0.0.1
port=9030
user=root
password=${DORIS_PASSWORD:-}
db=
ttl=86400

if [ "${1:-}" = --help ]; then
  usage
  exit 0
fi
while getopts ':h:p:u:P:d:t:' option; do
  case "$option" in
    h) host=$OPTARG ;;
    p) port=$OPTARG ;;
    u) user=$OPTARG ;;
    P) password=$OPTARG ;;
    d) db=$OPTARG ;;
    t) ttl=$OPTARG ;;
    :)
      echo "$(basename "$0"): option -$OPTARG needs a value" >&2
      exit 2
      ;;
    *)
      echo "$(basename "$0"): unknown option -$OPTARG" >&2
      usage >&2
      exit 2
      ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -gt 0 ]; then
  echo "$(basename "$0"): unexpected argument: $1" >&2
  exit 2
fi
if [ -z "$db" ]; then
  echo "$(basename "$0"): -d DATABASE is required" >&2
  usage >&2
  exit 2
fi
case "$ttl" in
  '' | *[!0-9]*)
    echo "$(basename "$0"): -t must be a whole number of seconds: $ttl" >&2
    exit 2
    ;;
esac

if ! command -v mysql >/dev/null 2>&1; then
  command -v "$NODE_BIN" >/dev/null 2>&1 || {
    echo "$(basename "$0"): neither the mysql client nor node is installed" >&2
    exit 1
  }
  export DORIS_HOST=$host DORIS_PORT=$port DORIS_USER=$user DORIS_PASSWORD=$password
  export DORIS_DATABASE=$db BINLOG_TTL_SECONDS=$ttl
  exec "$NODE_BIN" "$BIN_DIR/enable-db-binlog.mjs"
fi

options_file=$(mktemp)
trap 'rm -f "$options_file"' EXIT
chmod 600 "$options_file"
escaped=${password//\\/\\\\}
escaped=${escaped//\"/\\\"}
printf '[client]\npassword="%s"\n' "$escaped" >"$options_file"

sql() {
  mysql --defaults-extra-file="$options_file" -h "$host" -P "$port" -u "$user" --batch --skip-column-names -e "$1"
}

# Identifiers in backquotes with embedded backquotes doubled; the name as an SQL string literal.
quoted_db="\`${db//\`/\`\`}\`"
db_literal=${db//\\/\\\\}
db_literal="'${db_literal//\'/\'\'}'"
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
  quoted_table="$quoted_db.\`${table//\`/\`\`}\`"
  create=$(sql "SHOW CREATE TABLE $quoted_table")
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
  sql "ALTER TABLE $quoted_table SET $properties"
  echo "enabled binlog on table $db.$table"
done <<<"$tables"

sql "ALTER DATABASE $quoted_db SET PROPERTIES $properties"
echo "enabled binlog on database $db"
