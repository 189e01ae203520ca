/**
 * Records (职工、专利、贷款、合同 …) as an import kind of the imports machinery (`records`): CSV or XLSX, chunks,
 * row errors with reasons, counts and the report as for every import; data administrators import them.
 * The batch's source names the record type (POST /api/imports with kind=records, source=<type code>).
 *
 * Columns (Chinese or English headers):
 *   统一社会信用代码 · 记录编号 (the natural key within the enterprise: 工号, 专利号, 合同编号 …) · one column
 *   per field of the type, headed by its code, Chinese or English name, with the unit in brackets where it
 *   matters: money in 元 by default ("贷款金额（万元）" for 万元, "（分）" for fen), a bp field as a
 *   percentage by default ("利率（%）", or "（bp）"), a number field in its declared unit only.
 *
 * Each cell is validated by the field's type (date, money, number, yes/no, a code of the field's list,
 * text); a required field left empty, an unknown enterprise or a repeated key rejects the row with its
 * reasons. Re-importing the same file changes nothing (unchanged); a row with a known key corrects the
 * record: the columns the file has replace those values (an empty cell clears an optional field), the
 * others are kept. Enterprises whose records changed are recomputed (their matches follow).
 */
import type { Kysely } from 'kysely';
import { normaliseRecordValue, type RecordFieldDefinition, type RecordTypeDefinition } from '../../../core/rules/records.ts';
import type { DB } from '../../db/schema.ts';
import {
  addChunkCounts,
  cellAt,
  duplicateOf,
  enterpriseNotFound,
  findEnterpriseIdsByUscc,
  headerKey,
  ImportFileError,
  insertImportErrors,
  missing,
  parseBasisPoints,
  parseBoolean,
  parseDate,
  parseMoney,
  parseMoneyUnit,
  readUscc,
  registerImportKind,
  RowErrors,
  splitHeaderUnit,
  type CellProblem,
  type ChunkCounts,
  type ImportKindContext,
  type RowImporter,
  type SourceRow,
} from '../imports/index.ts';
import { definitionOf, recordValuesOf } from './records.presenter.ts';
import * as repo from './records.repository.ts';

type Value = string | number | boolean | null;
type Parsed = { ok: true; value: Value } | { ok: false; problem: CellProblem };

const USCC_ALIASES = ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'];
const KEY_ALIASES = ['记录编号', '编号', '工号', '专利号', '合同编号', '贷款合同号', '借据号', '门店编号', '宗地编号', 'record key', 'record_key', 'key'];
const MAX_KEY = 100;
const MAX_TEXT = 500;

/** How a column reads its field: money in a unit, a bp field as percent or bp. */
interface FieldColumn {
  index: number;
  header: string;
  field: RecordFieldDefinition;
  money?: 'yuan' | 'wan' | 'fen';
  ratio?: 'percent' | 'bp';
}

export interface RecordLayout {
  uscc: { index: number; header: string };
  key: { index: number; header: string };
  fields: FieldColumn[];
}

const fileError = (zh: string, en: string) => new ImportFileError(zh, en);

/** Resolves the header of a records file of one type, or throws why the file cannot be read. */
export function resolveRecordLayout(type: RecordTypeDefinition, header: readonly string[]): RecordLayout {
  let uscc: RecordLayout['uscc'] | undefined;
  let key: RecordLayout['key'] | undefined;
  const fields: FieldColumn[] = [];
  header.forEach((cell, index) => {
    const text = cell.trim();
    if (text === '') return;
    const k = headerKey(text);
    if (!uscc && USCC_ALIASES.some((alias) => headerKey(alias) === k)) return void (uscc = { index, header: text });
    if (!key && KEY_ALIASES.some((alias) => headerKey(alias) === k)) return void (key = { index, header: text });
    const { name, unit } = splitHeaderUnit(text);
    const nameKey = headerKey(name);
    const field = type.fields.find((f) => [f.code, f.nameZh, f.nameEn].some((n) => headerKey(n) === nameKey));
    if (!field) return; // 企业名称, 备注 … : columns the type does not know are read by people, not stored
    if (fields.some((c) => c.field.code === field.code)) throw fileError(`列“${text}”重复（字段“${field.nameZh}”已有一列）`, `column "${text}" repeats field ${field.code}`);
    const column: FieldColumn = { index, header: text, field };
    if (field.type === 'money') {
      const money = unit === null ? 'yuan' : parseMoneyUnit(unit);
      if (!money) throw fileError(`列“${text}”：金额单位“${unit}”无法识别，应为元、万元或分`, `column "${text}": "${unit}" is not a money unit (元, 万元 or 分)`);
      column.money = money;
    } else if (field.type === 'number' && field.unit === 'bp') {
      const u = unit?.trim().toLowerCase() ?? '%';
      if (u === 'bp' || u === '基点') column.ratio = 'bp';
      else if (u === '%' || u === '％' || u === 'percent') column.ratio = 'percent';
      else throw fileError(`列“${text}”：单位“${unit}”不符，应为%或基点`, `column "${text}": unit "${unit}" does not fit (use % or bp)`);
    } else if (unit !== null && (field.type !== 'number' || (field.unit ?? '') !== unit.trim())) {
      const expected = field.type === 'number' && field.unit ? `“${field.unit}”` : '无单位';
      throw fileError(`列“${text}”：单位“${unit}”与字段“${field.nameZh}”不符（${expected}）`, `column "${text}": unit "${unit}" does not fit field ${field.code} (${field.unit ?? 'no unit'})`);
    }
    fields.push(column);
  });
  const absent: string[][] = [];
  if (!uscc) absent.push(['统一社会信用代码', 'the USCC']);
  if (!key) absent.push(['记录编号', 'the record key']);
  for (const field of type.fields) if (field.required && !fields.some((c) => c.field.code === field.code)) absent.push([field.nameZh, field.code]);
  if (absent.length > 0 || !uscc || !key) {
    throw fileError(`${type.nameZh}记录文件缺少列：${absent.map((a) => a[0]).join('、')}`, `the ${type.nameEn.toLowerCase()} file lacks the column(s): ${absent.map((a) => a[1]).join(', ')}`);
  }
  return { uscc, key, fields };
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** One cell of a field, as stored (money fen, dates YYYY-MM-DD, yes/no boolean, codes by code). */
export function parseFieldCell(column: FieldColumn, text: string): Parsed {
  const { field } = column;
  switch (field.type) {
    case 'money': {
      const r = parseMoney(text, column.money ?? 'yuan');
      if (!r.ok) return r;
      if (r.value < 0) return { ok: false, problem: { code: 'negative_value', zh: `金额不能为负数：“${text}”`, en: `an amount must not be negative: "${text}"` } };
      return { ok: true, value: r.value };
    }
    case 'date':
      return parseDate(text);
    case 'yesno': {
      const r = parseBoolean(text);
      return r.ok ? { ok: true, value: r.value === 1 } : r;
    }
    case 'number': {
      if (field.unit === 'bp') return parseBasisPoints(text, column.ratio ?? 'percent');
      const plain = text.trim().replace(/[,，\s]/g, '');
      if (!DECIMAL.test(plain)) return { ok: false, problem: { code: 'invalid_number', zh: `“${text}”不是数字`, en: `"${text}" is not a number` } };
      const value = Number(plain);
      if (!Number.isFinite(value) || Math.abs(value) > 1e12) return { ok: false, problem: { code: 'out_of_range', zh: `“${text}”超出可保存的范围`, en: `"${text}" is out of range` } };
      if (value < 0) return { ok: false, problem: { code: 'negative_value', zh: `不能为负数：“${text}”`, en: `must not be negative: "${text}"` } };
      return { ok: true, value };
    }
    case 'code': {
      const k = headerKey(text);
      const code = (field.codes ?? []).find((c) => [c.code, c.nameZh, c.nameEn].some((n) => headerKey(n) === k));
      if (code) return { ok: true, value: code.code };
      const list = (field.codes ?? []).map((c) => c.nameZh).join('、');
      return { ok: false, problem: { code: 'invalid_value', zh: `“${text}”不是“${field.nameZh}”的取值（${list}）`, en: `"${text}" is not a value of ${field.code} (${(field.codes ?? []).map((c) => c.code).join(', ')})` } };
    }
    default:
      if (text.length > MAX_TEXT) return { ok: false, problem: { code: 'text_too_long', zh: `内容过长（最多${MAX_TEXT}字）`, en: `too long (at most ${MAX_TEXT} characters)` } };
      return { ok: true, value: text };
  }
}

/** Same stored values (key order aside). */
function sameValues(a: Record<string, Value>, b: Record<string, Value>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

export class RecordRowImporter implements RowImporter {
  private readonly seen = new Map<string, number>();
  private readonly changed = new Set<number>();

  constructor(
    private readonly context: ImportKindContext,
    private readonly type: RecordTypeDefinition,
    private readonly layout: RecordLayout,
  ) {}

  async writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]): Promise<ChunkCounts> {
    const errors = new RowErrors();
    const { layout, type } = this;
    const parsed: { rowNo: number; uscc: { uscc: string; checksumOk: boolean; expectedCheckChar?: string }; usccText: string; key: string; values: Record<string, Value> }[] = [];
    for (const row of rows) {
      const usccText = cellAt(row, layout.uscc.index);
      const uscc = readUscc(usccText);
      if (!uscc.ok) errors.add(row.rowNo, layout.uscc.header, uscc.problem, usccText);
      const key = cellAt(row, layout.key.index);
      if (key === '') errors.add(row.rowNo, layout.key.header, missing('记录编号', 'the record key'), null);
      else if (key.length > MAX_KEY) errors.add(row.rowNo, layout.key.header, { code: 'text_too_long', zh: `记录编号过长（最多${MAX_KEY}字）`, en: `the record key is too long (at most ${MAX_KEY} characters)` }, key);
      const values: Record<string, Value> = {};
      for (const column of layout.fields) {
        const text = cellAt(row, column.index);
        if (text === '') {
          if (column.field.required) errors.add(row.rowNo, column.header, missing(column.field.nameZh, column.field.nameEn), null);
          else values[column.field.code] = null;
          continue;
        }
        const result = parseFieldCell(column, text);
        if (!result.ok) errors.add(row.rowNo, column.header, result.problem, text);
        // The engine reads what is stored: a value it could not use would be a silent hole.
        else if (normaliseRecordValue(column.field, result.value) === null) errors.add(row.rowNo, column.header, { code: 'invalid_value', zh: `“${text}”无法保存`, en: `"${text}" cannot be stored` }, text);
        else values[column.field.code] = result.value;
      }
      if (uscc.ok && key !== '') {
        const dedupe = `${uscc.uscc}\u0000${key}`;
        const first = this.seen.get(dedupe);
        if (first !== undefined) errors.add(row.rowNo, `${layout.uscc.header}+${layout.key.header}`, duplicateOf(first, '企业和记录编号', 'enterprise and record key'), `${uscc.uscc} ${key}`);
        else this.seen.set(dedupe, row.rowNo);
      }
      if (errors.isBad(row.rowNo) || !uscc.ok) continue;
      parsed.push({ rowNo: row.rowNo, uscc, usccText, key, values });
    }

    const ids = await findEnterpriseIdsByUscc(db, [...new Set(parsed.map((p) => p.uscc.uscc))]);
    const good: { enterpriseId: number; key: string; values: Record<string, Value> }[] = [];
    for (const row of parsed) {
      const enterpriseId = ids.get(row.uscc.uscc);
      if (enterpriseId === undefined) errors.add(row.rowNo, layout.uscc.header, enterpriseNotFound(row.uscc), row.usccText);
      else good.push({ enterpriseId, key: row.key, values: row.values });
    }

    return db.transaction().execute(async (trx) => {
      const stored = await repo.findRecordsByKeys(trx, type.code, [...new Set(good.map((g) => g.enterpriseId))], [...new Set(good.map((g) => g.key))]);
      const byKey = new Map(stored.map((s) => [`${s.enterprise_id}\u0000${s.record_key}`, s]));
      const fresh: Parameters<typeof repo.insertRecords>[1] = [];
      let updated = 0;
      let unchanged = 0;
      for (const row of good) {
        const before = byKey.get(`${row.enterpriseId}\u0000${row.key}`);
        if (!before) {
          fresh.push({ enterprise_id: row.enterpriseId, type_code: type.code, record_key: row.key, values: JSON.stringify(dropNulls(row.values)), import_id: this.context.batchId });
          this.changed.add(row.enterpriseId);
          continue;
        }
        const old = recordValuesOf(before.values);
        const merged = dropNulls({ ...old, ...row.values });
        if (sameValues(old, merged)) {
          unchanged++;
          continue;
        }
        await repo.updateRecord(trx, before.id, JSON.stringify(merged), this.context.batchId);
        this.changed.add(row.enterpriseId);
        updated++;
      }
      await repo.insertRecords(trx, fresh);
      await insertImportErrors(trx, this.context.batchId, errors.rows);
      const counts = { processed: rows.length, inserted: fresh.length, updated, unchanged, errors: errors.badRows.size };
      await addChunkCounts(trx, this.context.batchId, counts);
      return counts;
    });
  }

  async changedEnterprises(db: Kysely<DB>): Promise<number[]> {
    // An interrupted attempt's rows count as unchanged on the retry, yet changed the facts: found by batch.
    for (const id of await repo.findEnterprisesWrittenByImport(db, this.context.batchId)) this.changed.add(id);
    return [...this.changed];
  }
}

function dropNulls(values: Record<string, Value>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** Registers `records` with the imports machinery (from the records plugin). */
export function registerRecordImport(): void {
  registerImportKind({
    kind: 'records',
    roles: [],
    defaultSource: 'records',
    async checkSource(db, source) {
      if (!source) return 'the record type (source) is required for a records import, e.g. employee';
      if (!(await repo.findRecordType(db, source))) return `"${source}" is not a record type (GET /api/record-types)`;
      return null;
    },
    async createImporter(db, header, context) {
      const row = await repo.findRecordType(db, context.source);
      if (!row) throw new ImportFileError(`记录类型“${context.source}”不存在`, `record type "${context.source}" does not exist`);
      const type = definitionOf(row);
      return new RecordRowImporter(context, type, resolveRecordLayout(type, header));
    },
  });
}
