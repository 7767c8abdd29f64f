/**
 * Stress recovery on a worker pool: the pool versions of `cellAverages` and `recoverRegionNodal`
 * (stressRecovery.ts), bitwise identical to them for any thread count (same per-cell functions,
 * stressRecoveryCell.ts; no reductions).
 *
 * Material values cross to the workers as arrays: the per-cell arrays when the problem has no `materialAtQuad`
 * hook, else a table [nCells × nPoints] of E, ν, β filled on the calling thread (the hook is a closure and stays
 * here; that fill is serial). Static arrays (mesh points and cells, dof map) are copied to shared memory once per
 * array object when the pool has workers and are assumed not to change afterwards; every call registers what it
 * uses and unregisters it before returning, so time loops do not grow the pool's table.
 */
import { compiledUrl } from '../parallel/compiledUrl.js';
import type { SharedTypedArray } from '../parallel/kernelTypes.js';
import type { KernelModule, WorkerPool } from '../parallel/pool.js';
import { isShared } from '../parallel/protocol.js';
import { toShared } from '../parallel/sharedArrays.js';
import type { ElasticityProblem } from './elasticity.js';
import { gatherRegionNodal, nodalCellValues, type RegionNodalField } from './stressRecovery.js';
import { FORMULATIONS, packedLength, type RecoveryTabulation } from './stressRecoveryCell.js';
import {
  fillMaterialTable, nodalPointRule, onAxisTolerance, problemRule, recoveryTabulation, type RecoveryMaterial,
} from './stressRecoveryData.js';
import { RECOVERY_ARG, kernelModuleUrl, kernels } from './stressRecoveryKernels.js';

/** The kernel module to pass in `createWorkerPool(n, { kernelModules: [stressRecoveryModule()] })`. */
export function stressRecoveryModule(): KernelModule {
  return { url: compiledUrl(kernelModuleUrl), kernels };
}

/** Shared copies of static arrays, by source array (dropped with it). */
const staticCopies = new WeakMap<SharedTypedArray, SharedTypedArray>();
/** Reused per-problem buffers: shared tabulations and material/displacement scratch. */
const scratchOf = new WeakMap<ElasticityProblem, Map<string, Float64Array>>();
let registrationSeq = 0;

function alloc(pool: WorkerPool, n: number): Float64Array {
  return pool.needsSharedMemory ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
}

/** A reusable buffer of exactly `n` doubles for (problem, key), on shared memory when the pool needs it. */
function scratch(pool: WorkerPool, p: ElasticityProblem, key: string, n: number): Float64Array {
  let m = scratchOf.get(p);
  if (!m) { m = new Map(); scratchOf.set(p, m); }
  let a = m.get(key);
  if (!a || a.length !== n || (pool.needsSharedMemory && !isShared(a))) { a = alloc(pool, n); m.set(key, a); }
  return a;
}

/** `a` itself when the pool can read it, else its (cached) shared copy: for arrays that do not change. */
function staticShared<T extends SharedTypedArray>(pool: WorkerPool, a: T): T {
  if (!pool.needsSharedMemory || isShared(a)) return a;
  let s = staticCopies.get(a) as T | undefined;
  if (!s) { s = toShared(a); staticCopies.set(a, s); }
  return s;
}

/** `a` itself when the pool can read it, else copied into the (problem, key) scratch: for arrays that change. */
function dynamicShared(pool: WorkerPool, p: ElasticityProblem, key: string, a: Float64Array): Float64Array {
  if (!pool.needsSharedMemory || isShared(a)) return a;
  const s = scratch(pool, p, key, a.length);
  s.set(a);
  return s;
}

/**
 * Registers arrays for one call and unregisters on `release` only those this call registered: an array some other
 * user already registered (e.g. a shared mesh array of a parallel assembler) keeps its registration.
 */
class CallRegistrations {
  private readonly mine: number[] = [];
  constructor(private readonly pool: WorkerPool) {}
  id(a: SharedTypedArray): number {
    const name = `stressRecovery:${registrationSeq++}`;
    const id = this.pool.share(name, a);
    if (this.pool.idByNameOf(name) === id) this.mine.push(id);
    return id;
  }
  release(): void {
    for (const id of this.mine) this.pool.release(id);
    this.mine.length = 0;
  }
}

/** The tabulation of `rule` for `p`, cached per problem on memory the pool can read. */
function sharedTabulation(pool: WorkerPool, p: ElasticityProblem, key: string, which: 'quadrature' | 'nodes'): RecoveryTabulation {
  const rule = which === 'quadrature' ? problemRule(p) : nodalPointRule(p.mesh);
  const out = scratch(pool, p, key, packedLength(rule.nPoints, p.mesh.nodesPerCell, p.space.element.nBasis));
  return recoveryTabulation(p, rule, out);
}

/** Material for the workers: per-cell arrays, or (with `materialAtQuad`) a table at the tabulation's points. */
function sharedMaterial(pool: WorkerPool, p: ElasticityProblem, which: 'quadrature' | 'nodes', nq: number): RecoveryMaterial {
  if (p.materialAtQuad === undefined) {
    return {
      E: dynamicShared(pool, p, 'E', p.cellYoungs), nu: dynamicShared(pool, p, 'nu', p.cellPoisson),
      beta: dynamicShared(pool, p, 'beta', p.cellEigenstrain), matCellStride: 1, matQuadStride: 0,
    };
  }
  const n = p.mesh.nCells * nq;
  const E = scratch(pool, p, `E:${which}`, n), nu = scratch(pool, p, `nu:${which}`, n), beta = scratch(pool, p, `beta:${which}`, n);
  fillMaterialTable(p, which === 'quadrature' ? p.cv : nodalCellValues(p), E, nu, beta);
  return { E, nu, beta, matCellStride: nq, matQuadStride: 1 };
}

/** Fills the common argument slots and registers their arrays. */
function commonArgs(pool: WorkerPool, reg: CallRegistrations, p: ElasticityProblem, u: Float64Array, tab: RecoveryTabulation, m: RecoveryMaterial): Float64Array {
  if (u.length !== p.space.nDofs) throw new Error(`stress recovery: u has length ${u.length}, expected nDofs = ${p.space.nDofs}`);
  const R = RECOVERY_ARG;
  const args = new Float64Array(R.count);
  args[R.points] = reg.id(staticShared(pool, p.mesh.points));
  args[R.cells] = reg.id(staticShared(pool, p.mesh.cells));
  args[R.cellNodes] = reg.id(staticShared(pool, p.space.dofMap.cellNodes));
  args[R.u] = reg.id(dynamicShared(pool, p, 'u', u));
  args[R.tab] = reg.id(tab.packed);
  args[R.nq] = tab.nq; args[R.ng] = tab.ng; args[R.nb] = tab.nb;
  args[R.E] = reg.id(m.E); args[R.nu] = reg.id(m.nu); args[R.beta] = reg.id(m.beta);
  args[R.matCellStride] = m.matCellStride; args[R.matQuadStride] = m.matQuadStride;
  args[R.formulation] = FORMULATIONS.indexOf(p.formulation);
  args[R.axialStrain] = p.axialStrain;
  args[R.rTiny] = onAxisTolerance(p.mesh);
  args[R.nCells] = p.mesh.nCells;
  return args;
}

function run(pool: WorkerPool, name: string, args: Float64Array): void {
  if (!pool.hasKernel(name)) {
    throw new Error(`stress recovery on a pool: kernel '${name}' is not registered; create the pool with createWorkerPool(n, { kernelModules: [stressRecoveryModule()] })`);
  }
  pool.run(name, args);
}

/**
 * {@link cellAverages} on `pool` (created with {@link stressRecoveryModule}): strain and stress averages
 * [nCells × 4] (Pa for stress), bitwise equal to the serial ones for any thread count. With more than one thread the
 * returned arrays live on SharedArrayBuffers. Throws if the pool lacks the module.
 */
export function cellAveragesOnPool(pool: WorkerPool, p: ElasticityProblem, u: Float64Array): { strain: Float64Array; stress: Float64Array } {
  const nc = p.mesh.nCells;
  const reg = new CallRegistrations(pool);
  try {
    const tab = sharedTabulation(pool, p, 'tab:quadrature', 'quadrature');
    const m = sharedMaterial(pool, p, 'quadrature', tab.nq);
    const args = commonArgs(pool, reg, p, u, tab, m);
    const strain = alloc(pool, 4 * nc), stress = alloc(pool, 4 * nc);
    args[RECOVERY_ARG.strain] = reg.id(strain); args[RECOVERY_ARG.stress] = reg.id(stress);
    run(pool, 'stressCellAverages', args);
    return { strain, stress };
  } finally {
    reg.release();
  }
}

/**
 * {@link recoverRegionNodal} with the per-cell evaluation (values at the cell's mesh nodes and the cell measure) on
 * `pool`; the region gathering runs on the calling thread. Bitwise equal to the serial result. Holds the per-cell
 * nodal values [nCells × nodesPerCell × 4] twice (strain and stress) during the call.
 */
export function recoverRegionNodalOnPool(pool: WorkerPool, p: ElasticityProblem, u: Float64Array): RegionNodalField[] {
  const nc = p.mesh.nCells, R = RECOVERY_ARG;
  const reg = new CallRegistrations(pool);
  let strain: Float64Array, stress: Float64Array, measure: Float64Array, stride: number;
  try {
    const tab = sharedTabulation(pool, p, 'tab:nodes', 'nodes');
    const mtab = sharedTabulation(pool, p, 'tab:quadrature', 'quadrature');
    const m = sharedMaterial(pool, p, 'nodes', tab.nq);
    const args = commonArgs(pool, reg, p, u, tab, m);
    stride = 4 * tab.nq;
    strain = alloc(pool, stride * nc); stress = alloc(pool, stride * nc); measure = alloc(pool, nc);
    args[R.strain] = reg.id(strain); args[R.stress] = reg.id(stress);
    args[R.measureTab] = reg.id(mtab.packed); args[R.measureNq] = mtab.nq; args[R.measure] = reg.id(measure);
    run(pool, 'stressCellNodal', args);
  } finally {
    reg.release();
  }
  return gatherRegionNodal(p.mesh, measure, (c, eq, sq) => {
    const o = c * stride;
    for (let k = 0; k < stride; k++) { eq[k] = strain[o + k]!; sq[k] = stress[o + k]!; }
  });
}
