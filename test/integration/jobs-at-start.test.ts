import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { scheduleJobsAtStart } from '../../src/server/server.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createManufacturer } from '../factories/enterprises.ts';
import { createBank, createLoanRecord, createProduct, financeOfficeOrg } from '../factories/risk-pools.ts';

let t: TestApp;
let db: Kysely<DB>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
});
afterAll(async () => {
  await t.close();
});

const jobsOf = (kind: string) => db.selectFrom('jobs').where('kind', '=', kind).select(['dedupe_key', 'status', 'run_at']).orderBy('id').execute();

describe('jobs at start', () => {
  it('queues the daily loan sweeps and the demand scans once, however often the platform starts', async () => {
    // Ten seconds into the current five-minute slot of the SLA scan: a second later is the same slot, the
    // same minute and the same county day, whenever the test runs.
    const now = new Date(Math.floor(Date.now() / 300_000) * 300_000 + 10_000);
    const today = todayInCounty(now);
    await scheduleJobsAtStart(db, now);
    const first = await db.selectFrom('jobs').select(['kind', 'dedupe_key']).orderBy('id').execute();
    await scheduleJobsAtStart(db, now);
    await scheduleJobsAtStart(db, new Date(now.getTime() + 1000));
    expect(await db.selectFrom('jobs').select(['kind', 'dedupe_key']).orderBy('id').execute()).toEqual(first);
    expect((await jobsOf('loans.overdue')).map((j) => j.dedupe_key)).toEqual([`loans.overdue:${today}`]);
    expect((await jobsOf('loans.deadlines')).map((j) => j.dedupe_key)).toEqual([`loans.deadlines:daily:${today}`]);
    // The demands' SLA scan is among them (its own dedupe key per slot), once.
    expect(await jobsOf('demands.sla-scan')).toHaveLength(1);
  });

  it('the runs of today sweep overdue loans and late leads, then queue tomorrow’s once; a restart adds nothing', async () => {
    await financeOfficeOrg(db);
    const bankId = await createBank(db, '重庆农村商业银行垫江支行');
    const productId = await createProduct(db, bankId);
    const late = await createLoanRecord(db, { productId, enterpriseId: (await createManufacturer(db, 1000)).id, status: 'submitted', amountFen: 50 * FEN_PER_WAN, submittedAt: new Date(Date.now() - 40 * 86_400_000) });
    const { loanId } = await createLoanRecord(db, { productId, enterpriseId: (await createManufacturer(db, 1000)).id, status: 'disbursed', amountFen: 50 * FEN_PER_WAN, loan: { disbursedOn: '2026-03-01' } });
    await db.insertInto('loan_installments').values({ loan_id: loanId!, seq: 1, due_on: '2026-04-01', principal_fen: 50 * FEN_PER_WAN, interest_fen: 0, settled_on: null }).execute();

    await t.app.jobs.drain();
    expect((await db.selectFrom('loans').where('id', '=', loanId!).select('status').executeTakeFirstOrThrow()).status).toBe('overdue');
    expect((await db.selectFrom('loan_applications').where('id', '=', late.applicationId).select('escalated_at').executeTakeFirstOrThrow()).escalated_at).not.toBeNull();

    const tomorrow = new Date(`${todayInCounty()}T12:00:00+08:00`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const next = todayInCounty(tomorrow);
    const overdue = await jobsOf('loans.overdue');
    const deadlines = await jobsOf('loans.deadlines');
    expect(overdue.map((j) => j.dedupe_key)).toEqual([`loans.overdue:${todayInCounty()}`, `loans.overdue:${next}`]);
    expect(deadlines.map((j) => j.dedupe_key)).toEqual([`loans.deadlines:daily:${todayInCounty()}`, `loans.deadlines:daily:${next}`]);
    expect(overdue[1].status).toBe('queued');
    expect(overdue[1].run_at.getTime()).toBeGreaterThan(Date.now());

    // A restart the same day: nothing new, nothing run twice.
    await scheduleJobsAtStart(db);
    expect(await jobsOf('loans.overdue')).toHaveLength(2);
    expect(await jobsOf('loans.deadlines')).toHaveLength(2);
  });
});
