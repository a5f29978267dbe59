#!/usr/bin/env bash
# Before/after in one sitting: runs bench/run.sh against two builds, alternating (A B A B ...), so that both see the
# same machine state, and prints each run's table. The spread between the runs of one build is the noise floor.
#
#   bash bench/compare.sh /tmp/before.jar target/switchboard-0.1.0-SNAPSHOT.jar   # 2 rounds by default
#   BENCH_ROUNDS=3 BENCH_DURATION=10 bash bench/compare.sh A.jar B.jar
#   BENCH_POOL_AFTER=1 bash bench/compare.sh X.jar X.jar   # the same build, environment key vs three pool keys
#   BENCH_AFTER_ENV="BENCH_LIMITS=1" bash bench/compare.sh X.jar X.jar   # the same build, without vs with limits
#   BENCH_AFTER_ENV="BENCH_FAULTS=1" bash bench/compare.sh X.jar X.jar   # fault-free vs 10% of upstream calls failing
#   BENCH_AFTER_ENV="BENCH_ROUTES=1" bash bench/compare.sh X.jar X.jar   # one plain route vs the attempt loop's machinery
#                                                                        # (two deployments, retries, a fallback), fault-free
#   BENCH_AFTER_ENV="BENCH_PREFILL=10000000" bash bench/compare.sh X.jar X.jar   # an empty usage log vs 10M records
#                                                                        # (the SQLite template is filled once, then copied)
#   BENCH_AFTER_JVM_OPTS="-XX:+UseZGC -XX:-UseSerialGC" bash bench/compare.sh X.jar X.jar   # the same build, Serial vs ZGC
# BENCH_BEFORE_ENV and BENCH_AFTER_ENV are space-separated NAME=value settings for that side's runs only;
# BENCH_BEFORE_JVM_OPTS and BENCH_AFTER_JVM_OPTS are JVM options for that side (added to bin/jvm.options).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: bench/compare.sh BEFORE.jar AFTER.jar" >&2; exit 2; }
before=$(realpath "$1"); after=$(realpath "$2")
for round in $(seq 1 "${BENCH_ROUNDS:-2}"); do
  for label in before after; do
    jar=$before; side_env=${BENCH_BEFORE_ENV:-}; side_jvm=${BENCH_BEFORE_JVM_OPTS:-}
    [ $label = after ] && { jar=$after; side_env=${BENCH_AFTER_ENV:-}; side_jvm=${BENCH_AFTER_JVM_OPTS:-}; }
    pool=0; [ $label = after ] && pool=${BENCH_POOL_AFTER:-0}
    echo "## round $round: $label ($(basename "$jar")$([ "$pool" = 1 ] && echo ", pool keys")${side_env:+, $side_env}${side_jvm:+, $side_jvm})"
    # shellcheck disable=SC2086
    env BENCH_POOL=$pool BENCH_JAR=$jar BENCH_JVM_OPTS="${BENCH_JVM_OPTS:-} $side_jvm" $side_env bash bench/run.sh 2>/dev/null | sed -n '/^| path/,/^Usage records/p'
    echo
  done
done
