import type { Kysely } from 'kysely';
import { parseIndustryCode } from '../../../core/profile/industry-codes.ts';
import type { DB, EnterpriseStatus, EnterpriseType } from '../../db/schema.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { EnterpriseField, EnterpriseLayout } from './imports.layout.ts';
import type { SourceRow } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import { cellAt, duplicateOf, missing, readUscc, RowErrors, type RowImporter } from './imports.rows.ts';
import { parseDate, parseMoney, type CellProblem, type MoneyUnit, type Result } from './imports.values.ts';

/**
 * Imports the enterprise registry (名录) by USCC: new codes are added, known ones updated with the values the
 * file gives. An empty cell keeps what is stored, so a file with a few columns updates only those.
 */

const TYPE_CODES: readonly EnterpriseType[] = ['limited_company', 'joint_stock_company', 'individual_business', 'partnership', 'sole_proprietorship', 'branch', 'cooperative', 'other'];

/**
 * Registry type names as market-regulation exports write them ("有限责任公司(自然人独资)", "股份有限公司(非上市)"),
 * in the order they must be tried: a branch of a joint-stock company is a branch.
 */
const TYPE_RULES: readonly (readonly [RegExp, EnterpriseType])[] = [
  [/分公司|分支机构|分店|分厂|分所/, 'branch'],
  [/股份/, 'joint_stock_company'],
  [/有限责任|有限公司/, 'limited_company'],
  [/合伙/, 'partnership'],
  [/个体/, 'individual_business'],
  [/个人独资|独资企业/, 'sole_proprietorship'],
  [/合作社|合作联社/, 'cooperative'],
  [/^其他|^其它/, 'other'],
];

/** A registry type as written (name or API code) → the enterprise type. */
export function parseEnterpriseType(text: string): Result<EnterpriseType> {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((TYPE_CODES as readonly string[]).includes(key)) return { ok: true, value: key as EnterpriseType };
  for (const [pattern, type] of TYPE_RULES) if (pattern.test(text)) return { ok: true, value: type };
  return { ok: false, problem: { code: 'invalid_type', zh: `企业类型“${text}”无法识别（如有限责任公司、股份有限公司、个体工商户、合伙企业、个人独资企业、分公司、农民专业合作社、其他）`, en: `enterprise type "${text}" is not recognised` } };
}

/** 吊销 before 注销: "吊销，未注销" is a revoked licence. */
const STATUS_RULES: readonly (readonly [RegExp, EnterpriseStatus])[] = [
  [/吊销|^revoked$/i, 'revoked'],
  [/注销|^cancell?ed$/i, 'cancelled'],
  [/迁出|^moved[_ ]?out$/i, 'moved_out'],
  [/停业|歇业|^suspended$/i, 'suspended'],
  [/存续|在业|在营|开业|正常|营业|确立|^operating$|^active$/i, 'operating'],
];

/** A registration status as registries write it (存续, 吊销，未注销 …) or the API code → the status. */
export function parseEnterpriseStatus(text: string): Result<EnterpriseStatus> {
  for (const [pattern, status] of STATUS_RULES) if (pattern.test(text.trim())) return { ok: true, value: status };
  return { ok: false, problem: { code: 'invalid_status', zh: `登记状态“${text}”无法识别（如存续、在业、停业、注销、吊销、迁出）`, en: `status "${text}" is not recognised (operating, suspended, cancelled, revoked, moved_out)` } };
}

/** The statuses of a firm that left the register: only these carry a closure date (enterprises.closed_on). */
export const CLOSED_STATUSES: readonly EnterpriseStatus[] = ['cancelled', 'revoked', 'moved_out'];

const STATUS_ZH: Record<EnterpriseStatus, string> = { operating: '存续', suspended: '停业', cancelled: '注销', revoked: '吊销', moved_out: '迁出' };

/** Registered capital with the unit of its column, or one written in the cell: "500", "500万元", "500万人民币". */
export function parseCapital(text: string, columnUnit: MoneyUnit): Result<number> {
  const match = /^(.*?)\s*(万元人民币|万人民币|万元|万|元人民币|人民币元|人民币|元)?$/.exec(text.trim());
  const body = match ? match[1] : text;
  const suffix = match?.[2];
  const unit: MoneyUnit = suffix === undefined ? columnUnit : suffix.startsWith('万') ? 'wan' : 'yuan';
  const parsed = parseMoney(body, unit);
  if (parsed.ok && parsed.value < 0) return { ok: false, problem: { code: 'negative_value', zh: '注册资本不能为负数', en: 'the registered capital must not be negative' } };
  return parsed;
}

const TEXT_LIMITS: Partial<Record<EnterpriseField, number>> = { name: 200, legalRepresentative: 100, address: 500 };

interface TownIndex {
  byCode: Map<string, string>;
  byName: Map<string, string>;
}

/** Validates and writes the rows of an enterprises import, a chunk at a time (see RowImporter). */
export class EnterpriseRowImporter implements RowImporter {
  private readonly seen = new Map<string, number>();
  /** Every enterprise a good row named: the candidates for a profile recompute. */
  private readonly touched = new Set<number>();

  private constructor(
    private readonly batchId: number,
    private readonly layout: EnterpriseLayout,
    private readonly towns: TownIndex,
  ) {}

  static async create(db: Kysely<DB>, batchId: number, layout: EnterpriseLayout): Promise<EnterpriseRowImporter> {
    const towns = await repo.findTowns(db);
    return new EnterpriseRowImporter(batchId, layout, {
      byCode: new Map(towns.map((t) => [t.code, t.code])),
      byName: new Map(towns.map((t) => [t.name, t.code])),
    });
  }

  private text(row: SourceRow, field: EnterpriseField): string {
    const column = this.layout.fields[field];
    return column ? cellAt(row, column.index) : '';
  }

  private header(field: EnterpriseField): string {
    return this.layout.fields[field]?.header ?? field;
  }

  private parseRow(row: SourceRow, errors: RowErrors, existing: Map<string, repo.EnterpriseRegistryState>, today: string): repo.EnterpriseImportRow | null {
    const fail = (field: EnterpriseField, problem: CellProblem) => errors.add(row.rowNo, this.header(field), problem, this.text(row, field));
    const optional = <T>(field: EnterpriseField, parse: (text: string) => Result<T>): T | null => {
      const text = this.text(row, field);
      if (text === '') return null;
      const parsed = parse(text);
      if (parsed.ok) return parsed.value;
      fail(field, parsed.problem);
      return null;
    };
    const text = (field: EnterpriseField): string | null => {
      const value = this.text(row, field);
      if (value === '') return null;
      const limit = TEXT_LIMITS[field];
      if (limit && value.length > limit) {
        fail(field, { code: 'text_too_long', zh: `内容过长（最多${limit}字）`, en: `too long (at most ${limit} characters)` });
        return null;
      }
      return value;
    };

    const usccText = this.text(row, 'uscc');
    const uscc = readUscc(usccText);
    let isKnown = false;
    if (!uscc.ok) fail('uscc', uscc.problem);
    else {
      isKnown = existing.has(uscc.uscc);
      // A pilot-era code failing the check is legal, but only a person can accept it (on the registry page);
      // once the registry holds it, imports update it like any other.
      if (!uscc.checksumOk && !isKnown) {
        fail('uscc', {
          code: 'uscc_checksum_mismatch',
          zh: `校验位不正确（按前17位应为${uscc.expectedCheckChar}）；如确为早期试点代码，请先在企业名录页面确认添加`,
          en: `check character mismatch (positions 1–17 call for ${uscc.expectedCheckChar}); if it is a legal pilot-era code, add it on the registry page first`,
        });
      }
    }

    const name = text('name');
    if (name === null && this.text(row, 'name') === '') fail('name', missing('企业名称', 'the name'));
    const type = optional('type', parseEnterpriseType);
    if (type === null && this.text(row, 'type') === '' && uscc.ok && !isKnown) fail('type', missing('企业类型（新企业必填）', 'the type (required for a new enterprise)'));
    const legalRepresentative = text('legalRepresentative');
    const registeredOn = optional('registeredOn', parseDate);
    const registeredCapitalFen = optional('registeredCapital', (t) => parseCapital(t, this.layout.capitalUnit));
    const townCode = optional('town', (t): Result<string> => {
      const code = this.towns.byCode.get(t) ?? this.towns.byName.get(t);
      return code ? { ok: true, value: code } : { ok: false, problem: { code: 'unknown_town', zh: `镇街“${t}”不在本地区（填镇街代码或名称）`, en: `town "${t}" is not in this region (use a town code or name)` } };
    });
    const address = text('address');
    const industry = optional('industryCode', (t): Result<{ code: string; section: string; division: string | null }> => {
      const parsed = parseIndustryCode(t);
      return parsed.ok
        ? { ok: true, value: { code: parsed.code, section: parsed.section, division: parsed.division } }
        : { ok: false, problem: { code: 'invalid_industry_code', zh: `行业代码“${t}”无效（GB/T 4754-2017）：${parsed.message}`, en: `industry code "${t}" is not valid (GB/T 4754-2017): ${parsed.message}` } };
    });
    const status = optional('status', parseEnterpriseStatus);
    const closedOn = this.closedOn(row, fail, status, uscc.ok ? existing.get(uscc.uscc) : undefined, registeredOn, today);

    if (uscc.ok) {
      const first = this.seen.get(uscc.uscc);
      if (first !== undefined) fail('uscc', duplicateOf(first, '统一社会信用代码', 'USCC'));
      else this.seen.set(uscc.uscc, row.rowNo);
    }
    if (errors.isBad(row.rowNo) || !uscc.ok || name === null) return null;
    return {
      uscc: uscc.uscc,
      name,
      type,
      legalRepresentative,
      registeredOn,
      registeredCapitalFen,
      townCode,
      address,
      industryCode: industry?.code ?? null,
      industrySection: industry?.section ?? null,
      industryDivision: industry?.division ?? null,
      status,
      closedOn,
    };
  }

  /**
   * The closure date a row gives (注销/吊销/迁出日期, or 核准日期 for a closed firm), checked against the status and
   * registration date the firm will have after the row: a closure date on a firm that operates, a date before
   * its registration or after today is a row error. null: not given (a closed firm keeps its stored date).
   */
  private closedOn(
    row: SourceRow,
    fail: (field: EnterpriseField, problem: CellProblem) => void,
    status: EnterpriseStatus | null,
    stored: repo.EnterpriseRegistryState | undefined,
    registeredOn: string | null,
    today: string,
  ): string | null {
    const closureText = this.text(row, 'closedOn');
    const approvedText = this.text(row, 'approvedOn');
    if (status === null && this.text(row, 'status') !== '') return null; // the status cell is already reported
    const finalStatus = status ?? stored?.status ?? 'operating';
    const closed = CLOSED_STATUSES.includes(finalStatus);
    // 核准日期 is every firm's last approved change: the closure date only when the firm is closed.
    const field: EnterpriseField | null = closureText !== '' ? 'closedOn' : closed && approvedText !== '' ? 'approvedOn' : null;
    let given: string | null = null;
    if (field) {
      const parsed = parseDate(this.text(row, field));
      if (!parsed.ok) {
        fail(field, parsed.problem);
        return null;
      }
      given = parsed.value;
      if (!closed) {
        fail(field, {
          code: 'closed_date_not_closed',
          zh: `登记状态为“${STATUS_ZH[finalStatus]}”的企业不能有注销/吊销/迁出日期（仅注销、吊销、迁出的企业填写）`,
          en: `a closure date is only for a cancelled, revoked or moved-out firm; this firm's status is ${finalStatus}`,
        });
        return null;
      }
      if (given > today) {
        fail(field, { code: 'future_date', zh: `${STATUS_ZH[finalStatus]}日期${given}晚于今天`, en: `the closure date ${given} is in the future` });
        return null;
      }
    }
    // The stored date stays while the firm stays closed, so a new 成立日期 is checked against it too.
    const closure = given ?? (closed && stored && CLOSED_STATUSES.includes(stored.status) ? stored.closedOn : null);
    const registered = registeredOn ?? stored?.registeredOn ?? null;
    if (closure !== null && registered !== null && closure < registered) {
      fail(field ?? 'registeredOn', {
        code: 'closed_before_registered',
        zh: `${STATUS_ZH[finalStatus]}日期${closure}早于成立日期${registered}`,
        en: `the closure date ${closure} is before the registration date ${registered}`,
      });
      return null;
    }
    return given;
  }

  async writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]) {
    const usccs = new Set<string>();
    for (const row of rows) {
      const uscc = readUscc(this.text(row, 'uscc'));
      if (uscc.ok) usccs.add(uscc.uscc);
    }
    const existing = await repo.findEnterpriseRegistryStates(db, [...usccs]);
    const today = todayInCounty();
    const errors = new RowErrors();
    const fresh: repo.EnterpriseImportRow[] = [];
    const known: repo.EnterpriseImportRow[] = [];
    for (const row of rows) {
      const parsed = this.parseRow(row, errors, existing, today);
      if (!parsed) continue;
      if (existing.has(parsed.uscc)) known.push(parsed);
      else fresh.push(parsed);
    }
    return db.transaction().execute(async (trx) => {
      const inserted = await repo.insertEnterprises(trx, fresh);
      const changed = await repo.updateEnterprises(trx, known);
      await repo.insertImportErrors(trx, this.batchId, errors.rows);
      const counts = { processed: rows.length, inserted: inserted.size, updated: changed.length, unchanged: known.length - changed.length, errors: errors.badRows.size };
      await repo.addChunkCounts(trx, this.batchId, counts);
      for (const id of inserted.values()) this.touched.add(id);
      for (const row of known) this.touched.add(existing.get(row.uscc)!.id);
      return counts;
    });
  }

  /** Of the enterprises the file named, those created or changed since the batch first started. */
  async changedEnterprises(db: Kysely<DB>, since: Date): Promise<number[]> {
    return repo.findEnterprisesChangedSince(db, [...this.touched], since);
  }
}
