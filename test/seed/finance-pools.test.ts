import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolBalances } from '../../src/core/ledger/pool.ts';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { generateWhitelist } from '../../src/server/modules/loan-programs/index.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

const WAN = FEN_PER_WAN;
let database: TestDatabase;
let db: Kysely<DB>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoCounty(db, { enterprises: 300, seed: 20261207 });
}, 300_000);

afterAll(async () => {
  await database.destroy();
});

async function ledger(poolId: number) {
  return db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_accounts as d', 'd.id', 'e.debit_account_id')
    .innerJoin('ledger_accounts as c', 'c.id', 'e.credit_account_id')
    .where('e.pool_id', '=', poolId)
    .select(['d.code as debit', 'c.code as credit', 'e.amount_fen as amountFen'])
    .orderBy('e.id')
    .execute();
}

describe('demo risk pools and programme', () => {
  it('the 垫易贷 pool holds 3000万 at 1:10 sharing 30/70; the 抗疫贷 pool 1000万 + 5000万 = 6亿 of capacity', async () => {
    const pools = await db.selectFrom('risk_pools').selectAll().orderBy('id').execute();
    expect(pools.map((p) => [p.code, p.leverage, p.bank_share_bp, p.government_share_bp])).toEqual([
      ['DYD-POOL', 10, 3000, 7000],
      ['KYD-POOL', 10, 3000, 7000],
    ]);
    const dyd = poolBalances(await ledger(pools[0].id));
    const kyd = poolBalances(await ledger(pools[1].id));
    expect(dyd.capitalFen).toBe(3000 * WAN);
    expect(kyd.capitalBySource).toEqual({ county: 1000 * WAN, national: 5000 * WAN });
    expect(kyd.capitalFen * pools[1].leverage).toBe(60_000 * WAN);
  });

  it('every pool keeps its invariants: cash ≥ 0 and derived from entries, covered outstanding ≤ capacity, one claim per default', async () => {
    for (const pool of await db.selectFrom('risk_pools').select(['id', 'leverage']).execute()) {
      const figures = poolBalances(await ledger(pool.id));
      expect(figures.cashFen).toBeGreaterThanOrEqual(0);
      expect(figures.cashFen).toBe(figures.capitalFen - figures.claimsPaidFen + figures.recoveredFen);
      const { covered } = await db
        .selectFrom('risk_pool_registrations')
        .where('pool_id', '=', pool.id)
        .where('status', '=', 'active')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('covered_fen'), eb.lit(0)).as('covered'))
        .executeTakeFirstOrThrow();
      expect(Number(covered)).toBeLessThanOrEqual(figures.capitalFen * pool.leverage);
    }
    const claims = await db.selectFrom('risk_pool_claims').where('status', '<>', 'rejected').select('registration_id').execute();
    expect(new Set(claims.map((c) => c.registration_id)).size).toBe(claims.length);
  });

  it('a paid claim was paid once through the payments core by two people; its recovery came back in the same shares', async () => {
    const paid = await db.selectFrom('risk_pool_claims').where('status', '=', 'paid').selectAll().execute();
    for (const claim of paid) {
      const payments = await db.selectFrom('disbursements').where('target_kind', '=', 'risk_pool_claim').where('target_id', '=', claim.id).selectAll().execute();
      expect(payments).toHaveLength(1);
      expect(payments[0]).toMatchObject({ status: 'paid', amount_fen: claim.government_share_fen });
      expect(payments[0].approved_by).not.toBe(payments[0].prepared_by);
      const recoveries = await db.selectFrom('risk_pool_recoveries').where('claim_id', '=', claim.id).where('stage', '=', 'shared').selectAll().execute();
      const total = recoveries.reduce((s, r) => s + r.amount_fen, 0);
      expect(total).toBe(claim.recovered_fen);
      expect(recoveries.reduce((s, r) => s + r.government_share_fen, 0)).toBe(total - Math.floor((total * 3000) / 10_000));
    }
  });

  it('every recovery of a claim is money recorded on its loan; a claim asks at most the loss net of the recoveries before its payout', async () => {
    // (A 300-firm county may have no defaulted 垫易贷 loan, hence no claim; the 2,000-firm demo has two.)
    const claims = await db.selectFrom('risk_pool_claims').selectAll().execute();
    for (const claim of claims) {
      expect(claim.claimed_fen + claim.deducted_fen).toBeLessThanOrEqual(claim.loss_fen);
      const recoveries = await db
        .selectFrom('risk_pool_recoveries as r')
        .leftJoin('loan_repayments as p', 'p.id', 'r.loan_repayment_id')
        .where('r.claim_id', '=', claim.id)
        .select(['r.stage', 'r.amount_fen', 'p.loan_id', 'p.kind'])
        .execute();
      for (const r of recoveries) expect(r).toMatchObject({ loan_id: claim.loan_id, kind: 'recovery' });
      expect(recoveries.filter((r) => r.stage === 'deducted').reduce((sum, r) => sum + r.amount_fen, 0)).toBe(claim.deducted_fen);
    }
  });

  it('the pools pay under the finance office’s closed 风险补偿 regulation', async () => {
    const policy = await db
      .selectFrom('risk_pools as rp')
      .innerJoin('policies as p', 'p.id', 'rp.policy_id')
      .innerJoin('policy_versions as v', 'v.policy_id', 'p.id')
      .innerJoin('organizations as o', 'o.id', 'p.department_org_id')
      .select(['p.code', 'v.status', 'v.title', 'o.code as office'])
      .distinct()
      .execute();
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatchObject({ status: 'closed', office: 'jrb', title: '垫江县中小微企业贷款风险补偿资金管理办法' });
    expect(policy[0].code).toMatch(/^JRB-FXBC-\d{4}$/);
  });

  it('the 抗疫贷 whitelist is the rule’s eligible set (regenerating changes nothing), pushed entries convert to loans', async () => {
    const program = await db.selectFrom('loan_programs').where('code', '=', 'KANGYIDAI').selectAll().executeTakeFirst();
    if (!program) return; // the loans seed had no product for the member banks
    expect(program.status).toBe('pushed');
    const before = await db.selectFrom('loan_program_whitelist').where('program_id', '=', program.id).select(['enterprise_id', 'status']).orderBy('enterprise_id').execute();
    const run = await generateWhitelist(db, program.id, { evaluationDate: program.pushed_at!.toISOString().slice(0, 10) });
    expect(run).toMatchObject({ added: 0, dropped: 0 });
    const pushed = before.filter((e) => e.status === 'pushed');
    expect(pushed.length).toBe(Math.min(46, before.length));
    expect(before.filter((e) => e.status === 'removed').length).toBeLessThanOrEqual(4);
    const lent = await db
      .selectFrom('loans')
      .innerJoin('loan_program_products as pp', 'pp.product_id', 'loans.product_id')
      .where('pp.program_id', '=', program.id)
      .where('loans.enterprise_id', 'in', pushed.length ? pushed.map((e) => e.enterprise_id) : [0])
      .where('loans.disbursed_on', '>=', program.pushed_at!.toISOString().slice(0, 10))
      .select(['loans.principal_fen'])
      .execute();
    expect(lent.length).toBeLessThanOrEqual(35);
    if (lent.length === 35) expect(lent.reduce((s, l) => s + l.principal_fen, 0)).toBe(3200 * WAN);
  });
});
