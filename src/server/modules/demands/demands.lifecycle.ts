/**
 * The handler's and the enterprise's steps after dispatch: accept (接单), start, wait on the enterprise (the
 * clock pauses) and resume, return to the dispatcher, resolve (办结, online or offline), rate (好差评, once
 * per resolution; ≤ 2 sends it back for rectification within `rectificationDays` working days), close (the
 * follow-up is scheduled `followUpDays` working days later), reopen, and the follow-up (跟踪问效).
 */
import type { Kysely } from 'kysely';
import { UNSATISFIED_RATING, type DemandAction } from '../../../core/demands/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { publish } from '../../events/index.ts';
import type { Actor } from '../../request-context.ts';
import { pauseResolution, resolutionWorkingMinutes, responseWorkingMinutes, resumeResolution, startResolution, workingDaysLater, type SlaRules } from './demands.clock.ts';
import { notifyEnterpriseOfState, notifyHandler } from './demands.notify.ts';
import { assertMayTake } from './demands.policy.ts';
import { isDemandOverdue } from './demands.presenter.ts';
import type * as repo from './demands.repository.ts';
import type { DemandDetail, FollowUpInput, RateInput, ResolveInput } from './demands.schemas.ts';
import type { DemandSettings } from './demands.settings.ts';
import { accessFacts, getDemandDetail, recordStep, requireDemand, slaRulesOf } from './demands.steps.ts';

type Executor = Parameters<typeof recordStep>[0];

/** Runs one step on the locked demand and answers with the demand as the actor sees it afterwards. */
async function step(
  db: Kysely<DB>,
  settings: DemandSettings,
  actor: Actor,
  id: number,
  action: DemandAction,
  work: (trx: Executor, demand: repo.DemandWithEnterprise, to: ReturnType<typeof assertMayTake>, rules: SlaRules) => Promise<void>,
  context: { rating?: number } = {},
  now = new Date(),
  options: { isFormerParty?: boolean } = {},
): Promise<DemandDetail> {
  const rules = await slaRulesOf(db, settings);
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    const to = assertMayTake(actor, await accessFacts(trx, demand), action, context);
    await work(trx, demand, to, rules);
  });
  return getDemandDetail(db, settings, actor, id, now, options);
}

/** Working minutes of one working day (the office hours' total). */
function dayMinutes(settings: DemandSettings): number {
  return settings.officeHours.reduce((sum, interval) => sum + interval.end - interval.start, 0);
}

/** A rectification (整改): a fresh clock of N working days, escalation reset. */
function rectification(settings: DemandSettings, rules: SlaRules, now: Date) {
  const clock = startResolution(now, settings.rectificationDays * dayMinutes(settings), rules);
  return { ...clock, rectification_due_at: clock.resolution_due_at, escalation_level: 0 };
}

export function acceptDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, now = new Date()) {
  return step(db, settings, actor, id, 'accept', async (trx, demand, to, rules) => {
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'accept',
      from: demand.state,
      to,
      changes: { accepted_at: now, response_working_minutes: responseWorkingMinutes(demand, now, rules), claim_expires_at: null, handler_user_id: demand.handler_user_id ?? actor.userId },
      details: { handlerUserId: demand.handler_user_id ?? actor.userId },
    });
    await notifyEnterpriseOfState(trx, demand, to, eventId);
  }, {}, now);
}

export function startDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, note: string | undefined, now = new Date()) {
  return step(db, settings, actor, id, 'start', async (trx, demand, to) => {
    await recordStep(trx, { kind: 'user', actor }, id, { action: 'start', from: demand.state, to, reason: note ?? null });
  }, {}, now);
}

/** Waiting on the enterprise (补充材料): the resolution clock pauses. */
export function waitOnEnterprise(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, reason: string, now = new Date()) {
  return step(db, settings, actor, id, 'wait', async (trx, demand, to, rules) => {
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, { action: 'wait', from: demand.state, to, reason: reason.trim(), changes: pauseResolution(demand, now, rules) ?? {} });
    await notifyEnterpriseOfState(trx, demand, to, eventId);
  }, {}, now);
}

/** The enterprise supplied what was asked (or the handler goes on): the clock resumes, deadline recomputed. */
export function resumeDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, note: string | undefined, now = new Date()) {
  return step(db, settings, actor, id, 'resume', async (trx, demand, to, rules) => {
    const changes = resumeResolution(demand, now, rules) ?? {};
    await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'resume',
      from: demand.state,
      to,
      reason: note ?? null,
      changes,
      details: 'resolution_due_at' in changes ? { resolutionDueAt: (changes.resolution_due_at as Date).toISOString() } : {},
    });
  }, {}, now);
}

/** 退回: the handler gives the demand back to the dispatcher (reason required); the clock runs on. */
export function returnToDispatcher(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, reason: string, now = new Date()) {
  return step(db, settings, actor, id, 'return', async (trx, demand, to, rules) => {
    await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'return',
      from: demand.state,
      to,
      reason: reason.trim(),
      changes: { handler_org_id: null, handler_user_id: null, dispatch_mode: null, claim_expires_at: null, offer_org_ids: null, ...(demand.state === 'waiting' ? (resumeResolution(demand, now, rules) ?? {}) : {}) },
      details: { fromOrgId: demand.handler_org_id },
    });
  }, {}, now, { isFormerParty: true });
}

/** 办结: the handler records the result, online or offline. */
export function resolveDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: ResolveInput, now = new Date()) {
  return step(db, settings, actor, id, 'resolve', async (trx, demand, to, rules) => {
    const onTime = !isDemandOverdue(demand, now);
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'resolve',
      from: demand.state,
      to,
      changes: { resolved_at: now, resolution_working_minutes: resolutionWorkingMinutes(demand, now, rules), resolution: input.resolution.trim(), resolution_mode: input.mode, rectification_due_at: null },
      details: { mode: input.mode, onTime },
    });
    await notifyEnterpriseOfState(trx, demand, to, eventId);
    await publish(trx, 'demand.resolved', {
      demandId: id,
      enterpriseId: demand.enterprise_id,
      categoryCode: demand.category_code,
      handlerOrgId: demand.handler_org_id,
      handlerUserId: demand.handler_user_id,
      leaderCadreId: demand.leader_cadre_id,
      onTime,
    });
  }, {}, now);
}

/** 好差评: once per resolution; ≤ 2 returns it to the handler for rectification. */
export function rateDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: RateInput, now = new Date()) {
  return step(db, settings, actor, id, 'rate', async (trx, demand, to, rules) => {
    const isUnsatisfied = input.rating <= UNSATISFIED_RATING;
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'rate',
      from: demand.state,
      to,
      reason: input.comment?.trim() || null,
      changes: {
        rating: input.rating,
        rating_comment: input.comment?.trim() || null,
        rated_at: now,
        ...(isUnsatisfied ? { ...rectification(settings, rules, now), reopen_count: demand.reopen_count + 1 } : {}),
      },
      details: { rating: input.rating, rectification: isUnsatisfied },
    });
    if (demand.service_id !== null) {
      await trx
        .updateTable('services')
        .set((eb) => ({ rating_count: eb('rating_count', '+', 1), rating_sum: eb('rating_sum', '+', input.rating) }))
        .where('id', '=', demand.service_id)
        .execute();
    }
    if (isUnsatisfied) await notifyHandler(trx, demand, 'demand.rectify', String(eventId));
    await publish(trx, 'demand.rated', {
      demandId: id,
      enterpriseId: demand.enterprise_id,
      rating: input.rating,
      handlerOrgId: demand.handler_org_id,
      handlerUserId: demand.handler_user_id,
      leaderCadreId: demand.leader_cadre_id,
      serviceId: demand.service_id,
    });
  }, { rating: input.rating }, now);
}

/** Closes a resolved or rated demand and schedules its follow-up. */
export function closeDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, note: string | undefined, now = new Date()) {
  return step(db, settings, actor, id, 'close', async (trx, demand, to, rules) => {
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'close',
      from: demand.state,
      to,
      reason: note ?? null,
      changes: { closed_at: now, follow_up_due_on: workingDaysLater(now, settings.followUpDays, rules).date },
    });
    await notifyEnterpriseOfState(trx, demand, to, eventId);
  }, {}, now);
}

/** Reopens a rated or closed demand with its last handler (rectification period). */
export function reopenDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, reason: string, now = new Date()) {
  return step(db, settings, actor, id, 'reopen', async (trx, demand, to, rules) => {
    if (demand.handler_org_id === null) throw new AppError('conflict', 'This demand has no handler to reopen it with');
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'reopen',
      from: demand.state,
      to,
      reason: reason.trim(),
      changes: { ...rectification(settings, rules, now), reopen_count: demand.reopen_count + 1, closed_at: null, follow_up_due_on: null },
    });
    await notifyHandler(trx, demand, 'demand.rectify', String(eventId));
  }, {}, now);
}

/** 跟踪问效: the outcome of the follow-up, recorded once. */
export function recordFollowUp(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: FollowUpInput, now = new Date()) {
  return step(db, settings, actor, id, 'follow_up', async (trx, demand, to) => {
    if (demand.follow_up_at !== null) throw new AppError('conflict', 'The follow-up of this demand is already recorded');
    await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'follow_up',
      from: demand.state,
      to,
      reason: input.note?.trim() || null,
      changes: { follow_up_outcome: input.outcome, follow_up_note: input.note?.trim() || null, follow_up_at: now },
      details: { outcome: input.outcome },
    });
  }, {}, now);
}
