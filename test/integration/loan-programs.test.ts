import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createManufacturer, signIn, type CreatedEnterprise } from '../factories/enterprises.ts';
import { REVENUE_RULE } from '../factories/policies.ts';
import { createBank, createLoanRecord, createProduct, signInFinanceOffice } from '../factories/risk-pools.ts';

const WAN = FEN_PER_WAN;
type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let office: Client;
let bank: Client;
let otherBank: Client;
let bankId: number;
let productId: number;
let eligible: CreatedEnterprise[];
let small: CreatedEnterprise;
let programId: number;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  office = await signInFinanceOffice(t.app);
  bankId = await createBank(db, '中国农业银行垫江县支行');
  bank = await signIn(t.app, ['bank_staff'], bankId);
  otherBank = await signIn(t.app, ['bank_staff'], await createBank(db));
  productId = await createProduct(db, bankId, { code: 'KANGYIDAI', name: '抗疫贷' });
  eligible = [];
  for (const revenue of [2500, 3000, 4000, 5000]) eligible.push(await createManufacturer(db, revenue));
  // Each enterprise has a user, who receives the push.
  for (const enterprise of eligible) await signIn(t.app, ['enterprise_user'], enterprise.orgId!);
  small = await createManufacturer(db, 500);
});

afterAll(async () => {
  await t.close();
});

describe('programmes and whitelists', () => {
  it('the finance office creates a programme; a bad rule and other roles are refused', async () => {
    const body = { code: 'KANGYIDAI-2026', name: '抗疫贷', rule: REVENUE_RULE, quotaFen: 60_000 * WAN, bankOrgIds: [bankId], productIds: [productId] };
    expect((await bank.post('/api/finance/programs', body)).statusCode).toBe(403);
    const badRule = await office.post('/api/finance/programs', { ...body, rule: { left: { fact: 'no_such_fact' }, op: '>=', right: 1 } });
    expect(badRule.statusCode).toBe(400);
    expect(await db.selectFrom('loan_programs').select('id').execute()).toHaveLength(0);
    const res = await office.post('/api/finance/programs', body);
    expect(res.statusCode).toBe(201);
    programId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', quotaFen: 60_000 * WAN, banks: [{ id: bankId }], products: [{ id: productId, code: 'KANGYIDAI' }] });
  });

  it('generates the whitelist from the rule over the county by a job, with progress', async () => {
    const res = await office.post(`/api/finance/programs/${programId}/whitelist/generate`);
    expect(res.statusCode).toBe(202);
    expect(res.json().program.status).toBe('generating');
    expect((await office.post(`/api/finance/programs/${programId}/whitelist/generate`)).statusCode).toBe(409);
    await t.app.jobs.drain();
    const program = (await office.get(`/api/finance/programs/${programId}`)).json();
    expect(program.status).toBe('review');
    expect(program.generation.done).toBe(program.generation.total);
    expect(program.generation.total).toBeGreaterThanOrEqual(5);
    const list = (await office.get(`/api/finance/programs/${programId}/whitelist?pageSize=50`)).json();
    expect(list.items.map((e: { enterprise: { id: number } }) => e.enterprise.id).sort()).toEqual(eligible.map((e) => e.id).sort());
    expect(list.items.every((e: { status: string }) => e.status === 'listed')).toBe(true);
  });

  it('review: removal needs a reason and is audited; regenerating keeps the removal', async () => {
    const entry = (await office.get(`/api/finance/programs/${programId}/whitelist`)).json().items[0];
    expect((await office.post(`/api/finance/programs/${programId}/whitelist/${entry.id}/remove`, { reason: ' ' })).statusCode).toBe(400);
    expect((await bank.post(`/api/finance/programs/${programId}/whitelist/${entry.id}/remove`, { reason: '存在欠税' })).statusCode).toBe(403);
    const res = await office.post(`/api/finance/programs/${programId}/whitelist/${entry.id}/remove`, { reason: '存在欠税记录' });
    expect(res.statusCode).toBe(200);
    await office.post(`/api/finance/programs/${programId}/whitelist/generate`);
    await t.app.jobs.drain();
    const removed = (await office.get(`/api/finance/programs/${programId}/whitelist?status=removed`)).json();
    expect(removed.items).toMatchObject([{ id: entry.id, removedReason: '存在欠税记录' }]);
    const audit = await db.selectFrom('audit_log').where('action', '=', 'loan_program.whitelist_remove').select('details').execute();
    expect(audit).toHaveLength(1);
  });

  it('push: enterprises and banks are told; enterprises see programmes they are whitelisted for, others not', async () => {
    const res = await office.post(`/api/finance/programs/${programId}/push`);
    expect(res.statusCode).toBe(200);
    expect(res.json().pushed).toBe(3);
    expect((await office.post(`/api/finance/programs/${programId}/push`)).statusCode).toBe(409);
    const pushed = (await office.get(`/api/finance/programs/${programId}/whitelist?status=pushed&pageSize=50`)).json().items.map((e: { enterprise: { id: number } }) => e.enterprise.id);
    expect(pushed).toHaveLength(3);
    const notified = await db.selectFrom('notifications').where('kind', '=', 'loan_program.pushed').select('enterprise_id').execute();
    expect(new Set(notified.map((n) => n.enterprise_id))).toEqual(new Set(pushed));
    expect(await db.selectFrom('notifications').where('kind', '=', 'loan_program.pushed_bank').select('id').execute()).toHaveLength(1);

    const member = await signIn(t.app, ['enterprise_user'], eligible.find((e) => pushed.includes(e.id))!.orgId!);
    expect((await member.get('/api/finance/programs')).json().items.map((p: { id: number }) => p.id)).toEqual([programId]);
    expect((await member.get(`/api/finance/programs/${programId}`)).json().myEntry.status).toBe('pushed');
    expect((await member.get(`/api/finance/programs/${programId}/whitelist`)).statusCode).toBe(403);
    const outsider = await signIn(t.app, ['enterprise_user'], small.orgId!);
    expect((await outsider.get('/api/finance/programs')).json().items).toEqual([]);
    expect((await outsider.get(`/api/finance/programs/${programId}`)).statusCode).toBe(404);
    expect((await otherBank.get(`/api/finance/programs/${programId}`)).statusCode).toBe(404);
    const bankView = (await bank.get(`/api/finance/programs/${programId}/whitelist?pageSize=50`)).json();
    expect(bankView.total).toBe(3);
  });

  it('tracks conversion pushed → applied → approved → lent with amounts', async () => {
    const pushed = (await office.get(`/api/finance/programs/${programId}/whitelist?status=pushed&pageSize=50`)).json().items.map((e: { enterprise: { id: number } }) => e.enterprise.id);
    await createLoanRecord(db, { productId, enterpriseId: pushed[0], status: 'submitted', amountFen: 100 * WAN });
    await createLoanRecord(db, { productId, enterpriseId: pushed[1], status: 'approved', amountFen: 200 * WAN });
    await createLoanRecord(db, { productId, enterpriseId: pushed[2], status: 'disbursed', amountFen: 300 * WAN, loan: { disbursedOn: '2026-12-07' } });
    // An application before the push, or to another product, does not count.
    const other = await createProduct(db, bankId);
    await createLoanRecord(db, { productId: other, enterpriseId: pushed[0], status: 'disbursed', amountFen: 50 * WAN, loan: { disbursedOn: '2026-12-07' } });
    const program = (await office.get(`/api/finance/programs/${programId}`)).json();
    expect(program.conversion).toEqual({ listed: 0, removed: 1, pushed: 3, applied: 3, approved: 2, lent: 1, appliedFen: 600 * WAN, approvedFen: 500 * WAN, lentFen: 300 * WAN });
    const stages = (await office.get(`/api/finance/programs/${programId}/whitelist?status=pushed&pageSize=50`)).json().items.map((e: { stage: string }) => e.stage).sort();
    expect(stages).toEqual(['applied', 'approved', 'lent']);
  });
});
