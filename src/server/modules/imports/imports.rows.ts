import type { Kysely } from 'kysely';
import { checkUscc } from '../../../core/profile/uscc.ts';
import type { DB } from '../../db/schema.ts';
import type { ChunkCounts, ImportErrorRow } from './imports.repository.ts';
import type { SourceRow } from './imports.reader.ts';
import type { CellProblem } from './imports.values.ts';

/** Longest cell text kept in an error report: enough to recognise the cell, never a megabyte. */
const MAX_ERROR_VALUE = 200;

/** The bad rows of a chunk: one entry per (row, column), and the set of rejected rows. */
export class RowErrors {
  readonly rows: ImportErrorRow[] = [];
  readonly badRows = new Set<number>();
  private readonly cells = new Set<string>();

  add(rowNo: number, column: string, problem: CellProblem, value: string | null): void {
    this.badRows.add(rowNo);
    // A cell has one reason: the first found, which is the most basic one.
    const key = `${rowNo}\u0000${column}`;
    if (this.cells.has(key)) return;
    this.cells.add(key);
    this.rows.push({
      rowNo,
      column,
      code: problem.code,
      reasonZh: problem.zh,
      reasonEn: problem.en,
      value: value === null || value === '' ? null : value.slice(0, MAX_ERROR_VALUE),
    });
  }

  isBad(rowNo: number): boolean {
    return this.badRows.has(rowNo);
  }
}

/** Validates and writes the rows of one kind of import, a chunk at a time. */
export interface RowImporter {
  /** Validates a chunk, writes its good rows, bad rows and counts in one short transaction. */
  writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]): Promise<ChunkCounts>;
  /** The enterprises whose facts this batch changed (for the profile recompute), at the end. */
  changedEnterprises(db: Kysely<DB>, since: Date): Promise<number[]>;
}

/** The cell of a column, '' when the row is shorter than the header. */
export function cellAt(row: SourceRow, index: number): string {
  return (row.cells[index] ?? '').trim();
}

/**
 * A USCC cell: normalized (trimmed, upper case) when well formed, or a problem. A checksum mismatch is not a
 * problem here: pilot-era codes fail the check legally, and the registry decides whether the code is known.
 */
export function readUscc(text: string): { ok: true; uscc: string; checksumOk: boolean; expectedCheckChar?: string } | { ok: false; problem: CellProblem } {
  if (text === '') return { ok: false, problem: { code: 'missing_value', zh: '统一社会信用代码为空', en: 'the USCC is empty' } };
  const check = checkUscc(text);
  if (check.status === 'malformed') {
    return { ok: false, problem: { code: 'uscc_malformed', zh: check.problems.map((p) => p.messageZh).join('；'), en: check.problems.map((p) => p.message).join('; ') } };
  }
  return { ok: true, uscc: check.normalized, checksumOk: check.status === 'valid', expectedCheckChar: check.expectedCheckChar };
}

/** A required cell left empty. */
export const missing = (zhWhat: string, enWhat: string): CellProblem => ({ code: 'missing_value', zh: `${zhWhat}为空`, en: `${enWhat} is empty` });

/** A row repeating the key of an earlier row, naming that row ("与第2行重复"). */
export function duplicateOf(firstRowNo: number, zhKey: string, enKey: string): CellProblem {
  return { code: 'duplicate_row', zh: `与第${firstRowNo}行重复（${zhKey}相同）`, en: `duplicates row ${firstRowNo} (same ${enKey})` };
}

/** A USCC not in the registry; mentions a wrong check character, the likely cause of a typo. */
export function enterpriseNotFound(uscc: { checksumOk: boolean; expectedCheckChar?: string }): CellProblem {
  if (uscc.checksumOk) return { code: 'enterprise_not_found', zh: '企业不在名录中（该统一社会信用代码未登记）', en: 'enterprise not in the registry (no enterprise has this USCC)' };
  return {
    code: 'enterprise_not_found',
    zh: `企业不在名录中；且校验位不正确（按前17位应为${uscc.expectedCheckChar}），请核对代码`,
    en: `enterprise not in the registry; the check character is also wrong (positions 1–17 call for ${uscc.expectedCheckChar}): check the code`,
  };
}
