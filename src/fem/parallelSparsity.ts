import type { CsrMatrix } from '../linalg/csr.js';
import type { WorkerPool } from '../parallel/pool.js';
import type { SharedTypedArray } from '../parallel/kernelTypes.js';
import { ensureShared } from '../parallel/sharedArrays.js';
import type { DofConstraints } from './constraints.js';
import type { FunctionSpace } from './functionSpace.js';
import { PATTERN_ARG } from './parallelPatternKernels.js';
import type { AssemblyPattern } from './sparsity.js';

/**
 * {@link buildAssemblyPattern} on a worker pool (created with `parallelAssemblyModule()`): the same pattern, array
 * for array, for any thread count. Cell data are filled per cell chunk; rows are split into one contiguous range
 * per thread, each thread building the incidence lists, distinct sorted columns and cell slots of its rows.
 * Two serial prefix sums (over nDofs) remain. Arrays live on SharedArrayBuffers when the pool has workers.
 * Temporary memory: the incidence list [nCells·nLoc] and one nDofs marker per thread. `cellSlots: false` skips the
 * nCells·nLoc² slot map (72 MB for P1 at 2 M cells): assemblers then search rows (scatterCellByLookup).
 */
export function buildAssemblyPatternOnPool(
  pool: WorkerPool, space: FunctionSpace, constraints: DofConstraints, opts: { cellSlots?: boolean } = {},
): AssemblyPattern {
  const withSlots = opts.cellSlots !== false;
  const nDofs = space.nDofs;
  if (constraints.nDofs !== nDofs) throw new Error(`buildAssemblyPattern: constraints have ${constraints.nDofs} dofs, space has ${nDofs}`);
  const sab = pool.needsSharedMemory;
  const i32 = (n: number): Int32Array => (sab ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n));
  const nCells = space.mesh.nCells;
  const nc = space.components;
  const npc = space.dofMap.nodesPerCell;
  const nLoc = npc * nc;
  const { kind, master } = constraints;

  const cellRows = i32(nCells * nLoc);
  const cellConstrained = sab ? new Uint8Array(new SharedArrayBuffer(nCells)) : new Uint8Array(nCells);
  const cellSlots = i32(withSlots ? nCells * nLoc * nLoc : 0);
  const incPtr = i32(nDofs + 1);
  const inc = i32(nCells * nLoc);
  const rowPtr = i32(nDofs + 1);
  const diagSlot = i32(nDofs);
  // Inputs copied to shared memory only when workers need them (kind/master change later: copies, not views).
  const temps: SharedTypedArray[] = [];
  const input = <T extends SharedTypedArray>(x: T): T => { const s = sab ? ensureShared(x) : x; if (s !== x) temps.push(s); return s; };
  const cellNodes = input(space.dofMap.cellNodes), kindIn = input(kind), masterIn = input(master);
  // A scalar field's cell dofs are its cell nodes (dof = node·1 + 0): share that array instead of writing a copy
  // (24 MB of fresh pages at 2 M cells, which cost page faults on every thread count).
  const aliasDofs = nc === 1 && npc === nLoc;
  const cellDofs = aliasDofs ? cellNodes : i32(nCells * nLoc);

  const args = new Float64Array(PATTERN_ARG.count).fill(-1);
  const registered: SharedTypedArray[] = [];
  const id = (x: SharedTypedArray): number => { registered.push(x); return pool.idOf(x); };
  const P = PATTERN_ARG;
  args[P.cellNodes] = id(cellNodes); args[P.kind] = id(kindIn); args[P.master] = id(masterIn);
  args[P.cellDofs] = aliasDofs ? -1 : id(cellDofs); args[P.cellRows] = id(cellRows); args[P.cellConstrained] = id(cellConstrained);
  args[P.cellSlots] = withSlots ? id(cellSlots) : -1; args[P.withSlots] = withSlots ? 1 : 0; args[P.incPtr] = id(incPtr); args[P.inc] = id(inc); args[P.rowPtr] = id(rowPtr);
  args[P.diagSlot] = id(diagSlot);
  args[P.npc] = npc; args[P.nc] = nc; args[P.nCells] = nCells; args[P.nDofs] = nDofs;
  let colIdx: Int32Array;
  try {
    pool.run('patternCount', args);
    colIdx = i32(rowPtr[nDofs]!);
    args[P.colIdx] = id(colIdx);
    pool.run('patternFill', args);
  } finally {
    // The pattern's own arrays stay usable; the pool forgets them (the assembler registers what it needs).
    for (const x of registered) pool.release(x);
  }
  const values = sab ? new Float64Array(new SharedArrayBuffer(8 * colIdx.length)) : new Float64Array(colIdx.length);
  const A: CsrMatrix = { n: nDofs, rowPtr, colIdx, values };
  return {
    A, cellSlots, space, constraints, nLoc, cellDofs, cellRows, cellConstrained, diagSlot,
    builtKind: kind.slice(), builtMaster: master.slice(),
  };
}
