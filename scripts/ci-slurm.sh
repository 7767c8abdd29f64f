#!/usr/bin/env bash
# CI check of sweeps on a real job scheduler: starts the single-node SLURM of ../shared/cluster
# (see its slurm-local.md), emits a 2×2 sweep of cases/series-layers.json as a job array, submits it, waits
# with a deadline, collects, checks the 4 electrode potentials against V = I·R, and stops SLURM (trap on EXIT).
#
# Exit 0 only if all of that worked. Exit 0 with a line 'SKIPPED: …' only when slurmctld is not installed and
# cannot be installed (no apt-get, no package, no network). Any other problem exits non-zero with the reason.
#
# Environment:
#   ECMFEM_CLUSTER_DIR   folder with start-slurm.sh / stop-slurm.sh (default: <repo>/../shared/cluster)
#   ECMFEM_SLURM_WAIT    deadline in seconds for the array job (default 300)
#   SLURM_CI_DIR         state dir of the throw-away cluster (default: ${TMPDIR:-/tmp}/ecmfem-ci-slurm)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
CLUSTER="${ECMFEM_CLUSTER_DIR:-$ROOT/../shared/cluster}"
WAIT_S="${ECMFEM_SLURM_WAIT:-300}"
export SLURM_CI_DIR="${SLURM_CI_DIR:-${TMPDIR:-/tmp}/ecmfem-ci-slurm}"
export SLURM_CONF="$SLURM_CI_DIR/slurm.conf"

say() { echo "[ci-slurm] $*" >&2; }
die() { echo "[ci-slurm] FAILED: $*" >&2; exit 1; }

[ -f "$CLUSTER/start-slurm.sh" ] && [ -f "$CLUSTER/stop-slurm.sh" ] ||
    die "no start-slurm.sh/stop-slurm.sh in '$CLUSTER' (set ECMFEM_CLUSTER_DIR)"

have_slurmctld() { [ -x /usr/sbin/slurmctld ] || command -v slurmctld >/dev/null 2>&1; }

# ---------------------------------------------------------------- install ----
# Installing is start-slurm.sh's job; we only make sure apt has package lists and decide on SKIPPED.
if ! have_slurmctld; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "SKIPPED: slurmctld is not installed and there is no apt-get to install it"; exit 0
    fi
    if ! apt-cache show slurmctld >/dev/null 2>&1; then
        say "apt has no slurmctld package in its lists: apt-get update"
        apt-get -o DPkg::Lock::Timeout=900 update -qq >&2 || true
    fi
    if ! apt-cache show slurmctld >/dev/null 2>&1; then
        echo "SKIPPED: slurmctld is not installed and apt has no slurmctld package (apt-get update failed or no such package)"; exit 0
    fi
    say "installing slurm-wlm + munge via apt (start-slurm.sh's command)"
    if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q slurm-wlm munge >&2 || ! have_slurmctld; then
        echo "SKIPPED: slurmctld is not installable here (apt-get install slurm-wlm munge failed)"; exit 0
    fi
fi

# ------------------------------------------------------------- the build ----
[ -f dist/src/cli/main.js ] || { say "building (dist/ missing)"; npm run build >&2; }
BIN="$ROOT/bin/ecmfem.js"
NODE="$(command -v node)"
export ECMFEM_NODE="$NODE"   # the job script runs ${ECMFEM_NODE:-node}; the job inherits this environment

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ecmfem-ci-sweep.XXXXXX")"
SWEEP="$WORK/sweep"
started=0
cleanup() {
    local rc=$?
    if [ "$started" = 1 ]; then
        SLURM_CI_PURGE=1 bash "$CLUSTER/stop-slurm.sh" >&2 || say "stop-slurm.sh reported a problem"
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT

# ------------------------------------------------------------ the cluster ----
say "starting SLURM (state in $SLURM_CI_DIR)"
started=1   # stop-slurm.sh only touches daemons whose pid files start-slurm.sh wrote, so this is safe even on failure
bash "$CLUSTER/start-slurm.sh" >/dev/null || die "start-slurm.sh failed; logs in $SLURM_CI_DIR/log"

# ------------------------------------------------------------ the sweep ------
# 2 SSE conductivities × 2 currents; each member is the ~0.5 s series-resistance case.
SIGMAS=("2 mS/cm" "4 mS/cm"); SIGMAS_SI=(0.2 0.4)
CURRENTS=(1e-5 2e-5)
node "$BIN" sweep cases/series-layers.json \
    --set "materials.Li6PS5Cl.conductivity=${SIGMAS[0]},${SIGMAS[1]}" \
    --set "ohmic.boundaryConditions[0].value=${CURRENTS[0]},${CURRENTS[1]}" \
    --out "$SWEEP" --emit-sbatch --cpus-per-task 1 --time 00:05:00 --job-name ecmfem-ci --quiet ||
    die "ecmfem sweep --emit-sbatch failed"
grep -q '^#SBATCH --array=0-3$' "$SWEEP/sweep.sbatch" || die "sweep.sbatch has no 4-task array line"

out="$(sbatch --parsable "$SWEEP/sweep.sbatch")" || die "sbatch rejected the script"
jid="${out%%;*}"
say "submitted array job $jid"

# wait_array from slurm-local.md: returns 1 on a failed task or on timeout
wait_array() {  # wait_array JOBID [TIMEOUT_S]
    local jid=$1 deadline=$(( $(date +%s) + ${2:-600} ))
    while [ -n "$(squeue -h -j "$jid" 2>/dev/null)" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || { scancel "$jid"; echo "timeout after ${2:-600} s" >&2; return 1; }
        sleep 0.5
    done
    local bad; bad=$(squeue -h -t all -j "$jid" -o '%i %T' | grep -v ' COMPLETED$' || true)
    [ -z "$bad" ] || { echo "failed tasks: $bad" >&2; return 1; }
}
t0=$(date +%s)
if ! wait_array "$jid" "$WAIT_S"; then
    for f in "$SWEEP"/logs/*.out; do [ -f "$f" ] && { say "--- $f"; tail -n 20 "$f" >&2; }; done
    die "array job $jid did not complete"
fi
say "array job $jid completed in $(( $(date +%s) - t0 )) s"
for i in 0 1 2 3; do
    [ -f "$SWEEP/logs/${jid}_${i}.out" ] || die "no log file logs/${jid}_${i}.out for task $i"
done

# ------------------------------------------------------------ collect + check -
node "$BIN" collect "$SWEEP" --quiet || die "ecmfem collect reported failed or missing members"
# V = I·R with R = Σ L_i/σ_i / width (series layers: SSE 1 µm, Li21Si5 0.2 µm at 100 S/cm, Si 2 µm at 1 S/cm;
# width 1 µm). P1 is exact for this 1D potential, so 1e-9 relative is round-off headroom.
node - "$SWEEP/collected.csv" "${SIGMAS_SI[*]}" "${CURRENTS[*]}" <<'EOF' || die "collected.csv does not hold the expected potentials"
const fs = require('node:fs');
const [file, sigmasText, currentsText] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
const cols = lines[0].split(',');
const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, k) => [cols[k], v])));
const sigmas = sigmasText.split(' ').map(Number), currents = currentsText.split(' ').map(Number);
if (rows.length !== 4) { console.error(`expected 4 rows, got ${rows.length}`); process.exit(1); }
const width = 1e-6;
let bad = 0;
rows.forEach((r, i) => {
  const sigma = sigmas[Math.floor(i / 2)], I = currents[i % 2];   // first --set varies slowest
  const R = (1e-6 / sigma + 0.2e-6 / 1e4 + 2e-6 / 100) / width;
  const V = Number(r['metrics.ohmic.electrodePotentials.bottom']);
  const rel = Math.abs(V - I * R) / (I * R);
  const ok = r.status === 'ok' && rel < 1e-9;
  console.error(`[ci-slurm] member ${i}: sigma_sse=${sigma} S/m I=${I} A/m V=${V} expected ${I * R} rel.err ${rel.toExponential(2)} ${ok ? 'ok' : 'WRONG'}`);
  if (!ok) bad++;
});
process.exit(bad ? 1 : 0);
EOF
say "OK: 4-member sweep ran as SLURM array job $jid, collected and checked"
