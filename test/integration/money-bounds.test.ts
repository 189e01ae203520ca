/**
 * Bounded money (issue 13, item 1): an approved amount never exceeds what the policy's benefit allows the
 * enterprise (its estimate, or the cap of an "up to" benefit); a different amount needs a reason, kept and
 * audited; the maker–checker of the payment compares with the bound, not only with the retyped figure;
 * money fields have one schema maximum (1万亿元) and the database refuses larger amounts.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN as WAN, MONEY_MAX_FEN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createApplication, signInApplicant } from '../factories/applications.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

type Client = Awaited<ReturnType<typeof signIn>>;
interface Detail {
  id: number;
  status: string;
  currentStep: { key: string } | null;
  steps: { key: string }[];
  estimatedAmountFen: number | null;
  approvedAmountFen: number | null;
  amountBoundFen: number | null;
  amountReason: string | null;
  events: { action: string; reason: string | null; details: Record<string, unknown> }[];
}

let t: TestApp;
let db: Kysely<DB>;
let maker: Client;
let checker: Client;
/** 20万元 once (the factory's policy): bound 20万. */
let fixedPolicy: number;
/** 1% of last year's revenue, 最高 50万元: a 3000万 firm's estimate is 30万, its bound 50万. */
let upToPolicy: number;
/** 10% of last year's R&D expense, no cap: the factory's firms have none, so nothing bounds the amount. */
let uncappedPolicy: number;

const UP_TO = { amount: { percentOf: { fact: 'main_revenue', period: { yearsAgo: 1 } }, rate: { percent: 1 }, cap: { wan: 50 } } };

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const deptId = await createOrg(db, 'department', '县工业和信息化局');
  maker = await signIn(t.app, ['department_staff'], deptId);
  checker = await signIn(t.app, ['department_staff'], deptId);
  fixedPolicy = (await createPolicy(t.app, { author: maker })).id;
  upToPolicy = (await createPolicy(t.app, { author: maker, body: { title: '工业企业营收奖励', summary: '按上年度主营业务收入的1%给予奖励，最高50万元。', benefit: UP_TO } })).id;
  uncappedPolicy = (await createPolicy(t.app, { author: maker, body: { title: '研发投入奖励', summary: '按上年度研发费用的10%给予奖励。', benefit: { amount: { percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 } } } } })).id;
});
afterAll(async () => {
  await t.close();
});

/** An application accepted and approved up to its last review step, where the amount is decided. */
async function atLastStep(policyId: number, revenueWan = 3000): Promise<Detail> {
  const enterprise = await createManufacturer(db, revenueWan);
  const applicant = await signInApplicant(t.app, { enterprise });
  const { id } = await createApplication(t.app, { policyId, applicant, state: 'accepted', reviewers: [maker, checker] });
  for (;;) {
    const detail = (await maker.get(`/api/applications/${id}`)).json<Detail>();
    if (detail.currentStep?.key === detail.steps[detail.steps.length - 3].key) return detail;
    expect((await maker.post(`/api/applications/${id}/approve-step`, {})).statusCode).toBe(200);
  }
}

/** What a refused request must leave as it was. */
async function snapshot(id: number) {
  const row = await db.selectFrom('applications').where('id', '=', id).select(['status', 'current_step', 'approved_amount_fen', 'amount_bound_fen', 'amount_reason']).executeTakeFirstOrThrow();
  const events = await db.selectFrom('application_events').where('application_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const audit = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { row, events: Number(events.n), audit: Number(audit.n) };
}

const approve = (id: number, body: Record<string, unknown>) => checker.post(`/api/applications/${id}/approve-step`, body);

describe(`approved amounts are bounded (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses an amount above a fixed benefit (400 amount_above_bound, nothing changed) and ¥90 trillion at the schema', async () => {
    const app = await atLastStep(fixedPolicy);
    expect(app).toMatchObject({ estimatedAmountFen: 20 * WAN, amountBoundFen: 20 * WAN, approvedAmountFen: null });
    const before = await snapshot(app.id);

    const above = await approve(app.id, { approvedAmountFen: 20 * WAN + 1, reason: '按审计报告核定' });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.details).toEqual([expect.objectContaining({ path: 'body/approvedAmountFen', reason: 'amount_above_bound', boundFen: 20 * WAN })]);
    // ¥90 trillion (9 × 10^15 fen), 2^53 and beyond: the one money schema refuses them, naming the field.
    for (const value of [9_000_000_000_000_000, 2 ** 53, 2 ** 53 + 2, MONEY_MAX_FEN + 1, 1e20]) {
      const huge = await approve(app.id, { approvedAmountFen: value, reason: '按审计报告核定' });
      expect(huge.statusCode, String(value)).toBe(400);
      expect(JSON.stringify(huge.json().error.details)).toContain('approvedAmountFen');
    }
    // A different amount needs a reason.
    const noReason = await approve(app.id, { approvedAmountFen: 15 * WAN });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'body/reason', reason: 'amount_reason_required' });
    expect(await snapshot(app.id)).toEqual(before);

    const reduced = await approve(app.id, { approvedAmountFen: 15 * WAN, reason: '核减：部分投资不属于支持范围' });
    expect(reduced.statusCode, reduced.body).toBe(200);
    expect(reduced.json<Detail>()).toMatchObject({ status: 'approved', approvedAmountFen: 15 * WAN, amountBoundFen: 20 * WAN, amountReason: '核减：部分投资不属于支持范围' });
    const audit = await db.selectFrom('audit_log').where('action', '=', 'application.approve_step').where('target_id', '=', String(app.id)).select('details').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ reason: '核减：部分投资不属于支持范围', approvedAmountFen: 15 * WAN, requestedAmountFen: 20 * WAN, boundFen: 20 * WAN, differenceFen: -5 * WAN, isAdjusted: true });
  });

  it('lets an "up to" (最高) benefit be approved above the estimate with a reason, never above its cap', async () => {
    const app = await atLastStep(upToPolicy, 3000);
    expect(app).toMatchObject({ estimatedAmountFen: 30 * WAN, amountBoundFen: 50 * WAN });
    const before = await snapshot(app.id);
    const above = await approve(app.id, { approvedAmountFen: 50 * WAN + 1, reason: '按审计后收入核定' });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.details[0]).toMatchObject({ reason: 'amount_above_bound', boundFen: 50 * WAN });
    expect(await snapshot(app.id)).toEqual(before);
    const raised = await approve(app.id, { approvedAmountFen: 50 * WAN, reason: '按审计后收入核定' });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json<Detail>()).toMatchObject({ approvedAmountFen: 50 * WAN, amountBoundFen: 50 * WAN });
  });

  it('approves nothing when nothing bounds the amount (uncapped formula, no estimate): 409 amount_unbounded', async () => {
    const enterprise = await createManufacturer(db, 3000);
    const applicant = await signInApplicant(t.app, { enterprise });
    const created = await applicant.post('/api/applications', { policyId: uncappedPolicy, formData: {} });
    if (created.statusCode !== 201) {
      // An application without an estimate is not taken at all: then there is nothing to bound.
      expect(created.statusCode).toBe(422);
      return;
    }
    const app = await atLastStepOf(created.json<{ id: number }>().id);
    expect(app).toMatchObject({ estimatedAmountFen: null, amountBoundFen: null });
    const before = await snapshot(app.id);
    const refused = await approve(app.id, { approvedAmountFen: 10 * WAN, reason: '按申报材料核定' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ reason: 'amount_unbounded' });
    expect(await snapshot(app.id)).toEqual(before);
  });

  it('the database refuses an approved amount above the bound kept with it, and any amount above 1万亿元', async () => {
    const app = await atLastStep(fixedPolicy);
    expect((await approve(app.id, {})).statusCode).toBe(200);
    await expect(db.updateTable('applications').set({ approved_amount_fen: 20 * WAN + 1 }).where('id', '=', app.id).execute()).rejects.toMatchObject({ code: '23514' });
    await expect(db.updateTable('applications').set({ amount_bound_fen: null, approved_amount_fen: MONEY_MAX_FEN + 1 }).where('id', '=', app.id).execute()).rejects.toMatchObject({ code: '23514' });
  });

  it('the approved amount never exceeds the bound, over random benefits, enterprises and amounts (property)', async () => {
    const benefits = [
      { amount: { fixed: { wan: 20 } } },
      UP_TO,
      { amount: { tiers: { by: { fact: 'main_revenue', period: { yearsAgo: 1 } }, steps: [{ atLeast: { wan: 2000 }, amount: { wan: 10 } }, { atLeast: { wan: 8000 }, amount: { wan: 40 } }] } } },
      { amount: { perHead: { wan: 0.5 }, count: { fact: 'employees', period: { yearsAgo: 1 } }, cap: { wan: 30 } } },
    ];
    const policies: number[] = [fixedPolicy, upToPolicy];
    for (const benefit of benefits.slice(2)) policies.push((await createPolicy(t.app, { author: maker, body: { title: `奖励 ${policies.length}`, summary: '按规定给予奖励。', benefit } })).id);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: policies.length - 1 }),
        fc.integer({ min: 2000, max: 20000 }),
        fc.option(fc.oneof(fc.integer({ min: 1, max: 80 * WAN }), fc.integer({ min: 1, max: MONEY_MAX_FEN })), { nil: undefined }),
        fc.boolean(),
        async (which, revenueWan, amount, withReason) => {
          const app = await atLastStep(policies[which], revenueWan);
          const before = await snapshot(app.id);
          const response = await approve(app.id, { ...(amount !== undefined && { approvedAmountFen: amount }), ...(withReason && { reason: '按核查结果核定' }) });
          const row = await db.selectFrom('applications').where('id', '=', app.id).select(['approved_amount_fen', 'amount_bound_fen']).executeTakeFirstOrThrow();
          if (response.statusCode === 200) {
            expect(row.approved_amount_fen).not.toBeNull();
            expect(row.approved_amount_fen!).toBeLessThanOrEqual(app.amountBoundFen!);
            expect(row.amount_bound_fen).toBe(app.amountBoundFen);
            if (row.approved_amount_fen !== app.estimatedAmountFen) expect(withReason).toBe(true);
          } else {
            expect([400, 409]).toContain(response.statusCode);
            expect(await snapshot(app.id)).toEqual(before);
            // Refused only for a reason: above the bound, or changed without a reason.
            const expected = amount !== undefined && amount > app.amountBoundFen! ? 'amount_above_bound' : 'amount_reason_required';
            expect(response.json().error.details[0].reason).toBe(expected);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

/** Walks an application just created to its last review step. */
async function atLastStepOf(id: number): Promise<Detail> {
  expect((await maker.post(`/api/applications/${id}/accept`)).statusCode).toBe(200);
  for (;;) {
    const detail = (await maker.get(`/api/applications/${id}`)).json<Detail>();
    if (detail.currentStep?.key === detail.steps[detail.steps.length - 3].key) return detail;
    expect((await maker.post(`/api/applications/${id}/approve-step`, {})).statusCode).toBe(200);
  }
}

describe('the payment of an application compares with the bound', () => {
  it('shows the checker estimate, difference, bound and reason; refuses to prepare or pay above the bound (409, nothing paid)', async () => {
    const { id } = await atLastStep(upToPolicy, 3000);
    expect((await approve(id, { approvedAmountFen: 40 * WAN, reason: '按审计后收入核定' })).statusCode).toBe(200);
    expect((await maker.post(`/api/applications/${id}/start-notice`)).statusCode).toBe(200);
    await sql`update applications set notice_until = now() - interval '1 minute' where id = ${id}`.execute(db);
    const { passDueApplicationNotices } = await import('../../src/server/modules/applications/applications.review.ts');
    await passDueApplicationNotices(db);

    // The schema bound names the field.
    const huge = await maker.post('/api/disbursements', { applicationId: id, amountFen: MONEY_MAX_FEN + 1 });
    expect(huge.statusCode).toBe(400);
    expect(JSON.stringify(huge.json().error.details)).toContain('amountFen');

    const prepared = await maker.post('/api/disbursements', { applicationId: id, amountFen: 40 * WAN });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const payment = prepared.json<{ id: number }>();
    const seen = (await checker.get(`/api/disbursements/${payment.id}`)).json();
    expect(seen).toMatchObject({ amountFen: 40 * WAN, estimateFen: 30 * WAN, differenceFen: 10 * WAN, boundFen: 50 * WAN, withinBound: true, amountReason: '按审计后收入核定' });

    // A prepared payment's amount is frozen by the database; whatever path wrote a larger one in the first
    // place (here a direct insert after the maker's was cancelled), the checker cannot pay it.
    expect((await checker.post(`/api/disbursements/${payment.id}/cancel`, { reason: '收款账户有误' })).statusCode).toBe(200);
    const policy = await db.selectFrom('applications').where('id', '=', id).select(['policy_id', 'enterprise_id']).executeTakeFirstOrThrow();
    const forged = await db
      .insertInto('disbursements')
      .values({ policy_id: policy.policy_id, enterprise_id: policy.enterprise_id, target_kind: 'application', target_id: id, amount_fen: 50 * WAN + 1, prepared_by: maker.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await checker.get(`/api/disbursements/${forged.id}`)).json()).toMatchObject({ amountFen: 50 * WAN + 1, boundFen: 50 * WAN, withinBound: false });
    const refused = await checker.post(`/api/disbursements/${forged.id}/approve`, { paymentRef: 'GK-2026-0001' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ reason: 'amount_above_bound', boundFen: 50 * WAN });
    expect(await db.selectFrom('disbursements').where('id', '=', forged.id).select(['status', 'payment_ref']).executeTakeFirstOrThrow()).toEqual({ status: 'prepared', payment_ref: null });
    expect((await db.selectFrom('applications').where('id', '=', id).select('status').executeTakeFirstOrThrow()).status).toBe('notice_passed');
    expect(await db.selectFrom('domain_events').where('type', '=', 'payment.paid').select('payload').execute().then((rows) => rows.filter((r) => r.payload.paymentId === forged.id))).toEqual([]);

    // A row approved before the bound was kept (amount_bound_fen null) is bounded by its benefit all the same:
    // the maker's retyped figure equal to the approved one is not enough.
    expect((await checker.post(`/api/disbursements/${forged.id}/cancel`, { reason: '金额超过上限' })).statusCode).toBe(200);
    await db.updateTable('applications').set({ amount_bound_fen: null, approved_amount_fen: 90_000_000_000_000 }).where('id', '=', id).execute();
    const legacy = await maker.post('/api/disbursements', { applicationId: id, amountFen: 90_000_000_000_000 });
    expect(legacy.statusCode).toBe(409);
    expect(legacy.json().error.details[0]).toMatchObject({ reason: 'amount_above_bound', boundFen: 50 * WAN });
    expect(await db.selectFrom('disbursements').where('target_kind', '=', 'application').where('target_id', '=', id).where('status', '<>', 'cancelled').select('id').execute()).toEqual([]);
  });
});

describe('one money schema for every request', () => {
  it('gives every money field of every request body and query the maximum of 1万亿元', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> }; parameters?: { name: string; schema?: unknown }[] }>> }>();
    const unbounded: string[] = [];
    const visit = (schema: unknown, where: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      for (const [key, value] of Object.entries((node.properties as Record<string, unknown> | undefined) ?? {})) {
        const v = value as Record<string, unknown>;
        const types = ([] as unknown[]).concat(v.type ?? (v.anyOf as Record<string, unknown>[] | undefined)?.map((s) => s.type) ?? []);
        if (/Fen$/.test(key) && types.includes('integer')) {
          const max = (v.maximum ?? (v.anyOf as Record<string, unknown>[] | undefined)?.find((s) => s.type === 'integer')?.maximum) as number | undefined;
          if (max === undefined || max > MONEY_MAX_FEN) unbounded.push(`${where} ${key}`);
        }
        visit(value, `${where}.${key}`);
      }
      for (const k of ['items', 'anyOf', 'oneOf', 'allOf']) for (const sub of ([] as unknown[]).concat(node[k] ?? [])) visit(sub, where);
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const media of Object.values(op.requestBody?.content ?? {})) {
          visit(media.schema, `${method.toUpperCase()} ${path}`);
          checked++;
        }
        for (const p of op.parameters ?? []) if (/Fen$/.test(p.name)) visit({ properties: { [p.name]: p.schema } }, `${method.toUpperCase()} ${path} ?`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(unbounded).toEqual([]);
  });
});
