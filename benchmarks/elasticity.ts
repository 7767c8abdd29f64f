/**
 * Elasticity benchmark on the peers' anchor problem (see src/bench/elasticityBench.ts).
 * Usage: node dist/benchmarks/elasticity.js [N …]   (default 256 512); one JSON line per N.
 * Peers (DOLFINx, 1 rank, BoomerAMG): N=256 assembly 0.154 s, solve 0.626 s; N=512 assembly 0.669 s, solve 3.153 s.
 */
import { runElasticityBench } from '../src/bench/elasticityBench.js';

const sizes = process.argv.slice(2).map(Number).filter((v) => Number.isInteger(v) && v > 0);
for (const n of sizes.length > 0 ? sizes : [256, 512]) console.log(JSON.stringify(runElasticityBench(n)));
