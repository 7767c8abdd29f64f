import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { diskMesh, annulusMesh, type Mesh } from '../../src/mesh/index.js';
function crc32(buf: Buffer) { let c, crc = 0xffffffff; for (let n = 0; n < buf.length; n++) { c = (crc ^ buf[n]!) & 0xff; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; crc = (crc >>> 8) ^ c; } return (crc ^ 0xffffffff) >>> 0; }
function chunk(type: string, data: Buffer) { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td)); return Buffer.concat([len, td, crc]); }
function png(m: Mesh, file: string, R: number) {
  const S = 600; const img = new Uint8Array(S * S).fill(255);
  const P = m.points; const tx = (x: number) => (x / R) * S * 0.48 + S / 2; const ty = (y: number) => S / 2 - (y / R) * S * 0.48;
  const line = (x0: number, y0: number, x1: number, y1: number, v: number) => { const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1; for (let i = 0; i <= n; i++) { const x = Math.round(x0 + (x1 - x0) * i / n), y = Math.round(y0 + (y1 - y0) * i / n); if (x >= 0 && y >= 0 && x < S && y < S) img[y * S + x] = Math.min(img[y * S + x]!, v); } };
  for (let c = 0; c < m.nCells; c++) for (let k = 0; k < 3; k++) { const a = m.cells[c * m.nodesPerCell + k]!, b = m.cells[c * m.nodesPerCell + (k + 1) % 3]!; line(tx(P[2*a]!), ty(P[2*a+1]!), tx(P[2*b]!), ty(P[2*b+1]!), m.cellRegion[c] ? 0 : 120); }
  const raw = Buffer.alloc((S + 1) * S); for (let y = 0; y < S; y++) { raw[y * (S + 1)] = 0; for (let x = 0; x < S; x++) raw[y * (S + 1) + 1 + x] = img[y * S + x]!; }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 0; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  writeFileSync(file, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}
it('scratch', () => {
  png(diskMesh({ radius: 1, h: 0.08, sector: 'full', shells: [{name:'shell', innerRadius: 0.6}] }), '/tmp/meshplay/disk.png', 1);
  png(diskMesh({ radius: 1, h: 0.08, sector: 'half', shells: [{name:'shell', innerRadius: 0.6}], arcs: [{name:'pole', fromDeg: 60, toDeg: 90}] }), '/tmp/meshplay/half.png', 1);
  png(annulusMesh({ innerRadius: 0.3, outerRadius: 1, h: 0.1, sector: 'quarter' }), '/tmp/meshplay/ann.png', 1);
});
