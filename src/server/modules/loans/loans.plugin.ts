import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Executor } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { DEADLINE_JOB, sweepDeadlines } from './loans.applications.service.ts';
import { OVERDUE_JOB, sweepOverdue } from './loans.loans.service.ts';
import { loansRoutes } from './loans.routes.ts';

/** The next county midnight after `today` (a few seconds past, so the new day has begun). */
function nextCountyMidnight(today: string): { day: string; at: Date } {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const day = d.toISOString().slice(0, 10);
  return { day, at: new Date(`${day}T00:00:05+08:00`) };
}

/**
 * The deadline sweep (warnings, escalation of late leads to 金融办): each lead queues a run at its warning
 * time and one just after its deadline; the daily run (payload `daily`) catches anything those missed and
 * queues the next county midnight's (one per day by its dedupe key).
 */
export const deadlineJobHandler: JobHandler = async (payload, { db }) => {
  const result = await sweepDeadlines(db, new Date());
  if (payload.daily === true) {
    const next = nextCountyMidnight(todayInCounty());
    await enqueueJob(db, DEADLINE_JOB, { daily: true }, { dedupeKey: dailyDeadlineKey(next.day), runAt: next.at });
  }
  return result;
};

const dailyDeadlineKey = (day: string) => `${DEADLINE_JOB}:daily:${day}`;

/** The daily overdue sweep; each run queues the next county midnight's (one per day by its dedupe key). */
export const overdueJobHandler: JobHandler = async (_payload, { db }) => {
  const today = todayInCounty();
  const result = await sweepOverdue(db, today);
  const next = nextCountyMidnight(today);
  await enqueueJob(db, OVERDUE_JOB, {}, { dedupeKey: `${OVERDUE_JOB}:${next.day}`, runAt: next.at });
  return result;
};

/** Loans (数字普惠金融): products, the marketplace, applications under consent, the bank workbench, loans and their jobs. */
export const loansPlugin: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(loansRoutes);
  app.jobs.register(DEADLINE_JOB, deadlineJobHandler);
  app.jobs.register(OVERDUE_JOB, overdueJobHandler);
};

/**
 * Starts the two daily chains: the overdue sweep and the lead deadline sweep, each run now for today and
 * then every county midnight (each run queues the next). Called at every start and by the demo seed;
 * idempotent: one run per chain and day by the dedupe keys, however often or on however many instances
 * it is called.
 */
export async function startLoanJobs(db: Executor, now: Date = new Date()): Promise<void> {
  const today = todayInCounty(now);
  await enqueueJob(db, OVERDUE_JOB, {}, { dedupeKey: `${OVERDUE_JOB}:${today}` });
  await enqueueJob(db, DEADLINE_JOB, { daily: true }, { dedupeKey: dailyDeadlineKey(today) });
}
