#!/usr/bin/env bash
# End-to-end test of the REST runtime for one controller (default: simple; zookeeper once it is in
# the catalogue): serves the executable cluster model over the Kubernetes API (`anvil-sim --serve`),
# applies the controller's sample custom resource with kubectl, runs `anvil-controller` against it
# and reads the managed objects back with `kubectl get -o json`; checks that they match the
# resource (the controller's desired-state predicate, and a few fields by hand), that they parse
# with the `kubernetes` Python client's models, that a controller killed with SIGKILL midway
# through reconciles still converges, that malformed objects are refused with a Status naming the
# field and leave the state unchanged, and that deleting the resource garbage-collects its objects.
# Installs kubectl (Debian's kubernetes-client) and the Python client when they are missing.
# The last line is `N passed, N failed`; exit status 0 when every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTROLLER=${1:-simple}

if ! command -v kubectl >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
fi
if ! python3 -c 'import kubernetes' 2>/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-kubernetes >/dev/null) 2>/dev/null || true
  python3 -c 'import kubernetes' 2>/dev/null || python3 -m pip install -q kubernetes
fi

# SWIFT_BUILD_FLAGS: the flags the rest of the run builds with (CI: -Xswiftc -warnings-as-errors),
# so that these builds reuse its products.
read -r -a FLAGS <<<"${SWIFT_BUILD_FLAGS:-}"
swift build --product anvil-sim "${FLAGS[@]}" >/dev/null
swift build --product anvil-controller "${FLAGS[@]}" >/dev/null
BIN=$(swift build --show-bin-path "${FLAGS[@]}")
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok: $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAILED: $1"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# --- the served cluster -------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=token-$RANDOM$RANDOM
"$BIN/anvil-sim" "$CONTROLLER" --serve "127.0.0.1:$PORT" --token "$TOKEN" --anonymous-auth >"$WORK/server.out" 2>"$WORK/server.log" &
PIDS+=($!)
for _ in $(seq 100); do grep -q '^serving' "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
SERVER=http://127.0.0.1:$PORT
write_kubeconfig() { # file, token line
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: model, cluster: {server: "$SERVER"}}]
users: [{name: user, user: {$2}}]
contexts: [{name: model, context: {cluster: model, user: user, namespace: default}}]
current-context: model
EOF
}
# kubectl sends no credentials to an http:// server, so it is served anonymously; the controller
# authenticates with the token.
write_kubeconfig "$WORK/kubectl.yaml" ""
write_kubeconfig "$WORK/controller.yaml" "token: $TOKEN"
export KUBECONFIG=$WORK/kubectl.yaml
check "the server refuses a wrong token" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' "$SERVER/api/v1/namespaces/default/configmaps")" = 401

# --- the custom resource ------------------------------------------------------------------------
"$BIN/anvil-controller" "$CONTROLLER" --sample >"$WORK/cr.yaml"
KIND=$(awk '/^kind:/ {print $2; exit}' "$WORK/cr.yaml")
PLURAL=$(echo "$KIND" | tr '[:upper:]' '[:lower:]')s
KINDS=configmaps,secrets,services,statefulsets,daemonsets,serviceaccounts,roles,rolebindings,pods,persistentvolumeclaims,$PLURAL
check "kubectl apply creates the sample $KIND" kubectl apply --validate=false -f "$WORK/cr.yaml"
NAME=$(kubectl get -f "$WORK/cr.yaml" -o jsonpath='{.metadata.name}')

start_controller() { # extra options...
  "$BIN/anvil-controller" "$CONTROLLER" --kubeconfig "$WORK/controller.yaml" --requeue-after 2s --error-requeue-after 1s "$@" \
    >>"$WORK/controller.out" 2>>"$WORK/controller.log" &
  CONTROLLER_PID=$!
  PIDS+=("$CONTROLLER_PID")
}
matches() {
  kubectl get "$KINDS" -o json >"$WORK/objects.json" && "$BIN/anvil-controller" "$CONTROLLER" --check "$WORK/objects.json" >/dev/null
}
wait_for_match() { for _ in $(seq 120); do matches && return 0; sleep 0.5; done; return 1; }

start_controller
check "the controller reaches the desired state (its predicate on kubectl get -o json)" wait_for_match

# A few fields by hand, for the controllers whose objects this script knows.
python3 - "$WORK/objects.json" "$CONTROLLER" "$NAME" >"$WORK/fields.out" <<'EOF' && pass "the managed objects carry the resource's fields" || fail "the managed objects carry the resource's fields: $(cat "$WORK/fields.out")"
import json, sys
objects, controller, name = json.load(open(sys.argv[1]))["items"], sys.argv[2], sys.argv[3]
byname = {(o["kind"], o["metadata"]["name"]): o for o in objects}
cr = next(o for o in objects if o["metadata"]["name"] == name and o["apiVersion"] == "anvil.dev/v1")
def owned(o):
    refs = o["metadata"].get("ownerReferences", [])
    assert [r["uid"] for r in refs if r.get("controller")] == [cr["metadata"]["uid"]], f"{o['metadata']['name']}: owner {refs}"
if controller == "simple":
    cm = byname[("ConfigMap", name + "-data")]
    assert cm.get("data", {}) == cr["spec"].get("data", {}), cm
    owned(cm)
elif controller == "zookeeper":
    for svc in ["-headless", "-client", "-admin-server"]:
        owned(byname[("Service", name + svc)])
    owned(byname[("ConfigMap", name + "-configmap")])
    sts = byname[("StatefulSet", name)]
    owned(sts)
    assert sts["spec"]["replicas"] == cr["spec"]["replicas"], (sts["spec"]["replicas"], cr["spec"]["replicas"])
    assert sts["spec"]["serviceName"] == name + "-headless", sts["spec"]["serviceName"]
print("checked", len(objects), "objects")
EOF

# --- the Python client's models -------------------------------------------------------------------
# Besides the controller's objects, one object of every other built-in kind, in the shape of
# Kubernetes manifests (scripts/rest-runtime-objects.jsonl), so the codec reads real-world input too.
created=0 total=0
while read -r object; do
  total=$((total + 1))
  kubectl create --validate=false -f - <<<"$object" >/dev/null && created=$((created + 1))
done <scripts/rest-runtime-objects.jsonl
check "kubectl create stores an object of each other built-in kind ($created of $total)" test "$created" = "$total"
kubectl get "$KINDS" -o json >"$WORK/objects.json"
python3 - "$WORK/objects.json" >"$WORK/python.out" 2>&1 <<'EOF' && pass "every served object parses with the kubernetes Python client's models ($(tail -1 "$WORK/python.out"))" || fail "the Python client's models: $(cat "$WORK/python.out")"
import inspect, json, sys
from kubernetes import client
api = client.ApiClient()
class Response:  # what older clients' ApiClient.deserialize reads
    def __init__(self, obj): self.data = json.dumps(obj)
def deserialize(obj, model):  # newer clients take the text and its content type
    if list(inspect.signature(api.deserialize).parameters)[0] == "response_text":
        return api.deserialize(json.dumps(obj), model, "application/json")
    return api.deserialize(Response(obj), model)
kinds = set()
for obj in json.load(open(sys.argv[1]))["items"]:
    kind = obj["kind"]
    if obj["apiVersion"].startswith("anvil.dev/"):
        model = deserialize(obj["metadata"], "V1ObjectMeta")  # a custom resource: its metadata
        assert model.name == obj["metadata"]["name"]
    else:
        model = deserialize(obj, "V1" + kind)
        assert model.metadata.name == obj["metadata"]["name"] and model.kind == kind
        assert api.sanitize_for_serialization(model)["metadata"]["uid"] == obj["metadata"]["uid"]
    kinds.add(kind)
print("kinds:", ", ".join(sorted(kinds)))
EOF

# --- SIGKILL midway through reconciles ------------------------------------------------------------
# Change the resource, then kill the controller (slowed by --step-delay) after its k-th step of a
# reconcile, before that reconcile ends; a new controller must still converge.
case "$CONTROLLER" in
  zookeeper) PATCH='{"spec":{"replicas":5}}' ;;
  *) PATCH='{"spec":{"data":{"mode":"changed-by-the-test"}}}' ;;
esac
kill "$CONTROLLER_PID"; wait "$CONTROLLER_PID" 2>/dev/null || true
check "kubectl patch changes the resource" kubectl patch "$PLURAL" "$NAME" --type merge -p "$PATCH"
does_not_match() { ! matches; }
check "the cluster no longer matches the changed resource" does_not_match
killed_midway=0
for k in 1 2 3; do
  : >"$WORK/controller.log"
  start_controller --step-delay 300ms
  for _ in $(seq 200); do grep -q "\"step\":$k," "$WORK/controller.log" && break; sleep 0.05; done
  kill -9 "$CONTROLLER_PID"; wait "$CONTROLLER_PID" 2>/dev/null || true
  last=$(grep -v '"event":"note"' "$WORK/controller.log" | tail -1)
  case "$last" in *'"event":"step"'*) killed_midway=$((killed_midway + 1)) ;; esac
done
check "SIGKILL landed midway through a reconcile ($killed_midway of 3 times)" test "$killed_midway" -ge 1
start_controller
check "after the kills, a new controller converges to the changed resource" wait_for_match

# --- malformed and invalid input -----------------------------------------------------------------
kill "$CONTROLLER_PID"; wait "$CONTROLLER_PID" 2>/dev/null || true
kubectl get "$KINDS" -o json >"$WORK/before.json"
post() { # path, body -> prints "code message"
  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -X POST "$SERVER$1" -d "$2" |
    python3 -c 'import json,sys; s=json.load(sys.stdin); print(s.get("code"), s.get("message"))'
}
refused() { # what, expected codes (regex), expected text, path, body
  local answer; answer=$(post "$4" "$5")
  if [[ "$answer" =~ ^($2)\  ]] && [[ "$answer" == *"$3"* ]]; then pass "$1: $answer"; else fail "$1: got '$answer'"; fi
}
CM=/api/v1/namespaces/default/configmaps
CRS=/apis/anvil.dev/v1/namespaces/default/$PLURAL
refused "a config map whose data is a list" "400" "data: expected an object" "$CM" \
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad"},"data":["x"]}'
refused "a config map with two controller owners" "422" "metadata" "$CM" \
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad","ownerReferences":[
    {"apiVersion":"v1","kind":"ConfigMap","name":"a","uid":"1","controller":true},
    {"apiVersion":"v1","kind":"ConfigMap","name":"b","uid":"2","controller":true}]}}'
refused "a $KIND whose spec is not an object" "422" "spec: expected an object" "$CRS" \
  "{\"apiVersion\":\"anvil.dev/v1\",\"kind\":\"$KIND\",\"metadata\":{\"name\":\"bad\"},\"spec\":5}"
refused "an unknown field with fieldValidation=Strict" "400" "dta: unknown field" "$CM?fieldValidation=Strict" \
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad"},"dta":{}}'
if [ "$CONTROLLER" = zookeeper ]; then
  refused "a ZookeeperCluster whose replicas is a string" "422" "spec.replicas: expected an integer" "$CRS" \
    '{"apiVersion":"anvil.dev/v1","kind":"ZookeeperCluster","metadata":{"name":"bad"},"spec":{"replicas":"three"}}'
  python3 - "$WORK/cr.yaml" >"$WORK/two.json" <<'EOF'
import json, sys, yaml
cr = yaml.safe_load(open(sys.argv[1])); cr["metadata"] = {"name": "two-replicas"}; cr["spec"]["replicas"] = 2
print(json.dumps(cr))
EOF
  refused "a ZookeeperCluster with 2 replicas (the model's validation)" "422" "replicas" "$CRS" "$(cat "$WORK/two.json")"
fi
kubectl get "$KINDS" -o json >"$WORK/after.json"
check "the refused requests left the served state unchanged" cmp -s "$WORK/before.json" "$WORK/after.json"

# --- garbage collection ---------------------------------------------------------------------------
UID_=$(kubectl get "$PLURAL" "$NAME" -o jsonpath='{.metadata.uid}')
owned_count() {
  kubectl get "$KINDS" -o json | python3 -c '
import json, sys
print(sum(any(r["uid"] == sys.argv[1] for r in o["metadata"].get("ownerReferences", [])) for o in json.load(sys.stdin)["items"]))' "$UID_"
}
check "the resource owns objects before it is deleted ($(owned_count))" test "$(owned_count)" -gt 0
check "kubectl delete deletes the resource" kubectl delete "$PLURAL" "$NAME" --wait=false
wait_gone() { for _ in $(seq 60); do [ "$(owned_count)" = 0 ] && return 0; sleep 0.25; done; return 1; }
check "the garbage collector deletes every object the resource owned" wait_gone

echo "logs: $WORK"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
