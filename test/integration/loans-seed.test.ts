import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFactCatalogue, BUILT_IN_PARAMETERS, validateRule } from '../../src/core/rules/index.ts';
import { BUILT_IN_INDICATORS, CERTIFICATIONS } from '../../src/core/profile/indicators.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { historicalLoanOutcomes } from '../../src/server/modules/loans/index.ts';
import { sweepOverdue } from '../../src/server/modules/loans/loans.loans.service.ts';
import { BANKS } from '../../src/server/seed/county-data.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { PRODUCTS } from '../../src/server/seed/finance.ts';
import { todayInShanghai } from '../../src/server/seed/enterprises.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase;
let db: Kysely<DB>;
const today = todayInShanghai();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoCounty(db, { enterprises: 600, seed: 20261207 });
}, 600_000);
afterAll(async () => {
  await database.destroy();
});

describe('the demo county’s loans', () => {
  it('has 47 products of the 13 banks, every target rule valid, the county’s 垫易贷 among them', async () => {
    expect(PRODUCTS).toHaveLength(47);
    expect(new Set(PRODUCTS.map((p) => p.bank))).toEqual(new Set(BANKS.map((b) => b.code)));
    const catalogue = buildFactCatalogue(BUILT_IN_INDICATORS, { certifications: CERTIFICATIONS });
    for (const product of PRODUCTS) expect(validateRule(product.rule, catalogue, { params: BUILT_IN_PARAMETERS }), product.code).toEqual([]);
    const published = await db.selectFrom('loan_product_versions').where('status', '=', 'published').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(published.n)).toBe(47);
    const dyd = await db.selectFrom('loan_products as p').innerJoin('organizations as o', 'o.id', 'p.bank_org_id').where('p.code', '=', 'DIANYIDAI').select(['o.code']).executeTakeFirstOrThrow();
    expect(dyd.code).toBe('cqrcb');
    // A new version awaits the finance office.
    expect(await db.selectFrom('loan_product_versions').where('status', '=', 'in_review').select('id').execute()).toHaveLength(1);
  });

  it('has three years of loans whose outcomes lean on what the county knew of the firms', async () => {
    const outcomes = await historicalLoanOutcomes(db);
    expect(outcomes.length).toBeGreaterThan(60);
    const first = outcomes[0].disbursedOn;
    expect(first < `${Number(today.slice(0, 4)) - 2}-06-01`).toBe(true);
    const badRate = outcomes.filter((o) => o.bad).length / outcomes.length;
    expect(badRate).toBeGreaterThan(0.01);
    expect(badRate).toBeLessThan(0.2);
    // Firms with a 失信 record or a C/D tax grade went bad far more often.
    const risky = new Set(
      (
        await sql<{ enterprise_id: number }>`select distinct enterprise_id from indicator_values
          where (indicator_code = 'dishonest_debtor' and value = 1) or (indicator_code = 'tax_credit_grade' and value_text in ('C', 'D'))`.execute(db)
      ).rows.map((r) => r.enterprise_id),
    );
    const rate = (xs: typeof outcomes) => xs.filter((o) => o.bad).length / Math.max(1, xs.length);
    const riskyLoans = outcomes.filter((o) => risky.has(o.enterpriseId));
    const others = outcomes.filter((o) => !risky.has(o.enterpriseId));
    if (riskyLoans.length >= 5) expect(rate(riskyLoans)).toBeGreaterThan(rate(others));
  });

  it('keeps every loan consistent: principal = repaid + outstanding, schedules sum, the overdue sweep finds nothing to change', async () => {
    const broken = await sql<{ id: number }>`
      select l.id from loans l join loan_installments i on i.loan_id = l.id
      group by l.id, l.principal_fen, l.repaid_principal_fen
      having sum(i.principal_fen) <> l.principal_fen or sum(i.paid_principal_fen) <> l.repaid_principal_fen`.execute(db);
    expect(broken.rows).toEqual([]);
    expect(await sweepOverdue(db, today)).toEqual({ overdue: 0, cured: 0 });
    const firstLoans = await sql<{ n: number }>`select count(*)::int as n from loans where is_first_loan`.execute(db);
    const borrowers = await sql<{ n: number }>`select count(distinct enterprise_id)::int as n from loans`.execute(db);
    expect(firstLoans.rows[0].n).toBe(borrowers.rows[0].n);
  });

  it('gives the demo bank open leads at every stage, each under a consent to that bank', async () => {
    const bank = await db.selectFrom('organizations').where('code', '=', 'cqrcb').select('id').executeTakeFirstOrThrow();
    const leads = await db
      .selectFrom('loan_applications as a')
      .innerJoin('consents as c', 'c.id', 'a.consent_id')
      .where('a.bank_org_id', '=', bank.id)
      .where('a.status', 'in', ['submitted', 'in_review', 'approved', 'contracted'])
      .select(['a.status', 'a.due_at', 'c.grantee_org_id', 'c.purpose'])
      .execute();
    expect(new Set(leads.map((l) => l.status))).toEqual(new Set(['submitted', 'in_review', 'approved', 'contracted']));
    expect(leads.every((l) => l.grantee_org_id === bank.id && l.purpose === '贷款')).toBe(true);
    expect(leads.some((l) => l.due_at.getTime() < Date.now())).toBe(true);
    expect(leads.some((l) => l.due_at.getTime() > Date.now())).toBe(true);
  });
});
