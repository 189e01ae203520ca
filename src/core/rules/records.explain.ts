/**
 * Record aggregates in explanations: the input a `records` expression contributes (its value, the
 * resolved period and the qualifying records, listed on the detail view) and the missing fact it
 * asks for when the enterprise's records of the type are unknown.
 */
import type { ExplainedInput } from './evaluate.ts';
import { formatFen } from '../money/money.ts';
import type { FactCatalogue } from './catalogue.ts';
import type { EnterpriseFacts } from './facts.ts';
import { VALUE_MISSING, VALUE_OK } from './logic.ts';
import type { MissingFact } from './missing.ts';
import { evaluateRecords, type BoundRecords, type ListedRecord, type RecordFieldDefinition, type RecordsValue } from './records.ts';
import { unitScale } from './units.ts';

/** The qualifying records of an aggregate as an explanation carries them. */
export interface ExplainedRecords {
  type: string;
  /** Number of qualifying records (all of them, also those beyond the listed ones). */
  total: number | null;
  /** The first qualifying records (at most LISTED_RECORDS_MAX), earliest first. */
  rows: ListedRecord[];
}

/** The fact code under which a record type is asked for: "records:employee". */
export const recordsFact = (type: string) => `records:${type}`;

export function explainRecords(bound: BoundRecords, facts: EnterpriseFacts): { value: RecordsValue; input: ExplainedInput; missing: MissingFact | null } {
  const { value, rows, total } = evaluateRecords(bound, facts);
  const period = bound.within?.label ?? null;
  const shown = value.s === VALUE_OK ? (value.n / value.d) * unitScale(bound.unit) : null;
  const input: ExplainedInput = {
    path: bound.path,
    fact: recordsFact(bound.type.code),
    period,
    value: shown === null ? null : Number.isInteger(shown) ? shown : Math.round(shown * 10000) / 10000,
    records: { type: bound.type.code, total, rows },
  };
  return { value, input, missing: value.s === VALUE_MISSING ? { fact: recordsFact(bound.type.code), period } : null };
}

/** The name of a missing record type as asked of an enterprise: "2026年职工记录", "Employees records (2026)". */
export function recordsMissingName(fact: string, period: string | null, zh: boolean, catalogue: FactCatalogue): string {
  const code = fact.slice('records:'.length);
  const type = catalogue.recordTypes?.get(code);
  const name = type ? (zh ? type.nameZh : type.nameEn) : code;
  return zh ? `${period ? `${period}年`.replace(/年年$/, '年') : ''}${name}记录` : `${name} records${period ? ` (${period})` : ''}`;
}

/** How many qualifying records an explanation lists line by line. */
export const RECORD_LINES_MAX = 10;

function fieldText(field: RecordFieldDefinition, value: number | string | null, zh: boolean): string | null {
  if (value === null) return null;
  const name = zh ? field.nameZh : field.nameEn;
  let text: string;
  switch (field.type) {
    case 'money':
      text = typeof value === 'number' ? formatFen(value, zh ? 'zh-CN' : 'en-US') : String(value);
      break;
    case 'yesno':
      text = value === 1 || value === 'true' ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
      break;
    case 'code':
      text = field.codes?.find((code) => code.code === value)?.[zh ? 'nameZh' : 'nameEn'] ?? String(value);
      break;
    case 'number':
      text = field.unit === 'bp' && typeof value === 'number' ? `${value / 100}%` : `${value}${field.unit ? (zh ? field.unit : ` ${field.unit}`) : ''}`;
      break;
    default:
      text = String(value);
  }
  return zh ? `${name} ${text}` : `${name.toLowerCase()} ${text}`;
}

/** The lines listing the qualifying records of an aggregate under its explanation line. */
export function recordLines(records: ExplainedRecords, zh: boolean, catalogue: FactCatalogue): string[] {
  const type = catalogue.recordTypes?.get(records.type);
  if (!type || records.total === null) return [];
  const head = zh ? `符合条件的${type.nameZh}记录 ${records.total} 条${records.total > 0 ? '：' : ''}` : `${records.total} qualifying ${type.nameEn.toLowerCase()} record${records.total === 1 ? '' : 's'}${records.total > 0 ? ':' : ''}`;
  const lines = [head];
  for (const row of records.rows.slice(0, RECORD_LINES_MAX)) {
    const parts = type.fields.map((field) => fieldText(field, row.values[field.code] ?? null, zh)).filter((part): part is string => part !== null);
    lines.push(`· ${parts.join(zh ? '，' : ', ')}`);
  }
  if (records.total > RECORD_LINES_MAX) lines.push(zh ? `…… 另有 ${records.total - RECORD_LINES_MAX} 条` : `… and ${records.total - RECORD_LINES_MAX} more`);
  return lines;
}
