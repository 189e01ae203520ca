/**
 * The one path of every step of a demand: lock the row, check who and what (policy + life-cycle table),
 * change the row, append the timeline entry and the audit entry, all in one transaction.
 */
import type { Kysely, Insertable } from 'kysely';
import type { DemandAction, DemandNote, DemandState } from '../../../core/demands/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, DemandsTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActing, type Acting } from '../../platform/acting.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import type { Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import type { SlaRules } from './demands.clock.ts';
import { remainingMinutes } from './demands.clock.ts';
import { allowedActions, assertCanSeeDemand, sidesOf, type DemandAccessFacts } from './demands.policy.ts';
import { loadRefs, presentDetailParts, presentFile, presentSummary, presentTimeline } from './demands.presenter.ts';
import * as repo from './demands.repository.ts';
import type { DemandDetail, DemandSuggestion } from './demands.schemas.ts';
import type { DemandSettings } from './demands.settings.ts';

export async function slaRulesOf(db: Executor, settings: Pick<DemandSettings, 'officeHours'>): Promise<SlaRules> {
  return { calendar: await loadWorkingCalendar(db), hours: settings.officeHours };
}

/** The access facts of a demand row, with its leader's user account. */
export async function accessFacts(db: Executor, demand: repo.DemandWithEnterprise): Promise<DemandAccessFacts & { follow_up_at: Date | null; rating: number | null }> {
  let leaderUserId: number | null = null;
  if (demand.leader_cadre_id !== null) leaderUserId = (await repo.findCadres(db, [demand.leader_cadre_id])).get(demand.leader_cadre_id)?.user_id ?? null;
  return { ...demand, leaderUserId };
}

export async function requireDemand(db: Executor, id: number, lock = false): Promise<repo.DemandWithEnterprise> {
  const demand = lock ? await repo.lockDemand(db, id) : await repo.findDemand(db, id);
  if (!demand) throw notFound('Demand');
  return demand;
}

export interface StepRecord {
  action: DemandAction | DemandNote;
  from: DemandState | null;
  to: DemandState;
  changes?: Partial<Insertable<DemandsTable>>;
  reason?: string | null;
  details?: Record<string, unknown>;
  isInternal?: boolean;
  /** The audit action; default `demand.<action>` (notes other than escalate are not audited). */
  audit?: boolean;
  /** The row was already changed by the caller (the claim's conditional UPDATE). */
  isRowWritten?: boolean;
}

/** Writes a step: the row's changes and new state, the timeline entry, the audit entry. Returns the event id. */
export async function recordStep(trx: Executor, acting: Acting, demandId: number, step: StepRecord): Promise<number> {
  if (!step.isRowWritten && (step.changes || step.from !== step.to)) await repo.updateDemand(trx, demandId, { ...step.changes, state: step.to });
  const eventId = await repo.insertEvent(trx, {
    demand_id: demandId,
    actor_user_id: acting.kind === 'user' ? acting.actor.userId : null,
    action: step.action,
    from_state: step.from,
    to_state: step.to,
    reason: step.reason ?? null,
    details: JSON.stringify(step.details ?? {}),
    is_internal: step.isInternal ?? false,
  });
  if (step.audit !== false) {
    const action = step.action === 'warn' || step.action === 'escalate' ? 'demand.escalate' : step.action === 'attach_file' ? 'demand.file.upload' : step.action === 'suggest' ? null : (`demand.${step.action}` as const);
    if (action) {
      await recordAudit(trx, {
        ...auditContextOfActing(acting),
        action,
        targetType: 'demand',
        targetId: demandId,
        details: { from: step.from, to: step.to, ...(step.reason ? { reason: step.reason } : {}), ...step.details },
      });
    }
  }
  return eventId;
}

/** The demand as this actor may see it (403 if the actor has no part in it). */
/**
 * GET of one demand: an enterprise's demand read by the government side (the dispatch centre, a handling
 * department or provider, a cadre, the leader) is recorded; the enterprise reading its own is not. The steps
 * that answer with the demand are audited as the steps they are.
 */
export async function readDemandDetail(db: Kysely<DB>, settings: Pick<DemandSettings, 'officeHours'>, actor: Actor, id: number): Promise<DemandDetail> {
  const detail = await getDemandDetail(db, settings, actor, id);
  if (actor.orgType !== 'enterprise') await recordRead(db, actor, 'demand.read', { type: 'demand', id }, { enterpriseId: detail.enterprise?.id ?? null });
  return detail;
}

export async function getDemandDetail(
  db: Kysely<DB>,
  settings: Pick<DemandSettings, 'officeHours'>,
  actor: Actor,
  id: number,
  now = new Date(),
  options: { isFormerParty?: boolean } = {},
): Promise<DemandDetail> {
  const demand = await requireDemand(db, id);
  const facts = await accessFacts(db, demand);
  // Who just passed the demand on (移交, 退回) gets the answer to its own step, with nothing left to do.
  const sides = options.isFormerParty && sidesOf(actor, facts).size === 0 ? new Set<never>() : assertCanSeeDemand(actor, facts);
  const isGovernmentSide = actor.orgType !== 'enterprise';
  const [refs, timeline, files, rules] = await Promise.all([
    loadRefs(db, [demand]),
    repo.findTimeline(db, id, isGovernmentSide),
    repo.findFiles(db, id),
    slaRulesOf(db, settings),
  ]);
  const remaining = remainingMinutes(demand, now, rules);
  return {
    ...presentSummary(demand, refs, now),
    ...presentDetailParts(demand, refs),
    remainingMinutes: remaining,
    suggestion: isGovernmentSide ? ((demand.suggestion as DemandSuggestion | null) ?? null) : null,
    timeline: presentTimeline(timeline),
    files: files.map(presentFile),
    allowedActions: allowedActions(sides, facts),
  };
}

/** 422 for a category code that does not exist (or is inactive). */
export async function requireCategory(db: Executor, code: string): Promise<repo.CategoryRow> {
  const category = await repo.findCategory(db, code);
  if (!category || !category.is_active) throw new AppError('validation_failed', `Unknown demand category: ${code}`, [{ path: 'body/categoryCode', message: 'not a demand category' }]);
  return category;
}
