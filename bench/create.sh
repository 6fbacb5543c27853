#!/usr/bin/env bash
# Lead creation over HTTP at 8 and 32 connections beside a plain insert of the same rows (not a test). Optional
# arguments: leads already in the organization (default 100000), seconds per measured run (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile exec:exec@create -Dbench.leads="${1:-100000}" -Dbench.seconds="${2:-15}"
