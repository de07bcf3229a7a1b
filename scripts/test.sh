#!/usr/bin/env bash
# The project's test command (README): unit, fuzz-seed and end-to-end tests.
# Set SHORT=1 to skip the longer end-to-end campaigns.
set -euo pipefail
cd "$(dirname "$0")/.."
args=(-count=1 -timeout 30m)
if [ "${SHORT:-}" = 1 ]; then args+=(-short); fi
go test "${args[@]}" ./...
