#!/usr/bin/env bash
# bench/notion-writer: writes N varied notes (default 1,000) into the Notion emulator at 3 requests/s
# through notion-writer and, at the same time with its own token and bucket, through the naive peer
# (create the page, then append its blocks, as many Keep→Notion tools do); prints Notion requests per
# note and notes per minute beside the limit those imply (rate / req-per-note x 60).
# Needs the dev services (Redis, S3Proxy): /work/main/bin/dev-services up. Takes about 2 x N x 0.37 s.
# Usage: bench/notion-writer/run.sh [notes]
set -euo pipefail
cd "$(dirname "$0")/../.."
NOTES="${1:-1000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q verify -pl notion-writer -am \
  -Dtest=NotionWriterBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkn.bench=true -Dkn.bench.notes="$NOTES" -DfailIfNoTests=false >/tmp/notion-writer-bench.log 2>&1 \
  || { tail -50 /tmp/notion-writer-bench.log; exit 1; }
cat notion-writer/target/bench-notion-writer.txt
