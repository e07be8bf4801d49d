#!/usr/bin/env bash
# Issue 4's benchmark: GET by id and create one through REST, gRPC and raw JDBC running the same SQL (plus the outbox
# row for writes), 16 threads each, in one run. Starts the whole platform in this process unless --url names a
# running one (then --grpc-port and --jdbc-url too).
#   scripts/benchmark-data.sh [--threads 16] [--warmup-seconds 30] [--seconds 20] [--records 100000]
#     [--operations get,create,batch,page] [--import-rows 1000000] [--out file]
# Figures go to benchmarks/results/data-<UTC timestamp>.md (or --out) and to standard output.
BENCHMARK_SCRIPT="$0" exec "$(dirname "$0")/benchmark-run.sh" DataBenchmark "$@"
