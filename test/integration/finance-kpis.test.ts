import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';
import { createBank, createLoanRecord, createProduct, signInFinanceOffice, type ApplicationSpec } from '../factories/risk-pools.ts';

const WAN = FEN_PER_WAN;
type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let office: Client;
let bankA: Client;
let bankAId: number;
let bankBId: number;
let productA: number;
let productB: number;
const specs: (ApplicationSpec & { bank: 'A' | 'B' })[] = [];

/** A Shanghai instant: 10:00 on a county date. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  office = await signInFinanceOffice(t.app);
  bankAId = await createBank(db, '甲银行');
  bankBId = await createBank(db, '乙银行');
  bankA = await signIn(t.app, ['bank_staff'], bankAId);
  productA = await createProduct(db, bankAId);
  productB = await createProduct(db, bankBId);
  const [e1, e2, e3, e4, e5] = await Promise.all([1, 2, 3, 4, 5].map(() => createManufacturer(db, 1000)));
  // The small county: E1 borrowed before the range; E2 twice in it (two banks); E3 once; E4 after it; E5 refused twice.
  const add = (bank: 'A' | 'B', spec: Omit<ApplicationSpec, 'productId'>) => specs.push({ bank, productId: bank === 'A' ? productA : productB, ...spec });
  add('A', { enterpriseId: e1.id, status: 'disbursed', amountFen: 80 * WAN, submittedAt: at('2025-11-03'), decidedAt: at('2025-11-06'), loan: { disbursedOn: '2025-11-10' } });
  add('A', { enterpriseId: e1.id, status: 'disbursed', amountFen: 120 * WAN, submittedAt: at('2026-03-02'), decidedAt: at('2026-03-05'), loan: { disbursedOn: '2026-03-09' } });
  add('A', { enterpriseId: e2.id, status: 'disbursed', amountFen: 100 * WAN, submittedAt: at('2026-01-05'), decidedAt: at('2026-01-12'), loan: { disbursedOn: '2026-01-20' } });
  add('B', { enterpriseId: e2.id, status: 'disbursed', amountFen: 50 * WAN, submittedAt: at('2026-03-02'), decidedAt: at('2026-03-03'), loan: { disbursedOn: '2026-03-05' } });
  add('B', { enterpriseId: e3.id, status: 'disbursed', amountFen: 200 * WAN, submittedAt: at('2026-03-16'), decidedAt: at('2026-03-20'), loan: { disbursedOn: '2026-03-31' } });
  add('A', { enterpriseId: e4.id, status: 'disbursed', amountFen: 300 * WAN, submittedAt: at('2026-03-23'), decidedAt: at('2026-03-27'), loan: { disbursedOn: '2026-04-01' } });
  add('A', { enterpriseId: e5.id, status: 'refused', amountFen: 30 * WAN, submittedAt: at('2026-03-02'), decidedAt: at('2026-03-04'), refusalCode: 'weak_cash_flow' });
  add('B', { enterpriseId: e5.id, status: 'refused', amountFen: 30 * WAN, submittedAt: at('2026-03-09'), decidedAt: at('2026-03-10'), refusalCode: 'negative_records' });
  add('A', { enterpriseId: e3.id, status: 'refused', amountFen: 30 * WAN, submittedAt: at('2026-02-02'), decidedAt: at('2026-02-04'), refusalCode: 'weak_cash_flow' });
  for (const spec of specs) await createLoanRecord(db, spec);
});

afterAll(async () => {
  await t.close();
});

const FROM = '2026-01-01';
const TO = '2026-03-31';
const inRange = (date: string) => date >= FROM && date <= TO;

describe('finance KPIs', () => {
  it('every figure equals the count computed from the county’s records', async () => {
    const res = await office.get(`/api/finance/kpis?from=${FROM}&to=${TO}`);
    expect(res.statusCode).toBe(200);
    const k = res.json();
    const lent = specs.filter((s) => s.loan && inRange(s.loan.disbursedOn));
    const borrowers = new Set(lent.map((s) => s.enterpriseId));
    expect(k.enterprisesWithLoans).toBe(borrowers.size);
    expect(k.enterprisesWithLoans).toBe(3);
    expect(k.loans).toBe(lent.length);
    expect(k.amountLentFen).toBe(lent.reduce((sum, s) => sum + s.amountFen, 0));
    expect(k.series).toEqual([
      { period: '2026-01', loans: 1, enterprises: 1, amountFen: 100 * WAN },
      { period: '2026-02', loans: 0, enterprises: 0, amountFen: 0 },
      { period: '2026-03', loans: 3, enterprises: 3, amountFen: 370 * WAN },
    ]);
    // First-time: no loan before the range (E2, E3; not E1).
    const firstTime = [...borrowers].filter((id) => !specs.some((s) => s.enterpriseId === id && s.loan && s.loan.disbursedOn < FROM));
    expect(k.firstLoan).toEqual({ borrowers: 3, firstTimeBorrowers: firstTime.length, rateBp: Math.round((firstTime.length / 3) * 10_000) });
    // Approvals decided in the range: 3-5 Mar (3 working days), 5-12 Jan (5), 2-3 Mar (1), 16-20 Mar (4), 23-27 Mar (4).
    expect(k.approvalTime).toEqual({ decisions: 5, averageWorkingDays: 3.4, medianWorkingDays: 4 });
    expect(k.refusals).toEqual([
      { reason: 'weak_cash_flow', count: 2 },
      { reason: 'negative_records', count: 1 },
    ]);
    expect(k.byBank.map((b: { name: string; loans: number }) => [b.name, b.loans])).toEqual([
      ['乙银行', 2],
      ['甲银行', 2],
    ]);
  });

  it('by period, bank and product', async () => {
    const quarter = (await office.get(`/api/finance/kpis?from=2025-10-01&to=${TO}&period=quarter`)).json();
    expect(quarter.series.map((s: { period: string; loans: number }) => [s.period, s.loans])).toEqual([
      ['2025-Q4', 1],
      ['2026-Q1', 4],
    ]);
    const bankB = (await office.get(`/api/finance/kpis?from=${FROM}&to=${TO}&bank=${bankBId}`)).json();
    expect(bankB).toMatchObject({ enterprisesWithLoans: 2, loans: 2, amountLentFen: 250 * WAN, refusals: [{ reason: 'negative_records', count: 1 }] });
    const byProduct = (await office.get(`/api/finance/kpis?from=${FROM}&to=${TO}&product=${productA}`)).json();
    expect(byProduct).toMatchObject({ loans: 2, amountLentFen: 220 * WAN, firstLoan: { borrowers: 2, firstTimeBorrowers: 1, rateBp: 5000 } });
  });

  it('a bank sees only its own figures; others are refused', async () => {
    const own = (await bankA.get(`/api/finance/kpis?from=${FROM}&to=${TO}`)).json();
    expect(own).toMatchObject({ bankOrgId: bankAId, loans: 2, amountLentFen: 220 * WAN });
    expect((await bankA.get(`/api/finance/kpis?bank=${bankBId}`)).statusCode).toBe(403);
    const enterprise = await signIn(t.app, ['enterprise_user'], (await createManufacturer(db, 100)).orgId!);
    expect((await enterprise.get('/api/finance/kpis')).statusCode).toBe(403);
    expect((await office.get('/api/finance/kpis?from=2026-04-01&to=2026-01-01')).statusCode).toBe(400);
  });

  it('pool usage: capacity and covered outstanding of the pools', async () => {
    const policyId = (await createPolicy(t.app, { author: office, body: { title: '风险补偿资金管理办法' } })).id;
    const pool = (await office.post('/api/finance/risk-pools', { code: 'KPI-POOL', name: '测试资金池', policyId, leverage: 10, bankShareBp: 3000, governmentShareBp: 7000, bankOrgIds: [bankAId] })).json();
    await office.post(`/api/finance/risk-pools/${pool.id}/contributions`, { source: 'county', amountFen: 100 * WAN, contributedOn: '2026-01-05' });
    const loanId = (await db.selectFrom('loans').where('bank_org_id', '=', bankAId).where('status', '=', 'active').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    expect((await bankA.post(`/api/finance/risk-pools/${pool.id}/registrations`, { loanId })).statusCode).toBe(201);
    const k = (await office.get(`/api/finance/kpis?from=${FROM}&to=${TO}`)).json();
    expect(k.pools).toEqual([{ id: pool.id, name: '测试资金池', capitalFen: 100 * WAN, capacityFen: 1000 * WAN, coveredOutstandingFen: 80 * WAN, usageBp: 800, claimsPaidFen: 0, recoveredFen: 0 }]);
  });
});
