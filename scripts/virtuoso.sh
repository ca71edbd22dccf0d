#!/usr/bin/env bash
# Run a private Virtuoso 7 instance on 127.0.0.1 for tests and benchmarks.
#
# Usage:
#   scripts/virtuoso.sh install                 # apt-get install with a preseeded DBA password (root)
#   scripts/virtuoso.sh start  DIR [SQLPORT HTTPPORT]   # own ini + db in DIR, wait until ready
#   scripts/virtuoso.sh load   DIR FILE GRAPH   # bulk load one file (nt/nq/ttl/trig, .gz ok) via ld_dir
#   scripts/virtuoso.sh isql   DIR "SQL;"       # run SQL as dba against the instance in DIR
#   scripts/virtuoso.sh stop   DIR              # clean shutdown
#
# Environment: LAKG_VIRTUOSO_PASSWORD (DBA password; default "dba" — loopback only).
# Every instance listens on 127.0.0.1 only; its ports are written to DIR/ports.
# Follows /work/shared/RECIPES.md (Virtuoso 7.2.5 from Debian).
set -euo pipefail

PW="${LAKG_VIRTUOSO_PASSWORD:-dba}"
VSP=/var/lib/virtuoso-opensource-7/vsp

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

cmd_install() {
  if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then
    echo "virtuoso already installed: $(command -v virtuoso-t)"; return 0
  fi
  [ "$(id -u)" = 0 ] || die "install needs root (apt-get); run: sudo $0 install"
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $PW" | debconf-set-selections
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $PW" | debconf-set-selections
  apt-get update -qq
  # The postinst may print "Unable to set password" where services cannot start: harmless.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource
  # We run our own instances; never the packaged service.
  if command -v service >/dev/null; then service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi
  command -v virtuoso-t >/dev/null || die "virtuoso-t not found after install"
}

isql() {  # isql DIR SQL
  local dir=$1; shift
  local port; port=$(sed -n 1p "$dir/ports")
  isql-vt "127.0.0.1:$port" dba "$PW" exec="$*"
}

cmd_start() {
  local dir=${1:?DIR}; local sqlport=${2:-$(free_port)}; local httpport=${3:-$(free_port)}
  command -v virtuoso-t >/dev/null || die "virtuoso-t not installed; run: sudo $0 install"
  mkdir -p "$dir/db" "$dir/load"
  dir=$(cd "$dir" && pwd)
  cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $dir/db/virtuoso.db
ErrorLogFile = $dir/db/virtuoso.log
LockFile = $dir/db/virtuoso.lck
TransactionFile = $dir/db/virtuoso.trx
xa_persistent_file = $dir/db/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/db/virtuoso-temp.db
TransactionFile = $dir/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sqlport
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., $dir/load, /tmp, /usr/share/virtuoso-opensource-7/vad
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 256
MaxMemPoolSize = 200000000
PrefixResultNames = 0
MacSpotlight = 0
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 4
AsyncQueueMaxThreads = 10
NumberOfBuffers = ${LAKG_VIRTUOSO_BUFFERS:-170000}
MaxDirtyBuffers = ${LAKG_VIRTUOSO_DIRTY:-130000}

[HTTPServer]
ServerPort = 127.0.0.1:$httpport
ServerRoot = $VSP
MaxClientConnections = 20
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
DefaultMailServer = localhost:25
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
MaintenancePage = atomic.html
EnabledGzipContent = 1

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[VDB]
ArrayOptimization = 0
NumArrayParameters = 10
VDBDisconnectTimeout = 1000
KeepConnectionInDisconnectedMode = 1

[Replication]
ServerName = lakg
ServerEnable = 1
QueueMax = 50000

[Striping]
Segment1 = 100M, db-seg1-1.db, db-seg1-2.db

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
DefaultQuery = select distinct ?Concept where {[] a ?Concept} LIMIT 100
DeferInferenceRulesInit = 0
EOF
  printf '%s\n%s\n' "$sqlport" "$httpport" >"$dir/ports"
  (cd "$dir/db" && exec virtuoso-t +configfile "$dir/virtuoso.ini" +foreground >"$dir/stdout.log" 2>&1) &
  echo $! >"$dir/pid"
  local i
  for i in $(seq 1 120); do
    if isql-vt "127.0.0.1:$sqlport" dba "$PW" exec="status('');" >/dev/null 2>&1; then
      # HTTP answers a little after SQL does.
      if python3 - "$httpport" <<'PY' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/sparql?query=ASK%7B%7D", timeout=2).read()
PY
      then
        echo "virtuoso ready: sql 127.0.0.1:$sqlport http http://127.0.0.1:$httpport/sparql (dir $dir)"
        return 0
      fi
    fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -20 "$dir/stdout.log" "$dir/db/virtuoso.log" >&2 || true; die "virtuoso-t exited"; }
    sleep 0.5
  done
  tail -20 "$dir/db/virtuoso.log" >&2 || true
  die "virtuoso did not become ready in 60 s"
}

cmd_load() {
  local dir=${1:?DIR} file=${2:?FILE} graph=${3:?GRAPH}
  dir=$(cd "$dir" && pwd)
  local base; base=$(basename "$file")
  cp -f "$file" "$dir/load/$base"
  isql "$dir" "ld_dir('$dir/load', '$base', '$graph'); rdf_loader_run(); checkpoint;" >/dev/null
  local errs
  errs=$(isql "$dir" "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;" | grep -c "$base" || true)
  rm -f "$dir/load/$base"
  [ "$errs" = 0 ] || die "loading $file failed; see DB.DBA.load_list"
}

cmd_stop() {
  local dir=${1:?DIR}
  [ -f "$dir/ports" ] || return 0
  isql "$dir" "shutdown;" >/dev/null 2>&1 || true
  local pid; pid=$(cat "$dir/pid" 2>/dev/null || echo)
  if [ -n "$pid" ]; then
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill "$pid" 2>/dev/null || true
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  load) shift; cmd_load "$@" ;;
  isql) shift; d=$1; shift; isql "$d" "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
