#!/usr/bin/env bash
# Retakes the console screenshots of the README and docs/console.md from a running server with the demo
# organization (`mvn spring-boot:run` on a fresh data directory). Optional argument: the server's base URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile exec:exec@screenshots -Dscreenshots.base="${1:-http://localhost:8080}"
