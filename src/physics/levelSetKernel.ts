/**
 * Element kernel of one linearised level-set solve (one Picard iterate of one BDF step).
 *
 * Weak form (conservative; v a test function, dΩ with 2πr when axisymmetric):
 *   ∫ (a0 φ + h) v − ∫ φ u·∇v + ∫_Γout φ u·n v + γε ∫ ∇φ·∇v − γ ∫ φ(1−φ) n̂·∇v
 *     + Σ_K ∫_K τ (u·∇v) (a0 φ + h + u·∇φ) = 0
 * with the BDF coefficients folded in: ∂φ/∂t ≈ a0 φ^{n+1} + h, h = a1 φⁿ + a2 φⁿ⁻¹ (a_i include 1/Δt).
 *
 * Interface normal: n̂ = ∇φᵏ/(|∇φᵏ| + δ), constant per P1 cell, δ = 1e-4/ε by default. Per cell the compression
 * flux is then collinear with the diffusive flux ε∇φ, so at the discrete 1D equilibrium (per-cell balance
 * ε|∇φ_K| = mean φ(1−φ)) wrinkles of the level lines are neutral, as in the continuous equation (which has no
 * tangential restoring force). δ makes the far tails (φ(1−φ) ≲ 1e-4) purely diffusive: there ∇φ is round-off
 * sized and its direction is noise. Tried and rejected: n̂ from ψ = ε ln(φ/(1−φ)) (|∇ψ| ≈ 1 in the tails) — the
 * P1 mismatch between φ(1−φ)∇ψ and ε∇φ made the tails anti-diffusive and wrinkles grew ~1.8× per step; δ = 1e-6/ε
 * let round-off wrinkles grow to 1e-5 and stalled Picard at ~5e-5.
 * Compression term: n̂ is lagged at the latest iterate φᵏ and φ(1−φ) is linearised about φᵏ,
 * φ(1−φ) ≈ (1−2φᵏ) φ + (φᵏ)²: the matrix gets −γ(1−2φᵏ) φ n̂·∇v (a compressive "velocity" γ(1−2φᵏ)n̂ pointing
 * at the interface from both sides), the right-hand side +γ (φᵏ)² n̂·∇v. At a Picard fixed point the full
 * nonlinear term is recovered. Every term except the mass and SUPG parts is a flux dotted with ∇v, and the SUPG
 * test function u·∇v vanishes for v = 1: summing all rows gives d/dt ∫φ = −∫_Γout φ u·n exactly (conservation).
 *
 * SUPG: τ = ((2/Δt)² + (2|u|/h_u)² + (4γε/h_u²)²)^(−1/2), h_u = 2|u|/Σ_a |u·∇N_a| / p (streamline length per
 * degree). The strong residual keeps the time derivative and u·∇φ and drops γ∇·(…): for P1 the ε∇²φ part is zero
 * inside a cell, and keeping only the compression part would make the residual inconsistent for the exact
 * equilibrium profile (whose transport residual φ_t + u·∇φ is exactly zero).
 */
import type { CellKernel } from '../fem/assemble.js';
import type { LevelSetProblem } from './levelSetProblem.js';

/** Inputs of one linear solve; arrays [nDofs] except the problem's velocity scratch. */
export interface LevelSetKernelInputs {
  /** Latest iterate φᵏ (for n̂ and the linearisation). */
  phiK: Float64Array;
  /** History h = a1 φⁿ + a2 φⁿ⁻¹ (1/s), nodal. */
  history: Float64Array;
  /** a0 (1/s). */
  a0: number;
  /** Step size Δt (s), for τ. */
  dt: number;
  /** γ (m/s). */
  gamma: number;
}

/** The cell kernel for `p` reading `inp` at call time (inputs may change between assemblies). */
export function levelSetKernel(p: LevelSetProblem, inp: LevelSetKernelInputs): CellKernel {
  const nq = p.cv.nQuad;
  const nb = p.cv.nBasis;
  const nfq = p.fv.nQuad;
  const { cellNodes, nodesPerCell: npc } = p.space.dofMap;
  const eps = p.epsilon;
  const delta = p.normalRegularization;
  const degree = p.space.element.degree;
  const fv = p.fv;
  const uDotGrad = new Float64Array(nb);
  const phiLoc = new Float64Array(nb);
  const histLoc = new Float64Array(nb);
  return (cv, cell, Ke, fe) => {
    const { a0, dt, gamma } = inp;
    const gEps = gamma * eps;
    for (let a = 0; a < nb; a++) {
      const n = cellNodes[cell * npc + a]!;
      phiLoc[a] = inp.phiK[n]!;
      histLoc[a] = inp.history[n]!;
    }
    const uo = cell * nq * 2;
    for (let q = 0; q < nq; q++) {
      const w = cv.dx[q]!;
      const Nq = q * nb;
      const G = 2 * q * nb;
      let phi = 0, gx = 0, gy = 0, hist = 0;
      for (let a = 0; a < nb; a++) {
        const N = cv.N[Nq + a]!;
        phi += N * phiLoc[a]!;
        hist += N * histLoc[a]!;
        gx += cv.dNdx[G + 2 * a]! * phiLoc[a]!;
        gy += cv.dNdx[G + 2 * a + 1]! * phiLoc[a]!;
      }
      const gn = Math.hypot(gx, gy) + delta;
      const nx = gx / gn, ny = gy / gn;
      const ux = p.uq[uo + 2 * q]!, uy = p.uq[uo + 2 * q + 1]!;
      const speed = Math.hypot(ux, uy);
      let sumAbs = 0;
      for (let a = 0; a < nb; a++) {
        const v = ux * cv.dNdx[G + 2 * a]! + uy * cv.dNdx[G + 2 * a + 1]!;
        uDotGrad[a] = v;
        sumAbs += Math.abs(v);
      }
      let tau = 0;
      if (p.supg && speed > 0 && sumAbs > 0) {
        const h = (2 * speed) / sumAbs / degree;
        const t1 = 2 / dt, t2 = (2 * speed) / h, t3 = (4 * gEps) / (h * h);
        tau = 1 / Math.sqrt(t1 * t1 + t2 * t2 + t3 * t3);
      }
      const cComp = gamma * (1 - 2 * phi); // coefficient of φ in the linearised compression flux
      const rhsComp = gamma * phi * phi;
      for (let i = 0; i < nb; i++) {
        const Ni = cv.N[Nq + i]!;
        const gix = cv.dNdx[G + 2 * i]!, giy = cv.dNdx[G + 2 * i + 1]!;
        const ugi = uDotGrad[i]!;
        const nGi = nx * gix + ny * giy;
        const supg = tau * ugi;
        const row = i * nb;
        for (let j = 0; j < nb; j++) {
          const Nj = cv.N[Nq + j]!;
          const gjx = cv.dNdx[G + 2 * j]!, gjy = cv.dNdx[G + 2 * j + 1]!;
          Ke[row + j] += w * (
            a0 * Ni * Nj - Nj * ugi + gEps * (gix * gjx + giy * gjy) - cComp * Nj * nGi
            + supg * (a0 * Nj + uDotGrad[j]!)
          );
        }
        fe[i] += w * (-hist * Ni + rhsComp * nGi - supg * hist);
      }
    }
    // Outflow facets of this cell: + ∫ (u·n) φ v dΓ, implicit.
    for (let f = p.outflowStart[cell]!; f < p.outflowStart[cell + 1]!; f++) {
      fv.reinit(cell, p.outflowFacets[f]!);
      for (let q = 0; q < nfq; q++) {
        const w = p.un[f * nfq + q]! * fv.ds[q]!;
        for (let i = 0; i < nb; i++) {
          const wi = w * fv.N[q * nb + i]!;
          for (let j = 0; j < nb; j++) Ke[i * nb + j] += wi * fv.N[q * nb + j]!;
        }
      }
    }
  };
}
