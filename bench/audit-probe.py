#!/usr/bin/env python3
"""Latency of an audited staff view beside an unaudited one, sequentially, until a stop file appears or a time passes.

usage: audit-probe.py BASE_URL LABEL IDS_FILE (STOP_FILE | SECONDS)
Alternates GET /api/customers/{id} (audited: AccessAudit.record, the chain's advisory lock) and GET /api/imports?limit=1
(no audit; the control for CPU and connection contention), as bench/bench (basic auth), one keep-alive connection.
Prints one line per kind: n, p50, p95, p99, max (ms), and the total time the audited requests spent over the control's p50.
Used by bench/import-audit.sh (docs/benchmarks.md "Audited views during an import").
"""
import base64
import http.client
import os
import random
import sys
import time
import urllib.parse

base, label, ids_file, until = sys.argv[1:5]
ids = [line.strip() for line in open(ids_file) if line.strip()]
url = urllib.parse.urlparse(base)
auth = {"Authorization": "Basic " + base64.b64encode(b"bench:demo1234").decode()}
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
deadline = None if not until.replace(".", "").isdigit() else time.time() + float(until)
stop_file = None if deadline else until
rng = random.Random(42)
times = {"audited": [], "control": []}


def get(path):
    t0 = time.perf_counter()
    connection.request("GET", path, headers=auth)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit("%s answered %d" % (path, response.status))
    return (time.perf_counter() - t0) * 1000


while (deadline is None or time.time() < deadline) and (stop_file is None or not os.path.exists(stop_file)):
    times["audited"].append(get("/api/customers/" + rng.choice(ids)))
    times["control"].append(get("/api/imports?limit=1"))


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


control_p50 = pct(times["control"], 50) if times["control"] else 0
for kind, values in times.items():
    if not values:
        print("%-28s %-8s no request" % (label, kind))
        continue
    print("%-28s %-8s n=%5d  p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms%s" % (
        label, kind, len(values), pct(values, 50), pct(values, 95), pct(values, 99), max(values),
        "" if kind == "control" else "; over the control's p50: %.1f s in all" % (
            sum(max(0.0, v - control_p50) for v in values) / 1000)))
