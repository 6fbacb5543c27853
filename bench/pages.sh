#!/usr/bin/env bash
# The console's pages at a consultancy's largest size (not a test): each full page's time for an admin, a manager and
# a counselor beside the cheapest authenticated request in the same run. Optional argument: leads in the large
# organization (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@scale -Dbench.leads="${1:-1000000}" -Dbench.parts=pages
