/**
 * The deadline job of demands, run every few minutes (it queues its own next run; start-up queues the
 * first). Each pass, per demand in its own short transaction under the row lock, so a pass that runs twice
 * or is interrupted does nothing twice:
 *
 * - a 抢单 claim not accepted by `claimExpiresAt` goes back to the pool (without that provider; to the
 *   dispatcher when no provider is left);
 * - escalation up the leadership chain, by `escalation_level`:
 *     1 warning — `warningMinutes` working minutes before the resolution deadline: the handler (user or org staff);
 *     2 breach — past the deadline: the handler again, the responsible leader and the handling org's leading
 *       cadres (those with an account);
 *     3 county — `escalateAfterMinutes` working minutes after the breach: the dispatch centre's dispatchers
 *       (who report to the county leaders);
 *   a demand waiting on the enterprise is never warned nor escalated (its clock is paused);
 * - a rated demand is closed one working day after its rating, and its follow-up scheduled.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { addMinutes, workingDaysLater, type SlaRules } from './demands.clock.ts';
import { notifyEscalation, notifyHandler } from './demands.notify.ts';
import * as repo from './demands.repository.ts';
import type { DemandSettings } from './demands.settings.ts';
import { recordStep, requireDemand, slaRulesOf } from './demands.steps.ts';

export const SLA_SCAN_JOB = 'demands.sla-scan';
const SCAN_EVERY_MS = 5 * 60_000;
const SYSTEM = { kind: 'system' } as const;

export interface ScanOutcome {
  expired: number;
  warned: number;
  breached: number;
  escalated: number;
  closed: number;
}

async function expireClaims(db: Kysely<DB>, now: Date): Promise<number> {
  const due = await db.selectFrom('demands').where('state', '=', 'assigned').where('dispatch_mode', '=', 'claim').where('claim_expires_at', '<', now).select('id').execute();
  let count = 0;
  for (const { id } of due) {
    count += await db.transaction().execute(async (trx) => {
      const demand = await requireDemand(trx, id, true);
      if (demand.state !== 'assigned' || demand.dispatch_mode !== 'claim' || !demand.claim_expires_at || new Date(demand.claim_expires_at) >= now) return 0;
      const remaining = (demand.offer_org_ids ?? []).filter((orgId) => orgId !== demand.handler_org_id);
      const to = remaining.length > 0 ? 'offered' : 'triaged';
      await recordStep(trx, SYSTEM, id, {
        action: 'expire',
        from: 'assigned',
        to,
        reason: '抢单后未在时限内接单，已退回',
        changes: { handler_org_id: null, handler_user_id: null, claim_expires_at: null, offer_org_ids: remaining.length > 0 ? remaining : null, dispatch_mode: remaining.length > 0 ? 'claim' : null, offered_at: remaining.length > 0 ? now : null },
        details: { fromOrgId: demand.handler_org_id },
      });
      return 1;
    });
  }
  return count;
}

async function escalate(db: Kysely<DB>, settings: DemandSettings, rules: SlaRules, now: Date): Promise<Pick<ScanOutcome, 'warned' | 'breached' | 'escalated'>> {
  const soon = addMinutes(now, settings.warningMinutes, rules);
  const candidates = await db
    .selectFrom('demands')
    .where('state', 'in', ['assigned', 'accepted', 'in_progress'])
    .where('resolution_due_at', '<', soon)
    .where('escalation_level', '<', 3)
    .select(['id', 'escalation_level', 'resolution_due_at'])
    .orderBy('id')
    .execute();
  const outcome = { warned: 0, breached: 0, escalated: 0 };
  const dispatchCentres = (await db.selectFrom('organizations').where('type', '=', 'dispatch_centre').select('id').execute()).map((o) => o.id);
  for (const candidate of candidates) {
    const due = new Date(candidate.resolution_due_at!);
    const target = due > now ? 1 : addMinutes(due, settings.escalateAfterMinutes, rules) <= now ? 3 : 2;
    if (target <= candidate.escalation_level) continue;
    await db.transaction().execute(async (trx) => {
      const demand = await requireDemand(trx, candidate.id, true);
      if (!['assigned', 'accepted', 'in_progress'].includes(demand.state) || demand.escalation_level >= target) return;
      const level = target;
      await recordStep(trx, SYSTEM, demand.id, {
        action: level === 1 ? 'warn' : 'escalate',
        from: demand.state,
        to: demand.state,
        changes: { escalation_level: level },
        details: { level, dueAt: due.toISOString() },
        // The enterprise sees that its overdue demand was escalated (督办), not the internal warning.
        isInternal: level === 1,
      });
      if (level === 1) {
        await notifyHandler(trx, demand, 'demand.warning', `level1:${due.toISOString()}`);
        outcome.warned++;
        return;
      }
      await notifyHandler(trx, demand, 'demand.overdue', `level${level}:${due.toISOString()}`);
      if (level === 2) {
        const leaders = await repo.findOrgLeaders(trx, demand.handler_org_id !== null ? [demand.handler_org_id] : []);
        const responsible = demand.leader_cadre_id !== null ? (await repo.findCadres(trx, [demand.leader_cadre_id])).get(demand.leader_cadre_id) : undefined;
        const userIds = [...new Set([responsible?.user_id, ...leaders.map((l) => l.user_id)].filter((id): id is number => typeof id === 'number'))];
        if (userIds.length > 0) await notifyEscalation(trx, demand, { userIds }, level);
        outcome.breached++;
      } else {
        await notifyEscalation(trx, demand, { orgIds: dispatchCentres }, level);
        outcome.escalated++;
      }
    });
  }
  return outcome;
}

async function closeRated(db: Kysely<DB>, settings: DemandSettings, rules: SlaRules, now: Date): Promise<number> {
  const rated = await db.selectFrom('demands').where('state', '=', 'rated').select(['id', 'rated_at']).execute();
  let count = 0;
  for (const row of rated) {
    if (!row.rated_at || workingDaysLater(new Date(row.rated_at), 1, rules).instant > now) continue;
    count += await db.transaction().execute(async (trx) => {
      const demand = await requireDemand(trx, row.id, true);
      if (demand.state !== 'rated') return 0;
      await recordStep(trx, SYSTEM, demand.id, {
        action: 'close',
        from: 'rated',
        to: 'closed',
        changes: { closed_at: now, follow_up_due_on: workingDaysLater(now, settings.followUpDays, rules).date },
        details: { automatic: true },
      });
      return 1;
    });
  }
  return count;
}

/** One pass of the deadline job (idempotent). */
export async function scanDemands(db: Kysely<DB>, settings: DemandSettings, now = new Date()): Promise<ScanOutcome> {
  const rules = await slaRulesOf(db, settings);
  const expired = await expireClaims(db, now);
  const escalation = await escalate(db, settings, rules, now);
  const closed = await closeRated(db, settings, rules, now);
  return { expired, ...escalation, closed };
}

/** Queues the pass of the next slot (one per slot, whoever asks). */
export async function scheduleScan(db: Kysely<DB>, now = new Date()): Promise<void> {
  const slot = Math.floor(now.getTime() / SCAN_EVERY_MS) + 1;
  await enqueueJob(db, SLA_SCAN_JOB, {}, { dedupeKey: `${SLA_SCAN_JOB}:${slot}`, runAt: new Date(slot * SCAN_EVERY_MS) });
}

export function createScanJobHandler(settings: DemandSettings): JobHandler {
  return async (_payload, { db }) => {
    const outcome = await scanDemands(db, settings);
    await scheduleScan(db);
    return outcome;
  };
}
