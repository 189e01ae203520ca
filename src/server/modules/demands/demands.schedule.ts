import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueueRouterTraining, scheduleNightlyTraining } from './demands.router.ts';
import { scheduleScan } from './demands.sla.ts';

/**
 * At start-up (before the worker starts): the deadline scan of the next slot, tonight's retraining, and a
 * training run now when no model exists yet (a fresh demo database trains on its seeded history).
 * Every enqueue is deduplicated, so several instances starting together queue each once.
 */
export async function scheduleDemandJobs(db: Kysely<DB>, now = new Date()): Promise<void> {
  await scheduleScan(db, now);
  await scheduleNightlyTraining(db, now);
  const model = await db.selectFrom('router_models').select('id').limit(1).executeTakeFirst();
  if (!model) await enqueueRouterTraining(db, 'startup', null, now);
}
