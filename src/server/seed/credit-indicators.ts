import { sql, type Kysely } from 'kysely';
import { FEN_PER_WAN } from '../../core/money/money.ts';
import type { Prng } from '../../core/random/prng.ts';
import type { DB } from '../db/schema.ts';
import { historicalLoanOutcomes } from '../modules/loans/index.ts';
import { SHOWCASE_ENTERPRISE_NAME } from './enterprises.ts';

/**
 * The credit facts of the demo county (issue 8): tax arrears, loan overdue events, court enforcements
 * (被执行), contract defaults, utility (水电气) and social-insurance arrears, government procurement awards —
 * for the last CREDIT_YEARS complete years (never before the enterprise was registered), so most loans of the
 * seeded history can be assessed on the facts known before they were granted.
 *
 * Each enterprise has a hidden propensity to break its obligations, drawn from the seed and leaning on what
 * the county already says of it (失信被执行人, the tax credit grade, penalties) and, when the finance seed ran
 * first, on how its historical loans ended: firms whose loans went bad broke more obligations before. The
 * facts are drawn from that propensity, so the trained scorecard has real (noisy) signal to find.
 *
 * Set-based: one read of the enterprises and their few existing credit facts, then chunked `unnest` inserts.
 * The showcase enterprise (the demo user `ent`) gets a fixed, nearly clean record with one old overdue event
 * and a small utility arrear, so 我的信用 shows reasons and advice.
 */

/** The same three complete years as the rest of the county's facts (a loan of the history older than that is assessed on current facts). */
export const CREDIT_YEARS = 3;
const CHUNK = 50_000;

interface Columns {
  enterpriseId: number[];
  code: string[];
  period: string[];
  source: string[];
  value: number[];
  asOf: string[];
}

const empty = (): Columns => ({ enterpriseId: [], code: [], period: [], source: [], value: [], asOf: [] });

async function flush(db: Kysely<DB>, c: Columns): Promise<void> {
  if (c.code.length === 0) return;
  await sql`
    insert into indicator_values (enterprise_id, indicator_code, period, source, value, value_text, as_of)
    select e, c, p, s, v, null, a from unnest(${c.enterpriseId}::int[], ${c.code}::text[], ${c.period}::text[], ${c.source}::text[],
      ${c.value}::int8[], ${c.asOf}::date[]) as t(e, c, p, s, v, a)
    on conflict do nothing`.execute(db);
}

function poisson(random: Prng, rate: number): number {
  // Knuth: small rates only (the rates here stay below ~3).
  const limit = Math.exp(-Math.min(rate, 8));
  let k = 0;
  let p = random.next();
  while (p > limit && k < 20) {
    k++;
    p *= random.next();
  }
  return k;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Seeds the credit facts of every enterprise; `referenceYear` is the current year (facts end the year before). */
export async function seedCreditIndicators(db: Kysely<DB>, rng: Prng, options: { referenceYear: number }): Promise<{ rows: number }> {
  const lastYear = options.referenceYear - 1;
  const years = Array.from({ length: CREDIT_YEARS }, (_, i) => lastYear - CREDIT_YEARS + 1 + i);
  const enterprises = await db.selectFrom('enterprises').select(['id', 'name', 'registered_on']).orderBy('id').execute();
  const known = await sql<{ enterprise_id: number; indicator_code: string; value: number | null; value_text: string | null }>`
    select enterprise_id, indicator_code, value, value_text from indicator_values
    where period = ${String(lastYear)} and indicator_code in ('dishonest_debtor', 'tax_credit_grade', 'admin_penalties')`.execute(db);
  const lean = new Map<number, number>();
  const addLean = (id: number, by: number) => lean.set(id, (lean.get(id) ?? 0) + by);
  for (const row of known.rows) {
    if (row.indicator_code === 'dishonest_debtor' && row.value === 1) addLean(row.enterprise_id, 1.6);
    if (row.indicator_code === 'admin_penalties' && (row.value ?? 0) > 0) addLean(row.enterprise_id, 0.4);
    if (row.indicator_code === 'tax_credit_grade') addLean(row.enterprise_id, row.value_text === 'A' ? -0.4 : row.value_text === 'C' || row.value_text === 'D' ? 0.8 : 0);
  }
  // Historical loans (when the finance seed ran first): a bad ending leans its firm's earlier record.
  const outcomes = await historicalLoanOutcomes(db);
  for (const outcome of outcomes) addLean(outcome.enterpriseId, outcome.bad ? 1.3 : -0.15);

  const random = rng.fork();
  let c = empty();
  let rows = 0;
  let firstYear = 0;
  const put = (id: number, code: string, year: number, source: string, value: number) => {
    if (year < firstYear) return;
    c.enterpriseId.push(id);
    c.code.push(code);
    c.period.push(String(year));
    c.source.push(source);
    c.value.push(Math.round(value));
    c.asOf.push(`${year + 1}-02-15`);
  };
  for (const enterprise of enterprises) {
    firstYear = enterprise.registered_on ? Number(enterprise.registered_on.slice(0, 4)) : 0;
    if (enterprise.name === SHOWCASE_ENTERPRISE_NAME) {
      for (const year of years) {
        put(enterprise.id, 'tax_arrears', year, 'tax', 0);
        put(enterprise.id, 'loan_overdue_count', year, 'bank', year === years[1] ? 1 : 0);
        put(enterprise.id, 'court_enforcements', year, 'credit', 0);
        put(enterprise.id, 'contract_defaults', year, 'credit', 0);
        put(enterprise.id, 'utility_arrears', year, 'electricity', year === lastYear ? 0.32 * FEN_PER_WAN : 0);
        put(enterprise.id, 'social_insurance_arrears', year, 'social_insurance', 0);
        put(enterprise.id, 'gov_procurement_wins', year, 'public_resources', year >= lastYear - 1 ? 1 : 0);
        if (year >= lastYear - 1) put(enterprise.id, 'gov_procurement_amount', year, 'public_resources', 86 * FEN_PER_WAN);
      }
    } else {
      const risk = random.normal() + (lean.get(enterprise.id) ?? 0);
      const bidder = random.chance(0.18);
      for (const year of years) {
        const yearRisk = risk + 0.35 * random.normal();
        put(enterprise.id, 'tax_arrears', year, 'tax', random.chance(sigmoid(-3.4 + 1.1 * yearRisk)) ? random.logNormal(2.5 * FEN_PER_WAN, 1) : 0);
        put(enterprise.id, 'loan_overdue_count', year, 'bank', poisson(random, Math.exp(-2.8 + 1.0 * yearRisk)));
        put(enterprise.id, 'court_enforcements', year, 'credit', poisson(random, Math.exp(-3.6 + 1.1 * yearRisk)));
        put(enterprise.id, 'contract_defaults', year, 'credit', poisson(random, Math.exp(-3.8 + 0.9 * yearRisk)));
        put(enterprise.id, 'utility_arrears', year, 'electricity', random.chance(sigmoid(-3.2 + 0.9 * yearRisk)) ? random.logNormal(0.4 * FEN_PER_WAN, 0.9) : 0);
        put(enterprise.id, 'social_insurance_arrears', year, 'social_insurance', random.chance(sigmoid(-3.3 + 0.9 * yearRisk)) ? random.logNormal(1.2 * FEN_PER_WAN, 0.9) : 0);
        const wins = bidder ? poisson(random, Math.exp(-0.2 - 0.3 * yearRisk)) : 0;
        put(enterprise.id, 'gov_procurement_wins', year, 'public_resources', wins);
        if (wins > 0) put(enterprise.id, 'gov_procurement_amount', year, 'public_resources', wins * random.logNormal(35 * FEN_PER_WAN, 0.8));
      }
    }
    if (c.code.length >= CHUNK) {
      rows += c.code.length;
      await flush(db, c);
      c = empty();
    }
  }
  rows += c.code.length;
  await flush(db, c);
  return { rows };
}
