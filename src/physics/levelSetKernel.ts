/**
 * Element kernel of one linearised level-set solve (one Newton iterate of one BDF step).
 *
 * Weak form (conservative; v a test function, dΩ with 2πr when axisymmetric):
 *   ∫ (a0 φ + h) v − ∫ φ u·∇v + ∫_Γout φ u·n v + γε ∫ (D∇φ)·∇v − γ ∫ φ(1−φ) n̂·∇v
 *     + Σ_K ∫_K τ (u·∇v) (a0 φ + h + u·∇φ) = 0
 * with the BDF coefficients folded in: ∂φ/∂t ≈ a0 φ^{n+1} + h, h = a1 φⁿ + a2 φⁿ⁻¹ (a_i include 1/Δt).
 * D = I ('isotropic', default: COMSOL's ε∇²φ, the spec's PDE) or D = n̂n̂ᵀ + (1 − |n̂|²) I ('normal':
 * Olsson–Kreiss–Zahedi 2007, diffusion only across the interface; the isotropic part returns in the far tails,
 * where |n̂| → 0).
 *
 * Interface normal n̂ = g/(|g| + δ), δ = 1e-4/ε by default (δ makes the far tails, φ(1−φ) ≲ 1e-4, purely
 * diffusive: there ∇φ is round-off sized and its direction is noise). g = ∇φ* of the step's predictor φ*
 * (levelSetAdvance.ts), frozen over the iterations; on P1 g is the continuous lumped-projected nodal gradient
 * (levelSetNormal.ts) interpolated at the quadrature point, on P2 the pointwise gradient.
 * Why (issue 4, Zalesak 64×64 quarter turn, change of the 0.5-contour area): the former n̂ = per-cell ∇φᵏ of the
 * latest Picard iterate gave −3.3 %, its Picard iteration never converged (iterate change up to 1e-2) and the
 * disk's slot turned into cell-scale noise. Freezing n̂ alone makes the iteration Newton's method on the
 * quadratic φ(1−φ) (the second iterate already changes by ~1e-8: 3 solves per step with the 1e-6 test instead of
 * 5 unconverged ones) but left the noise (−3.5 %): the per-cell P1 gradient direction wobbles by tens of
 * degrees across a 1–3-cell interface and the compression flux then pushes material tangentially. The
 * projected gradient removed it (+1.6 %, smooth in time); the remaining gain is the tangential smoothing of the
 * slot corners by the isotropic γε∇²φ (it scales with γε: +0.6 % at γ/2, +0.4 % at ε = h/2; Courant 0.5 and
 * SUPG off change it by < 0.1 %), +0.9 % with the 'normal' form. Tried and rejected earlier: n̂ from
 * ψ = ε ln(φ/(1−φ)) — the P1 mismatch between φ(1−φ)∇ψ and ε∇φ made the tails anti-diffusive.
 * Full revolution on 100×100 (benchmarks/zalesak.ts, area vs the exact 0.0582207): −2.93 % before, +0.99 % now,
 * +0.28 % with 'normal'. Why 'isotropic' stays the default anyway: with 'normal' nothing damps tangential
 * wrinkles of the level lines; in the coupled Ohm + level-set strip (tests/coupled) a wrinkle grew over the last
 * ~15 steps (max|u| up 25 %: the highly conductive reacted phase draws current to any protrusion, so the front
 * is physically unstable and γε∇²φ is what keeps it flat at the cell scale) and the front lagged the consumed
 * area by 2.1 % (isotropic: 0.06 %).
 * Compression term: φ(1−φ) is linearised about the latest iterate φᵏ (Newton), φ(1−φ) ≈ (1−2φᵏ) φ + (φᵏ)²: the
 * matrix gets −γ(1−2φᵏ) φ n̂·∇v (a compressive "velocity" γ(1−2φᵏ)n̂ pointing at the interface from both
 * sides), the right-hand side +γ (φᵏ)² n̂·∇v. At convergence the full nonlinear term is recovered. Every term
 * except the mass and SUPG parts is a flux dotted with ∇v, and the SUPG test function u·∇v vanishes for v = 1:
 * summing all rows gives d/dt ∫φ = −∫_Γout φ u·n exactly (conservation), converged or not.
 *
 * SUPG: τ = ((2/Δt)² + (2|u|/h_u)² + (4γε/h_u²)²)^(−1/2), h_u = 2|u|/Σ_a |u·∇N_a| / p (streamline length per
 * degree). The strong residual keeps the time derivative and u·∇φ and drops γ∇·(…): for P1 the ε∇²φ part is zero
 * inside a cell, and keeping only the compression part would make the residual inconsistent for the exact
 * equilibrium profile (whose transport residual φ_t + u·∇φ is exactly zero). (Switching SUPG off changed the
 * Zalesak quarter-turn area by < 0.03 %: the area error is not a transport-stabilisation effect.)
 */
import type { CellKernel } from '../fem/assemble.js';
import type { LevelSetProblem } from './levelSetProblem.js';

/** Inputs of one linear solve; arrays [nDofs] except the problem's velocity scratch. */
export interface LevelSetKernelInputs {
  /** Latest iterate φᵏ (for the linearisation of φ(1−φ)). */
  phiK: Float64Array;
  /** Field the normal n̂ is computed from (the step's predictor, frozen over the iterations; may be `phiK`). */
  phiNormal: Float64Array;
  /** Nodal gradient [nDofs × 2] of `phiNormal` (levelSetNormal.ts) used for n̂, or null: pointwise ∇phiNormal. */
  gradNormal: Float64Array | null;
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
  const nrmLoc = new Float64Array(nb);
  const gxLoc = new Float64Array(nb);
  const gyLoc = new Float64Array(nb);
  const normalDiffusion = p.diffusion === 'normal';
  return (cv, cell, Ke, fe) => {
    const { a0, dt, gamma } = inp;
    const gEps = gamma * eps;
    for (let a = 0; a < nb; a++) {
      const n = cellNodes[cell * npc + a]!;
      phiLoc[a] = inp.phiK[n]!;
      histLoc[a] = inp.history[n]!;
      nrmLoc[a] = inp.phiNormal[n]!;
      if (inp.gradNormal) { gxLoc[a] = inp.gradNormal[2 * n]!; gyLoc[a] = inp.gradNormal[2 * n + 1]!; }
    }
    const nodalNormal = inp.gradNormal !== null;
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
        if (nodalNormal) {
          gx += N * gxLoc[a]!;
          gy += N * gyLoc[a]!;
        } else {
          gx += cv.dNdx[G + 2 * a]! * nrmLoc[a]!;
          gy += cv.dNdx[G + 2 * a + 1]! * nrmLoc[a]!;
        }
      }
      const gn = Math.hypot(gx, gy) + delta;
      const nx = gx / gn, ny = gy / gn;
      // Diffusion tensor D = n̂n̂ᵀ + (1 − |n̂|²) I ('normal') or I ('isotropic'); |n̂| → 0 in the far tails.
      const iso = normalDiffusion ? 1 - (nx * nx + ny * ny) : 1;
      const nd = normalDiffusion ? 1 : 0;
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
        const dnGi = nd * nGi;
        const supg = tau * ugi;
        const row = i * nb;
        for (let j = 0; j < nb; j++) {
          const Nj = cv.N[Nq + j]!;
          const gjx = cv.dNdx[G + 2 * j]!, gjy = cv.dNdx[G + 2 * j + 1]!;
          Ke[row + j] += w * (
            a0 * Ni * Nj - Nj * ugi - cComp * Nj * nGi
            + gEps * (iso * (gix * gjx + giy * gjy) + dnGi * (nx * gjx + ny * gjy))
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
