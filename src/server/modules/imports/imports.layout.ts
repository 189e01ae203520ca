import type { IndicatorUnit, Periodicity } from '../../../core/profile/indicators.ts';
import { isNaturalUnit, parseMoneyUnit, splitHeaderUnit, type MoneyUnit } from './imports.values.ts';

/**
 * Recognising the header row of an import file: which column holds what. Headers may be Chinese or
 * English, indicator columns may be named by code or Chinese name with a unit in brackets. A header that
 * cannot be understood fails the whole import with a message naming it, because guessing would import
 * the wrong figures silently.
 */

/** An indicator as the importer needs it (from the `indicators` table, so added indicators import too). */
export interface ImportIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: IndicatorUnit;
  periodicity: Periodicity;
  sources: readonly string[];
  grades: readonly string[] | null;
}

/** The file cannot be imported at all (not one bad row): the batch fails with this message. */
export class ImportFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ImportFileError';
  }
}

/** Lower-case, no spaces, underscores or hyphens, full-width brackets as half-width: how headers are compared. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s_\-－]/g, '');
}

const aliases = (...names: string[]) => names.map(headerKey);

const USCC = aliases('统一社会信用代码', '社会信用代码', '信用代码', '统一代码', 'uscc', 'credit code', 'unified social credit code');
/** Columns kept for the reader's eyes (row numbers, names, remarks): accepted and not imported. */
const INFORMATIONAL = aliases('序号', '编号', '企业名称', '名称', '纳税人名称', '单位名称', '备注', '说明', 'no', 'no.', '#', 'seq', 'name', 'enterprise', 'enterprise name', 'company', 'remark', 'remarks', 'note', 'notes');

const INDICATOR_FIELDS = {
  uscc: USCC,
  indicator: aliases('指标', '指标代码', '指标名称', '指标编码', 'indicator', 'indicator code', 'code'),
  period: aliases('期间', '所属期', '所属期间', '统计期', '统计期间', '报告期', '年度', 'period'),
  value: aliases('数值', '值', '指标值', '数据', 'value'),
  asOf: aliases('截至日期', '截止日期', '数据日期', '数据截至日期', 'as of', 'asof', 'as of date'),
  unit: aliases('单位', '计量单位', 'unit'),
} as const;

export type IndicatorField = keyof typeof INDICATOR_FIELDS;

export const ENTERPRISE_FIELDS = {
  uscc: USCC,
  name: aliases('企业名称', '名称', '企业名', '市场主体名称', 'name', 'enterprise name', 'company name'),
  type: aliases('类型', '企业类型', '市场主体类型', '企业类别', 'type', 'enterprise type'),
  legalRepresentative: aliases('法定代表人', '法人代表', '法定代表人(负责人)', '负责人', '经营者', 'legal representative'),
  registeredOn: aliases('成立日期', '注册日期', '登记日期', '成立时间', 'registered on', 'registration date', 'established'),
  registeredCapital: aliases('注册资本', '注册资金', 'registered capital'),
  town: aliases('镇街', '所属镇街', '乡镇街道', '镇(街道)', '所在镇街', 'town', 'town code'),
  address: aliases('地址', '住所', '注册地址', '经营场所', '住所(经营场所)', 'address'),
  industryCode: aliases('行业代码', '国民经济行业代码', '行业分类代码', '行业', 'industry code', 'industry'),
  status: aliases('状态', '登记状态', '经营状态', '企业状态', 'status'),
  /** The date the firm left the register; only a closed status (注销/吊销/迁出) may carry one. */
  closedOn: aliases('注销日期', '吊销日期', '迁出日期', '注销/吊销日期', '注销(吊销)日期', '吊销/注销日期', '关闭日期', 'closed on', 'closure date', 'cancelled on', 'revoked on', 'moved out on'),
  /**
   * 核准日期: the date of the registry's last approved change, written for every firm. For a closed firm it is
   * the closure date (used when no closure column is given); for an operating firm it is not imported.
   */
  approvedOn: aliases('核准日期', '核准时间', 'approved on', 'approval date'),
} as const;

export type EnterpriseField = keyof typeof ENTERPRISE_FIELDS;

/** One indicator column of a wide file: where it is, what it is, in which unit its cells are. */
export interface IndicatorColumn {
  index: number;
  header: string;
  indicator: ImportIndicator;
  /** For money: the unit of the cells (元 unless the header says otherwise); for ratios: percent or bp. */
  moneyUnit: MoneyUnit | null;
  ratioUnit: 'percent' | 'bp' | null;
}

export interface FieldColumn {
  index: number;
  header: string;
}

export type IndicatorLayout =
  | { kind: 'long'; fields: Record<IndicatorField, FieldColumn | null> }
  | { kind: 'wide'; fields: Record<'uscc' | 'period' | 'asOf', FieldColumn>; indicators: IndicatorColumn[]; periodicity: Periodicity };

export interface EnterpriseLayout {
  fields: Record<EnterpriseField, FieldColumn | null>;
  capitalUnit: MoneyUnit;
}

function matchField<F extends string>(fields: Record<F, readonly string[]>, key: string): F | null {
  for (const [field, names] of Object.entries(fields) as [F, readonly string[]][]) if (names.includes(key)) return field;
  return null;
}

/** Whether a row looks like a header: it names the USCC column. Rows above it (titles) are skipped. */
export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((cell) => USCC.includes(headerKey(cell)));
}

/** Looks indicators up by code, Chinese name or English name, as headers and cells name them. */
export class IndicatorCatalogue {
  private readonly byKey = new Map<string, ImportIndicator>();

  constructor(readonly indicators: readonly ImportIndicator[]) {
    for (const indicator of indicators) {
      for (const name of [indicator.code, indicator.nameZh, indicator.nameEn]) this.byKey.set(headerKey(name), indicator);
    }
  }

  find(text: string): ImportIndicator | undefined {
    return this.byKey.get(headerKey(text));
  }
}

/** The unit of a money or ratio column from its header suffix, or an error naming the header. */
function columnUnits(indicator: ImportIndicator, header: string, unit: string | null): Pick<IndicatorColumn, 'moneyUnit' | 'ratioUnit'> {
  if (indicator.unit === 'fen') {
    const moneyUnit = unit === null ? 'yuan' : parseMoneyUnit(unit);
    if (!moneyUnit) throw new ImportFileError(`列“${header}”的单位“${unit}”无法识别，金额单位应为元、万元或分`, `column "${header}": unit "${unit}" is not a money unit (元, 万元 or 分)`);
    return { moneyUnit, ratioUnit: null };
  }
  if (indicator.unit === 'bp') {
    const key = unit?.trim().toLowerCase();
    return { moneyUnit: null, ratioUnit: key === 'bp' || key === '基点' ? 'bp' : 'percent' };
  }
  if (unit !== null && !isNaturalUnit(indicator.unit, unit)) {
    throw new ImportFileError(`列“${header}”的单位“${unit}”与指标“${indicator.nameZh}”不符`, `column "${header}": unit "${unit}" does not fit indicator ${indicator.code}`);
  }
  return { moneyUnit: null, ratioUnit: null };
}

function duplicateColumn(header: string, first: string): ImportFileError {
  return new ImportFileError(`列“${header}”与列“${first}”重复`, `column "${header}" repeats column "${first}"`);
}

/**
 * Reads an indicators header. Long layout: USCC, indicator, period, value, as-of [, unit]. Wide layout:
 * USCC, period, as-of, then one column per indicator. Throws ImportFileError for what cannot be imported.
 */
export function resolveIndicatorLayout(header: readonly string[], catalogue: IndicatorCatalogue): IndicatorLayout {
  const fields: Record<IndicatorField, FieldColumn | null> = { uscc: null, indicator: null, period: null, value: null, asOf: null, unit: null };
  const indicatorColumns: IndicatorColumn[] = [];
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    const key = headerKey(text);
    const field = matchField(INDICATOR_FIELDS, key);
    if (field) {
      const existing = fields[field];
      if (existing) throw duplicateColumn(text, existing.header);
      fields[field] = { index, header: text };
      return;
    }
    const { name, unit } = splitHeaderUnit(text);
    const indicator = catalogue.find(name);
    if (indicator) {
      const existing = indicatorColumns.find((column) => column.indicator.code === indicator.code);
      if (existing) throw duplicateColumn(text, existing.header);
      indicatorColumns.push({ index, header: text, indicator, ...columnUnits(indicator, text, unit) });
      return;
    }
    if (!INFORMATIONAL.includes(key)) unknown.push(text);
  });

  if (unknown.length > 0) {
    throw new ImportFileError(
      `无法识别的列：${unknown.map((h) => `“${h}”`).join('、')}（既不是导入字段，也不是指标代码或名称）`,
      `unrecognised columns: ${unknown.map((h) => `"${h}"`).join(', ')} (neither an import field nor an indicator code or name)`,
    );
  }
  const missing = (names: [IndicatorField, string, string][]) => {
    const absent = names.filter(([field]) => !fields[field]);
    if (absent.length > 0) {
      throw new ImportFileError(`缺少必需的列：${absent.map(([, zh]) => zh).join('、')}`, `required columns missing: ${absent.map(([, , en]) => en).join(', ')}`);
    }
  };

  const isLong = fields.indicator !== null || fields.value !== null;
  if (isLong) {
    if (indicatorColumns.length > 0) {
      throw new ImportFileError(
        `文件同时有“指标/数值”列和指标列（${indicatorColumns.map((c) => c.header).join('、')}），请只用一种格式`,
        `the file has both indicator/value columns and per-indicator columns (${indicatorColumns.map((c) => c.header).join(', ')}); use one layout`,
      );
    }
    missing([
      ['uscc', '统一社会信用代码', 'uscc'],
      ['indicator', '指标', 'indicator'],
      ['period', '期间', 'period'],
      ['value', '数值', 'value'],
      ['asOf', '截至日期', 'as_of'],
    ]);
    return { kind: 'long', fields };
  }
  if (indicatorColumns.length === 0) {
    throw new ImportFileError('没有指标列：长表需要“指标”和“数值”列，宽表需要以指标代码或名称为表头的列', 'no indicator columns: a long file needs indicator and value columns, a wide file one column per indicator');
  }
  if (fields.unit) throw new ImportFileError('宽表的单位写在列名中，如“营业收入(万元)”，不用“单位”列', 'in a wide file the unit goes into the column name, e.g. 营业收入(万元), not into a unit column');
  missing([
    ['uscc', '统一社会信用代码', 'uscc'],
    ['period', '期间', 'period'],
    ['asOf', '截至日期', 'as_of'],
  ]);
  // One period column serves every indicator of a row, so they must share a periodicity.
  const periodicities = new Set(indicatorColumns.map((column) => column.indicator.periodicity));
  if (periodicities.size > 1) {
    throw new ImportFileError('宽表中各指标的期间类型（年度/季度/月度）必须相同，请按期间类型分文件导入', 'the indicators of a wide file must share one periodicity (year, quarter or month); split the file');
  }
  return {
    kind: 'wide',
    fields: { uscc: fields.uscc!, period: fields.period!, asOf: fields.asOf! },
    indicators: indicatorColumns,
    periodicity: indicatorColumns[0].indicator.periodicity,
  };
}

/** Reads an enterprises header: USCC and name are required, the other registry columns optional. */
export function resolveEnterpriseLayout(header: readonly string[]): EnterpriseLayout {
  const fields = Object.fromEntries(Object.keys(ENTERPRISE_FIELDS).map((field) => [field, null])) as Record<EnterpriseField, FieldColumn | null>;
  let capitalUnit: MoneyUnit = 'wan';
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    let field = matchField(ENTERPRISE_FIELDS, headerKey(text));
    if (!field) {
      // "注册资本(万元)": the registered capital column carries its unit; 万元 is what registries use.
      const { name, unit } = splitHeaderUnit(text);
      if (ENTERPRISE_FIELDS.registeredCapital.includes(headerKey(name))) {
        const parsed = unit === null ? 'wan' : parseMoneyUnit(unit);
        if (!parsed) throw new ImportFileError(`列“${text}”的单位无法识别，应为元或万元`, `column "${text}": the unit is not 元 or 万元`);
        capitalUnit = parsed;
        field = 'registeredCapital';
      }
    }
    if (!field) {
      if (!INFORMATIONAL.includes(headerKey(text))) unknown.push(text);
      return;
    }
    const existing = fields[field];
    if (existing) throw duplicateColumn(text, existing.header);
    fields[field] = { index, header: text };
  });
  if (unknown.length > 0) {
    throw new ImportFileError(`无法识别的列：${unknown.map((h) => `“${h}”`).join('、')}`, `unrecognised columns: ${unknown.map((h) => `"${h}"`).join(', ')}`);
  }
  const absent = (['uscc', 'name'] as const).filter((field) => !fields[field]);
  if (absent.length > 0) {
    throw new ImportFileError(
      `缺少必需的列：${absent.map((f) => (f === 'uscc' ? '统一社会信用代码' : '企业名称')).join('、')}`,
      `required columns missing: ${absent.join(', ')}`,
    );
  }
  return { fields, capitalUnit };
}
