#!/usr/bin/env python3
"""Measures workspace provisioning through the gateway: from POST /rest/metadata/workspaces to
activationStatus ACTIVE, polled every 5 ms, for N workspaces in a row. Needs a running platform
(./run.sh). Usage: scripts/provisioning-latency.py [count] [gateway-url]"""
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid

count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
gateway = sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8080"


def call(method, path, token=None, body=None):
    request = urllib.request.Request(gateway + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


email = f"bench-{uuid.uuid4()}@example.com"
token = call("POST", "/auth/sign-up", body={"email": email, "password": "benchmark password"})["tokens"]["accessToken"]["token"]
durations = []
for i in range(count):
    started = time.perf_counter()
    workspace = call("POST", "/rest/metadata/workspaces", token, {"displayName": f"Bench {i}"})["data"]["createWorkspace"]["id"]
    while True:
        status = call("GET", f"/rest/metadata/workspaces/{workspace}", token)["data"]["workspace"]["activationStatus"]
        if status == "ACTIVE":
            break
        if status == "FAILED_CREATION":
            sys.exit(f"workspace {workspace} failed")
        time.sleep(0.005)
    durations.append((time.perf_counter() - started) * 1000)

durations_sorted = sorted(durations)
p95 = durations_sorted[max(0, int(round(0.95 * len(durations_sorted))) - 1)]
print(f"workspaces: {count}  first: {durations[0]:.0f} ms  p50: {statistics.median(durations):.0f} ms  "
      f"p95: {p95:.0f} ms  max: {max(durations):.0f} ms")
