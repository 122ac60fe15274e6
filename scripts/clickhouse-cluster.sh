#!/usr/bin/env bash
# A local 2-shard ClickHouse cluster on loopback for the tests and benchmarks.
#
#   scripts/clickhouse-cluster.sh start    start both servers (no-op when already running)
#   scripts/clickhouse-cluster.sh stop     stop them (only the processes this script started)
#   scripts/clickhouse-cluster.sh status   print the endpoints, exit 1 when not running
#   scripts/clickhouse-cluster.sh env      print CVM_TEST_CLICKHOUSE_* lines for `eval`
#
# Each server has its own config, data directory and free ports under $CVM_CLICKHOUSE_DIR (default:
# .cache/clickhouse-cluster in the repository), so several checkouts can run clusters side by side.
# The cluster is named `cvm` in `remote_servers`: shard 1 = server 1, shard 2 = server 2, one replica
# each. The server binary is Debian's `clickhouse-server` (18.16); `CVM_CLICKHOUSE_SERVER` overrides
# the path. Users: `default`, no password, loopback only; for the read-only tests `cvm_readonly`
# (readonly=1 with cvm's settings in the profile), `cvm_readonly_large` (the same with the parse limits
# raised), `cvm_readonly_bare` (readonly=1 alone) and `cvm_readonly2` (readonly=2), no password either.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${CVM_CLICKHOUSE_DIR:-$ROOT/.cache/clickhouse-cluster}"
SERVER="${CVM_CLICKHOUSE_SERVER:-$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)}"
CLUSTER=cvm
SHARDS=2

die() { echo "clickhouse-cluster: $*" >&2; exit 1; }

# Free TCP ports on 127.0.0.1, asked from the kernel (bind to port 0), one per argument.
free_ports() {
  node -e '
    const net = require("node:net");
    const n = Number(process.argv[1]);
    const servers = [];
    let done = 0;
    for (let i = 0; i < n; i++) {
      const s = net.createServer();
      servers.push(s);
      s.listen(0, "127.0.0.1", () => { if (++done === n) { console.log(servers.map((x) => x.address().port).join(" ")); servers.forEach((x) => x.close()); } });
    }' "$1"
}

running() { # $1 = shard number
  local pid_file="$DIR/s$1/server.pid"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

port_of() { sed -n "s/^$2=//p" "$DIR/s$1/ports"; }

write_config() { # $1 = shard, then http tcp interserver ports, then the tcp ports of all shards
  local s=$1 http=$2 tcp=$3 inter=$4; shift 4
  local d="$DIR/s$s"
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/log"
  printf 'http=%s\ntcp=%s\ninterserver=%s\n' "$http" "$tcp" "$inter" > "$d/ports"
  local shards=""
  for port in "$@"; do
    shards+="      <shard><replica><host>127.0.0.1</host><port>$port</port></replica></shard>"$'\n'
  done
  cat > "$d/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$d/log/server.log</log>
    <errorlog>$d/log/server.err.log</errorlog>
    <size>10M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <max_concurrent_queries>50</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <$CLUSTER>
$shards    </$CLUSTER>
  </remote_servers>
  <macros><shard>$s</shard></macros>
</yandex>
EOF
  cat > "$d/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <load_balancing>in_order</load_balancing>
    </default>
    <!-- read-only profiles for the tests of clickhouse-readonly.ts: cvm's own settings preset (readonly=1
         allows a setting only at the value it has), then the same with the parse limits raised -->
    <cvm_readonly>
      <readonly>1</readonly>
      <join_use_nulls>1</join_use_nulls>
      <output_format_json_quote_64bit_integers>0</output_format_json_quote_64bit_integers>
      <insert_distributed_sync>1</insert_distributed_sync>
    </cvm_readonly>
    <cvm_readonly_large>
      <readonly>1</readonly>
      <join_use_nulls>1</join_use_nulls>
      <output_format_json_quote_64bit_integers>0</output_format_json_quote_64bit_integers>
      <insert_distributed_sync>1</insert_distributed_sync>
      <max_query_size>8388608</max_query_size>
      <max_ast_elements>8388608</max_ast_elements>
      <max_expanded_ast_elements>8388608</max_expanded_ast_elements>
    </cvm_readonly_large>
    <cvm_readonly_bare><readonly>1</readonly></cvm_readonly_bare>
    <cvm_readonly2><readonly>2</readonly></cvm_readonly2>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
    <cvm_readonly><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>cvm_readonly</profile><quota>default</quota></cvm_readonly>
    <cvm_readonly_large><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>cvm_readonly_large</profile><quota>default</quota></cvm_readonly_large>
    <cvm_readonly_bare><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>cvm_readonly_bare</profile><quota>default</quota></cvm_readonly_bare>
    <cvm_readonly2><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>cvm_readonly2</profile><quota>default</quota></cvm_readonly2>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
}

wait_ready() { # $1 = shard
  local http; http=$(port_of "$1" http)
  for _ in $(seq 1 150); do
    if [[ "$(node -e '
      fetch(process.argv[1]).then((r) => r.text()).then((t) => console.log(t.trim()), () => console.log("no"));' "http://127.0.0.1:$http/ping" 2>/dev/null)" == "Ok." ]]; then
      return 0
    fi
    running "$1" || die "server $1 exited during start-up; see $DIR/s$1/log/server.err.log and $DIR/s$1/stderr.log"
    sleep 0.2
  done
  die "server $1 did not answer on port $http within 30 s; see $DIR/s$1/log/server.err.log"
}

start() {
  [[ -x "$SERVER" ]] || die "no clickhouse-server binary (install Debian's package: apt-get install -y clickhouse-server clickhouse-client)"
  local all=1
  for s in $(seq 1 $SHARDS); do running "$s" || all=0; done
  if [[ $all == 1 ]]; then status; return 0; fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  # 3 ports per server: http, tcp (used by the cluster definition), interserver
  read -r -a ports <<< "$(free_ports $((SHARDS * 3)))"
  local tcps=()
  for s in $(seq 1 $SHARDS); do tcps+=("${ports[$(((s - 1) * 3 + 1))]}"); done
  for s in $(seq 1 $SHARDS); do
    local b=$(((s - 1) * 3))
    write_config "$s" "${ports[$b]}" "${ports[$((b + 1))]}" "${ports[$((b + 2))]}" "${tcps[@]}"
    (cd "$DIR/s$s" && exec "$SERVER" --config-file="$DIR/s$s/config.xml" >"$DIR/s$s/stderr.log" 2>&1) &
    echo $! > "$DIR/s$s/server.pid"
  done
  for s in $(seq 1 $SHARDS); do wait_ready "$s"; done
  status
}

stop() {
  local any=0
  for s in $(seq 1 $SHARDS); do
    local pid_file="$DIR/s$s/server.pid"
    [[ -f "$pid_file" ]] || continue
    local pid; pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      any=1
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$pid_file"
  done
  [[ $any == 1 ]] && echo "stopped"
  return 0
}

status() {
  for s in $(seq 1 $SHARDS); do
    running "$s" || { echo "not running"; return 1; }
  done
  for s in $(seq 1 $SHARDS); do
    echo "shard $s: http://127.0.0.1:$(port_of "$s" http) (tcp $(port_of "$s" tcp), pid $(cat "$DIR/s$s/server.pid"))"
  done
}

env_lines() {
  status >/dev/null || die "not running"
  local shards=()
  for s in $(seq 1 $SHARDS); do shards+=("127.0.0.1:$(port_of "$s" http)"); done
  echo "CVM_TEST_CLICKHOUSE=clickhouse://${shards[0]}"
  echo "CVM_TEST_CLICKHOUSE_SHARDS=$(IFS=,; echo "${shards[*]}")"
  echo "CVM_TEST_CLICKHOUSE_CLUSTER=$CLUSTER"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
