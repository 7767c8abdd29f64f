import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMphtxt } from '../../src/mesh/comsol/readMphtxt.js';
import { MeshFormatError } from '../../src/mesh/gmsh/meshFormatError.js';
import { readGmsh } from '../../src/mesh/gmsh/readGmsh.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'malformed');

/** What each message must say (the problem, and where when the reader knows it). */
const EXPECTED: Record<string, RegExp> = {
  'empty.msh': /not a Gmsh \.msh file.*empty file/,
  'not-a-mesh.msh': /not a Gmsh \.msh file: expected \$MeshFormat, found 'hello world'/,
  'version-30.msh': /unsupported MSH version '3\.0'/,
  'version-40.msh': /unsupported MSH version '4'/,
  'msh22-binary.msh': /MSH 2\.x binary files are not supported/,
  'truncated-nodes.msh': /\$Nodes, line \d+: .*truncated file/,
  'truncated-elements.msh': /\$Elements, line \d+: truncated file/,
  'missing-end-nodes.msh': /\$Nodes, line \d+: expected \$EndNodes .*found '\$Elements'/,
  'wrong-node-count.msh': /\$Nodes, line \d+: header declares 7 nodes but the blocks hold 6/,
  'wrong-element-count.msh': /\$Elements, line \d+: header declares 13 elements but the blocks hold 12/,
  'too-few-elements-in-block.msh': /\$Elements, line \d+: expected an integer \(element number\), found '\$EndElements'/,
  'unknown-element-type.msh': /\$Elements, line 33: element 9: unknown element type 99/,
  'quad-element.msh': /element type 3 \(4-node quadrangle\) is not supported/,
  'tet-element.msh': /element type 4 \(4-node tetrahedron\) is a 3D element/,
  'missing-node.msh': /element 12 refers to node 99, which \$Nodes does not define/,
  'nonzero-z.msh': /node 6 has z = 0\.25/,
  'degenerate-cell.msh': /not valid: .*degenerate cells/,
  'bad-number.msh': /\$Nodes, line 18: expected a number \(y\), found 'abc'/,
  'duplicate-node-tag.msh': /node tag 4 is defined twice/,
  'huge-count.msh': /wrong count or truncated file: 1000000000000000 nodes/,
  'line-not-edge.msh': /line element 8 of boundary 'interface' is not an edge of any triangle/,
  'mixed-tri3-tri6.msh': /element 12: the file mixes 3-node and 6-node triangles/,
  'bad-physical-name.msh': /\$PhysicalNames, line 12: bad physical name line '2 1 left'/,
  'elements-before-nodes.msh': /\$Elements comes before \$Nodes/,
  'two-physical-surfaces.msh': /triangle 11 belongs to physical surfaces 1 and 2/,
  'folded-tri6.msh': /not valid: .*Jacobian ≤ 0/,
  'stray-text.msh': /expected a section header such as \$Nodes, found 'garbage line'/,
  'binary-garbage.msh': /\$Nodes, byte \d+: (binary garbage|wrong count|bad node block|header declares)/,
  'binary-bad-check-int.msh': /binary check int is 7, expected 1/,
  'binary-truncated.msh': /\$Nodes, byte \d+: (truncated binary data|wrong count or truncated file)/,
  'mphtxt-truncated.mphtxt': /element type #2 'tri', line \d+: truncated file/,
  'mphtxt-quad.mphtxt': /element type 'quad': quadrilateral elements are not supported/,
  'mphtxt-index-out-of-range.mphtxt': /line 91: element 2 refers to vertex 9, outside \[0, 6\)/,
  'mphtxt-sdim3.mphtxt': /space dimension 3: ecmfem reads 2D meshes/,
  'mphtxt-wrong-entity-count.mphtxt': /4 elements but 3 geometric entity indices/,
  'mphtxt-not-comsol.mphtxt': /line 1: expected an integer \(major file version\), found 'x'/,
  'mphtxt-geometry-object.mphtxt': /the first object is a 'Geom2', not a Mesh/,
};

describe('malformed mesh files', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.msh') || f.endsWith('.mphtxt')).sort();

  it('the corpus holds at least 20 files, each with an expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const file of Object.keys(EXPECTED)) {
    it(`${file} throws MeshFormatError naming the problem, in < 1 s`, () => {
      const bytes = readFileSync(join(DIR, file));
      const t0 = performance.now();
      let err: unknown;
      try {
        if (file.endsWith('.msh')) readGmsh(bytes);
        else readMphtxt(bytes.toString('utf8'));
      } catch (e) {
        err = e;
      }
      const ms = performance.now() - t0;
      expect(err, 'expected an error').toBeInstanceOf(MeshFormatError);
      expect((err as Error).message).toMatch(EXPECTED[file]!);
      expect((err as Error).message).toMatch(file.endsWith('.msh') ? /^gmsh: / : /^mphtxt: /);
      expect(ms).toBeLessThan(1000);
    });
  }
});
