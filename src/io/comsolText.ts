/**
 * COMSOL's spreadsheet text export (Results > Export > Data, "Spreadsheet" format): `%` header lines
 * (`% Model:`, `% Version:`, `% Date:`, `% Dimension:`, `% Nodes:`, `% Expressions:`, `% Description:`,
 * `% Length unit:`), a last `%` line naming the columns (`% x  y  V (V)`), then one row per point: the
 * coordinates followed by the field values. Used to hand our results to COMSOL users and to read theirs for
 * `ecmfem compare`.
 */

/** Input of {@link writeComsolText}. */
export interface ComsolTextInput {
  /** [n × 2] point coordinates in `lengthUnit`. */
  readonly points: Float64Array;
  /** name → values [n]; names must not contain tabs, line breaks or runs of blanks. */
  readonly fields: Readonly<Record<string, Float64Array>>;
  /** name → unit, written as `name (unit)` in the column line (COMSOL's style). */
  readonly units?: Readonly<Record<string, string>>;
  /** `% Description:` (COMSOL lists the expressions' descriptions, comma-separated); default: the field names. */
  readonly description?: string;
  /** `% Length unit:`; default 'm'. */
  readonly lengthUnit?: string;
  /** Coordinate column names; default ['x', 'y'] (use ['r', 'z'] for axisymmetric results). */
  readonly coordinateNames?: readonly [string, string];
  readonly model?: string;
  readonly version?: string;
  /** `% Date:`; default the current date (pass one for reproducible files). */
  readonly date?: string;
}

/** One column of a COMSOL text file: the label as written, the expression name and the unit (if any). */
export interface ComsolTextColumn {
  readonly label: string;
  readonly name: string;
  readonly unit?: string;
}

/** Result of {@link readComsolText}. */
export interface ComsolTextData {
  /** [n × 2] coordinates (the first two columns). */
  readonly points: Float64Array;
  /** Field values [n] by column name without its unit (`V`, or `V @ t=1` for time-dependent exports). */
  readonly fields: Record<string, Float64Array>;
  /** Columns after the coordinates, in file order (their `name`s are the keys of `fields`). */
  readonly columns: ComsolTextColumn[];
  readonly coordinateNames: [string, string];
  /** `% Key: value` header lines (keys as written, e.g. 'Model', 'Length unit'). */
  readonly header: Record<string, string>;
}

export class ComsolTextError extends Error {
  constructor(message: string, line?: number) {
    super(`COMSOL text${line !== undefined ? `, line ${line}` : ''}: ${message}`);
    this.name = 'ComsolTextError';
  }
}

const COLUMN_WIDTH = 25;

/** Writes points and fields in COMSOL's spreadsheet text format (numbers in shortest round-trip form). */
export function writeComsolText(input: ComsolTextInput): string {
  const { points } = input;
  if (points.length % 2 !== 0) throw new ComsolTextError(`points has length ${points.length}, expected [n × 2]`);
  const n = points.length / 2;
  const names = Object.keys(input.fields);
  for (const name of names) {
    if (!/^\S+( \S+)*$/.test(name) || name.startsWith('%')) throw new ComsolTextError(`field name '${name}' must be non-empty, without tabs, line breaks or runs of blanks`);
    if (input.fields[name]!.length !== n) throw new ComsolTextError(`field '${name}' has ${input.fields[name]!.length} values, expected ${n}`);
  }
  const label = (name: string): string => {
    const unit = input.units?.[name];
    return unit ? `${name} (${unit})` : name;
  };
  const pad = (s: string): string => (s.length + 2 >= COLUMN_WIDTH ? `${s}  ` : s.padEnd(COLUMN_WIDTH));
  const head = (key: string, value: string): string => `% ${`${key}:`.padEnd(21)}${value}\n`;
  const [cx, cy] = input.coordinateNames ?? ['x', 'y'];
  let out = '';
  out += head('Model', input.model ?? 'ecmfem');
  out += head('Version', input.version ?? 'ecmfem');
  out += head('Date', input.date ?? new Date().toUTCString());
  out += head('Dimension', '2');
  out += head('Nodes', String(n));
  out += head('Expressions', String(names.length));
  out += head('Description', input.description ?? names.join(', '));
  out += head('Length unit', input.lengthUnit ?? 'm');
  const cols = [cx, cy, ...names.map(label)];
  out += `% ${cols.map((c, i) => (i < cols.length - 1 ? pad(c) : c)).join('')}\n`;
  const rows: string[] = [];
  const fieldArrays = names.map((k) => input.fields[k]!);
  for (let i = 0; i < n; i++) {
    const vals = [points[2 * i]!, points[2 * i + 1]!];
    for (const f of fieldArrays) vals.push(f[i]!);
    rows.push(vals.map((v, j) => (j < vals.length - 1 ? pad(String(v)) : String(v))).join(''));
  }
  return out + rows.join('\n') + (rows.length > 0 ? '\n' : '');
}

function parseValue(tok: string, line: number): number {
  const v = Number(tok);
  if (!Number.isNaN(v)) return v;
  if (/^[-+]?nan$/i.test(tok)) return NaN;
  if (/^[-+]?inf(inity)?$/i.test(tok)) return tok.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?[\d.eE+-]+[-+][\d.eE+-]*[ij]$/.test(tok)) throw new ComsolTextError(`complex value '${tok}' is not supported: export the real part`, line);
  throw new ComsolTextError(`'${tok.slice(0, 40)}' is not a number`, line);
}

/** Splits the column line into labels; COMSOL separates columns by runs of blanks (or tabs, or commas). */
function splitLabels(line: string, nCols: number): string[] | null {
  const byRuns = line.split(/\s{2,}|\t|,/).map((s) => s.trim()).filter((s) => s !== '');
  if (byRuns.length === nCols) return byRuns;
  // Single blanks: glue '(unit)', '@' and what follows '@' to the label before them.
  const out: string[] = [];
  const toks = line.trim().split(/\s+/);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (out.length > 0 && (t.startsWith('(') || t.startsWith('@') || toks[i - 1] === '@')) out[out.length - 1] += ` ${t}`;
    else out.push(t);
  }
  return out.length === nCols ? out : null;
}

function splitColumn(label: string): ComsolTextColumn {
  const m = /^(.*?)\s+\(([^()]*)\)\s*(@.*)?$/.exec(label);
  if (!m) return { label, name: label };
  return { label, name: m[3] ? `${m[1]} ${m[3].trim()}` : m[1]!, unit: m[2]! };
}

/**
 * Reads a COMSOL spreadsheet text export (or a file written by {@link writeComsolText}). Accepts blank-,
 * tab-, comma- or semicolon-separated rows, `NaN` (COMSOL's value outside the geometry), and header lines in
 * any order. Only 2D data (`% Dimension: 2`, or no Dimension line) is accepted. Columns whose label cannot be
 * split get the names `col<k>` (1-based column number). Throws {@link ComsolTextError} naming the line for
 * rows of the wrong length, non-numbers (complex values included), or a `% Nodes:` count that differs from
 * the number of rows.
 */
export function readComsolText(text: string): ComsolTextData {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let columnLine: string | null = null;
  let i = 0;
  for (; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '') continue;
    if (!s.startsWith('%')) break;
    const kv = /^%\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/.exec(s);
    if (kv) header[kv[1]!] = kv[2]!.trim();
    else columnLine = s.slice(1);
  }
  const dim = header['Dimension'] !== undefined ? Number(header['Dimension']) : 2;
  if (dim !== 2) throw new ComsolTextError(`Dimension ${header['Dimension']}: ecmfem reads 2D data (two coordinate columns)`);
  const firstRow = i;
  const values: number[] = [];
  let nCols = -1;
  let nRows = 0;
  for (; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '') continue;
    if (s.startsWith('%')) throw new ComsolTextError('header line after the data (two exports in one file?)', i + 1);
    const toks = s.split(/[\s,;]+/);
    if (nCols < 0) {
      nCols = toks.length;
      if (nCols < 2) throw new ComsolTextError(`a row needs at least the two coordinates, found ${nCols} value`, i + 1);
    } else if (toks.length !== nCols) throw new ComsolTextError(`row has ${toks.length} values, expected ${nCols} like the first row (line ${firstRow + 1})`, i + 1);
    for (const t of toks) values.push(parseValue(t, i + 1));
    nRows++;
  }
  if (header['Nodes'] !== undefined && Number(header['Nodes']) !== nRows) {
    throw new ComsolTextError(`header says Nodes: ${header['Nodes']} but the file has ${nRows} rows (truncated?)`);
  }
  if (nCols < 0) nCols = 2;
  const labels = columnLine !== null ? splitLabels(columnLine, nCols) : null;
  const coordinateNames: [string, string] = labels ? [labels[0]!, labels[1]!] : ['x', 'y'];
  const points = new Float64Array(2 * nRows);
  for (let r = 0; r < nRows; r++) {
    points[2 * r] = values[r * nCols]!;
    points[2 * r + 1] = values[r * nCols + 1]!;
  }
  const columns: ComsolTextColumn[] = [];
  const fields: Record<string, Float64Array> = {};
  for (let c = 2; c < nCols; c++) {
    const col = labels ? splitColumn(labels[c]!) : { label: `col${c + 1}`, name: `col${c + 1}` };
    const name = col.name in fields ? `${col.name} #${c + 1}` : col.name;
    const f = new Float64Array(nRows);
    for (let r = 0; r < nRows; r++) f[r] = values[r * nCols + c]!;
    fields[name] = f;
    columns.push({ ...col, name });
  }
  return { points, fields, columns, coordinateNames, header };
}
