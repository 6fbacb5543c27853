#!/usr/bin/env bash
# A campaign to 100,000 leads (not a test): the launch snapshot in recipients per second, the handing over to the
# outbox in messages per second against the campaign's throttle, beside a plain insert of the same delivery rows.
# Optional arguments: leads (default 100000) and throttle per minute (default 60000).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@campaigns -Dbench.campaign-leads="${1:-100000}" -Dbench.campaign-throttle="${2:-60000}"
