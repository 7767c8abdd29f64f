/**
 * CSV tables of numbers with a header row, lossless: every value is written in JavaScript's shortest
 * round-trip form (`String(x)`), so `parseFloat` gives back the identical double. −0, NaN, ±Infinity are
 * written as `-0`, `NaN`, `Infinity`, `-Infinity` (all accepted by parseFloat / numpy.loadtxt).
 */

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Columns → CSV text ("\n" line ends, trailing newline). All columns must have the same length. Header names
 * are quoted per RFC 4180 when they contain commas, quotes, line breaks or outer spaces.
 */
export function toCsv(columns: Readonly<Record<string, ArrayLike<number>>>): string {
  const names = Object.keys(columns);
  if (names.length === 0) return '';
  const n = columns[names[0]!]!.length;
  for (const name of names) {
    if (columns[name]!.length !== n) throw new Error(`CSV column '${name}' has ${columns[name]!.length} rows, '${names[0]}' has ${n}`);
  }
  const cols = names.map((k) => columns[k]!);
  const out: string[] = [names.map(csvField).join(',')];
  const row: string[] = new Array<string>(cols.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols.length; j++) row[j] = formatNumber(cols[j]![i]!);
    out.push(row.join(','));
  }
  return `${out.join('\n')}\n`;
}
