import type { Kysely } from 'kysely';
import { SOURCE_NAMES, type Source } from '../../../core/profile/indicators.ts';
import type { DB } from '../../db/schema.ts';
import { upsertIndicatorValues, type IndicatorValueRow } from '../indicators/index.ts';
import { ImportFileError, type IndicatorCatalogue, type IndicatorLayout, type ImportIndicator } from './imports.layout.ts';
import type { SourceRow } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import { cellAt, duplicateOf, enterpriseNotFound, missing, readUscc, RowErrors, type RowImporter } from './imports.rows.ts';
import {
  isNaturalUnit,
  parseBasisPoints,
  parseBoolean,
  parseDate,
  parseGrade,
  parseMoney,
  parseMoneyUnit,
  parsePeriodFor,
  parsePeriodLabel,
  parseWholeNumber,
  type CellProblem,
  type MoneyUnit,
  type Result,
} from './imports.values.ts';

/** A value ready to store, before its enterprise id is known. */
interface ParsedValue {
  code: string;
  period: string;
  value: number | null;
  valueText: string | null;
  asOf: string;
}

interface ParsedRow {
  rowNo: number;
  uscc: { uscc: string; checksumOk: boolean; expectedCheckChar?: string; column: string; text: string };
  values: ParsedValue[];
}

const sourceName = (source: string) => SOURCE_NAMES[source as Source] ?? { zh: source, en: source };

function sourceNotAccepted(indicator: ImportIndicator, source: string): CellProblem {
  const allowed = indicator.sources.map((s) => sourceName(s).zh).join('、');
  return {
    code: 'source_not_accepted',
    zh: `指标“${indicator.nameZh}”的数据来源为${allowed}，不接受${sourceName(source).zh}`,
    en: `indicator ${indicator.code} comes from ${indicator.sources.join(', ')}, not from ${source}`,
  };
}

/** Units of one value: of money (元 by default in files, fen in a JSON push) or of a ratio. */
interface ValueUnits {
  money: MoneyUnit;
  ratio: 'percent' | 'bp';
}

/** Parses a value cell as the indicator's unit requires. */
function parseValue(indicator: ImportIndicator, text: string, units: ValueUnits): Result<{ value: number | null; valueText: string | null }> {
  const numeric = (result: Result<number>): Result<{ value: number | null; valueText: string | null }> =>
    result.ok ? { ok: true, value: { value: result.value, valueText: null } } : result;
  switch (indicator.unit) {
    case 'fen':
      return numeric(parseMoney(text, units.money));
    case 'bp':
      return numeric(parseBasisPoints(text, units.ratio));
    case 'boolean':
      return numeric(parseBoolean(text));
    case 'grade': {
      const grade = parseGrade(text, indicator.grades);
      return grade.ok ? { ok: true, value: { value: null, valueText: grade.value } } : grade;
    }
    default:
      return numeric(parseWholeNumber(text, { allowNegative: false }));
  }
}

/** The units a long-layout row's unit cell gives for its indicator, or a problem. */
function unitsOfCell(indicator: ImportIndicator, text: string, defaults: ValueUnits): Result<ValueUnits> {
  if (text === '') return { ok: true, value: defaults };
  if (indicator.unit === 'fen') {
    const money = parseMoneyUnit(text);
    if (money) return { ok: true, value: { ...defaults, money } };
    return { ok: false, problem: { code: 'invalid_unit', zh: `金额单位“${text}”无法识别，应为元、万元或分`, en: `"${text}" is not a money unit (元, 万元 or 分)` } };
  }
  if (indicator.unit === 'bp') {
    const key = text.trim().toLowerCase();
    if (key === 'bp' || key === '基点') return { ok: true, value: { ...defaults, ratio: 'bp' } };
    if (isNaturalUnit('bp', text)) return { ok: true, value: { ...defaults, ratio: 'percent' } };
  }
  if (isNaturalUnit(indicator.unit, text)) return { ok: true, value: defaults };
  return { ok: false, problem: { code: 'invalid_unit', zh: `单位“${text}”与指标“${indicator.nameZh}”不符`, en: `unit "${text}" does not fit indicator ${indicator.code}` } };
}

/**
 * Imports indicator values (long or wide layout) from one source. A row with any bad cell is rejected whole
 * and each bad cell reported; the good rows of a chunk are written with upsertIndicatorValues, so a value
 * already stored identically counts as unchanged.
 */
export class IndicatorRowImporter implements RowImporter {
  /** First row of each key (enterprise + indicator + period): a later row with the same key is a duplicate. */
  private readonly seen = new Map<string, number>();
  private readonly changed = new Set<number>();
  private readonly defaults: ValueUnits;

  constructor(
    private readonly batchId: number,
    private readonly source: string,
    private readonly layout: IndicatorLayout,
    private readonly catalogue: IndicatorCatalogue,
    /** A JSON push gives values in the stored units: fen, basis points. */
    isNativeUnits: boolean,
  ) {
    this.defaults = isNativeUnits ? { money: 'fen', ratio: 'bp' } : { money: 'yuan', ratio: 'percent' };
    if (layout.kind === 'wide') {
      // A whole column from the wrong source is a wrong file, not 100,000 bad cells.
      const refused = layout.indicators.filter((column) => !column.indicator.sources.includes(source));
      if (refused.length > 0) {
        const problem = sourceNotAccepted(refused[0].indicator, source);
        throw new ImportFileError(`列“${refused[0].header}”：${problem.zh}`, `column "${refused[0].header}": ${problem.en}`);
      }
    }
  }

  private parseLong(row: SourceRow, errors: RowErrors): ParsedRow | null {
    if (this.layout.kind !== 'long') throw new Error('not a long layout');
    const f = this.layout.fields;
    const col = (field: keyof typeof f) => f[field]!;
    const text = (field: keyof typeof f) => (f[field] ? cellAt(row, f[field]!.index) : '');
    const fail = (field: keyof typeof f, problem: CellProblem) => errors.add(row.rowNo, col(field).header, problem, text(field));

    const usccText = text('uscc');
    const uscc = readUscc(usccText);
    if (!uscc.ok) fail('uscc', uscc.problem);

    const indicatorText = text('indicator');
    const indicator = indicatorText === '' ? undefined : this.catalogue.find(indicatorText);
    if (indicatorText === '') fail('indicator', missing('指标', 'the indicator'));
    else if (!indicator) fail('indicator', { code: 'unknown_indicator', zh: `未知指标“${indicatorText}”（应为指标代码或中文名称）`, en: `unknown indicator "${indicatorText}" (use an indicator code or Chinese name)` });
    else if (!indicator.sources.includes(this.source)) fail('indicator', sourceNotAccepted(indicator, this.source));

    const periodText = text('period');
    let period: string | null = null;
    if (periodText === '') fail('period', missing('期间', 'the period'));
    else {
      const parsed = indicator ? parsePeriodFor(periodText, indicator.periodicity) : parsePeriodLabel(periodText);
      if (!parsed.ok) fail('period', parsed.problem);
      else period = typeof parsed.value === 'string' ? parsed.value : parsed.value.label;
    }

    let units = this.defaults;
    if (indicator && f.unit) {
      const parsed = unitsOfCell(indicator, text('unit'), this.defaults);
      if (parsed.ok) units = parsed.value;
      else fail('unit', parsed.problem);
    }

    const valueText = text('value');
    let value: { value: number | null; valueText: string | null } | null = null;
    if (valueText === '') fail('value', missing('数值', 'the value'));
    else if (indicator) {
      const parsed = parseValue(indicator, valueText, units);
      if (parsed.ok) value = parsed.value;
      else fail('value', parsed.problem);
    }

    const asOf = this.readAsOf(row, errors, col('asOf'));

    if (uscc.ok && indicator && period !== null) {
      const key = `${uscc.uscc}\u0000${indicator.code}\u0000${period}`;
      const first = this.seen.get(key);
      if (first !== undefined) {
        errors.add(row.rowNo, [col('uscc'), col('indicator'), col('period')].map((c) => c.header).join('+'), duplicateOf(first, '企业、指标和期间', 'enterprise, indicator and period'), `${uscc.uscc} ${indicator.code} ${period}`);
      } else this.seen.set(key, row.rowNo);
    }
    if (errors.isBad(row.rowNo) || !uscc.ok || !indicator || period === null || value === null || asOf === null) return null;
    return { rowNo: row.rowNo, uscc: { ...uscc, column: col('uscc').header, text: usccText }, values: [{ code: indicator.code, period, ...value, asOf }] };
  }

  private parseWide(row: SourceRow, errors: RowErrors): ParsedRow | null {
    if (this.layout.kind !== 'wide') throw new Error('not a wide layout');
    const { fields, indicators, periodicity } = this.layout;
    const usccText = cellAt(row, fields.uscc.index);
    const uscc = readUscc(usccText);
    if (!uscc.ok) errors.add(row.rowNo, fields.uscc.header, uscc.problem, usccText);

    const periodText = cellAt(row, fields.period.index);
    let period: string | null = null;
    if (periodText === '') errors.add(row.rowNo, fields.period.header, missing('期间', 'the period'), null);
    else {
      const parsed = parsePeriodFor(periodText, periodicity);
      if (parsed.ok) period = parsed.value;
      else errors.add(row.rowNo, fields.period.header, parsed.problem, periodText);
    }
    const asOf = this.readAsOf(row, errors, fields.asOf);

    const values: { code: string; value: number | null; valueText: string | null }[] = [];
    for (const column of indicators) {
      const text = cellAt(row, column.index);
      // An empty cell in a wide file means "no figure for this indicator", not an error.
      if (text === '') continue;
      const parsed = parseValue(column.indicator, text, { money: column.moneyUnit ?? this.defaults.money, ratio: column.ratioUnit ?? this.defaults.ratio });
      if (parsed.ok) values.push({ code: column.indicator.code, ...parsed.value });
      else errors.add(row.rowNo, column.header, parsed.problem, text);
    }

    if (uscc.ok && period !== null) {
      const key = `${uscc.uscc}\u0000${period}`;
      const first = this.seen.get(key);
      if (first !== undefined) {
        errors.add(row.rowNo, `${fields.uscc.header}+${fields.period.header}`, duplicateOf(first, '企业和期间', 'enterprise and period'), `${uscc.uscc} ${period}`);
      } else this.seen.set(key, row.rowNo);
    }
    if (errors.isBad(row.rowNo) || !uscc.ok || period === null || asOf === null) return null;
    return { rowNo: row.rowNo, uscc: { ...uscc, column: fields.uscc.header, text: usccText }, values: values.map((v) => ({ ...v, period, asOf })) };
  }

  private readAsOf(row: SourceRow, errors: RowErrors, column: { index: number; header: string }): string | null {
    const text = cellAt(row, column.index);
    if (text === '') {
      errors.add(row.rowNo, column.header, missing('截至日期', 'the as-of date'), null);
      return null;
    }
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    errors.add(row.rowNo, column.header, parsed.problem, text);
    return null;
  }

  async writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]) {
    const errors = new RowErrors();
    const parsed: ParsedRow[] = [];
    for (const row of rows) {
      const result = this.layout.kind === 'long' ? this.parseLong(row, errors) : this.parseWide(row, errors);
      if (result) parsed.push(result);
    }
    const ids = await repo.findEnterpriseIdsByUscc(db, [...new Set(parsed.map((p) => p.uscc.uscc))]);
    const values: IndicatorValueRow[] = [];
    const enterpriseIds = new Set<number>();
    for (const row of parsed) {
      const enterpriseId = ids.get(row.uscc.uscc);
      if (enterpriseId === undefined) {
        errors.add(row.rowNo, row.uscc.column, enterpriseNotFound(row.uscc), row.uscc.text);
        continue;
      }
      enterpriseIds.add(enterpriseId);
      for (const v of row.values) values.push({ enterpriseId, code: v.code, period: v.period, source: this.source, value: v.value, valueText: v.valueText, asOf: v.asOf, batchId: this.batchId });
    }

    return db.transaction().execute(async (trx) => {
      const written = await upsertIndicatorValues(trx, values);
      await repo.insertImportErrors(trx, this.batchId, errors.rows);
      // Rows an interrupted attempt wrote count as unchanged now, yet changed the facts: found by batch id.
      if (values.length > 0) {
        for (const id of await repo.findEnterprisesWrittenByBatch(trx, this.batchId, [...enterpriseIds])) this.changed.add(id);
      }
      const counts = { processed: rows.length, ...written, errors: errors.badRows.size };
      await repo.addChunkCounts(trx, this.batchId, counts);
      return counts;
    });
  }

  async changedEnterprises(): Promise<number[]> {
    return [...this.changed];
  }
}
