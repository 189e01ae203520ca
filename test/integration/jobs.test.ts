import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { claimNextJob, completeJob, enqueueJob, failJob, findJob } from '../../src/server/jobs/queue.ts';
import { JobWorker } from '../../src/server/jobs/worker.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../db.ts';

let database: TestDatabase;
let db: Kysely<DB>;
const silentLog = { error() {}, warn() {}, info() {}, debug() {}, child: () => silentLog } as never;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.destroy();
});

describe('the job queue', () => {
  it('enqueues a deduplicated job once', async () => {
    const first = await enqueueJob(db, 'test.dedupe', { n: 1 }, { dedupeKey: 'policy-7-publish' });
    const second = await enqueueJob(db, 'test.dedupe', { n: 2 }, { dedupeKey: 'policy-7-publish' });
    expect(first).toBeGreaterThan(0);
    expect(second).toBeNull();
    const rows = await db.selectFrom('jobs').where('dedupe_key', '=', 'policy-7-publish').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({ n: 1 });
  });

  it('does not hand a claimed job to a second worker until its lease runs out', async () => {
    const id = (await enqueueJob(db, 'test.lease', {}))!;
    const claimed = await claimNextJob(db, 'worker-a', ['test.lease'], 60);
    expect(claimed?.id).toBe(id);
    expect(await claimNextJob(db, 'worker-b', ['test.lease'], 60)).toBeNull();

    // worker-a dies: its lease runs out and worker-b takes the job over.
    await db.updateTable('jobs').set({ lease_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const reclaimed = await claimNextJob(db, 'worker-b', ['test.lease'], 60);
    expect(reclaimed?.id).toBe(id);
    expect(reclaimed?.attempts).toBe(2);
    // A late finish by the dead worker does not count; the owner's does.
    expect(await completeJob(db, id, 'worker-a', null)).toBe(false);
    expect(await completeJob(db, id, 'worker-b', { ok: true })).toBe(true);
    expect((await findJob(db, id))?.status).toBe('done');
  });

  it('retries a failed job later and gives up after max attempts', async () => {
    const id = (await enqueueJob(db, 'test.fail', {}, { maxAttempts: 2 }))!;
    const first = (await claimNextJob(db, 'w', ['test.fail'], 60))!;
    await failJob(db, first, 'w', 'boom 1');
    const afterFirst = (await findJob(db, id))!;
    expect(afterFirst.status).toBe('queued');
    expect(afterFirst.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(await claimNextJob(db, 'w', ['test.fail'], 60)).toBeNull(); // backing off

    await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const second = (await claimNextJob(db, 'w', ['test.fail'], 60))!;
    await failJob(db, second, 'w', 'boom 2');
    expect(await findJob(db, id)).toMatchObject({ status: 'dead', last_error: 'boom 2', attempts: 2 });
  });

  it('runs registered handlers through the worker and stores their result', async () => {
    const worker = new JobWorker(db, { pollMs: 10, leaseSeconds: 30 }, silentLog);
    worker.register('test.double', async (payload) => ({ doubled: Number(payload.n) * 2 }));
    const id = (await enqueueJob(db, 'test.double', { n: 21 }))!;
    expect(await worker.drain()).toBe(1);
    expect(await findJob(db, id)).toMatchObject({ status: 'done', result: { doubled: 42 } });
  });
});

describe.runIf(testDatabaseUrl())('two app instances on one PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    await sql`create table job_runs (job_id bigint not null, worker text not null)`.execute(db);
    first = await createTestApp({ jobs: { isEnabled: true, pollMs: 5, leaseSeconds: 30 } }, database);
    // The second instance has its own connection pool, as a separate process would.
    const secondDatabase = await openDatabase({ databaseUrl: database.url, pgliteDir: null, poolSize: 5 });
    second = await createTestApp({ jobs: { isEnabled: true, pollMs: 5, leaseSeconds: 30 } }, { ...secondDatabase, url: database.url, destroy: () => secondDatabase.close() });
  });
  afterAll(async () => {
    await first.app.close();
    await second.app.close();
    await second.database.destroy();
  });

  it('never runs the same job twice', async () => {
    for (const app of [first.app, second.app]) {
      app.jobs.register('test.record', async (payload, { db: jobDb }) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        await sql`insert into job_runs (job_id, worker) values (${Number(payload.i)}, ${app.jobs.id})`.execute(jobDb);
      });
    }
    const total = 200;
    await db.insertInto('jobs').values(Array.from({ length: total }, (_, i) => ({ kind: 'test.record', payload: JSON.stringify({ i }), dedupe_key: null, locked_by: null, lease_until: null, last_error: null, result: null }))).execute();
    first.app.jobs.start();
    second.app.jobs.start();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { n } = await db.selectFrom('jobs').where('kind', '=', 'test.record').where('status', '<>', 'done').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await first.app.jobs.stop();
    await second.app.jobs.stop();

    const runs = await sql<{ job_id: number; worker: string }>`select job_id, worker from job_runs`.execute(db);
    expect(runs.rows).toHaveLength(total);
    expect(new Set(runs.rows.map((r) => Number(r.job_id))).size).toBe(total);
    const byWorker = new Set(runs.rows.map((r) => r.worker));
    expect(byWorker.size).toBe(2); // both instances took a share
  });
});
