/**
 * Records: an enterprise's people, patents, loans, contracts, stores or plots, one row each, and the
 * aggregates rules take over them (docs/rules.md "记录（Records）").
 *
 *   {"records": "employee", "agg": "count",
 *    "within": {"field": "hired_on", "period": {"yearsAgo": 0}},
 *    "where": {"all": [{"field": "is_graduate", "is": true}, {"field": "contract_months", "op": ">=", "value": 12}]}}
 *
 * reads "本年度招用的高校毕业生（劳动合同≥12个月）人数" and is a number like any fact, so it can stand
 * wherever a number stands (compare, between, bands, sum, tiers, per-head benefits).
 *
 * Record types are data (RecordTypeDefinition; the server keeps them in a table an administrator
 * extends); fields have a type (number, money in fen, date, code, yes/no, text), a display unit and
 * optionally a closed list of codes.
 *
 * Three-valued, like every fact:
 * - "no data" means the platform holds no records of that type for the enterprise at all (nothing
 *   imported, or the consent that governs the type withheld): the aggregate is UNKNOWN, never 0. An
 *   enterprise whose records of the type are known but none qualifies has a count of 0.
 * - a record whose `where`/`within` cannot be decided (a field it reads is empty) makes the aggregate
 *   unknown (it might qualify), and so does an empty summed field of a qualifying record;
 * - min, max and avg of no qualifying record are undefined, like a division by zero: the clause
 *   cannot hold (false).
 *
 * Both engines run the same code below over one layout (RecordTable: typed arrays per field, NaN when
 * a value is empty): the scalar engine over one enterprise's rows, the vector engine over the county's
 * rows in compressed-row form (RecordColumns: enterprise i owns rows offsets[i] … offsets[i+1] − 1).
 */
import { formatFen } from '../money/money.ts';
import type { FactCatalogue } from './catalogue.ts';
import { AND3, NOT3, OP_TABLE, OR3, opIndex, TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, VALUE_MISSING, VALUE_OK, VALUE_UNDEFINED, type Op, type Tri } from './logic.ts';
import { parseEvaluationDate, periodSpecKind, resolvePeriod, type EvaluationDate } from './periods.ts';
import type { PeriodSpec } from './schema.ts';
import { rollingMonthsStart } from './windows.ts';
import { RECORD_AGGREGATES, type RecordAggregate } from './records.schema.ts';
import { childPath } from './tree.ts';
import { constantUnit, constantValue, dateToYmd, unitScale, ymdToIso, type ValueUnit } from './units.ts';

export { RECORD_AGGREGATES, type RecordAggregate };

// ---------------------------------------------------------------------------------------------
// Record types as data
// ---------------------------------------------------------------------------------------------

export const RECORD_FIELD_TYPES = ['number', 'money', 'date', 'code', 'yesno', 'text'] as const;
export type RecordFieldType = (typeof RECORD_FIELD_TYPES)[number];

export interface RecordFieldDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  type: RecordFieldType;
  /** Display unit of a number field: 月, ㎡, 亩, bp (a rate in basis points), 人, 件 … */
  unit?: string | null;
  /** The closed list of a code field. */
  codes?: readonly { code: string; nameZh: string; nameEn: string }[] | null;
  /** Whether an import row must give it. */
  required?: boolean;
}

export interface RecordTypeDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** What a count of these records is: people (employees) or things (patents, loans …). */
  countUnit: 'person' | 'count';
  /** The consent category (profile data category) that governs who may read these records. */
  consentCategory: string;
  /** The date field that orders records (earliest first) and that `within` usually reads. */
  dateField: string | null;
  fields: readonly RecordFieldDefinition[];
}

const f = (code: string, nameZh: string, nameEn: string, type: RecordFieldType, extra: Partial<RecordFieldDefinition> = {}): RecordFieldDefinition => ({
  code,
  nameZh,
  nameEn,
  type,
  ...extra,
});

/** The record types the platform ships (the server seeds them; an administrator adds more). */
export const BUILT_IN_RECORD_TYPES: readonly RecordTypeDefinition[] = [
  {
    code: 'employee',
    nameZh: '职工',
    nameEn: 'Employees',
    countUnit: 'person',
    consentCategory: 'employment',
    dateField: 'hired_on',
    fields: [
      f('hired_on', '入职日期', 'Hire date', 'date', { required: true }),
      f('contract_months', '劳动合同期限', 'Contract term', 'number', { unit: '月' }),
      f('is_graduate', '高校毕业生', 'University graduate', 'yesno'),
      f('graduation_year', '毕业年份', 'Graduation year', 'number', { unit: '年' }),
      f('social_insurance', '已缴纳社会保险', 'Social insurance paid', 'yesno'),
      f('left_on', '离职日期', 'Leaving date', 'date'),
    ],
  },
  {
    code: 'patent',
    nameZh: '专利',
    nameEn: 'Patents',
    countUnit: 'count',
    consentCategory: 'innovation',
    dateField: 'granted_on',
    fields: [
      f('kind', '专利类型', 'Patent kind', 'code', {
        required: true,
        codes: [
          { code: 'invention', nameZh: '发明', nameEn: 'Invention' },
          { code: 'utility', nameZh: '实用新型', nameEn: 'Utility model' },
          { code: 'design', nameZh: '外观设计', nameEn: 'Design' },
        ],
      }),
      f('granted_on', '授权日期', 'Grant date', 'date', { required: true }),
      f('patent_no', '专利号', 'Patent number', 'text'),
    ],
  },
  {
    code: 'loan',
    nameZh: '贷款',
    nameEn: 'Loans',
    countUnit: 'count',
    consentCategory: 'operations',
    dateField: 'start_on',
    fields: [
      f('bank', '贷款银行', 'Bank', 'text', { required: true }),
      f('amount', '贷款金额', 'Amount', 'money', { required: true }),
      f('rate_bp', '贷款利率', 'Interest rate', 'number', { unit: 'bp', required: true }),
      f('start_on', '放款日期', 'Start date', 'date', { required: true }),
      f('term_months', '贷款期限', 'Term', 'number', { unit: '月', required: true }),
    ],
  },
  {
    code: 'contract',
    nameZh: '合同/项目',
    nameEn: 'Contracts and projects',
    countUnit: 'count',
    consentCategory: 'operations',
    dateField: 'signed_on',
    fields: [
      f('kind', '类别', 'Kind', 'code', {
        codes: [
          { code: 'contract', nameZh: '合同', nameEn: 'Contract' },
          { code: 'project', nameZh: '项目', nameEn: 'Project' },
        ],
      }),
      f('amount', '金额', 'Amount', 'money', { required: true }),
      f('signed_on', '签订日期', 'Date', 'date', { required: true }),
      f('counterparty', '对方', 'Counterparty', 'text'),
    ],
  },
  {
    code: 'store',
    nameZh: '门店',
    nameEn: 'Stores',
    countUnit: 'count',
    consentCategory: 'operations',
    dateField: 'opened_on',
    fields: [
      f('opened_on', '开业日期', 'Opening date', 'date', { required: true }),
      f('area_sqm', '营业面积', 'Floor area', 'number', { unit: '㎡' }),
      f('address', '地址', 'Address', 'text'),
    ],
  },
  {
    code: 'plot',
    nameZh: '用地',
    nameEn: 'Land plots',
    countUnit: 'count',
    consentCategory: 'operations',
    dateField: 'acquired_on',
    fields: [
      f('area_mu', '面积', 'Area', 'number', { unit: '亩', required: true }),
      f('acquired_on', '取得日期', 'Acquired on', 'date'),
      f('land_use', '用途', 'Land use', 'code', {
        codes: [
          { code: 'industrial', nameZh: '工业', nameEn: 'Industrial' },
          { code: 'commercial', nameZh: '商业', nameEn: 'Commercial' },
        ],
      }),
    ],
  },
];

/** A record type problem (an administrator's definition), with the JSON path of the fault. */
export function validateRecordType(type: RecordTypeDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!/^[a-z][a-z0-9_]*$/.test(type.code)) problems.push({ path: '/code', message: 'code must be lower-case letters, digits and _' });
  if (type.fields.length === 0) problems.push({ path: '/fields', message: 'a record type needs at least one field' });
  const seen = new Set<string>();
  type.fields.forEach((field, i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(field.code)) problems.push({ path: `/fields/${i}/code`, message: 'field codes must be lower-case letters, digits and _' });
    if (seen.has(field.code)) problems.push({ path: `/fields/${i}/code`, message: `field "${field.code}" appears twice` });
    seen.add(field.code);
    if (field.type === 'code' && (!field.codes || field.codes.length === 0)) problems.push({ path: `/fields/${i}/codes`, message: 'a code field needs its list of codes' });
  });
  if (type.dateField !== null && !type.fields.some((field) => field.code === type.dateField && field.type === 'date')) {
    problems.push({ path: '/dateField', message: `"${type.dateField}" is not a date field of the type` });
  }
  return problems;
}

/** The unit an aggregate of a field has in rules. */
export function fieldValueUnit(field: RecordFieldDefinition): ValueUnit | null {
  switch (field.type) {
    case 'money':
      return 'fen';
    case 'date':
      return 'date';
    case 'yesno':
      return 'boolean';
    case 'number':
      return field.unit === 'bp' ? 'bp' : field.unit === '人' ? 'person' : 'count';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** One record as the engines receive it: an id and its field values (money in fen, dates ISO). */
export interface RecordRow {
  id: string;
  values: Readonly<Record<string, unknown>>;
}

/**
 * Normalises one field value for the engines: money → integer fen, date → yyyymmdd, yes/no → 0/1,
 * numbers as they are, codes and texts as non-empty strings; anything unusable → null (empty).
 */
export function normaliseRecordValue(field: RecordFieldDefinition, raw: unknown): number | string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (field.type) {
    case 'money':
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : null;
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'date':
      if (typeof raw !== 'string') return null;
      try {
        return dateToYmd(raw.slice(0, 10));
      } catch {
        return null;
      }
    case 'yesno':
      if (typeof raw === 'boolean') return raw ? 1 : 0;
      return raw === 1 || raw === 0 ? raw : null;
    default:
      return typeof raw === 'string' ? raw : null;
  }
}

/** Records of one type in columns: numeric fields as Float64Array (NaN empty), text fields as arrays. */
export interface RecordTable {
  type: string;
  size: number;
  ids: string[];
  num: Map<string, Float64Array>;
  str: Map<string, (string | null)[]>;
}

/** Builds a record table from rows (unknown fields ignored). */
export function buildRecordTable(type: RecordTypeDefinition, rows: readonly RecordRow[]): RecordTable {
  const num = new Map<string, Float64Array>();
  const str = new Map<string, (string | null)[]>();
  for (const field of type.fields) {
    if (field.type === 'code' || field.type === 'text') str.set(field.code, new Array<string | null>(rows.length).fill(null));
    else num.set(field.code, new Float64Array(rows.length).fill(NaN));
  }
  rows.forEach((row, r) => {
    for (const field of type.fields) {
      const value = normaliseRecordValue(field, row.values[field.code]);
      if (value === null) continue;
      if (typeof value === 'number') num.get(field.code)![r] = value;
      else str.get(field.code)![r] = value;
    }
  });
  return { type: type.code, size: rows.length, ids: rows.map((row) => row.id), num, str };
}

/** The county's records of one type: a table in compressed-row form by enterprise. */
export interface RecordColumns {
  /** 1 when the enterprise's records of the type are known (none held unless rows exist). */
  known: Uint8Array;
  offsets: Int32Array;
  table: RecordTable;
  /** The rows as given, in table order (benefit estimates and explanations of a matched row read them). */
  rows?: readonly RecordRow[];
}

// ---------------------------------------------------------------------------------------------
// Binding (prepare) and evaluation
// ---------------------------------------------------------------------------------------------

export type BoundWhere =
  | { k: 'all' | 'any'; children: BoundWhere[] }
  | { k: 'not'; child: BoundWhere }
  | { k: 'cmp'; field: string; op: number; value: number }
  | { k: 'in'; field: string; set: ReadonlySet<string> }
  | { k: 'is'; field: string; expected: boolean }
  | { k: 'within'; field: string; from: number; to: number };

export interface BoundRecords {
  k: 'records';
  path: string;
  type: RecordTypeDefinition;
  agg: RecordAggregate;
  field: RecordFieldDefinition | null;
  where: BoundWhere | null;
  within: { field: string; from: number; to: number; label: string } | null;
  unit: ValueUnit;
  /** Identifies the aggregate on one evaluation date: rules of a match sharing it compute it once. */
  key: string;
  /** Identifies the selection (type, within, where) on one evaluation date: aggregates sharing it qualify rows once. */
  selectionKey?: string;
}

type Json = Record<string, unknown>;

/** The first and last day (yyyymmdd) of a period label: "2026" → [20260101, 20261231]. */
export function periodDays(label: string): [number, number] {
  if (/^\d{4}$/.test(label)) return [Number(label) * 10000 + 101, Number(label) * 10000 + 1231];
  const quarter = /^(\d{4})Q([1-4])$/.exec(label);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return [Number(quarter[1]) * 10000 + first * 100 + 1, Number(quarter[1]) * 10000 + (first + 2) * 100 + 31];
  }
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return [Number(month[1]) * 10000 + Number(month[2]) * 100 + 1, Number(month[1]) * 10000 + Number(month[2]) * 100 + 31];
  throw new Error(`"${label}" is not a period label`);
}

function resolveWithin(spec: PeriodSpec | { lastMonths: number }, date: EvaluationDate): { from: number; to: number; label: string } {
  // 近N个月: a rolling window ending on the evaluation date (windows.ts, rollingMonthsStart).
  if ('lastMonths' in spec) {
    const from = rollingMonthsStart(date.ymd, spec.lastMonths);
    return { from, to: date.ymd, label: `${ymdToIso(from)}~${date.iso}` };
  }
  const kind = periodSpecKind(spec);
  const resolved = resolvePeriod(spec, kind === 'latest' ? 'year' : kind, date);
  const label = resolved.kind === 'fixed' ? resolved.label : resolved.max;
  const [from, to] = periodDays(label);
  return { from, to, label };
}

function whereValue(field: RecordFieldDefinition, value: unknown): number {
  if (typeof value === 'number') return value;
  const constant = value as Parameters<typeof constantValue>[0];
  return constantValue(constant);
}

function bindWhere(type: RecordTypeDefinition, where: Json, date: EvaluationDate): BoundWhere {
  if ('all' in where || 'any' in where) {
    const list = (where.all ?? where.any) as Json[];
    return { k: 'all' in where ? 'all' : 'any', children: list.map((child) => bindWhere(type, child, date)) };
  }
  if ('not' in where) return { k: 'not', child: bindWhere(type, where.not as Json, date) };
  const field = type.fields.find((candidate) => candidate.code === where.field)!;
  if ('in' in where) return { k: 'in', field: field.code, set: new Set(where.in as string[]) };
  if ('is' in where) return { k: 'is', field: field.code, expected: where.is as boolean };
  if ('within' in where) return { k: 'within', field: field.code, ...resolveWithin(where.within as PeriodSpec, date) };
  return { k: 'cmp', field: field.code, op: opIndex(where.op as Op), value: whereValue(field, where.value) };
}

/** Binds a validated `records` expression (or a perRecord selection) to an evaluation date. */
export function bindRecords(expr: Json, path: string, catalogue: FactCatalogue, date: EvaluationDate): BoundRecords {
  const type = catalogue.recordTypes!.get(expr.records as string)!;
  const agg = (expr.agg as RecordAggregate | undefined) ?? 'count';
  const field = typeof expr.field === 'string' ? type.fields.find((candidate) => candidate.code === expr.field)! : null;
  const within = expr.within ? { field: (expr.within as Json).field as string, ...resolveWithin((expr.within as Json).period as PeriodSpec, date) } : null;
  const where = expr.where ? bindWhere(type, expr.where as Json, date) : null;
  const unit: ValueUnit = agg === 'count' ? type.countUnit : fieldValueUnit(field!)!;
  const key = `records:${date.ymd}:${JSON.stringify([expr.records, agg, expr.field ?? null, expr.where ?? null, expr.within ?? null])}`;
  const selectionKey = `records-selection:${date.ymd}:${JSON.stringify([expr.records, expr.where ?? null, expr.within ?? null])}`;
  return { k: 'records', path, type, agg, field, where, within, unit, key, selectionKey };
}

function whereTri(where: BoundWhere, table: RecordTable, r: number): Tri {
  switch (where.k) {
    case 'all':
    case 'any': {
      const lut = where.k === 'all' ? AND3 : OR3;
      let value: number = where.k === 'all' ? TRI_TRUE : TRI_FALSE;
      for (const child of where.children) value = lut[value * 3 + whereTri(child, table, r)];
      return value as Tri;
    }
    case 'not':
      return NOT3[whereTri(where.child, table, r)] as Tri;
    case 'in': {
      const value = table.str.get(where.field)?.[r] ?? null;
      return value === null ? TRI_UNKNOWN : where.set.has(value) ? TRI_TRUE : TRI_FALSE;
    }
    case 'is': {
      const value = table.num.get(where.field)?.[r] ?? NaN;
      return Number.isNaN(value) ? TRI_UNKNOWN : (value !== 0) === where.expected ? TRI_TRUE : TRI_FALSE;
    }
    case 'within': {
      const value = table.num.get(where.field)?.[r] ?? NaN;
      return Number.isNaN(value) ? TRI_UNKNOWN : value >= where.from && value <= where.to ? TRI_TRUE : TRI_FALSE;
    }
    case 'cmp': {
      const value = table.num.get(where.field)?.[r] ?? NaN;
      if (Number.isNaN(value)) return TRI_UNKNOWN;
      return OP_TABLE[where.op * 3 + Number(value > where.value) - Number(value < where.value) + 1] as Tri;
    }
  }
}

/** Whether record r qualifies (within the period and where): three-valued. */
export function recordQualifies(bound: Pick<BoundRecords, 'where' | 'within'>, table: RecordTable, r: number): Tri {
  let value: number = TRI_TRUE;
  if (bound.within) {
    const day = table.num.get(bound.within.field)?.[r] ?? NaN;
    value = Number.isNaN(day) ? TRI_UNKNOWN : day >= bound.within.from && day <= bound.within.to ? TRI_TRUE : TRI_FALSE;
  }
  if (bound.where && value !== TRI_FALSE) value = AND3[value * 3 + whereTri(bound.where, table, r)];
  return value as Tri;
}

/**
 * The where tree over every row of a table at once, one tri per row: column at a time, so the field
 * lookups happen once per node instead of once per row (the county path; recordQualifies is the row path).
 */
function whereColumn(where: BoundWhere, table: RecordTable): Uint8Array {
  const n = table.size;
  const out = new Uint8Array(n);
  switch (where.k) {
    case 'all':
    case 'any': {
      const lut = where.k === 'all' ? AND3 : OR3;
      out.fill(where.k === 'all' ? TRI_TRUE : TRI_FALSE);
      for (const child of where.children) {
        const c = whereColumn(child, table);
        for (let r = 0; r < n; r++) out[r] = lut[out[r] * 3 + c[r]];
      }
      return out;
    }
    case 'not': {
      const c = whereColumn(where.child, table);
      for (let r = 0; r < n; r++) out[r] = NOT3[c[r]];
      return out;
    }
    case 'in': {
      const column = table.str.get(where.field);
      if (!column) return out.fill(TRI_UNKNOWN);
      for (let r = 0; r < n; r++) {
        const value = column[r];
        out[r] = value === null ? TRI_UNKNOWN : where.set.has(value) ? TRI_TRUE : TRI_FALSE;
      }
      return out;
    }
    case 'is': {
      const column = table.num.get(where.field);
      if (!column) return out.fill(TRI_UNKNOWN);
      for (let r = 0; r < n; r++) {
        const value = column[r];
        out[r] = Number.isNaN(value) ? TRI_UNKNOWN : (value !== 0) === where.expected ? TRI_TRUE : TRI_FALSE;
      }
      return out;
    }
    case 'within':
      return withinColumn(table, where.field, where.from, where.to);
    case 'cmp': {
      const column = table.num.get(where.field);
      if (!column) return out.fill(TRI_UNKNOWN);
      const base = where.op * 3 + 1;
      for (let r = 0; r < n; r++) {
        const value = column[r];
        out[r] = Number.isNaN(value) ? TRI_UNKNOWN : OP_TABLE[base + Number(value > where.value) - Number(value < where.value)];
      }
      return out;
    }
  }
}

function withinColumn(table: RecordTable, field: string, from: number, to: number): Uint8Array {
  const out = new Uint8Array(table.size);
  const column = table.num.get(field);
  if (!column) return out.fill(TRI_UNKNOWN);
  for (let r = 0; r < table.size; r++) {
    const day = column[r];
    out[r] = Number.isNaN(day) ? TRI_UNKNOWN : day >= from && day <= to ? TRI_TRUE : TRI_FALSE;
  }
  return out;
}

/** recordQualifies for every row of a table: one tri per row. */
export function qualifyColumn(bound: Pick<BoundRecords, 'where' | 'within'>, table: RecordTable): Uint8Array {
  const q = bound.within ? withinColumn(table, bound.within.field, bound.within.from, bound.within.to) : new Uint8Array(table.size).fill(TRI_TRUE);
  if (bound.where) {
    const w = whereColumn(bound.where, table);
    for (let r = 0; r < q.length; r++) q[r] = AND3[q[r] * 3 + w[r]];
  }
  return q;
}

/** An aggregate's value as the engines compute it: state (ok/missing/undefined) and n/d. */
export interface RecordsValue {
  s: number;
  n: number;
  d: number;
}

/**
 * The aggregate over rows start … end − 1 of a table. `matched` (when given) receives the qualifying
 * rows in table order.
 */
export function aggregateRecords(bound: BoundRecords, table: RecordTable, start: number, end: number, matched?: number[]): RecordsValue {
  const values = bound.field ? table.num.get(bound.field.code)! : null;
  const scale = unitScale(bound.unit);
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let missing = false;
  for (let r = start; r < end; r++) {
    const q = recordQualifies(bound, table, r);
    if (q === TRI_FALSE) continue;
    if (q === TRI_UNKNOWN) {
      missing = true;
      continue;
    }
    if (values !== null && bound.agg !== 'count') {
      const v = values[r];
      if (Number.isNaN(v)) {
        missing = true;
        continue;
      }
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    count++;
    matched?.push(r);
  }
  if (missing) return { s: VALUE_MISSING, n: 0, d: 1 };
  switch (bound.agg) {
    case 'count':
      return { s: VALUE_OK, n: count, d: 1 };
    case 'sum':
      return { s: VALUE_OK, n: sum, d: scale };
    case 'min':
      return count === 0 ? { s: VALUE_UNDEFINED, n: 0, d: 1 } : { s: VALUE_OK, n: min, d: scale };
    case 'max':
      return count === 0 ? { s: VALUE_UNDEFINED, n: 0, d: 1 } : { s: VALUE_OK, n: max, d: scale };
    case 'avg':
      return count === 0 ? { s: VALUE_UNDEFINED, n: 0, d: 1 } : { s: VALUE_OK, n: sum, d: count * scale };
  }
}

/** Record rows of one enterprise as the scalar engine reads them; null when not known. */
export interface RecordHolder {
  records?: Readonly<Record<string, readonly RecordRow[]>> | null;
}

/** A qualifying record as explanations list it. */
export interface ListedRecord {
  id: string;
  values: Record<string, number | string | null>;
}

/** At most this many qualifying records are listed in an explanation. */
export const LISTED_RECORDS_MAX = 50;

/** The scalar evaluation of an aggregate for one enterprise, with the qualifying records. */
export function evaluateRecords(bound: BoundRecords, holder: RecordHolder): { value: RecordsValue; rows: ListedRecord[]; total: number | null } {
  const rows = holder.records?.[bound.type.code];
  if (rows === undefined || rows === null) return { value: { s: VALUE_MISSING, n: 0, d: 1 }, rows: [], total: null };
  const table = buildRecordTable(bound.type, rows);
  const matched: number[] = [];
  const value = aggregateRecords(bound, table, 0, table.size, matched);
  const listed = matched.slice(0, LISTED_RECORDS_MAX).map((r) => ({ id: table.ids[r], values: listedValues(bound.type, rows[r]) }));
  return { value, rows: listed, total: matched.length };
}

function listedValues(type: RecordTypeDefinition, row: RecordRow): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const field of type.fields) {
    const raw = row.values[field.code];
    out[field.code] = raw === undefined || raw === null ? null : typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number | string);
  }
  return out;
}

/**
 * The vector evaluation of an aggregate over the county: numerator, denominator (avg only) and state
 * per enterprise. Results are memoised per match (`memo`), so policies sharing an aggregate compute it
 * once; the arrays are not pool buffers.
 */
export function aggregateColumns(
  bound: BoundRecords,
  columns: RecordColumns | undefined,
  size: number,
  memo: Map<string, unknown>,
): { num: Float64Array; den: Float64Array | null; cd: number; st: Uint8Array } {
  const cached = memo.get(bound.key) as ReturnType<typeof aggregateColumns> | undefined;
  if (cached) return cached;
  const num = new Float64Array(size);
  const st = new Uint8Array(size).fill(VALUE_MISSING);
  const den = bound.agg === 'avg' ? new Float64Array(size).fill(1) : null;
  const scale = unitScale(bound.unit);
  if (columns) {
    const { known, offsets, table } = columns;
    // The selection once per table (shared by aggregates selecting the same rows), then one pass per
    // enterprise over its slice of typed arrays: the same arithmetic as aggregateRecords.
    const selectionKey = bound.selectionKey === undefined ? undefined : `${bound.selectionKey}:${size}`;
    let q = selectionKey === undefined ? undefined : (memo.get(selectionKey) as Uint8Array | undefined);
    if (q === undefined) {
      q = qualifyColumn(bound, table);
      if (selectionKey !== undefined) memo.set(selectionKey, q);
    }
    const values = bound.field && bound.agg !== 'count' ? table.num.get(bound.field.code)! : null;
    const agg = bound.agg;
    for (let i = 0; i < size; i++) {
      if (known[i] === 0) continue;
      const end = offsets[i + 1];
      let count = 0;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      let missing = false;
      for (let r = offsets[i]; r < end; r++) {
        const t = q[r];
        if (t === TRI_FALSE) continue;
        if (t === TRI_UNKNOWN) {
          missing = true;
          break;
        }
        if (values !== null) {
          const v = values[r];
          if (v !== v) {
            missing = true;
            break;
          }
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        count++;
      }
      if (missing) continue; // VALUE_MISSING, as filled
      if (agg === 'count') {
        st[i] = VALUE_OK;
        num[i] = count;
      } else if (agg === 'sum') {
        st[i] = VALUE_OK;
        num[i] = sum;
        if (den !== null) den[i] = scale;
      } else if (count === 0) {
        st[i] = VALUE_UNDEFINED;
      } else {
        st[i] = VALUE_OK;
        num[i] = agg === 'min' ? min : agg === 'max' ? max : sum;
        if (den !== null) den[i] = agg === 'avg' ? count * scale : scale;
      }
    }
  }
  const result = { num, den, cd: scale, st };
  memo.set(bound.key, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type Report = (path: string, code: 'nested_ratio' | 'invalid_node' | 'unknown_fact' | 'unit_mismatch' | 'not_a_quantity' | 'not_comparable' | 'bad_constant' | 'unknown_value' | 'period_not_allowed' | 'missing_argument', message: string) => void;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const ORDERED_RECORD_TYPES = new Set<RecordFieldType>(['number', 'money', 'date']);
const PERIOD_KEYS = ['year', 'yearsAgo', 'quarter', 'quartersAgo', 'month', 'monthsAgo'];

function checkKeys(node: Json, path: string, allowed: readonly string[], report: Report): void {
  for (const key of Object.keys(node)) if (!allowed.includes(key)) report(path, 'invalid_node', `unexpected key "${key}"`);
}

function checkPeriod(period: unknown, path: string, report: Report): void {
  if (!isObject(period)) return report(path, 'invalid_node', 'a period such as {"yearsAgo": 0} is needed');
  const keys = Object.keys(period);
  if ('latest' in period) return report(path, 'period_not_allowed', 'records are counted within a fixed period (year, quarter or month), not "latest"');
  if (keys.length === 1 && keys[0] === 'lastMonths') {
    if (!Number.isInteger(period.lastMonths) || (period.lastMonths as number) < 1 || (period.lastMonths as number) > 120) report(path, 'invalid_node', 'lastMonths must be a whole number of months from 1 to 120');
    return;
  }
  if (keys.length !== 1 || !PERIOD_KEYS.includes(keys[0])) return report(path, 'invalid_node', 'a period is one of year, yearsAgo, quarter, quartersAgo, month, monthsAgo');
  const value = period[keys[0]];
  if (keys[0] === 'quarter' ? !/^\d{4}Q[1-4]$/.test(String(value)) : keys[0] === 'month' ? !/^\d{4}-(0[1-9]|1[0-2])$/.test(String(value)) : !Number.isInteger(value) || (value as number) < 0) {
    report(path, 'invalid_node', `"${String(value)}" is not a valid ${keys[0]}`);
  }
}

function fieldOf(type: RecordTypeDefinition, code: unknown, path: string, report: Report): RecordFieldDefinition | null {
  const field = typeof code === 'string' ? type.fields.find((candidate) => candidate.code === code) : undefined;
  if (!field) report(path, 'unknown_fact', `"${String(code)}" is not a field of ${type.code} (fields: ${type.fields.map((x) => x.code).join(', ')})`);
  return field ?? null;
}

function checkWhere(type: RecordTypeDefinition, where: unknown, path: string, report: Report): void {
  if (!isObject(where)) return report(path, 'invalid_node', 'a record condition must be an object');
  if ('all' in where || 'any' in where) {
    const key = 'all' in where ? 'all' : 'any';
    checkKeys(where, path, [key], report);
    const list = where[key];
    if (!Array.isArray(list) || list.length === 0) return report(path, 'invalid_node', `${key} needs a non-empty list`);
    list.forEach((child, i) => checkWhere(type, child, childPath(path, key, i), report));
    return;
  }
  if ('not' in where) {
    checkKeys(where, path, ['not'], report);
    return checkWhere(type, where.not, childPath(path, 'not'), report);
  }
  if (!('field' in where)) return report(path, 'invalid_node', 'a record condition is all, any, not or a condition on a field');
  const field = fieldOf(type, where.field, childPath(path, 'field'), report);
  if ('in' in where) {
    checkKeys(where, path, ['field', 'in'], report);
    if (!field) return;
    if (field.type !== 'code' && field.type !== 'text') return report(path, 'unit_mismatch', `"${field.code}" is not a coded field`);
    if (!Array.isArray(where.in) || where.in.length === 0 || where.in.some((code) => typeof code !== 'string')) return report(childPath(path, 'in'), 'invalid_node', 'in needs a list of codes');
    if (field.codes) {
      const known = new Set(field.codes.map((code) => code.code));
      (where.in as string[]).forEach((code, i) => {
        if (!known.has(code)) report(childPath(path, 'in', i), 'unknown_value', `"${code}" is not a code of ${field.code} (${[...known].join(', ')})`);
      });
    }
    return;
  }
  if ('is' in where) {
    checkKeys(where, path, ['field', 'is'], report);
    if (typeof where.is !== 'boolean') report(childPath(path, 'is'), 'invalid_node', 'is needs true or false');
    if (field && field.type !== 'yesno') report(path, 'unit_mismatch', `"${field.code}" is not a yes/no field`);
    return;
  }
  if ('within' in where) {
    checkKeys(where, path, ['field', 'within'], report);
    if (field && field.type !== 'date') report(path, 'unit_mismatch', `"${field.code}" is not a date field`);
    return checkPeriod(where.within, childPath(path, 'within'), report);
  }
  checkKeys(where, path, ['field', 'op', 'value'], report);
  if (!['>=', '>', '<=', '<', '==', '!='].includes(where.op as string)) report(childPath(path, 'op'), 'invalid_node', 'op must be one of >=, >, <=, <, ==, !=');
  if (!field) return;
  if (!ORDERED_RECORD_TYPES.has(field.type)) return report(path, 'not_comparable', `"${field.code}" cannot be compared; use in or is`);
  const value = where.value;
  const valuePath = childPath(path, 'value');
  if (typeof value === 'number') {
    if (field.type !== 'number' || !Number.isFinite(value)) report(valuePath, 'unit_mismatch', `a plain number compares with number fields; write the unit for ${field.type} (e.g. {"wan": 100} or {"date": "2026-01-01"})`);
    return;
  }
  if (!isObject(value)) return report(valuePath, 'invalid_node', 'a value such as 12, {"wan": 100} or {"date": "2026-01-01"} is needed');
  let unit: ValueUnit;
  try {
    constantValue(value as never);
    unit = constantUnit(value as never);
  } catch (error) {
    return report(valuePath, 'bad_constant', (error as Error).message);
  }
  const expected = fieldValueUnit(field);
  if (unit !== expected) report(valuePath, 'unit_mismatch', `"${field.code}" is in ${expected} but the value is in ${unit}`);
}

/** Checks the record type, `where` and `within` of a records expression or perRecord selection. */
export function checkRecordSelection(expr: Json, path: string, catalogue: FactCatalogue, report: Report): RecordTypeDefinition | null {
  const type = typeof expr.records === 'string' ? catalogue.recordTypes?.get(expr.records) : undefined;
  if (!type) {
    report(childPath(path, 'records'), 'unknown_fact', `unknown record type "${String(expr.records)}" (known: ${[...(catalogue.recordTypes?.keys() ?? [])].join(', ')})`);
    return null;
  }
  if (expr.where !== undefined) checkWhere(type, expr.where, childPath(path, 'where'), report);
  if (expr.within !== undefined) {
    const within = expr.within;
    if (!isObject(within)) report(childPath(path, 'within'), 'invalid_node', 'within needs {field, period}');
    else {
      checkKeys(within, childPath(path, 'within'), ['field', 'period'], report);
      const field = fieldOf(type, within.field, childPath(path, 'within', 'field'), report);
      if (field && field.type !== 'date') report(childPath(path, 'within', 'field'), 'unit_mismatch', `"${field.code}" is not a date field`);
      checkPeriod(within.period, childPath(path, 'within', 'period'), report);
    }
  }
  if (expr.label !== undefined && typeof expr.label !== 'string') report(childPath(path, 'label'), 'invalid_node', 'label must be text');
  return type;
}

/** Checks a `records` expression and returns its unit (null when broken). */
export function checkRecordsExpr(expr: Json, path: string, catalogue: FactCatalogue, report: Report, insideRatio = false): ValueUnit | null {
  checkKeys(expr, path, ['records', 'agg', 'field', 'where', 'within', 'label'], report);
  const type = checkRecordSelection(expr, path, catalogue, report);
  const agg = expr.agg;
  if (!RECORD_AGGREGATES.includes(agg as RecordAggregate)) {
    report(childPath(path, 'agg'), 'invalid_node', `agg must be one of ${RECORD_AGGREGATES.join(', ')}`);
    return null;
  }
  if (!type) return null;
  if (agg === 'count') {
    if (expr.field !== undefined) report(childPath(path, 'field'), 'invalid_node', 'count counts records; remove field');
    return type.countUnit;
  }
  if (expr.field === undefined) {
    report(path, 'missing_argument', `${String(agg)} needs the field it aggregates`);
    return null;
  }
  const field = fieldOf(type, expr.field, childPath(path, 'field'), report);
  if (!field) return null;
  if (!ORDERED_RECORD_TYPES.has(field.type)) {
    report(childPath(path, 'field'), 'not_a_quantity', `"${field.code}" is not a number, amount or date`);
    return null;
  }
  if (agg === 'avg' && insideRatio) {
    report(path, 'nested_ratio', 'an average cannot be nested in a ratio, sum or growth');
    return null;
  }
  if ((agg === 'sum' || agg === 'avg') && field.type === 'date') {
    report(childPath(path, 'field'), 'not_a_quantity', `dates cannot be added; use min or max`);
    return null;
  }
  return fieldValueUnit(field);
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function periodText(spec: PeriodSpec | { lastMonths: number }, zh: boolean): string {
  if ('lastMonths' in spec) return zh ? `近${spec.lastMonths}个月` : `in the last ${spec.lastMonths} months`;
  if ('yearsAgo' in spec) return zh ? (['本年度', '上年度', '前年度'][spec.yearsAgo] ?? `${spec.yearsAgo}年前`) : spec.yearsAgo === 0 ? 'this year' : spec.yearsAgo === 1 ? 'last year' : `${spec.yearsAgo} years ago`;
  if ('year' in spec) return zh ? `${spec.year}年` : `in ${spec.year}`;
  if ('quarter' in spec) return spec.quarter;
  if ('quartersAgo' in spec) return zh ? (spec.quartersAgo === 0 ? '本季度' : `${spec.quartersAgo}个季度前`) : spec.quartersAgo === 0 ? 'this quarter' : `${spec.quartersAgo} quarters ago`;
  if ('month' in spec) return spec.month;
  if ('monthsAgo' in spec) return zh ? (spec.monthsAgo === 0 ? '本月' : `${spec.monthsAgo}个月前`) : spec.monthsAgo === 0 ? 'this month' : `${spec.monthsAgo} months ago`;
  return '';
}

const OP_WORDS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

function valueText(field: RecordFieldDefinition, value: unknown, zh: boolean): string {
  if (typeof value === 'number') return `${value}${field.unit && field.unit !== 'bp' ? (zh ? field.unit : ` ${field.unit}`) : field.unit === 'bp' ? ' bp' : ''}`;
  const constant = value as Parameters<typeof constantValue>[0];
  try {
    const unit = constantUnit(constant);
    const n = constantValue(constant);
    if (unit === 'fen') return formatFen(n, zh ? 'zh-CN' : 'en-US');
    if (unit === 'bp') return `${n / 100}%`;
    if (unit === 'date') return (constant as { date: string }).date;
    return String(n);
  } catch {
    return JSON.stringify(value);
  }
}

function whereText(type: RecordTypeDefinition, where: Json, zh: boolean): string {
  const join = zh ? '，' : ', ';
  if ('all' in where) return (where.all as Json[]).map((child) => whereText(type, child, zh)).join(join);
  if ('any' in where) return (where.any as Json[]).map((child) => whereText(type, child, zh)).join(zh ? '或' : ' or ');
  if ('not' in where) return zh ? `非（${whereText(type, where.not as Json, zh)}）` : `not (${whereText(type, where.not as Json, zh)})`;
  const field = type.fields.find((candidate) => candidate.code === where.field);
  if (!field) return String(where.field);
  const name = zh ? field.nameZh : field.nameEn.toLowerCase();
  if ('is' in where) return zh ? (where.is ? name : `非${name}`) : where.is ? name : `not ${name}`;
  if ('in' in where) {
    const names = (where.in as string[]).map((code) => {
      const entry = field.codes?.find((c) => c.code === code);
      return entry ? (zh ? entry.nameZh : entry.nameEn) : code;
    });
    return zh ? `${name}为${names.join('、')}` : `${name} ${names.join(' or ')}`;
  }
  if ('within' in where) return zh ? `${name}在${periodText(where.within as PeriodSpec, zh)}内` : `${name} ${periodText(where.within as PeriodSpec, zh)}`;
  return `${name}${zh ? '' : ' '}${OP_WORDS[where.op as string] ?? String(where.op)}${zh ? '' : ' '}${valueText(field, where.value, zh)}`;
}

const AGG_WORDS: Record<RecordAggregate, [string, string]> = {
  count: ['数', 'number of'],
  sum: ['合计', 'total'],
  min: ['最小值', 'lowest'],
  max: ['最大值', 'highest'],
  avg: ['平均值', 'average'],
};

/** The words of a record selection: "本年度入职的职工（高校毕业生，劳动合同期限≥12月）". */
export function renderRecordSelection(expr: Json, zh: boolean, catalogue: FactCatalogue | undefined): string {
  if (typeof expr.label === 'string' && expr.label !== '') return expr.label;
  const type = catalogue?.recordTypes?.get(expr.records as string);
  if (!type) return String(expr.records);
  const within = expr.within as { field: string; period: PeriodSpec } | undefined;
  const dateField = within ? type.fields.find((candidate) => candidate.code === within.field) : undefined;
  const when = within ? (zh ? `${periodText(within.period, zh)}${dateField ? dateField.nameZh.replace(/日期$/, '') : ''}的` : ` (${dateField?.nameEn.toLowerCase() ?? within.field} ${periodText(within.period, zh)})`) : '';
  const condition = expr.where ? whereText(type, expr.where as Json, zh) : '';
  if (zh) return `${when}${type.nameZh}${condition ? `（${condition}）` : ''}`;
  return `${type.nameEn.toLowerCase()}${when}${condition ? ` where ${condition}` : ''}`;
}

/** Renders a `records` expression: "本年度入职的职工（高校毕业生）人数", "total amount of loans …". */
export function renderRecordsExpr(expr: Json, zh: boolean, catalogue: FactCatalogue | undefined): string {
  const selection = renderRecordSelection(expr, zh, catalogue);
  if (typeof expr.label === 'string' && expr.label !== '') return selection;
  const type = catalogue?.recordTypes?.get(expr.records as string);
  const agg = expr.agg as RecordAggregate;
  const field = type?.fields.find((candidate) => candidate.code === expr.field);
  if (agg === 'count') return zh ? `${selection}${type?.countUnit === 'person' ? '人数' : '数量'}` : `number of ${selection}`;
  const fieldName = field ? (zh ? field.nameZh : field.nameEn.toLowerCase()) : String(expr.field);
  return zh ? `${selection}${fieldName}${AGG_WORDS[agg][0]}` : `${AGG_WORDS[agg][1]} ${fieldName} of ${selection}`;
}

/** The evaluation date helper re-exported for callers binding selections outside a Binder. */
export function recordDate(iso: string): EvaluationDate {
  return parseEvaluationDate(iso);
}
