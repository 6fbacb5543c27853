#!/usr/bin/env bash
# Call sync and phone lookup benchmark (not a test). Optional argument: leads seeded for the lookup (default 1000000;
# 0 measures the sync alone).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@bench ${1:+-Dbench.lookup-leads=$1}
