#!/usr/bin/env bash
# Prints the ConfigMap `pactbot-data` (JSON, which kubectl reads as YAML)
# holding a dataset folder, for the manifests in deploy/k8s:
#
#   deploy/dataset-configmap.sh [DATA_DIR] | kubectl apply -f -
#
# DATA_DIR defaults to the repository's data/ (what the image has built in).
# ConfigMap keys cannot contain '/', so partners/<ID>.json is stored as the
# key partners.<ID>.json; the pods' data-sync container lays it out again
# (deploy/data-sync.sh). Refuses a folder that is not a dataset pactbot would
# load when `pactbot` is on PATH (or PACTBOT_BIN is set), and anything over
# the ConfigMap limit of 1 MiB.
set -euo pipefail
DIR=${1:-"$(dirname "$0")/../data"}
NAMESPACE=${NAMESPACE:-pactbot}
[ -f "$DIR/meta.json" ] || { echo "error: $DIR has no meta.json: not a dataset folder" >&2; exit 2; }
PACTBOT=${PACTBOT_BIN:-$(command -v pactbot || true)}
if [ -n "$PACTBOT" ]; then
    "$PACTBOT" check-data "$DIR" >/dev/null || { echo "error: pactbot check-data refused $DIR" >&2; exit 1; }
fi
python3 - "$DIR" "$NAMESPACE" <<'PY'
import json, pathlib, sys
root, namespace = pathlib.Path(sys.argv[1]), sys.argv[2]
data = {}
for path in sorted(root.glob("*.json")):
    data[path.name] = path.read_text(encoding="utf-8")
for path in sorted((root / "partners").glob("*.json")):
    data["partners." + path.name] = path.read_text(encoding="utf-8")
size = sum(len(k) + len(v.encode()) for k, v in data.items())
if size > 1024 * 1024:
    sys.exit(f"error: the dataset is {size} bytes, over the 1 MiB a ConfigMap can hold")
print(json.dumps({
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {
        "name": "pactbot-data",
        "namespace": namespace,
        "labels": {"app.kubernetes.io/name": "pactbot"},
    },
    "data": data,
}, ensure_ascii=False, indent=1))
PY
