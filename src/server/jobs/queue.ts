import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { JobRow } from '../db/schema.ts';

export interface EnqueueOptions {
  /** A job with the same key is enqueued once: enqueueing again is a no-op (idempotent producers). */
  dedupeKey?: string;
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
}

/** Adds a job; pass the transaction of the change that causes it so both commit together. */
export async function enqueueJob(db: Executor, kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      dedupe_key: options.dedupeKey ?? null,
      locked_by: null,
      lease_until: null,
      last_error: null,
      result: null,
      ...(options.runAt && { run_at: options.runAt }),
      ...(options.priority !== undefined && { priority: options.priority }),
      ...(options.maxAttempts !== undefined && { max_attempts: options.maxAttempts }),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims the next due job for `workerId`: a queued job, or a running one whose lease ran out (its worker
 * died). `FOR UPDATE SKIP LOCKED` lets any number of app instances claim from one table without ever
 * handing the same job to two of them.
 */
export async function claimNextJob(db: Executor, workerId: string, kinds: readonly string[], leaseSeconds: number): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const result = await sql<JobRow>`
    update jobs set status = 'running', locked_by = ${workerId}, attempts = attempts + 1,
      lease_until = now() + make_interval(secs => ${leaseSeconds})
    where id = (
      select id from jobs
      where kind in (${sql.join(kinds)})
        and ((status = 'queued' and run_at <= now()) or (status = 'running' and lease_until < now()))
      order by priority, id
      for update skip locked
      limit 1
    )
    returning *`.execute(db);
  return result.rows[0] ?? null;
}

/** Marks a job done, only if this worker still holds it (a job whose lease expired belongs to another). */
export async function completeJob(db: Executor, jobId: number, workerId: string, result: unknown): Promise<boolean> {
  const updated = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date(), lease_until: null, result: JSON.stringify(result ?? null) })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Records a failure: retried later with exponential backoff, or dead after max_attempts. */
export async function failJob(db: Executor, job: JobRow, workerId: string, error: string): Promise<void> {
  const isDead = job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(3600, 2 ** job.attempts * 5);
  await db
    .updateTable('jobs')
    .set({
      status: isDead ? 'dead' : 'queued',
      last_error: error.slice(0, 4000),
      lease_until: null,
      locked_by: null,
      run_at: isDead ? job.run_at : new Date(Date.now() + backoffSeconds * 1000),
      finished_at: isDead ? new Date() : null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Extends the lease of a long job that is still making progress. */
export async function extendLease(db: Executor, jobId: number, workerId: string, leaseSeconds: number): Promise<void> {
  await sql`update jobs set lease_until = now() + make_interval(secs => ${leaseSeconds})
    where id = ${jobId} and locked_by = ${workerId} and status = 'running'`.execute(db);
}

export async function findJob(db: Executor, jobId: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').where('id', '=', jobId).selectAll().executeTakeFirst();
}

/**
 * Whether a job of `kind` queued after job `afterJobId` is still waiting — optionally only one whose
 * payload lacks `withoutPayloadKey` — so a handler can leave its work to that later run.
 */
export async function hasLaterQueuedJob(db: Executor, kind: string, afterJobId: number, options: { withoutPayloadKey?: string } = {}): Promise<boolean> {
  const later = await sql<{ id: number }>`
    select id from jobs where kind = ${kind} and status = 'queued' and id > ${afterJobId}
      ${options.withoutPayloadKey === undefined ? sql`` : sql`and not (payload ? ${options.withoutPayloadKey})`} limit 1`.execute(db);
  return later.rows.length > 0;
}
