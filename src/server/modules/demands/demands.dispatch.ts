/**
 * Dispatch in three modes. 派单: the dispatcher names the handling organisation (and optionally a user and
 * the responsible leader) or lets the platform pick among the eligible ones by rule, round robin (the one
 * longest without an order) or least load (fewest open orders). 点单: the enterprise picks a catalogue
 * item and its provider gets the order. 抢单: the demand is offered to eligible providers; the first claim
 * wins by a conditional UPDATE (… WHERE state = 'offered'), taken under a lock of the provider's row so its
 * open-claim limit holds under concurrency; a claim not accepted in time goes back to the pool (sla job).
 */
import { sql, type Kysely } from 'kysely';
import type { DemandState } from '../../../core/demands/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, DispatchMode } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Acting } from '../../platform/acting.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { addMinutes, responseDue, resumeResolution, startResolution, type SlaRules } from './demands.clock.ts';
import { notifyEnterpriseOfState, notifyOffer, notifyOrder } from './demands.notify.ts';
import { assertMayTake } from './demands.policy.ts';
import * as repo from './demands.repository.ts';
import type { AssignInput, DemandDetail, DemandSuggestion, OfferInput, TransferInput } from './demands.schemas.ts';
import type { DemandSettings } from './demands.settings.ts';
import { accessFacts, getDemandDetail, recordStep, requireCategory, requireDemand, slaRulesOf } from './demands.steps.ts';

const HANDLING_ORG_TYPES = ['department', 'service_provider', 'dispatch_centre'];
const HANDLING: readonly DemandState[] = ['assigned', 'accepted', 'in_progress', 'waiting'];

interface Assignment {
  orgId: number;
  orgName: string;
  userId: number | null;
  leaderCadreId: number | null;
  category: repo.CategoryRow;
  mode: DispatchMode;
  serviceId?: number | null;
  claimExpiresAt?: Date | null;
}

/** The row changes of giving the demand to a handler: deadlines, and the resolution clock if not running yet. */
function assignmentChanges(demand: repo.DemandWithEnterprise, a: Assignment, rules: SlaRules, now: Date) {
  return {
    category_code: a.category.code,
    dispatch_mode: a.mode,
    handler_org_id: a.orgId,
    handler_user_id: a.userId,
    leader_cadre_id: a.leaderCadreId,
    service_id: a.serviceId ?? (a.mode === 'pick' ? demand.service_id : null),
    offer_org_ids: null,
    claim_expires_at: a.claimExpiresAt ?? null,
    assigned_at: now,
    accepted_at: null,
    response_working_minutes: null,
    response_due_at: responseDue(now, a.category.response_hours, rules),
    ...(demand.clock_started_at === null ? startResolution(now, a.category.resolution_hours * 60, rules) : {}),
  };
}

/** Checks the handling organisation (and user) of a manual assignment or a transfer. */
async function requireHandler(db: Executor, orgId: number, userId: number | undefined, path: string) {
  const org = await repo.findOrg(db, orgId);
  if (!org || !HANDLING_ORG_TYPES.includes(org.type)) {
    throw new AppError('validation_failed', 'The handler must be a department, a service provider or the dispatch centre', [{ path: `body/${path}`, message: 'not a handling organisation' }]);
  }
  if (userId !== undefined) {
    const user = await repo.findUser(db, userId);
    if (!user || user.org_id !== orgId || user.is_disabled) {
      throw new AppError('validation_failed', 'The handling user must be an active user of the handling organisation', [{ path: 'body/handlerUserId', message: 'not a user of that organisation' }]);
    }
  }
  return org;
}

/** Organisations eligible for a category: its competent department and providers with items in it. */
export async function eligibleOrgs(db: Executor, category: repo.CategoryRow): Promise<{ id: number; name: string }[]> {
  const [department] = await repo.findOrgsByCodes(db, [category.department_code]);
  const providers = await db
    .selectFrom('services')
    .innerJoin('organizations', 'organizations.id', 'services.provider_org_id')
    .where('services.category_code', '=', category.code)
    .where('services.is_active', '=', true)
    .where('organizations.type', '=', 'service_provider')
    .select(['organizations.id', 'organizations.name'])
    .distinct()
    .orderBy('organizations.id')
    .execute();
  return [...(department ? [{ id: department.id, name: department.name }] : []), ...providers.filter((p) => p.id !== department?.id)];
}

async function autoPick(db: Executor, demand: repo.DemandWithEnterprise, category: repo.CategoryRow, strategy: 'rule' | 'round_robin' | 'least_load') {
  if (strategy === 'rule') {
    const suggestion = demand.suggestion as DemandSuggestion | null;
    const ruleOrgId = suggestion?.rule
      ? (await db.selectFrom('demand_routing_rules').where('id', '=', suggestion.rule.id).where('is_active', '=', true).select('handler_org_id').executeTakeFirst())?.handler_org_id ?? null
      : null;
    const ruleOrg = ruleOrgId !== null ? await repo.findOrg(db, ruleOrgId) : undefined;
    if (ruleOrg) return { id: ruleOrg.id, name: ruleOrg.name };
    const [department] = await repo.findOrgsByCodes(db, [category.department_code]);
    if (department) return { id: department.id, name: department.name };
    throw new AppError('unprocessable', 'No rule or competent department names a handler for this category');
  }
  const candidates = await eligibleOrgs(db, category);
  if (candidates.length === 0) throw new AppError('unprocessable', 'No organisation is eligible for this category');
  if (strategy === 'least_load') {
    const load = await repo.countOpenOrders(db, candidates.map((c) => c.id));
    return [...candidates].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id)[0];
  }
  const last = await repo.lastAssignedAt(db, candidates.map((c) => c.id));
  return [...candidates].sort((a, b) => (last.get(a.id) ?? 0) - (last.get(b.id) ?? 0) || a.id - b.id)[0];
}

async function leaderFor(db: Executor, demand: repo.DemandWithEnterprise, orgId: number, requested: number | undefined): Promise<number | null> {
  if (requested !== undefined) {
    const cadre = (await repo.findCadres(db, [requested])).get(requested);
    if (!cadre) throw new AppError('validation_failed', 'Unknown cadre for the responsible leader', [{ path: 'body/leaderCadreId', message: 'not a cadre' }]);
    return cadre.id;
  }
  const suggestion = demand.suggestion as DemandSuggestion | null;
  if (suggestion?.leader && suggestion.leader.orgId === orgId) return suggestion.leader.id;
  return (await repo.findOrgLeaders(db, [orgId]))[0]?.id ?? null;
}

/** Gives the locked demand to a handler: the row, the timeline, the audit, the order notice, the enterprise's notice. */
async function giveTo(trx: Executor, acting: Acting, demand: repo.DemandWithEnterprise, to: DemandState, action: 'assign' | 'pick' | 'claim' | 'transfer', a: Assignment, rules: SlaRules, now: Date, extra: { reason?: string; details?: Record<string, unknown>; changes?: Record<string, unknown> } = {}) {
  const eventId = await recordStep(trx, acting, demand.id, {
    action,
    from: demand.state,
    to,
    reason: extra.reason ?? null,
    changes: { ...assignmentChanges(demand, a, rules, now), escalation_level: 0, ...extra.changes },
    details: { handlerOrgId: a.orgId, handlerOrgName: a.orgName, handlerUserId: a.userId, leaderCadreId: a.leaderCadreId, categoryCode: a.category.code, mode: a.mode, ...extra.details },
  });
  await notifyOrder(trx, demand, { orgId: a.orgId, userId: a.userId }, eventId);
  await notifyEnterpriseOfState(trx, demand, to, eventId);
  return eventId;
}

function categoryCodeOf(demand: repo.DemandWithEnterprise, requested: string | undefined): string {
  const code = requested ?? demand.category_code ?? (demand.suggestion as DemandSuggestion | null)?.category?.code ?? demand.declared_category_code;
  if (!code) throw new AppError('validation_failed', 'Choose the category of the demand first', [{ path: 'body/categoryCode', message: 'required: no category is known yet' }]);
  return code;
}

/** 分拣: the dispatcher sets the category (the label the router learns from). */
export async function triageDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: { categoryCode: string; note?: string }, now = new Date()): Promise<DemandDetail> {
  await requireCategory(db, input.categoryCode);
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    const to = assertMayTake(actor, await accessFacts(trx, demand), 'triage');
    await recordStep(trx, { kind: 'user', actor }, id, { action: 'triage', from: demand.state, to, reason: input.note ?? null, changes: { category_code: input.categoryCode }, details: { categoryCode: input.categoryCode } });
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/** 派单: manual or automatic (rule, round robin, least load). */
export async function assignDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: AssignInput, now = new Date()): Promise<DemandDetail> {
  if (input.mode === 'manual' && input.handlerOrgId === undefined) {
    throw new AppError('validation_failed', 'Name the handling organisation, or assign automatically', [{ path: 'body/handlerOrgId', message: 'required for a manual assignment' }]);
  }
  const rules = await slaRulesOf(db, settings);
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    const to = assertMayTake(actor, await accessFacts(trx, demand), 'assign');
    const category = await requireCategory(trx, categoryCodeOf(demand, input.categoryCode));
    const strategy = input.mode === 'auto' ? (input.strategy ?? 'rule') : null;
    const org = strategy ? await autoPick(trx, demand, category, strategy) : await requireHandler(trx, input.handlerOrgId!, input.handlerUserId, 'handlerOrgId');
    if (strategy && input.handlerUserId !== undefined) await requireHandler(trx, org.id, input.handlerUserId, 'handlerOrgId');
    const leaderCadreId = await leaderFor(trx, demand, org.id, input.leaderCadreId);
    await giveTo(trx, { kind: 'user', actor }, demand, to, 'assign', {
      orgId: org.id,
      orgName: org.name,
      userId: input.handlerUserId ?? null,
      leaderCadreId,
      category,
      mode: 'dispatch',
    }, rules, now, { reason: input.note, details: { strategy } });
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/** 点单 inside a transaction (intake with a service, or the pick route). */
export async function pickInTransaction(trx: Executor, rules: SlaRules, actor: Actor, demand: repo.DemandWithEnterprise, serviceId: number, now: Date): Promise<void> {
  const to = assertMayTake(actor, await accessFacts(trx, demand), 'pick');
  const service = await trx
    .selectFrom('services')
    .innerJoin('organizations', 'organizations.id', 'services.provider_org_id')
    .where('services.id', '=', serviceId)
    .select(['services.id', 'services.name', 'services.category_code', 'services.is_active', 'services.provider_org_id', 'organizations.name as provider_name'])
    .executeTakeFirst();
  if (!service || !service.is_active) throw new AppError('validation_failed', 'Pick an active item of the service catalogue', [{ path: 'body/serviceId', message: 'not an active service' }]);
  const category = await requireCategory(trx, service.category_code);
  const leaderCadreId = (await repo.findOrgLeaders(trx, [service.provider_org_id]))[0]?.id ?? null;
  await giveTo(trx, { kind: 'user', actor }, demand, to, 'pick', {
    orgId: service.provider_org_id,
    orgName: service.provider_name,
    userId: null,
    leaderCadreId,
    category,
    mode: 'pick',
    serviceId: service.id,
  }, rules, now, { details: { serviceId: service.id, serviceName: service.name } });
}

export async function pickService(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, serviceId: number, now = new Date()): Promise<DemandDetail> {
  const rules = await slaRulesOf(db, settings);
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    await pickInTransaction(trx, rules, actor, demand, serviceId, now);
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/** 抢单: offer to eligible providers (named, or those with catalogue items in the category). */
export async function offerDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: OfferInput, now = new Date()): Promise<DemandDetail> {
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    const to = assertMayTake(actor, await accessFacts(trx, demand), 'offer');
    const category = await requireCategory(trx, categoryCodeOf(demand, input.categoryCode));
    let orgIds: number[];
    if (input.providerOrgIds) {
      const orgs = await trx.selectFrom('organizations').where('id', 'in', input.providerOrgIds).where('type', '=', 'service_provider').select('id').execute();
      if (orgs.length !== input.providerOrgIds.length) {
        throw new AppError('validation_failed', 'Offers go to service providers only', [{ path: 'body/providerOrgIds', message: 'every id must be a service provider' }]);
      }
      orgIds = input.providerOrgIds;
    } else {
      orgIds = (await eligibleOrgs(trx, category)).map((o) => o.id);
      const providers = await trx.selectFrom('organizations').where('id', 'in', orgIds.length ? orgIds : [0]).where('type', '=', 'service_provider').select('id').execute();
      orgIds = providers.map((p) => p.id);
      if (orgIds.length === 0) throw new AppError('unprocessable', 'No service provider offers items in this category: assign it instead');
    }
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'offer',
      from: demand.state,
      to,
      changes: { category_code: category.code, dispatch_mode: 'claim', offer_org_ids: orgIds, offered_at: now, handler_org_id: null, handler_user_id: null, claim_expires_at: null },
      details: { providerOrgIds: orgIds, categoryCode: category.code },
    });
    await notifyOffer(trx, demand, orgIds, eventId);
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/**
 * A provider claims an offer. The first claim wins: the UPDATE only matches while the demand is offered to
 * this provider, and a second claimant (blocked on the row until the first commits) then matches nothing
 * and gets 409. The provider's row is locked first, so its open-claim count cannot be raced past the limit.
 */
export async function claimDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, now = new Date()): Promise<DemandDetail> {
  if (!hasRole(actor, 'provider_staff') || actor.orgType !== 'service_provider') throw new AppError('forbidden', 'Only service providers claim offers');
  const rules = await slaRulesOf(db, settings);
  await db.transaction().execute(async (trx) => {
    const before = await requireDemand(trx, id);
    assertMayTake(actor, await accessFacts(trx, before), 'claim');
    await trx.selectFrom('organizations').where('id', '=', actor.orgId).select('id').forUpdate().executeTakeFirst();
    const { n } = await trx
      .selectFrom('demands')
      .where('handler_org_id', '=', actor.orgId)
      .where('dispatch_mode', '=', 'claim')
      .where('state', 'in', [...HANDLING])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) >= settings.maxOpenClaims) {
      throw new AppError('conflict', `A provider holds at most ${settings.maxOpenClaims} open claimed orders: finish one first`, [{ path: 'claims', message: 'claim_limit' }]);
    }
    const category = await requireCategory(trx, categoryCodeOf(before, undefined));
    const a: Assignment = {
      orgId: actor.orgId,
      orgName: actor.orgName,
      userId: actor.userId,
      leaderCadreId: before.leader_cadre_id,
      category,
      mode: 'claim',
      claimExpiresAt: addMinutes(now, settings.claimAcceptMinutes, rules),
    };
    const won = await trx
      .updateTable('demands')
      .set({ ...assignmentChanges(before, a, rules, now), offer_org_ids: before.offer_org_ids, state: 'assigned', escalation_level: 0, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'offered')
      .where(sql<boolean>`${actor.orgId} = any(offer_org_ids)`)
      .returning('id')
      .executeTakeFirst();
    if (!won) throw new AppError('conflict', 'Another provider claimed this demand first', [{ path: 'state', message: 'already claimed' }]);
    const eventId = await recordStep(trx, { kind: 'user', actor }, id, {
      action: 'claim',
      from: 'offered',
      to: 'assigned',
      isRowWritten: true,
      details: { handlerOrgId: a.orgId, handlerOrgName: a.orgName, handlerUserId: a.userId, claimExpiresAt: a.claimExpiresAt!.toISOString() },
    });
    await notifyOrder(trx, before, { orgId: a.orgId, userId: a.userId }, eventId);
    await notifyEnterpriseOfState(trx, before, 'assigned', eventId);
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/** 移交: to another organisation, with a reason; the resolution clock runs on. */
export async function transferDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, id: number, input: TransferInput, now = new Date()): Promise<DemandDetail> {
  const rules = await slaRulesOf(db, settings);
  await db.transaction().execute(async (trx) => {
    const demand = await requireDemand(trx, id, true);
    const to = assertMayTake(actor, await accessFacts(trx, demand), 'transfer');
    const org = await requireHandler(trx, input.handlerOrgId, input.handlerUserId, 'handlerOrgId');
    if (org.id === demand.handler_org_id && (input.handlerUserId ?? null) === demand.handler_user_id) {
      throw new AppError('validation_failed', 'Transfer to another organisation or user', [{ path: 'body/handlerOrgId', message: 'already the handler' }]);
    }
    const category = await requireCategory(trx, categoryCodeOf(demand, undefined));
    const leaderCadreId = (await repo.findOrgLeaders(trx, [org.id]))[0]?.id ?? demand.leader_cadre_id;
    await giveTo(trx, { kind: 'user', actor }, demand, to, 'transfer', {
      orgId: org.id,
      orgName: org.name,
      userId: input.handlerUserId ?? null,
      leaderCadreId,
      category,
      mode: 'dispatch',
    }, rules, now, { reason: input.reason.trim(), details: { fromOrgId: demand.handler_org_id }, changes: { transfer_count: demand.transfer_count + 1, ...(demand.state === 'waiting' ? (resumeResolution(demand, now, rules) ?? {}) : {}) } });
  });
  return getDemandDetail(db, settings, actor, id, now, { isFormerParty: true });
}
