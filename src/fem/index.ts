/** Public API of the finite-element core (see notes/fem-spec.md). */
export { triangleRule, lineRule, type QuadratureRule, type LineRule } from './quadrature.js';
export { P1, P2, lagrangeElement, type ReferenceElement } from './referenceElement.js';
export { buildDofMap, type DofMap } from './dofMap.js';
export { createSpace, interpolate, cellDofs, type FunctionSpace } from './functionSpace.js';
export { createCellValues, type CellValues, type ValuesOptions } from './cellValues.js';
export { createFacetValues, type FacetValues } from './facetValues.js';
export {
  createConstraints, boundaryNodes, addDirichlet, addDirichletDofs, addPeriodic, addEquality, updateDirichletValues,
  expandSolution, FREE, DIRICHLET, SLAVE, type DofConstraints,
} from './constraints.js';
export { buildAssemblyPattern, assertPatternCurrent, type AssemblyPattern } from './sparsity.js';
export { buildAssemblyPatternOnPool } from './parallelSparsity.js';
export {
  assembleSystem, assembleVector, assembleFacetVector, cellResidual,
  type CellKernel, type VectorKernel, type FacetKernel, type AssembleOptions,
} from './assemble.js';
export { integrate, evaluateAtQuad, gradientAtQuad, errorNorms } from './functionals.js';
