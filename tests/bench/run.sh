#!/usr/bin/env bash
# Runs the mirrorsql vs PostgreSQL benchmark (see main.go) and writes the
# markdown tables to $OUT (default /tmp/mirrorsql-bench.md).
#
#   sudo tests/bench/run.sh [extra flags, e.g. -dur 10s -rounds 3 -suite all]
#
# Needs root: /work/shared/bench/pg-peer.sh installs Debian's postgresql-15 on
# first use and runs the servers as the postgres user. The bench program
# starts and stops PostgreSQL (standalone, then sync, then async standby) and
# its own `mirrorsql serve` processes; everything listens on 127.0.0.1.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/mirrorsql-bench.md}
PGPEER=${PGPEER:-/work/shared/bench/pg-peer.sh}
BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT
go build -o "$BIN/mirrorsql" ./cmd/mirrorsql
go build -o "$BIN/bench" ./tests/bench
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(uname -srm), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$BIN/bench" -mirrorsql "$BIN/mirrorsql" -pgpeer "$PGPEER" -out "$OUT" "$@"
echo "results in $OUT" >&2
