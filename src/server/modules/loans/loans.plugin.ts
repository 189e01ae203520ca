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

/** The deadline sweep: each lead queues a run at its warning time and one just after its deadline. */
export const deadlineJobHandler: JobHandler = async (_payload, { db }) => sweepDeadlines(db, new Date());

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
 * Starts the daily overdue chain and a deadline sweep for today (the demo seed calls it after loading loans;
 * disbursements queue their own first due day). Idempotent: one run per day by the dedupe keys.
 */
export async function startLoanJobs(db: Executor): Promise<void> {
  const today = todayInCounty();
  await enqueueJob(db, OVERDUE_JOB, {}, { dedupeKey: `${OVERDUE_JOB}:${today}` });
  await enqueueJob(db, DEADLINE_JOB, {}, { dedupeKey: `${DEADLINE_JOB}:start:${today}` });
}
