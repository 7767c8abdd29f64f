/**
 * Sorts `a[lo, hi)` ascending in place. Matrix rows are short (7–30 entries): insertion sort, with the typed-array
 * sort for long rows. Shared by the serial and worker-pool pattern builds (so both order columns the same way) and
 * by the AMG products.
 */
export function sortRow(a: Int32Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    a.subarray(lo, hi).sort();
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = v;
  }
}
