/**
 * From a parsed table of text cells (a CSV as a spreadsheet writes it) to the numeric columns and the 0/1
 * target a scorecard trains on. Pure: the reading of the file stays in the command line.
 */

/** Cells that mean "no value" in the exports of spreadsheets, R, pandas and databases. */
const MISSING_WORDS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '?', '#n/a']);
/** A number as people and spreadsheets write it: sign, digits with optional thousands commas, decimals, exponent. */
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The number in a cell, or NaN when it is empty, a missing-value word or not a number. Thousands commas
 * ("1,234.5") are accepted because a quoted CSV cell from Excel carries them.
 */
export function parseNumericCell(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const text = cell.trim();
  if (MISSING_WORDS.has(text.toLowerCase()) || !NUMBER.test(text) || !/\d/.test(text)) return NaN;
  return Number(text.replaceAll(',', ''));
}

/** Whether a cell is empty or a missing-value word (as opposed to present but not numeric). */
function isMissingWord(cell: string | undefined): boolean {
  return cell === undefined || MISSING_WORDS.has(cell.trim().toLowerCase());
}

/**
 * The names of a header, trimmed; an unnamed column (pandas writes its index as one) is called "column N" by
 * its 1-based position, so it can be reported and excluded like any other.
 */
export function columnNames(header: readonly string[]): string[] {
  return header.map((name, i) => name.trim() || `column ${i + 1}`);
}

/** A column left out of the candidates, and why. */
export interface RejectedColumn {
  name: string;
  reason: string;
}

/**
 * A categorical column's encoding: each category (the trimmed cell text) → its code. Codes rank the categories
 * by their (smoothed) bad rate on the training rows, so monotonic binning of the codes groups categories of
 * similar risk; a category the encoding lacks is a missing value.
 */
export type CategoryCodes = Record<string, number>;

/** The training data: numeric candidate columns and the target of the rows whose target is 0 or 1. */
export interface CreditData {
  featureNames: string[];
  columns: Float64Array[];
  /** Parallel to featureNames: the encoding of a categorical column, null for a numeric one. */
  categories: (CategoryCodes | null)[];
  /** 1 = bad, 0 = good. */
  target: Uint8Array;
  /** Rows whose target cell is not 0 or 1 (empty, text, 2, …): not used, counted for the report. */
  skippedRows: number;
  rejectedColumns: RejectedColumn[];
}

export interface PrepareOptions {
  target: string;
  exclude?: readonly string[];
  /** A column is a candidate when at least this share of its non-empty cells are numbers. */
  minNumericShare?: number;
  /** A text column becomes a categorical candidate with at most this many categories … */
  maxCategories?: number;
  /** … and at least this many filled cells per category on average (so IDs and names stay out). */
  minRowsPerCategory?: number;
}

/** Pseudo-rows of the overall bad rate added to each category when ranking them (rare categories shrink to the mean). */
const CATEGORY_SMOOTHING = 20;

/**
 * The categorical encoding of a text column, or null when it is not one (too many categories for its rows:
 * an ID, a name, free text). Categories are ranked by smoothed bad rate, ties by name, so the result is a
 * pure function of the data.
 */
export function encodeCategories(cells: readonly (string | undefined)[], target: ArrayLike<number>, maxCategories = 50, minRowsPerCategory = 20): CategoryCodes | null {
  const counts = new Map<string, { rows: number; bads: number }>();
  let present = 0;
  let totalBads = 0;
  for (let i = 0; i < cells.length; i++) {
    totalBads += target[i] ? 1 : 0;
    if (isMissingWord(cells[i])) continue;
    const key = cells[i]!.trim();
    present++;
    const count = counts.get(key) ?? { rows: 0, bads: 0 };
    count.rows++;
    count.bads += target[i] ? 1 : 0;
    counts.set(key, count);
  }
  if (counts.size < 2 || counts.size > maxCategories || present < minRowsPerCategory * counts.size) return null;
  const overall = totalBads / Math.max(cells.length, 1);
  const rate = (c: { rows: number; bads: number }) => (c.bads + CATEGORY_SMOOTHING * overall) / (c.rows + CATEGORY_SMOOTHING);
  const ranked = [...counts].sort((a, b) => rate(a[1]) - rate(b[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(ranked.map(([category], code) => [category, code]));
}

/** A categorical cell as its code; missing words and unknown categories are NaN. */
export function categoryCode(cell: string | undefined, codes: Readonly<CategoryCodes>): number {
  if (isMissingWord(cell)) return NaN;
  const key = cell!.trim();
  return Object.hasOwn(codes, key) ? codes[key] : NaN;
}

/** Parses a target cell: 1 (bad) or 0 (good); anything else is null and the row is skipped. */
export function parseTargetCell(cell: string | undefined): 0 | 1 | null {
  const value = parseNumericCell(cell);
  return value === 1 ? 1 : value === 0 ? 0 : null;
}

/**
 * Picks the target and the candidate features out of a table. Non-numeric cells of a numeric column become
 * missing values; a column mostly non-numeric with few distinct values (a category: 'A11', 'rent', '本科') becomes
 * a categorical candidate, coded by bad rate (see encodeCategories); any other mostly non-numeric column (an
 * ID with letters, a name, free text) is rejected with its reason, as is a column with no values at all.
 *
 * @throws when the target column is absent
 */
export function prepareCreditData(header: readonly string[], rows: readonly (readonly string[])[], options: PrepareOptions): CreditData {
  const minNumericShare = options.minNumericShare ?? 0.5;
  const names = columnNames(header);
  const targetIndex = names.indexOf(options.target);
  if (targetIndex < 0) throw new Error(`no column "${options.target}" in the file (columns: ${names.join(', ')})`);
  const excluded = new Set(options.exclude ?? []);
  const unknownExcluded = [...excluded].filter((name) => !names.includes(name));
  const rejectedColumns: RejectedColumn[] = unknownExcluded.map((name) => ({ name, reason: 'excluded, but not in the file' }));

  const kept: number[] = [];
  const target: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const label = parseTargetCell(rows[r][targetIndex]);
    if (label === null) continue;
    kept.push(r);
    target.push(label);
  }

  const featureNames: string[] = [];
  const columns: Float64Array[] = [];
  const categories: (CategoryCodes | null)[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < names.length; c++) {
    const name = names[c];
    if (c === targetIndex) continue;
    if (excluded.has(name)) {
      rejectedColumns.push({ name, reason: 'excluded' });
      continue;
    }
    if (seen.has(name)) {
      rejectedColumns.push({ name, reason: 'a second column of the same name' });
      continue;
    }
    seen.add(name);
    const column = new Float64Array(kept.length);
    let numeric = 0;
    let present = 0;
    for (let i = 0; i < kept.length; i++) {
      const cell = rows[kept[i]][c];
      column[i] = parseNumericCell(cell);
      if (!isMissingWord(cell)) present++;
      if (!Number.isNaN(column[i])) numeric++;
    }
    if (present > 0 && numeric < minNumericShare * present) {
      const cells = kept.map((r) => rows[r][c]);
      const codes = encodeCategories(cells, target, options.maxCategories, options.minRowsPerCategory);
      if (codes) {
        featureNames.push(name);
        columns.push(Float64Array.from(cells, (cell) => categoryCode(cell, codes)));
        categories.push(codes);
        continue;
      }
    }
    if (numeric === 0) rejectedColumns.push({ name, reason: present === 0 ? 'empty' : 'not numeric' });
    else if (numeric < minNumericShare * present) rejectedColumns.push({ name, reason: `mostly not numeric (${numeric} of ${present} filled cells are numbers)` });
    else {
      featureNames.push(name);
      columns.push(column);
      categories.push(null);
    }
  }
  return { featureNames, columns, categories, target: Uint8Array.from(target), skippedRows: rows.length - kept.length, rejectedColumns };
}

/**
 * The named columns of a table as numbers (NaN where missing); a name absent from the header gives null. A
 * column with an encoding in `categories` is read as categories (an unknown category is missing).
 */
export function numericColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  wanted: readonly string[],
  categories: ReadonlyMap<string, Readonly<CategoryCodes>> = new Map(),
): Map<string, Float64Array | null> {
  const names = columnNames(header);
  const result = new Map<string, Float64Array | null>();
  for (const name of wanted) {
    const index = names.indexOf(name);
    const codes = categories.get(name);
    result.set(name, index < 0 ? null : Float64Array.from(rows, (row) => (codes ? categoryCode(row[index], codes) : parseNumericCell(row[index]))));
  }
  return result;
}
