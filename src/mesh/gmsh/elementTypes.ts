/**
 * Gmsh element types (numbers from the MSH format documentation): nodes per element, dimension and a name
 * for messages. The reader accepts 1 (2-node line), 8 (3-node line), 2 (3-node triangle), 9 (6-node triangle)
 * and ignores 15 (point); every other known type is rejected with its name.
 */
export interface GmshElementType {
  readonly nodes: number;
  readonly dim: number;
  readonly name: string;
}

export const GMSH_ELEMENT_TYPES: ReadonlyMap<number, GmshElementType> = new Map<number, GmshElementType>([
  [1, { nodes: 2, dim: 1, name: '2-node line' }],
  [2, { nodes: 3, dim: 2, name: '3-node triangle' }],
  [3, { nodes: 4, dim: 2, name: '4-node quadrangle' }],
  [4, { nodes: 4, dim: 3, name: '4-node tetrahedron' }],
  [5, { nodes: 8, dim: 3, name: '8-node hexahedron' }],
  [6, { nodes: 6, dim: 3, name: '6-node prism' }],
  [7, { nodes: 5, dim: 3, name: '5-node pyramid' }],
  [8, { nodes: 3, dim: 1, name: '3-node line' }],
  [9, { nodes: 6, dim: 2, name: '6-node triangle' }],
  [10, { nodes: 9, dim: 2, name: '9-node quadrangle' }],
  [11, { nodes: 10, dim: 3, name: '10-node tetrahedron' }],
  [12, { nodes: 27, dim: 3, name: '27-node hexahedron' }],
  [13, { nodes: 18, dim: 3, name: '18-node prism' }],
  [14, { nodes: 14, dim: 3, name: '14-node pyramid' }],
  [15, { nodes: 1, dim: 0, name: '1-node point' }],
  [16, { nodes: 8, dim: 2, name: '8-node quadrangle' }],
  [17, { nodes: 20, dim: 3, name: '20-node hexahedron' }],
  [18, { nodes: 15, dim: 3, name: '15-node prism' }],
  [19, { nodes: 13, dim: 3, name: '13-node pyramid' }],
  [20, { nodes: 9, dim: 2, name: '9-node incomplete cubic triangle' }],
  [21, { nodes: 10, dim: 2, name: '10-node cubic triangle' }],
  [22, { nodes: 12, dim: 2, name: '12-node incomplete quartic triangle' }],
  [23, { nodes: 15, dim: 2, name: '15-node quartic triangle' }],
  [24, { nodes: 15, dim: 2, name: '15-node incomplete quintic triangle' }],
  [25, { nodes: 21, dim: 2, name: '21-node quintic triangle' }],
  [26, { nodes: 4, dim: 1, name: '4-node cubic line' }],
  [27, { nodes: 5, dim: 1, name: '5-node quartic line' }],
  [28, { nodes: 6, dim: 1, name: '6-node quintic line' }],
  [29, { nodes: 20, dim: 3, name: '20-node tetrahedron' }],
  [30, { nodes: 35, dim: 3, name: '35-node tetrahedron' }],
  [31, { nodes: 56, dim: 3, name: '56-node tetrahedron' }],
]);

/** Why an element type cannot be read (null if it can). */
export function unsupportedElementType(type: number): string | null {
  if (type === 1 || type === 2 || type === 8 || type === 9 || type === 15) return null;
  const t = GMSH_ELEMENT_TYPES.get(type);
  if (!t) return `unknown element type ${type}`;
  if (t.dim === 3) return `element type ${type} (${t.name}) is a 3D element: ecmfem reads 2D triangle meshes only`;
  if (t.dim === 2) return `element type ${type} (${t.name}) is not supported: ecmfem meshes are 3- or 6-node triangles (in Gmsh: no recombination, Mesh.ElementOrder 1 or 2)`;
  return `element type ${type} (${t.name}) is not supported: boundary lines must have 2 or 3 nodes`;
}
