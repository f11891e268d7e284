#!/usr/bin/env bash
# Figures of the served cluster model (`anvil-sim --serve`, release build): requests per second
# over one keep-alive connection for a get, a create and an update, with N config maps stored,
# each request evaluated through the model's apiServerHandles action.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product anvil-sim >/dev/null
BIN=$(swift build -c release --show-bin-path)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN/anvil-sim" --serve "127.0.0.1:$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
python3 - "$PORT" <<'PY'
import http.client, json, sys, time
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
def call(method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body else None, headers={"Content-Type": "application/json"})
    r = conn.getresponse(); data = r.read(); return r.status, data
base = "/api/v1/namespaces/bench/configmaps"
def cm(name, rv=None, value="v"):
    meta = {"name": name} | ({"resourceVersion": rv} if rv else {})
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": {"k": value}}
stored = 0
for size in [10, 100, 300]:
    while stored < size:
        call("POST", base, cm(f"fill-{stored}")); stored += 1
    rows = []
    for what, n, request in [
        ("get", 200, lambda i: call("GET", f"{base}/fill-0")),
        ("create", 100, lambda i: call("POST", base, cm(f"new-{size}-{i}"))),
        ("update", 100, lambda i: call("PUT", f"{base}/fill-1", cm("fill-1", json.loads(call("GET", f"{base}/fill-1")[1])["metadata"]["resourceVersion"], str(i)))),
    ]:
        start = time.perf_counter()
        for i in range(n): request(i)
        rows.append(f"{what} {n / (time.perf_counter() - start):.0f}/s")
    stored += 100
    print(f"{size} objects stored: " + ", ".join(rows) + " (an update includes its get)")
PY
