#!/usr/bin/env bash
# Lead lists, searches, counts, lookups and creation at a consultancy's largest size (not a test). Optional argument:
# leads in the large organization (default 1000000). Prints a table of figures, each beside its baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@scale ${1:+-Dbench.leads=$1}
