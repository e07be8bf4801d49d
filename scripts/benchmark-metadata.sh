#!/usr/bin/env bash
# Issue 3's benchmark: provisioning latency over a series of workspaces, and schema changes on a large table under
# insert load. Starts the whole platform in this process unless --url names a running one.
#   scripts/benchmark-metadata.sh [--workspaces 200] [--series 2000] [--rows 1000000] [--threads 4]
#                                 [--inserts jdbc|rest] [--phases provisioning,schema-change] [--out file]
# Figures go to benchmarks/results/metadata-<UTC timestamp>.md (or --out) and to standard output.
BENCHMARK_SCRIPT="$0" exec "$(dirname "$0")/benchmark-run.sh" MetadataBenchmark "$@"
