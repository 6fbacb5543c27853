#!/usr/bin/env bash
# Meta lead ads end to end (not a test): deliveries of 100 leadgen changes against a fake Graph API answering in
# 20 ms, leads taken in per second beside a plain insert of the same leads, and the webhook's answer times while
# processing runs. Optional argument: leads (default 10000, a multiple of 100).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@meta -Dbench.meta-leads="${1:-10000}"
