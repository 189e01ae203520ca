/**
 * The county's facts as the rule engines read them: enterprise attributes, EFFECTIVE indicator values
 * (source precedence resolved by the profiles module's loader, the one place that decides it), all
 * certification records, and the size class (划型) of every year a rule asks about.
 *
 * Two shapes from one loader: county columns for the vector engine (a full match) and EnterpriseFacts
 * records for the scalar engine (explanations, the incremental re-match, golden cases of real
 * enterprises). Both read the same rows through the same code, which is what makes the two paths agree.
 *
 * Only operating enterprises (status 'operating') are matched: a cancelled, revoked or moved-out
 * enterprise is not pushed policies. The `town` fact is the town's name (桂阳街道), so rules read as the
 * policy text does ("所在镇街属于：澄溪镇、高峰镇"); `enterprise_type` is the registry's code
 * ('limited_company' …).
 */
import { sql } from 'kysely';
import { sizeClassInYear, type IndicatorValues } from '../../../core/profile/derived.ts';
import type { IndicatorDefinition } from '../../../core/profile/indicators.ts';
import {
  buildFactCatalogue,
  columnKey,
  CountyColumnsBuilder,
  parseEvaluationDate,
  resolvePeriod,
  type CertificationRecord,
  type CountyColumns,
  type EnterpriseFacts,
  type FactCatalogue,
  type PeriodSpec,
  type RecordRow,
  type RecordTypeDefinition,
  type SizeClass,
  ymdToIso,
} from '../../../core/rules/index.ts';
import type { DatabaseKind, Executor } from '../../db/database.ts';
import { loadIndicatorCatalogue, loadRegistryData, sourceRankTable } from '../indicators/index.ts';
import { findEffectiveValues, type EffectiveValue } from '../profiles/index.ts';

/** The indicator registry in the forms the loader and the engines need (read per run, never cached). */
export interface RuleRegistry {
  indicators: readonly IndicatorDefinition[];
  catalogue: FactCatalogue;
  ranks: { codes: string[]; sources: string[]; ranks: number[] };
}

/** Reads the indicator registry of the database (built-in rows plus those a data admin added). */
export async function loadRuleRegistry(db: Executor): Promise<RuleRegistry> {
  const [indicators, registryData, recordTypes] = await Promise.all([loadIndicatorCatalogue(db), loadRegistryData(db), loadRecordTypes(db)]);
  return { indicators, catalogue: buildFactCatalogue(indicators, { ...registryData, recordTypes }), ranks: sourceRankTable(indicators) };
}

/** The record types of the database (built-in rows plus those an administrator added). */
export async function loadRecordTypes(db: Executor): Promise<RecordTypeDefinition[]> {
  const rows = await sql<{ code: string; name_zh: string; name_en: string; count_unit: 'person' | 'count'; consent_category: string; date_field: string | null; fields: unknown }>`
    select code, name_zh, name_en, count_unit, consent_category, date_field, fields from record_types order by code`.execute(db);
  return rows.rows.map((row) => ({
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    countUnit: row.count_unit,
    consentCategory: row.consent_category,
    dateField: row.date_field,
    fields: (typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields) as RecordTypeDefinition['fields'],
  }));
}

/**
 * What a set of rules and benefit formulas reads: loading only that keeps a county-wide load to the
 * columns that matter. `'all'` loads everything (explanations of arbitrary rules, golden cases).
 */
export interface FactNeeds {
  indicators: ReadonlySet<string> | 'all';
  /** Years whose size class is read; classifying is the costly part of a load, so only these. */
  sizeClassYears: ReadonlySet<number> | 'all';
  certifications: boolean;
  /** Record types aggregated (records.ts); absent means none. */
  recordTypes?: ReadonlySet<string> | 'all';
}

export const ALL_FACTS: FactNeeds = Object.freeze({ indicators: 'all', sizeClassYears: 'all', certifications: true, recordTypes: 'all' });

/**
 * The facts rule trees and benefit formulas read, found by walking their JSON: fact references
 * (`{"fact": …, "period": …}`), status histories and certifications. Periods resolve on the evaluation
 * date, so "上年度企业规模" asks for one year's size class.
 */
export function factNeedsOf(documents: readonly unknown[], evaluationDate: string): FactNeeds {
  const date = parseEvaluationDate(evaluationDate);
  const indicators = new Set<string>();
  const years = new Set<number>();
  let allYears = false;
  let certifications = false;
  const recordTypes = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (typeof node.fact === 'string') {
      if (node.fact === 'size_class') {
        const spec = node.period as PeriodSpec | undefined;
        const period = spec ? resolvePeriod(spec, 'year', date) : null;
        if (period?.kind === 'fixed') years.add(Number(period.label));
        else if (period?.kind === 'latest' && period.min !== null) for (let y = Number(period.min); y <= Number(period.max); y++) years.add(y);
        else allYears = true;
      } else indicators.add(node.fact);
    }
    if (typeof node.history === 'string') indicators.add(node.history);
    if ('certification' in node) certifications = true;
    if (typeof node.records === 'string') recordTypes.add(node.records);
    for (const child of Object.values(node)) visit(child);
  };
  visit(documents);
  return { indicators, sizeClassYears: allYears ? 'all' : years, certifications, recordTypes };
}

/** Union of two needs. */
export function mergeNeeds(a: FactNeeds, b: FactNeeds): FactNeeds {
  const union = <T>(x: ReadonlySet<T> | 'all', y: ReadonlySet<T> | 'all') => (x === 'all' || y === 'all' ? 'all' : new Set([...x, ...y]));
  return {
    indicators: union(a.indicators, b.indicators),
    sizeClassYears: union(a.sizeClassYears, b.sizeClassYears),
    certifications: a.certifications || b.certifications,
    recordTypes: union(a.recordTypes ?? new Set<string>(), b.recordTypes ?? new Set<string>()),
  };
}

/** The indicators the size class reads, whatever the rules read (see sizeClassInYear). */
const SIZE_INPUTS = new Set(['employees', 'employees_avg', 'main_revenue', 'operating_revenue', 'total_assets']);

/** Enterprises per chunk of a load: one read of attributes, one of values, one of certifications. */
export function loadChunkSizeFor(kind: DatabaseKind): number {
  // PGlite runs queries on the event loop: smaller chunks let the server answer between them.
  return kind === 'pglite' ? 2_000 : 10_000;
}

interface AttributeRow {
  id: number;
  industry_code: string | null;
  town: string | null;
  type: string;
  registered_on: string | null;
  registered_capital_fen: number | null;
  foreign_invested: boolean | null;
}

interface CertificationRow {
  enterprise_id: number;
  code: string;
  awarded_on: string;
  expires_on: string | null;
  is_renewal: boolean;
  level: string | null;
}

/** One chunk of the county as read: attributes, effective values, certification records. */
interface Chunk {
  rows: AttributeRow[];
  /** [enterprise id, code, period, value, text value], source precedence resolved. */
  effective: EffectiveValue[];
  certifications: CertificationRow[] | null;
  /** Records of the needed types: [enterprise id, type, key, values]. */
  records: { enterprise_id: number; type_code: string; record_key: string; values: unknown }[];
}

async function readAttributes(db: Executor, scope: { afterId: number; limit: number } | { ids: readonly number[] }, includeInactive = false): Promise<AttributeRow[]> {
  const where =
    'ids' in scope
      ? sql`e.id between ${scope.ids[0]} and ${scope.ids[scope.ids.length - 1]} and e.id = any(${[...scope.ids]}::int[])`
      : sql`e.id > ${scope.afterId}`;
  const result = await sql<AttributeRow>`
    select e.id, e.industry_code, t.name as town, e.type, e.registered_on, e.registered_capital_fen, e.foreign_invested
    from enterprises e left join towns t on t.code = e.town_code
    where ${where} ${includeInactive ? sql`` : sql`and e.status = 'operating'`}
    order by e.id
    ${'ids' in scope ? sql`` : sql`limit ${scope.limit}`}`.execute(db);
  return result.rows;
}

async function readChunk(db: Executor, rows: AttributeRow[], registry: RuleRegistry, needs: FactNeeds): Promise<Chunk> {
  const ids = rows.map((r) => r.id);
  const wantsValues = needs.indicators === 'all' || needs.indicators.size > 0 || needs.sizeClassYears === 'all' || needs.sizeClassYears.size > 0;
  const types = needs.recordTypes === undefined ? [] : needs.recordTypes === 'all' ? null : [...needs.recordTypes];
  const [effective, certifications, records] = await Promise.all([
    wantsValues ? findEffectiveValues(db, ids, registry.ranks) : Promise.resolve([]),
    needs.certifications && ids.length > 0
      ? sql<CertificationRow>`
          select enterprise_id, code, awarded_on, expires_on, is_renewal, level from certifications
          where enterprise_id between ${ids[0]} and ${ids[ids.length - 1]} and enterprise_id = any(${ids}::int[])
          order by enterprise_id, awarded_on, id`.execute(db).then((r) => r.rows)
      : Promise.resolve(null),
    ids.length > 0 && (types === null || types.length > 0)
      ? sql<Chunk['records'][number]>`
          select enterprise_id, type_code, record_key, "values" from enterprise_records
          where enterprise_id between ${ids[0]} and ${ids[ids.length - 1]} and enterprise_id = any(${ids}::int[])
          ${types === null ? sql`` : sql`and type_code = any(${types}::text[])`}
          order by enterprise_id, type_code, record_key`.execute(db).then((r) => r.rows)
      : Promise.resolve([]),
  ]);
  return { rows, effective, certifications, records };
}

/** The chunk's values by enterprise, code and period (the scalar records' shape). */
function valuesByEnterprise(effective: readonly EffectiveValue[], codes: (code: string) => boolean): Map<number, Record<string, Record<string, number | string>>> {
  const values = new Map<number, Record<string, Record<string, number | string>>>();
  for (const [enterpriseId, code, period, value, text] of effective) {
    const v = value ?? text;
    if (v === null || !codes(code)) continue;
    let byCode = values.get(enterpriseId);
    if (!byCode) values.set(enterpriseId, (byCode = {}));
    (byCode[code] ??= {})[period] = v;
  }
  return values;
}

const toRecordRow = (r: Chunk['records'][number]): RecordRow => ({
  id: r.record_key,
  values: (typeof r.values === 'string' ? JSON.parse(r.values) : r.values) as Record<string, unknown>,
});

/** Records by enterprise and type (the scalar records' shape): a type appears once one record of it exists. */
function recordsByEnterprise(records: Chunk['records']): Map<number, Record<string, RecordRow[]>> {
  const out = new Map<number, Record<string, RecordRow[]>>();
  for (const r of records) {
    let byType = out.get(r.enterprise_id);
    if (!byType) out.set(r.enterprise_id, (byType = {}));
    (byType[r.type_code] ??= []).push(toRecordRow(r));
  }
  return out;
}

const toRecord = (c: CertificationRow): CertificationRecord => ({ code: c.code, awardedOn: c.awarded_on, expiresOn: c.expires_on, isRenewal: c.is_renewal, level: c.level });

/** The size class of each needed year that has figures. */
function sizeClassesOf(row: AttributeRow, values: IndicatorValues, needs: FactNeeds): Record<string, SizeClass> {
  const years = new Set<number>();
  for (const code of SIZE_INPUTS) for (const label in values[code] ?? {}) if (/^\d{4}$/.test(label)) years.add(Number(label));
  const out: Record<string, SizeClass> = {};
  for (const year of years) {
    if (needs.sizeClassYears !== 'all' && !needs.sizeClassYears.has(year)) continue;
    const result = sizeClassInYear(row.industry_code, values, year, `${year}-12-31`);
    if (result.sizeClass) out[String(year)] = result.sizeClass;
  }
  return out;
}

function attributesOf(row: AttributeRow): EnterpriseFacts['attributes'] {
  return {
    industry_code: row.industry_code,
    town: row.town,
    enterprise_type: row.type,
    registered_on: row.registered_on,
    registered_capital: row.registered_capital_fen,
    foreign_invested: row.foreign_invested,
  };
}

function toFacts(row: AttributeRow, values: IndicatorValues, certifications: CertificationRecord[] | null, needs: FactNeeds): EnterpriseFacts {
  const indicators: Record<string, Record<string, number | string>> = {};
  for (const code in values) if (needs.indicators === 'all' || needs.indicators.has(code)) indicators[code] = values[code] as Record<string, number | string>;
  return { id: String(row.id), attributes: attributesOf(row), indicators, sizeClass: sizeClassesOf(row, values, needs), certifications };
}

export interface LoadOptions {
  /** Enterprises per chunk (see loadChunkSizeFor). */
  chunkSize?: number;
  /** Called between chunks (a job extends its lease; the event loop gets a turn). */
  between?: () => Promise<void>;
}

export interface LoadedCounty {
  columns: CountyColumns;
  /** Enterprise id of each row. */
  enterpriseIds: Int32Array;
}

/**
 * Loads the county (every operating enterprise, or `ids`) into columns, chunk by chunk in id order:
 * memory holds the columns, never the county's rows. Reads only the facts in `needs`.
 */
export async function loadCountyColumns(db: Executor, registry: RuleRegistry, needs: FactNeeds, options: LoadOptions & { ids?: readonly number[] } = {}): Promise<LoadedCounty> {
  const builder = new CountyColumnsBuilder(registry.catalogue, 4096);
  const chunkSize = options.chunkSize ?? 2_000;
  const ids: number[] = [];
  const isNeeded = (code: string) => needs.indicators === 'all' || needs.indicators.has(code);
  const wantsSize = needs.sizeClassYears === 'all' || needs.sizeClassYears.size > 0;
  // Straight from the rows into the columns: no per-enterprise records, except the few figures the size
  // class reads.
  const add = (chunk: Chunk) => {
    const rowOf = new Map<number, number>();
    for (const row of chunk.rows) {
      rowOf.set(row.id, builder.addEnterprise(String(row.id), attributesOf(row)));
      ids.push(row.id);
      if (chunk.certifications) builder.setCertificationsKnown(rowOf.get(row.id)!);
    }
    const sizeInputs = new Map<number, Record<string, Record<string, number | string>>>();
    for (const [enterpriseId, code, period, value, text] of chunk.effective) {
      const v = value ?? text;
      if (v === null) continue;
      if (isNeeded(code)) builder.setFact(rowOf.get(enterpriseId)!, code, period, v);
      if (wantsSize && SIZE_INPUTS.has(code)) {
        let byCode = sizeInputs.get(enterpriseId);
        if (!byCode) sizeInputs.set(enterpriseId, (byCode = {}));
        (byCode[code] ??= {})[period] = v;
      }
    }
    if (wantsSize) {
      for (const row of chunk.rows) {
        const sizes = sizeClassesOf(row, sizeInputs.get(row.id) ?? {}, needs);
        for (const label in sizes) builder.setFact(rowOf.get(row.id)!, 'size_class', label, sizes[label]);
      }
    }
    for (const c of chunk.certifications ?? []) builder.addCertification(rowOf.get(c.enterprise_id)!, toRecord(c));
    for (const r of chunk.records) builder.addRecord(rowOf.get(r.enterprise_id)!, r.type_code, toRecordRow(r));
  };
  if (options.ids) {
    const sorted = [...new Set(options.ids)].sort((a, b) => a - b);
    for (let start = 0; start < sorted.length; start += chunkSize) {
      const rows = await readAttributes(db, { ids: sorted.slice(start, start + chunkSize) });
      if (rows.length) add(await readChunk(db, rows, registry, needs));
      await options.between?.();
    }
  } else {
    let afterId = 0;
    for (;;) {
      const rows = await readAttributes(db, { afterId, limit: chunkSize });
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      add(await readChunk(db, rows, registry, needs));
      await options.between?.();
    }
  }
  return { columns: builder.build(), enterpriseIds: Int32Array.from(ids) };
}

/**
 * The scalar engine's records of some enterprises (operating ones unless `includeInactive`; others are
 * absent from the map), with every fact unless `needs` narrows them.
 */
export async function loadEnterpriseFacts(
  db: Executor,
  registry: RuleRegistry,
  ids: readonly number[],
  needs: FactNeeds = ALL_FACTS,
  options: { includeInactive?: boolean } = {},
): Promise<Map<number, EnterpriseFacts>> {
  const out = new Map<number, EnterpriseFacts>();
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (let start = 0; start < sorted.length; start += 2_000) {
    const rows = await readAttributes(db, { ids: sorted.slice(start, start + 2_000) }, options.includeInactive);
    if (rows.length === 0) continue;
    const chunk = await readChunk(db, rows, registry, needs);
    const values = valuesByEnterprise(chunk.effective, () => true);
    const certifications = new Map<number, CertificationRecord[]>();
    for (const c of chunk.certifications ?? []) certifications.set(c.enterprise_id, [...(certifications.get(c.enterprise_id) ?? []), toRecord(c)]);
    const records = recordsByEnterprise(chunk.records);
    for (const row of rows) out.set(row.id, { ...toFacts(row, values.get(row.id) ?? {}, chunk.certifications ? (certifications.get(row.id) ?? []) : null, needs), records: records.get(row.id) ?? {} });
  }
  return out;
}

/**
 * One enterprise's record read back from county columns, with only the facts `codes` name (plus the
 * attributes and, when loaded, its certifications): what a benefit formula or an explanation of a matched
 * row needs, without a database round trip per row.
 */
export class ColumnFactsReader {
  private readonly numberKeys: { code: string; label: string; values: Float64Array; missing: Uint8Array }[] = [];
  private readonly codeKeys: { code: string; label: string; dictionary: readonly string[]; codes: Int32Array }[] = [];

  constructor(
    private readonly columns: CountyColumns,
    codes: Iterable<string>,
  ) {
    for (const code of new Set(codes)) {
      for (const label of columns.labels.get(code) ?? []) {
        const column = columns.columns.get(columnKey(code, label));
        if (!column) continue;
        if (column.kind === 'number') this.numberKeys.push({ code, label, values: column.values, missing: column.missing });
        else this.codeKeys.push({ code, label, dictionary: column.dictionary, codes: column.codes });
      }
    }
  }

  /** The record of row `i`. */
  read(i: number): EnterpriseFacts {
    const { columns } = this;
    const code = (key: string): string | null => {
      const column = columns.columns.get(key);
      return column?.kind === 'code' && column.codes[i] >= 0 ? column.dictionary[column.codes[i]] : null;
    };
    const number = (key: string): number | null => {
      const column = columns.columns.get(key);
      return column?.kind === 'number' && column.missing[i] === 0 ? column.values[i] : null;
    };
    const registered = number('registered_on');
    const attributes: EnterpriseFacts['attributes'] = {
      industry_code: code('industry_code'),
      town: code('town'),
      enterprise_type: code('enterprise_type'),
      registered_on: registered === null ? null : ymdToIso(registered),
      registered_capital: number('registered_capital'),
    };
    const indicators: Record<string, Record<string, number | string>> = {};
    const sizeClass: Record<string, SizeClass> = {};
    for (const k of this.numberKeys) if (k.missing[i] === 0) (indicators[k.code] ??= {})[k.label] = k.values[i];
    for (const k of this.codeKeys) {
      if (k.codes[i] < 0) continue;
      if (k.code === 'size_class') sizeClass[k.label] = k.dictionary[k.codes[i]] as SizeClass;
      else (indicators[k.code] ??= {})[k.label] = k.dictionary[k.codes[i]];
    }
    const c = columns.certifications;
    let certifications: CertificationRecord[] | null = null;
    if (c.known[i] === 1) {
      certifications = [];
      for (let r = c.offsets[i]; r < c.offsets[i + 1]; r++) {
        certifications.push({ code: c.dictionary[c.codes[r]], awardedOn: ymdToIso(c.awardedOn[r]), expiresOn: c.expiresOn[r] === 0 ? null : ymdToIso(c.expiresOn[r]), isRenewal: c.isRenewal[r] === 1 });
      }
    }
    const records: Record<string, RecordRow[]> = {};
    for (const [type, set] of columns.records ?? []) if (set.known[i] === 1 && set.rows) records[type] = set.rows.slice(set.offsets[i], set.offsets[i + 1]);
    return { id: columns.ids[i], attributes, indicators, sizeClass, certifications, records };
  }
}

