#!/bin/sh
# Builds the AOT cache of the loader (Java 25, JEP 483/514/515: classes loaded and linked ahead of time, lambdas and
# string concatenations resolved, method profiles kept): a serve that starts, loads a generated 100-row unit dropped in
# landing (file drop, run, unit load, archive, report), answers readiness and the status API, and stops on SIGTERM; the
# JVM writes the cache as it exits. So the cache covers serve's start and a unit's load, which every one-shot command
# shares. The DCF tables are on the embedded database; with LOADER_TARGET_DB_URL (and _USER, _PASSWORD) in the
# environment the unit goes into that database, e.g. a PostgreSQL reached over TLS (?sslmode=require), so that the
# PostgreSQL driver and the JDK's TLS are in the cache too (docker/Dockerfile does so). Used by docker/Dockerfile at
# build time, and by hand to measure what the image runs (docs/benchmark.md):
#     PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH sh docker/aot-cache-training.sh target/gdw-loader.jar target/gdw-loader.aot
# Needs java 25 or later and curl on the PATH. The cache belongs to this jar and this JVM: rebuild it with either.
set -eu
jar=$1
cache=$2
port=${3:-18089}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
LOADER_DATA_DIR="$work" java -jar "$jar" generate --rows 100 --date 20260115 >/dev/null 2>&1
LOADER_DATA_DIR="$work" LOADER_FILES_SETTLE_MS=0 LOADER_HTTP_PORT="$port" LOADER_SWEEP_ENABLED=false \
  java -XX:AOTCacheOutput="$cache" -jar "$jar" serve >"$work/training.log" 2>&1 &
pid=$!
loaded=""
for _ in $(seq 1 240); do
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || { cat "$work/training.log" >&2; echo "aot-cache-training: serve ended early" >&2; exit 1; }
  if [ -z "$(ls "$work/landing" | grep -v '^\.' || true)" ] && [ -n "$(ls "$work/reports" 2>/dev/null || true)" ] \
     && curl -fsS -o /dev/null "http://127.0.0.1:$port/observe/health/ready" \
     && curl -fsS -o /dev/null "http://127.0.0.1:$port/api/status"; then
    loaded=yes
    break
  fi
done
kill -TERM "$pid"
wait "$pid" || true
[ -n "$loaded" ] || { cat "$work/training.log" >&2; echo "aot-cache-training: the unit was not loaded in 2 minutes" >&2; exit 1; }
[ -s "$cache" ] || { cat "$work/training.log" >&2; echo "aot-cache-training: no cache written (java 25 or later?)" >&2; exit 1; }
echo "aot-cache-training: $cache ($(wc -c <"$cache") bytes)"
