/**
 * The contract of a reproduction: one published result re-run by the model and put beside the paper's
 * numbers. `ecmfem reproduce <id> --out DIR` writes DIR/<id>/results.json with these fields, plus figures.
 */
export interface Check {
  /** What is compared, e.g. 'peak stress, contact-spot particle'. */
  readonly quantity: string;
  /** The paper's value or statement (number, range text or qualitative claim). */
  readonly paper: string;
  /** The model's value (SI or the unit stated in `quantity`). */
  readonly model: number | string;
  /** The acceptance rule in words, e.g. '20–40 GPa' or 'ratio ≥ 1.2'. */
  readonly acceptance: string;
  readonly pass: boolean;
}

export interface Figure {
  /** File name inside DIR/<id>/ (PNG). */
  readonly file: string;
  readonly caption: string;
}

export interface ReproductionResult {
  readonly id: string;
  readonly title: string;
  /** Seed paper and figure, e.g. 'seed 004, Fig. 2i,j'. */
  readonly source: string;
  /** Flat metrics object: the keys the issue names (numbers or arrays of numbers), SI unless the key says. */
  readonly metrics: Record<string, number | number[] | string>;
  /** Assumptions: strain measure, blending, ρ reading, BCs, material values actually used. */
  readonly assumptions: Record<string, unknown>;
  readonly checks: readonly Check[];
  readonly figures: readonly Figure[];
  /** Plain statement: does the model reproduce the paper, under which assumptions, and where not (and by how much). */
  readonly verdict: string;
  /** Optional sensitivity table rows (e.g. strain measure × blending × lateral BC). */
  readonly sensitivity?: readonly Record<string, number | string>[];
  readonly wallSeconds: number;
}

export interface ReproductionOptions {
  /** Directory DIR/<id> (created by the caller's output stage) to write figures into. */
  readonly outDir: string;
  /** Coarse meshes and short runs for the test suite. */
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

export interface Reproduction {
  readonly id: string;
  readonly title: string;
  run(opts: ReproductionOptions): ReproductionResult;
}
