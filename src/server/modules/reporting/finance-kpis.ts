/**
 * Finance KPIs (普惠金融指标), the read side over the loans and risk-pool tables: for a range of county
 * dates, a bank and a product — enterprises with loans, amount lent, lending per month / quarter / year,
 * the first-loan rate (borrowers with no loan before the range ÷ borrowers), approval time in working days
 * on the county calendar, refusal reasons, and the pools' usage. A bank sees only its own figures; the
 * finance office any bank's or all.
 */
import type { Kysely } from 'kysely';
import { poolBalances } from '../../../core/ledger/pool.ts';
import { ratioBp } from '../../../core/money/money.ts';
import { endOfDayShanghai, shanghaiDate, startOfDayShanghai, workingDaysBetween } from '../../../core/sla/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { isFinanceOffice } from '../loans/index.ts';
import type { FinanceKpis, FinanceKpisQuery } from './finance-kpis.schemas.ts';

type Period = 'month' | 'quarter' | 'year';

export function periodOf(date: string, period: Period): string {
  if (period === 'year') return date.slice(0, 4);
  if (period === 'quarter') return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 7);
}

/** Every period from the one of `from` to the one of `to`. */
export function periodsBetween(from: string, to: string, period: Period): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = periodOf(to, period);
  for (let guard = 0; guard < 1200; guard++) {
    const key = periodOf(`${y}-${String(m).padStart(2, '0')}-01`, period);
    if (out[out.length - 1] !== key) out.push(key);
    if (key === last) break;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function defaultFrom(to: string): string {
  let [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 11];
  if (m < 1) [y, m] = [y - 1, m + 12];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Which enterprises the figures cover: all, or those of a town and/or a GB/T 4754 门类 (the cockpit's filters). */
export interface EnterpriseScope {
  town?: string | null;
  industry?: string | null;
}

export interface FinanceKpisParams {
  from: string;
  to: string;
  bank: number | null;
  product: number | null;
  period: Period;
  enterprises?: EnterpriseScope;
}

export async function readFinanceKpis(db: Kysely<DB>, actor: Actor, query: FinanceKpisQuery): Promise<FinanceKpis> {
  let bank = query.bank ?? null;
  if (actor.orgType === 'bank' && hasRole(actor, 'bank_staff')) {
    if (bank !== null && bank !== actor.orgId) throw new AppError('forbidden', 'A bank sees only its own figures');
    bank = actor.orgId;
  } else if (!(await isFinanceOffice(db, actor))) {
    throw new AppError('forbidden', 'Finance KPIs are seen by the finance office and the banks');
  }
  const to = query.to ?? todayInCounty();
  const from = query.from ?? defaultFrom(to);
  if (from > to) throw new AppError('validation_failed', 'from must not be after to', [{ path: 'querystring/from', message: 'after to' }]);
  return computeFinanceKpis(db, { from, to, bank, product: query.product ?? null, period: query.period ?? 'month' });
}

/**
 * The figures themselves, for a caller already authorised (the finance KPIs route above, the cockpit for
 * the county leadership). With `enterprises`, loans and decisions count only those enterprises' (pools
 * stay county-wide: a pool covers banks and products, not towns).
 */
export async function computeFinanceKpis(db: Kysely<DB>, { from, to, bank, product, period, enterprises }: FinanceKpisParams): Promise<FinanceKpis> {
  const town = enterprises?.town ?? null;
  const industry = enterprises?.industry ?? null;
  const scoped = town !== null || industry !== null;
  const scopeIds = () => {
    let q = db.selectFrom('enterprises').select('id');
    if (town !== null) q = q.where('town_code', '=', town);
    if (industry !== null) q = q.where('industry_section', '=', industry);
    return q;
  };

  // Loans disbursed in the range.
  let loansQuery = db
    .selectFrom('loans as l')
    .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
    .innerJoin('loan_products as p', 'p.id', 'l.product_id')
    .leftJoin('loan_product_versions as v', (j) => j.onRef('v.product_id', '=', 'p.id').on('v.status', '=', 'published'))
    .where('l.disbursed_on', '>=', from)
    .where('l.disbursed_on', '<=', to);
  if (bank !== null) loansQuery = loansQuery.where('l.bank_org_id', '=', bank);
  if (product !== null) loansQuery = loansQuery.where('l.product_id', '=', product);
  if (scoped) loansQuery = loansQuery.where('l.enterprise_id', 'in', scopeIds());
  const loans = await loansQuery
    .select(['l.enterprise_id', 'l.disbursed_on', 'l.principal_fen', 'l.bank_org_id', 'b.name as bank_name', 'l.product_id', 'p.code as product_code', 'v.name as product_name'])
    .execute();

  const borrowers = new Set(loans.map((l) => l.enterprise_id));
  const series = new Map(periodsBetween(from, to, period).map((key) => [key, { loans: 0, amountFen: 0, enterprises: new Set<number>() }]));
  const byBank = new Map<number, { name: string; loans: number; amountFen: number; enterprises: Set<number> }>();
  const byProduct = new Map<number, { code: string; name: string | null; loans: number; amountFen: number }>();
  let amountLentFen = 0;
  for (const loan of loans) {
    amountLentFen += loan.principal_fen;
    const s = series.get(periodOf(loan.disbursed_on, period))!;
    s.loans++;
    s.amountFen += loan.principal_fen;
    s.enterprises.add(loan.enterprise_id);
    const b = byBank.get(loan.bank_org_id) ?? { name: loan.bank_name, loans: 0, amountFen: 0, enterprises: new Set<number>() };
    b.loans++;
    b.amountFen += loan.principal_fen;
    b.enterprises.add(loan.enterprise_id);
    byBank.set(loan.bank_org_id, b);
    const p = byProduct.get(loan.product_id) ?? { code: loan.product_code, name: loan.product_name, loans: 0, amountFen: 0 };
    p.loans++;
    p.amountFen += loan.principal_fen;
    byProduct.set(loan.product_id, p);
  }

  // First loans: a borrower of the range whose earliest loan anywhere on the platform is within it.
  // (Borrowers are given as the range's query, not as a list of ids: a county of 100,000 firms has more
  // borrowers in three years than a statement takes parameters.)
  let firstTimeBorrowers = 0;
  if (borrowers.size) {
    let inRange = db.selectFrom('loans as l').where('l.disbursed_on', '>=', from).where('l.disbursed_on', '<=', to);
    if (bank !== null) inRange = inRange.where('l.bank_org_id', '=', bank);
    if (product !== null) inRange = inRange.where('l.product_id', '=', product);
    if (scoped) inRange = inRange.where('l.enterprise_id', 'in', scopeIds());
    const { n } = await db
      .selectFrom(
        db.selectFrom('loans').where('enterprise_id', 'in', inRange.select('l.enterprise_id')).groupBy('enterprise_id').select((eb) => eb.fn.min('disbursed_on').as('first')).as('f'),
      )
      .where('f.first', '>=', from)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    firstTimeBorrowers = Number(n);
  }

  // Decisions of the range: approval time and refusal reasons.
  let decisions = db
    .selectFrom('loan_applications')
    .where('decided_at', '>=', startOfDayShanghai(from))
    .where('decided_at', '<=', endOfDayShanghai(to))
    .where('status', 'in', ['approved', 'contracted', 'disbursed', 'refused']);
  if (bank !== null) decisions = decisions.where('bank_org_id', '=', bank);
  if (product !== null) decisions = decisions.where('product_id', '=', product);
  if (scoped) decisions = decisions.where('enterprise_id', 'in', scopeIds());
  const decided = await decisions.select(['status', 'submitted_at', 'decided_at', 'refusal_code']).execute();
  const calendar = await loadWorkingCalendar(db);
  const days: number[] = [];
  const refusals = new Map<string, number>();
  for (const d of decided) {
    if (d.status === 'refused') {
      const reason = d.refusal_code ?? 'other';
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      continue;
    }
    try {
      days.push(workingDaysBetween(shanghaiDate(d.submitted_at), shanghaiDate(d.decided_at!), calendar));
    } catch {
      // A date outside the calendar's years: left out of the average rather than guessed.
    }
  }

  // Pools: those of the bank (member) or covering the product; capacity and coverage now.
  let poolsQuery = db.selectFrom('risk_pools as rp').select(['rp.id', 'rp.name', 'rp.leverage']);
  if (bank !== null) poolsQuery = poolsQuery.where('rp.id', 'in', db.selectFrom('risk_pool_banks').where('bank_org_id', '=', bank).select('pool_id'));
  if (product !== null) poolsQuery = poolsQuery.where('rp.id', 'in', db.selectFrom('risk_pool_products').where('product_id', '=', product).select('pool_id'));
  const pools = await poolsQuery.orderBy('rp.id').execute();
  const poolFigures = [];
  for (const pool of pools) {
    const entries = await db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
      .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
      .where('e.pool_id', '=', pool.id)
      .select(['d.code as debit', 'c.code as credit', 'e.amount_fen as amountFen'])
      .execute();
    const figures = poolBalances(entries);
    let covered = db.selectFrom('risk_pool_registrations').where('pool_id', '=', pool.id).where('status', '=', 'active');
    if (bank !== null) covered = covered.where('bank_org_id', '=', bank);
    const { sum } = await covered.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('covered_fen'), eb.lit(0)).as('sum')).executeTakeFirstOrThrow();
    const capacityFen = figures.capitalFen * pool.leverage;
    poolFigures.push({
      id: pool.id,
      name: pool.name,
      capitalFen: figures.capitalFen,
      capacityFen,
      coveredOutstandingFen: Number(sum),
      usageBp: ratioBp(Number(sum), capacityFen),
      claimsPaidFen: figures.claimsPaidFen,
      recoveredFen: figures.recoveredFen,
    });
  }

  return {
    from,
    to,
    bankOrgId: bank,
    productId: product,
    period,
    enterprisesWithLoans: borrowers.size,
    loans: loans.length,
    amountLentFen,
    series: [...series].map(([key, s]) => ({ period: key, loans: s.loans, enterprises: s.enterprises.size, amountFen: s.amountFen })),
    firstLoan: { borrowers: borrowers.size, firstTimeBorrowers, rateBp: ratioBp(firstTimeBorrowers, borrowers.size) },
    approvalTime: {
      decisions: days.length,
      averageWorkingDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
      medianWorkingDays: median(days),
    },
    refusals: [...refusals].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    pools: poolFigures,
    byBank: [...byBank].map(([bankOrgId, b]) => ({ bankOrgId, name: b.name, loans: b.loans, enterprises: b.enterprises.size, amountFen: b.amountFen })).sort((a, b) => b.amountFen - a.amountFen),
    byProduct: [...byProduct].map(([productId, p]) => ({ productId, ...p })).sort((a, b) => b.amountFen - a.amountFen),
  };
}
