/**
 * Payments pay any payable target a module registers: here a test-only kind (a service voucher backed by a
 * table of its own) goes through the same maker–checker path as applications and 免申即享 items without
 * a line of the payments module changing, and one live payment per target holds for it by the database.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/server/db/database.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { AppError } from '../../src/server/errors.ts';
import { preparePayment, registerPayableTarget, type PayableTarget } from '../../src/server/modules/payments/index.ts';
import type { Actor } from '../../src/server/request-context.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { signIn } from '../factories/enterprises.ts';
import { FEN_PER_WAN as WAN } from '../../src/core/money/money.ts';
import { createManufacturer } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

type Client = Awaited<ReturnType<typeof signIn>>;
type VoucherRow = { id: number; policy_id: number; enterprise_id: number; department_org_id: number; amount_fen: number; bound_fen: number | null; paid_at: Date | null };

let t: TestApp;
let db: Kysely<DB>;
let deptId: number;
let maker: Client;
let checker: Client;
let policyId: number;
let enterpriseId: number;

/** Set by the race test: makes both makers read "no live payment" before either writes one. */
let barrier: { arrived: number; release: () => void; bothIn: Promise<void> } | null = null;

async function findVoucher(trx: Executor, id: number, lock: boolean): Promise<VoucherRow> {
  const result = lock ? await sql<VoucherRow>`select * from test_vouchers where id = ${id} for update`.execute(trx) : await sql<VoucherRow>`select * from test_vouchers where id = ${id}`.execute(trx);
  if (!result.rows[0]) throw new AppError('not_found', 'Voucher not found');
  return result.rows[0];
}

/**
 * A kind the payments module has never heard of. Its prepare deliberately takes no row lock, so two racing
 * makers both get past every check in code and only the unique index can stop the second.
 */
const voucherTarget: PayableTarget = {
  kind: 'test_voucher',
  async prepare(trx, { actor, targetId }) {
    const voucher = await findVoucher(trx, targetId, false);
    if (actor.orgId !== voucher.department_org_id) throw new AppError('forbidden', 'Not this department’s voucher');
    if (barrier) {
      barrier.arrived += 1;
      if (barrier.arrived === 2) barrier.release();
      // PGlite runs one transaction at a time: there the second maker cannot arrive until the first is done.
      await Promise.race([barrier.bothIn, sleep(1000)]);
    }
    return { policyId: voucher.policy_id, enterpriseId: voucher.enterprise_id, amountFen: Number(voucher.amount_fen), amountName: 'voucher', auditDetails: { voucherId: targetId } };
  },
  async lock(trx, _actor, targetId) {
    await findVoucher(trx, targetId, true);
    return { voucherId: targetId };
  },
  async settle(trx, { targetId, action, now }) {
    if (action === 'approve') await sql`update test_vouchers set paid_at = ${now} where id = ${targetId}`.execute(trx);
  },
  // The voucher's bound: its own column (a test lowers it), else the amount itself.
  async bounds(db, targetIds) {
    const rows = (await sql<VoucherRow>`select * from test_vouchers where id in (${sql.join([...targetIds])})`.execute(db)).rows;
    return new Map(rows.map((row) => [row.id, { boundFen: Number(row.bound_fen ?? row.amount_fen), estimateFen: Number(row.amount_fen), reason: null }]));
  },
};

async function actorOf(client: Client): Promise<Actor> {
  const user = await db.selectFrom('users').innerJoin('organizations', 'organizations.id', 'users.org_id').where('users.id', '=', client.user.id).select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'organizations.id as org_id', 'organizations.type', 'organizations.name']).executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, displayName: user.display_name, roles: user.roles, orgId: user.org_id, orgType: user.type, orgName: user.name, mustChangePassword: false, sessionHash: 'test', requestId: 'test', ip: '127.0.0.1' };
}

async function newVoucher(amountFen: number): Promise<number> {
  const result = await sql<{ id: number }>`
    insert into test_vouchers (policy_id, enterprise_id, department_org_id, amount_fen) values (${policyId}, ${enterpriseId}, ${deptId}, ${amountFen}) returning id`.execute(db);
  return result.rows[0].id;
}

/** The error a rejected service call threw (the HTTP status comes from its code). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  await sql`
    create table test_vouchers (
      id integer generated always as identity primary key,
      policy_id integer not null, enterprise_id integer not null, department_org_id integer not null,
      amount_fen bigint not null, bound_fen bigint, paid_at timestamptz
    )`.execute(db);
  registerPayableTarget(voucherTarget);
  deptId = await createOrg(db, 'department', '县商务委员会');
  maker = await signIn(t.app, ['department_staff'], deptId);
  checker = await signIn(t.app, ['department_staff'], deptId);
  policyId = (await createPolicy(t.app, { author: maker })).id;
  enterpriseId = (await createManufacturer(db, 3000)).id;
});
afterAll(async () => {
  await t.close();
});

describe(`payments of a newly registered target kind (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('are prepared, refused to the maker as checker, approved once, and settle the target', async () => {
    const voucherId = await newVoucher(3 * WAN);
    const makerActor = await actorOf(maker);
    expect((await failure(preparePayment(db, makerActor, { target: { kind: 'test_voucher', id: voucherId }, amountFen: 3 * WAN - 1 }))).status).toBe(422);
    const prepared = await preparePayment(db, makerActor, { target: { kind: 'test_voucher', id: voucherId }, amountFen: 3 * WAN });
    expect(prepared).toMatchObject({ status: 'prepared', amountFen: 3 * WAN, enterprise: { id: enterpriseId }, applicationId: null, autoGrantItemId: null });

    // The generic HTTP path of the checker, unchanged.
    expect((await maker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'SELF' })).statusCode).toBe(403);
    const paid = await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'QZ-0001' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paymentRef: 'QZ-0001', approvedBy: { id: checker.user.id } });
    expect((await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'QZ-0002' })).statusCode).toBe(409);
    const voucher = await sql<{ paid_at: Date | null }>`select paid_at from test_vouchers where id = ${voucherId}`.execute(db);
    expect(voucher.rows[0].paid_at).not.toBeNull();
    expect((await failure(preparePayment(db, makerActor, { target: { kind: 'test_voucher', id: voucherId }, amountFen: 3 * WAN }))).status).toBe(409);

    const audit = await db.selectFrom('audit_log').where('target_type', '=', 'disbursement').where('target_id', '=', String(prepared.id)).select(['action']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['disbursement.prepare', 'disbursement.approve']);
    // Paid once, announced once: payment.paid in the approval's transaction (the refused second approval adds none).
    const events = await db.selectFrom('domain_events').where('type', '=', 'payment.paid').select('payload').execute();
    expect(events.map((e) => e.payload).filter((p) => p.paymentId === prepared.id)).toEqual([
      { paymentId: prepared.id, targetKind: 'test_voucher', targetId: voucherId, enterpriseId, policyId, amountFen: 3 * WAN },
    ]);
  });

  it('keep one live payment per target when two makers prepare at the same moment: one wins, the other gets 409', async () => {
    const voucherId = await newVoucher(5 * WAN);
    let release!: () => void;
    barrier = { arrived: 0, release: () => release(), bothIn: new Promise<void>((resolve) => (release = resolve)) };
    try {
      const target = { kind: 'test_voucher', id: voucherId };
      const results = await Promise.allSettled([
        preparePayment(db, await actorOf(maker), { target, amountFen: 5 * WAN }),
        preparePayment(db, await actorOf(checker), { target, amountFen: 5 * WAN }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(AppError);
      expect((refused?.reason as AppError).status).toBe(409);
      // On PostgreSQL both makers got past every check in code: the unique index refused the second.
      // (PGlite runs the two one after the other, and the second is refused before it writes.)
      if (process.env.DATABASE_URL) expect((refused?.reason as AppError).message).toBe('A disbursement is already prepared or paid for this');
    } finally {
      barrier = null;
    }
    const live = await db.selectFrom('disbursements').where('target_kind', '=', 'test_voucher').where('target_id', '=', voucherId).where('status', '<>', 'cancelled').select('id').execute();
    expect(live).toHaveLength(1);
    // Whatever path a write takes, the index refuses a second live payment of the target.
    await expect(
      db.insertInto('disbursements').values({ policy_id: policyId, enterprise_id: enterpriseId, target_kind: 'test_voucher', target_id: voucherId, amount_fen: 5 * WAN, prepared_by: checker.user.id }).execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('may be cancelled with a reason and prepared again; the cancelled one stays as history', async () => {
    const voucherId = await newVoucher(2 * WAN);
    const target = { kind: 'test_voucher', id: voucherId };
    const first = await preparePayment(db, await actorOf(maker), { target, amountFen: 2 * WAN });
    expect((await checker.post(`/api/disbursements/${first.id}/cancel`, { reason: '收款账户有误' })).json()).toMatchObject({ status: 'cancelled', cancelReason: '收款账户有误' });
    const second = await preparePayment(db, await actorOf(checker), { target, amountFen: 2 * WAN });
    expect((await maker.post(`/api/disbursements/${second.id}/approve`, { paymentRef: 'QZ-0003' })).statusCode).toBe(200);
    const rows = await db.selectFrom('disbursements').where('target_kind', '=', 'test_voucher').where('target_id', '=', voucherId).select('status').orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'paid']);
  });

  it('are bounded: the maker cannot prepare, nor the checker pay, an amount above what the policy allows (409, nothing changed)', async () => {
    const over = await newVoucher(3 * WAN);
    await sql`update test_vouchers set bound_fen = ${2 * WAN} where id = ${over}`.execute(db);
    const refused = await failure(preparePayment(db, await actorOf(maker), { target: { kind: 'test_voucher', id: over }, amountFen: 3 * WAN }));
    expect(refused.status).toBe(409);
    expect(refused.details).toEqual([expect.objectContaining({ path: 'body/amountFen', reason: 'amount_above_bound', amountFen: 3 * WAN, boundFen: 2 * WAN })]);
    expect(await db.selectFrom('disbursements').where('target_kind', '=', 'test_voucher').where('target_id', '=', over).select('id').execute()).toEqual([]);

    // Prepared within the bound; the bound then falls below it (e.g. the approval is corrected): the checker's
    // retyped reference alone no longer pays it.
    const voucherId = await newVoucher(4 * WAN);
    const prepared = await preparePayment(db, await actorOf(maker), { target: { kind: 'test_voucher', id: voucherId }, amountFen: 4 * WAN });
    expect(prepared).toMatchObject({ amountFen: 4 * WAN, estimateFen: 4 * WAN, differenceFen: 0, boundFen: 4 * WAN, withinBound: true });
    await sql`update test_vouchers set bound_fen = ${4 * WAN - 1} where id = ${voucherId}`.execute(db);
    const shown = await checker.get(`/api/disbursements/${prepared.id}`);
    expect(shown.json()).toMatchObject({ amountFen: 4 * WAN, boundFen: 4 * WAN - 1, withinBound: false });
    const approve = await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'QZ-OVER' });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.details).toEqual([expect.objectContaining({ reason: 'amount_above_bound', boundFen: 4 * WAN - 1 })]);
    const row = await db.selectFrom('disbursements').where('id', '=', prepared.id).select(['status', 'payment_ref']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'prepared', payment_ref: null });
    expect((await sql<{ paid_at: Date | null }>`select paid_at from test_vouchers where id = ${voucherId}`.execute(db)).rows[0].paid_at).toBeNull();
  });

  it('never pay a target twice, whatever the interleaving of prepare, confirm, retry, concurrent confirm and cancel (property)', async () => {
    const third = await signIn(t.app, ['department_staff'], deptId);
    const people = [maker, checker, third];
    const step = fc.oneof(
      fc.record({ kind: fc.constantFrom('prepare', 'approve', 'cancel'), who: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('race'), who: fc.integer({ min: 0, max: 2 }), other: fc.integer({ min: 0, max: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const voucherId = await newVoucher(WAN);
        const target = { kind: 'test_voucher', id: voucherId };
        const current = async () => (await db.selectFrom('disbursements').where('target_kind', '=', 'test_voucher').where('target_id', '=', voucherId).select('id').orderBy('id', 'desc').executeTakeFirst())?.id;
        const approve = async (who: number) => {
          const id = await current();
          return id === undefined ? null : (await people[who].post(`/api/disbursements/${id}/approve`, { paymentRef: `P-${who}` })).statusCode;
        };
        for (const s of steps) {
          if (s.kind === 'prepare') await preparePayment(db, await actorOf(people[s.who]), { target, amountFen: WAN }).catch((e: unknown) => expect((e as AppError).status).toBe(409));
          else if (s.kind === 'approve') expect([null, 200, 403, 409]).toContain(await approve(s.who));
          else if (s.kind === 'cancel') {
            const id = await current();
            if (id !== undefined) expect([200, 409]).toContain((await people[s.who].post(`/api/disbursements/${id}/cancel`, { reason: '重试' })).statusCode);
          } else {
            const codes = await Promise.all([approve(s.who), approve((s as { other: number }).other)]);
            expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(1);
          }
        }
        const rows = await db.selectFrom('disbursements').where('target_kind', '=', 'test_voucher').where('target_id', '=', voucherId).select(['id', 'status', 'prepared_by', 'approved_by']).execute();
        const paid = rows.filter((r) => r.status === 'paid');
        expect(paid.length).toBeLessThanOrEqual(1);
        expect(rows.filter((r) => r.status !== 'cancelled').length).toBeLessThanOrEqual(1);
        for (const p of paid) expect(p.approved_by).not.toBe(p.prepared_by);
        const voucher = (await sql<{ paid_at: Date | null }>`select paid_at from test_vouchers where id = ${voucherId}`.execute(db)).rows[0];
        expect(voucher.paid_at !== null).toBe(paid.length === 1);
        const announced = (await db.selectFrom('domain_events').where('type', '=', 'payment.paid').select('payload').execute()).filter((e) => e.payload.targetKind === 'test_voucher' && e.payload.targetId === voucherId);
        expect(announced).toHaveLength(paid.length);
      }),
      { numRuns: 30 },
    );
  });
});
