#!/bin/sh
# Starts one ccr-syncer. POSIX sh (dash runs it as `sh start_syncer.sh --daemon`, as the Go syncer's
# manual writes it). Options follow the Go syncer's start_syncer.sh; differences:
#  * --daemon returns only once the syncer's API answers, and fails (exit 1) with the reason otherwise;
#  * the foreground mode passes every option (Go's drops --db_name, the log file and extra arguments)
#    and logs to the log file and to stderr;
#  * --log_dir is a directory (log file <log_dir>/<host>_<port>.log); a value ending in .log, or naming
#    an existing file, is taken as the log file itself, as Go's script did;
#  * the PID file is written and removed by the syncer itself.
set -eu

BIN_DIR=$(cd "$(dirname "$0")" && pwd)
HOME_DIR=$(cd "$BIN_DIR/.." && pwd)
NODE_BIN=${NODE:-node}
SYNCER="$BIN_DIR/ccr-syncer.js"
ME=$(basename "$0")

usage() {
  cat <<USAGE
Usage: $ME [options] [-- extra ccr-syncer flags]

  --daemon                 run in the background (returns once the API answers)
  --host HOST              syncer identity host (default 127.0.0.1)
  --port PORT              HTTP API port (default 9190)
  --pid_dir DIR            PID file directory (default $BIN_DIR)
  --log_dir DIR            log directory (default $HOME_DIR/log)
  --log_level LEVEL        panic fatal error warn info debug trace (default info)
  --db_type TYPE           sqlite3, mysql or postgresql (default sqlite3)
  --db_dir FILE            sqlite3 file (default $HOME_DIR/db/ccr.db)
  --db_host HOST           mysql/postgresql host (default 127.0.0.1)
  --db_port PORT           mysql/postgresql port (default 3306)
  --db_user USER           mysql/postgresql user
  --db_password PASSWORD   mysql/postgresql password (visible in ps: prefer a --config_file)
  --db_name NAME           mysql/postgresql database (default ccr, created if missing)
  --connect_timeout D      thrift connect timeout (default 10s)
  --rpc_timeout D          thrift call timeout (default 30s)
  --config_file FILE       flag=value file; its values win over these options
  --api_token TOKEN        bearer token the API requires (passed through the environment)
  --pprof, --pprof_port    accepted for compatibility; no effect
  -h, --help               this help
USAGE
}

die() {
  echo "$ME: $*" >&2
  exit 1
}

daemon=false
host=127.0.0.1
port=9190
pid_dir=$BIN_DIR
log_dir=$HOME_DIR/log
log_level=info
db_type=sqlite3
db_dir=$HOME_DIR/db/ccr.db
db_host=127.0.0.1
db_port=3306
db_user=
db_password=
db_name=ccr
connect_timeout=10s
rpc_timeout=30s
config_file=
api_token=
pprof=false
pprof_port=6060

set_option() {
  case "$1" in
    host) host=$2 ;;
    port) port=$2 ;;
    pid_dir) pid_dir=$2 ;;
    log_dir) log_dir=$2 ;;
    log_level) log_level=$2 ;;
    db_type) db_type=$2 ;;
    db_dir) db_dir=$2 ;;
    db_host) db_host=$2 ;;
    db_port) db_port=$2 ;;
    db_user) db_user=$2 ;;
    db_password) db_password=$2 ;;
    db_name) db_name=$2 ;;
    connect_timeout) connect_timeout=$2 ;;
    rpc_timeout) rpc_timeout=$2 ;;
    config_file) config_file=$2 ;;
    api_token) api_token=$2 ;;
    pprof_port) pprof_port=$2 ;;
    *)
      echo "$ME: unknown option --$1" >&2
      usage >&2
      exit 2
      ;;
  esac
}

# What follows `--` stays in "$@": the extra ccr-syncer flags.
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --daemon) daemon=true ;;
    --pprof) pprof=true ;;
    --)
      shift
      break
      ;;
    --*=*)
      name=${1%%=*}
      set_option "${name#--}" "${1#*=}"
      ;;
    --*)
      [ $# -ge 2 ] || die "option $1 needs a value"
      set_option "${1#--}" "$2"
      shift
      ;;
    *)
      echo "$ME: unexpected argument: $1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

command -v "$NODE_BIN" >/dev/null 2>&1 || die "node not found (set NODE=/path/to/node)"
[ -f "$HOME_DIR/dist/src/cli/main.js" ] || die "ccr-syncer is not built: run 'npm run build' first"

if [ "$db_type" = sqlite3 ] && [ -n "$db_user" ]; then
  die "--db_user is for --db_type=mysql or postgresql; sqlite3 is local and has no users"
fi

# Go's --log_dir was the log file path; keep accepting that spelling.
case "$log_dir" in
  *.log) log_file=$log_dir ;;
  *)
    if [ -f "$log_dir" ]; then
      log_file=$log_dir
    else
      log_file=$log_dir/${host}_${port}.log
    fi
    ;;
esac

pid_file=$pid_dir/${host}_${port}.pid
if [ -f "$pid_file" ]; then
  pid=$(cat "$pid_file" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    die "Syncer running as process $pid. Stop it first."
  fi
  rm -f "$pid_file"
fi

mkdir -p "$(dirname "$log_file")" "$pid_dir"
if [ "$db_type" = sqlite3 ]; then mkdir -p "$(dirname "$db_dir")"; fi
echo "start time: $(date)" >>"$log_file"

# The syncer's flags go in front of the extra ones (later flags win, so extras can override).
if [ -n "$config_file" ]; then set -- "--config_file=$config_file" "$@"; fi
if [ -n "$db_password" ]; then set -- "--db_password=$db_password" "$@"; fi
if [ -n "$db_user" ]; then set -- "--db_user=$db_user" "$@"; fi
set -- \
  "--host=$host" \
  "--port=$port" \
  "--pid_dir=$pid_dir" \
  "--log_filename=$log_file" \
  "--log_level=$log_level" \
  "--db_type=$db_type" \
  "--db_dir=$db_dir" \
  "--db_host=$db_host" \
  "--db_port=$db_port" \
  "--db_name=$db_name" \
  "--connect_timeout=$connect_timeout" \
  "--rpc_timeout=$rpc_timeout" \
  "--pprof=$pprof" \
  "--pprof_port=$pprof_port" \
  "$@"
# The token goes through the environment so that it does not show in the syncer's command line.
if [ -n "$api_token" ]; then
  CCR_SYNCER_API_TOKEN=$api_token
  export CCR_SYNCER_API_TOKEN
fi

# The node flags on the first line of the syncer's entry file (#!/usr/bin/env -S node <flags>): plain
# words without quotes or globs, split on spaces on purpose.
read -r shebang <"$SYNCER"
node_flags=${shebang#*node}

if [ "$daemon" = true ]; then
  # shellcheck disable=SC2086
  exec "$NODE_BIN" $node_flags "$SYNCER" --daemon "$@"
fi
# shellcheck disable=SC2086
exec "$NODE_BIN" $node_flags "$SYNCER" --log_also_to_stderr=true "$@"
