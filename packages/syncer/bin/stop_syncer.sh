#!/bin/sh
# Stops ccr-syncers by their PID files: one (--host/--port), several (--files), or every *.pid in
# --pid_dir. POSIX sh (dash runs it as `sh stop_syncer.sh`). As in the Go syncer's script, --host alone
# (without --port) names no single file and falls back to every *.pid in --pid_dir. Unlike it, the
# default is a graceful stop: SIGTERM, wait for the syncer to finish its current steps and exit, and only
# after --timeout seconds SIGKILL. --grace (Go's way to ask for SIGTERM, given after `--`) is accepted and
# changes nothing; --force sends SIGKILL at once.
set -eu

BIN_DIR=$(cd "$(dirname "$0")" && pwd)
ME=$(basename "$0")

usage() {
  cat <<USAGE
Usage: $ME [--pid_dir DIR] [--host HOST --port PORT | --files "a.pid b.pid"] [--timeout S] [--force]

  --pid_dir DIR     where the PID files are (default $BIN_DIR)
  --host HOST       with --port: stop the syncer of <pid_dir>/HOST_PORT.pid (host defaults to 127.0.0.1);
                    without --port: every syncer of --pid_dir, as the Go script does
  --port PORT
  --files "A B"     stop the syncers of these PID files (names relative to --pid_dir)
  --timeout S       seconds to wait after SIGTERM before SIGKILL (default 120)
  --force           SIGKILL at once
  --grace           SIGTERM (the default; accepted for compatibility)
  -h, --help        this help
Without --port or --files every *.pid file in --pid_dir is used.
USAGE
}

pid_dir=$BIN_DIR
host=
port=
files=
timeout=120
force=false

while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --force) force=true ;;
    --grace) force=false ;;
    --) ;;
    --pid_dir=* | --host=* | --port=* | --files=* | --timeout=*)
      value=${1#*=}
      case "$1" in
        --pid_dir=*) pid_dir=$value ;;
        --host=*) host=$value ;;
        --port=*) port=$value ;;
        --files=*) files=$value ;;
        --timeout=*) timeout=$value ;;
      esac
      ;;
    --pid_dir | --host | --port | --files | --timeout)
      if [ $# -lt 2 ]; then
        echo "$ME: option $1 needs a value" >&2
        exit 2
      fi
      case "$1" in
        --pid_dir) pid_dir=$2 ;;
        --host) host=$2 ;;
        --port) port=$2 ;;
        --files) files=$2 ;;
        --timeout) timeout=$2 ;;
      esac
      shift
      ;;
    *)
      echo "$ME: unknown option: $1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

case "$timeout" in
  '' | *[!0-9]*)
    echo "$ME: --timeout must be a whole number of seconds: $timeout" >&2
    exit 2
    ;;
esac

# The PID files, one per line (paths hold no newline: they are <host>_<port>.pid names).
pid_files=
add_file() {
  pid_files="$pid_files$1
"
}
if [ -n "$port" ]; then
  add_file "$pid_dir/${host:-127.0.0.1}_${port}.pid"
elif [ -n "$files" ]; then
  set -f # the names are split on spaces, never globbed
  for name in $files; do
    case "$name" in
      /*) add_file "$name" ;;
      *) add_file "$pid_dir/$name" ;;
    esac
  done
  set +f
else
  if [ -n "$host" ]; then
    echo "--host without --port names no single syncer: stopping every syncer of $pid_dir (as the Go script does)"
  fi
  for file in "$pid_dir"/*.pid; do
    if [ -e "$file" ]; then add_file "$file"; fi
  done
  if [ -z "$pid_files" ]; then
    echo "no PID files in $pid_dir: no syncer to stop"
    exit 0
  fi
fi

alive() {
  kill -0 "$1" 2>/dev/null
}

# Waits up to $2 seconds for process $1 to exit; succeeds once it has.
wait_gone() {
  waited=0
  while alive "$1"; do
    if [ "$waited" -ge "$2" ]; then return 1; fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_one() {
  file=$1
  if [ ! -f "$file" ]; then
    echo "PID file $file does not exist" >&2
    return 1
  fi
  pid=$(tr -d '[:space:]' <"$file")
  case "$pid" in
    '' | *[!0-9]*)
      echo "PID file $file holds no process id" >&2
      return 1
      ;;
  esac
  if ! alive "$pid"; then
    echo "syncer of $file (process $pid) is not running; removing the stale PID file"
    rm -f "$file"
    return 0
  fi
  # A recycled PID must not get a stranger killed.
  command=$(ps -o args= -p "$pid" 2>/dev/null || true)
  case "$command" in
    *ccr-syncer* | *ccr_syncer*) ;;
    *)
      echo "process $pid of $file is not a ccr-syncer ($command); not stopping it" >&2
      return 1
      ;;
  esac
  if [ "$force" = true ]; then
    echo "killing syncer process $pid ($file)"
    kill -KILL "$pid" 2>/dev/null || true
  else
    echo "stopping syncer process $pid ($file)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$timeout"; then
      echo "syncer process $pid did not stop within $timeout s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if ! wait_gone "$pid" 30; then
    echo "syncer process $pid is still running" >&2
    return 1
  fi
  # A clean exit removes the file itself; after SIGKILL it is left to us (unless a new syncer owns it).
  if [ -f "$file" ] && [ "$(tr -d '[:space:]' <"$file")" = "$pid" ]; then rm -f "$file"; fi
  echo "syncer process $pid stopped"
}

status=0
while IFS= read -r file; do
  [ -n "$file" ] || continue
  stop_one "$file" </dev/null || status=1
done <<EOF
$pid_files
EOF
exit "$status"
