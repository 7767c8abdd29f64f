/**
 * Quadrature rules on the reference triangle (0,0),(1,0),(0,1) and on the unit interval [0, 1].
 *
 * Triangle rules are the fully symmetric Gauss rules of Dunavant (D. A. Dunavant, "High degree efficient
 * symmetrical Gaussian quadrature rules for the triangle", IJNME 21 (1985) 1129–1148). Only his rules with
 * positive weights and interior points are used; degree 3 is served by his degree-4 rule and degree 7 by his
 * degree-8 rule because his degree-3 and degree-7 rules have a negative weight. The published 15-digit values
 * were polished here by Gauss–Newton on the moment equations to round-off (max moment residual ≤ 1.2e-16),
 * and the degree-5 rule is Radon's closed form. Degrees above 10 fall back to a collapsed (Duffy / Stroud
 * conical) Gauss–Legendre product rule: more points, but still positive weights and interior points.
 */

/** A rule on the reference triangle: `points` [nPoints × 2] in (ξ, η), `weights` [nPoints] summing to 1/2. */
export interface QuadratureRule {
  readonly degree: number;
  readonly nPoints: number;
  readonly points: Float64Array;
  readonly weights: Float64Array;
}

/** A rule on [0, 1]: `points` [nPoints], `weights` [nPoints] summing to 1. */
export interface LineRule {
  readonly degree: number;
  readonly nPoints: number;
  readonly points: Float64Array;
  readonly weights: Float64Array;
}

/** Symmetry orbits in barycentric coordinates; weights relative to a triangle of area 1. */
type Orbit =
  | { readonly centroid: number }
  | { readonly s21: number; readonly w: number } // (a, a, 1−2a) and its 3 permutations
  | { readonly s111: readonly [number, number]; readonly w: number }; // (a, b, 1−a−b), 6 permutations

const SQRT15 = Math.sqrt(15);

/** Orbit tables by exactness degree (see the file header for sources). */
const DUNAVANT: Readonly<Record<number, readonly Orbit[]>> = {
  1: [{ centroid: 1 }],
  2: [{ s21: 1 / 6, w: 1 / 3 }],
  4: [
    { s21: 0.4459484909159648, w: 0.22338158967801097 },
    { s21: 0.09157621350977108, w: 0.10995174365532234 },
  ],
  // Radon's 7-point rule: a = (6 ∓ √15)/21, w = (155 ∓ √15)/1200.
  5: [
    { centroid: 0.225 },
    { s21: (6 + SQRT15) / 21, w: (155 + SQRT15) / 1200 },
    { s21: (6 - SQRT15) / 21, w: (155 - SQRT15) / 1200 },
  ],
  6: [
    { s21: 0.24928674517089588, w: 0.11678627572640365 },
    { s21: 0.0630890144915051, w: 0.05084490637021094 },
    { s111: [0.053145049844806856, 0.3103524510337953], w: 0.08285107561835937 },
  ],
  8: [
    { centroid: 0.14431560767780213 },
    { s21: 0.4592925882927322, w: 0.09509163426727602 },
    { s21: 0.17056930775176943, w: 0.10321737053471511 },
    { s21: 0.05054722831702936, w: 0.032458497623195706 },
    { s111: [0.008394777409973811, 0.26311282963460514], w: 0.027230314174439593 },
  ],
  9: [
    { centroid: 0.09713579628884354 },
    { s21: 0.489682519201462, w: 0.03133470022218869 },
    { s21: 0.4370895914971918, w: 0.07782754100680124 },
    { s21: 0.18820353562036032, w: 0.07964773892727023 },
    { s21: 0.04472951339432985, w: 0.02557767565855798 },
    { s111: [0.0368384120552888, 0.22196298916007545], w: 0.043283539377783675 },
  ],
  10: [
    { centroid: 0.09081799038260574 },
    { s21: 0.48557763338322607, w: 0.03672595775708191 },
    { s21: 0.10948157548494653, w: 0.04532105943560313 },
    { s111: [0.1417072194154508, 0.3079398387635117], w: 0.07275791684506902 },
    { s111: [0.025003534762622816, 0.2466725606403026], w: 0.02832724253110085 },
    { s111: [0.00954081540024536, 0.06680325101220101], w: 0.009421666963719927 },
  ],
};

/** Which table serves a requested degree (3 → 4 and 7 → 8: see header). */
const TABLE_FOR_DEGREE = [1, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10];

function expandOrbits(orbits: readonly Orbit[], degree: number): QuadratureRule {
  const xs: number[] = [];
  const ws: number[] = [];
  // Reference coordinates (ξ, η) = barycentric coordinates of vertices 1 and 2.
  const push = (l1: number, l2: number, w: number): void => {
    xs.push(l1, l2);
    ws.push(0.5 * w);
  };
  for (const o of orbits) {
    if ('centroid' in o) push(1 / 3, 1 / 3, o.centroid);
    else if ('s21' in o) {
      const a = o.s21;
      const c = 1 - 2 * a;
      push(a, a, o.w);
      push(c, a, o.w);
      push(a, c, o.w);
    } else {
      const [a, b] = o.s111;
      const c = 1 - a - b;
      push(a, b, o.w); push(b, a, o.w); push(a, c, o.w);
      push(c, a, o.w); push(b, c, o.w); push(c, b, o.w);
    }
  }
  return { degree, nPoints: ws.length, points: Float64Array.from(xs), weights: Float64Array.from(ws) };
}

/** Collapsed product rule: ∫_T f = ∫₀¹∫₀¹ f(s, t(1−s)) (1−s) dt ds, Gauss–Legendre in both directions. */
function collapsedRule(degree: number): QuadratureRule {
  const gs = lineRule(degree + 1); // the (1−s) Jacobian raises the degree in s by one
  const gt = lineRule(degree);
  const n = gs.nPoints * gt.nPoints;
  const points = new Float64Array(2 * n);
  const weights = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < gs.nPoints; i++) {
    const s = gs.points[i]!;
    for (let j = 0; j < gt.nPoints; j++) {
      points[2 * k] = s;
      points[2 * k + 1] = gt.points[j]! * (1 - s);
      weights[k] = gs.weights[i]! * gt.weights[j]! * (1 - s);
      k++;
    }
  }
  return { degree, nPoints: n, points, weights };
}

const triangleCache = new Map<number, QuadratureRule>();
const lineCache = new Map<number, LineRule>();

/**
 * Symmetric Gauss rule on the reference triangle, exact for polynomials of total degree ≤ `degree`
 * (degree 0 is served by the 1-point rule). Cached: callers share the returned arrays and must not modify them.
 */
export function triangleRule(degree: number): QuadratureRule {
  if (!Number.isInteger(degree) || degree < 0) throw new Error(`triangleRule: degree must be an integer ≥ 0, got ${degree}`);
  let rule = triangleCache.get(degree);
  if (!rule) {
    rule = degree <= 10 ? expandOrbits(DUNAVANT[TABLE_FOR_DEGREE[Math.max(degree, 1)]!]!, degree) : collapsedRule(degree);
    triangleCache.set(degree, rule);
  }
  return rule;
}

/**
 * Gauss–Legendre rule on [0, 1] with ⌈(degree+1)/2⌉ points, exact for polynomials of degree ≤ `degree`.
 * Nodes by Newton iteration on the Legendre recurrence (converged to round-off). Cached; do not modify.
 */
export function lineRule(degree: number): LineRule {
  if (!Number.isInteger(degree) || degree < 0) throw new Error(`lineRule: degree must be an integer ≥ 0, got ${degree}`);
  let rule = lineCache.get(degree);
  if (rule) return rule;
  const n = Math.max(1, Math.ceil((degree + 1) / 2));
  const points = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Tricomi's initial guess for the i-th root of P_n on [−1, 1], descending.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // Map from [−1, 1] (weight 2/((1−x²)P'²)) to [0, 1] (halved).
    points[n - 1 - i] = 0.5 * (1 + x);
    weights[n - 1 - i] = 1 / ((1 - x * x) * dp * dp);
  }
  rule = { degree, nPoints: n, points, weights };
  lineCache.set(degree, rule);
  return rule;
}
