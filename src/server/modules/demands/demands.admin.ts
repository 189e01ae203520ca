/** The dispatcher's tools over routing: keyword rules (demand_routing_rules) and router model versions. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './demands.repository.ts';
import { enqueueRouterTraining } from './demands.router.ts';
import type { CreateRuleInput, RouterModelList, RoutingRule, UpdateRuleInput } from './demands.schemas.ts';
import { requireCategory } from './demands.steps.ts';

/** The window of a rule's routing count in the rule list. */
export const RULE_COUNT_DAYS = 90;

/**
 * How many demands each rule routed (was the suggestion's rule) since `since`: one pass over the recent
 * demands' stored suggestions, grouped by the rule id.
 */
async function routedCounts(db: Kysely<DB>, since: Date): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('demands')
    .where('created_at', '>=', since)
    .where(sql<boolean>`suggestion -> 'rule' ->> 'id' is not null`)
    .select([sql<string>`suggestion -> 'rule' ->> 'id'`.as('rule_id'), sql<string>`count(*)`.as('n')])
    .groupBy(sql`suggestion -> 'rule' ->> 'id'`)
    .execute();
  return new Map(rows.map((r) => [Number(r.rule_id), Number(r.n)]));
}

async function presentRules(db: Kysely<DB>, ids?: number[], now = new Date()): Promise<RoutingRule[]> {
  let query = db.selectFrom('demand_routing_rules').selectAll().orderBy('is_active', 'desc').orderBy('keyword').orderBy('id');
  if (ids) query = query.where('id', 'in', ids.length ? ids : [0]);
  const rows = await query.execute();
  const counts = await routedCounts(db, new Date(now.getTime() - RULE_COUNT_DAYS * 86_400_000));
  const categories = new Map((await repo.findCategories(db)).map((c) => [c.code, c]));
  const orgs = await repo.findOrgNames(db, rows.flatMap((r) => (r.handler_org_id !== null ? [r.handler_org_id] : [])));
  return rows.map((r) => {
    const c = categories.get(r.category_code)!;
    return {
      id: r.id,
      keyword: r.keyword,
      category: { code: c.code, nameZh: c.name_zh, nameEn: c.name_en },
      handlerOrg: r.handler_org_id !== null ? { id: r.handler_org_id, name: orgs.get(r.handler_org_id) ?? '' } : null,
      note: r.note,
      isActive: r.is_active,
      routedRecently: counts.get(r.id) ?? 0,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

export async function listRules(db: Kysely<DB>, actor: Actor) {
  requireRole(actor, 'dispatcher');
  return { items: await presentRules(db) };
}

async function checkHandlerOrg(db: Kysely<DB>, orgId: number | null | undefined): Promise<void> {
  if (orgId === undefined || orgId === null) return;
  const org = await repo.findOrg(db, orgId);
  if (!org || !['department', 'service_provider', 'dispatch_centre'].includes(org.type)) {
    throw new AppError('validation_failed', 'The rule’s office must be a department, a service provider or the dispatch centre', [{ path: 'body/handlerOrgId', message: 'not a handling organisation' }]);
  }
}

/**
 * One active rule per keyword (case and surrounding spaces aside): two would fight over the same text.
 * The table is locked against concurrent writers first, so two dispatchers adding the same keyword at
 * once cannot both pass the check.
 */
async function refuseDuplicateKeyword(trx: Executor, keyword: string, exceptId: number | null): Promise<void> {
  await sql`lock table demand_routing_rules in share row exclusive mode`.execute(trx);
  let query = trx
    .selectFrom('demand_routing_rules')
    .where('is_active', '=', true)
    .where(sql<boolean>`lower(btrim(keyword)) = lower(btrim(${keyword}))`)
    .select(['id', 'keyword']);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) {
    throw new AppError('conflict', `An active rule for the keyword "${clash.keyword}" exists (#${clash.id})`, [{ path: 'body/keyword', message: 'duplicate_keyword', ruleId: clash.id, keyword: clash.keyword }]);
  }
}

export async function createRule(db: Kysely<DB>, actor: Actor, input: CreateRuleInput): Promise<RoutingRule> {
  requireRole(actor, 'dispatcher');
  await requireCategory(db, input.categoryCode);
  await checkHandlerOrg(db, input.handlerOrgId);
  const id = await db.transaction().execute(async (trx) => {
    if (input.isActive ?? true) await refuseDuplicateKeyword(trx, input.keyword, null);
    const row = await trx
      .insertInto('demand_routing_rules')
      .values({ keyword: input.keyword.trim(), category_code: input.categoryCode, handler_org_id: input.handlerOrgId ?? null, note: input.note ?? '', is_active: input.isActive ?? true, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'demand.rule.create', targetType: 'demand_routing_rule', targetId: row.id, details: { ...input } });
    return row.id;
  });
  return (await presentRules(db, [id]))[0];
}

export async function updateRule(db: Kysely<DB>, actor: Actor, id: number, input: UpdateRuleInput): Promise<RoutingRule> {
  requireRole(actor, 'dispatcher');
  if (input.categoryCode) await requireCategory(db, input.categoryCode);
  await checkHandlerOrg(db, input.handlerOrgId);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('demand_routing_rules').where('id', '=', id).select(['keyword', 'is_active']).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Routing rule');
    if (input.isActive ?? current.is_active) await refuseDuplicateKeyword(trx, input.keyword ?? current.keyword, id);
    const updated = await trx
      .updateTable('demand_routing_rules')
      .set({
        ...(input.keyword !== undefined && { keyword: input.keyword.trim() }),
        ...(input.categoryCode !== undefined && { category_code: input.categoryCode }),
        ...(input.handlerOrgId !== undefined && { handler_org_id: input.handlerOrgId }),
        ...(input.note !== undefined && { note: input.note }),
        ...(input.isActive !== undefined && { is_active: input.isActive }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound('Routing rule');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'demand.rule.update', targetType: 'demand_routing_rule', targetId: id, details: { ...input } });
  });
  return (await presentRules(db, [id]))[0];
}

export async function deleteRule(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  requireRole(actor, 'dispatcher');
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('demand_routing_rules').where('id', '=', id).returning(['id', 'keyword', 'category_code']).executeTakeFirst();
    if (!deleted) throw notFound('Routing rule');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'demand.rule.delete', targetType: 'demand_routing_rule', targetId: id, details: { keyword: deleted.keyword, categoryCode: deleted.category_code } });
  });
}

/** Queues a retraining now (dispatcher); the job stores a new model version. */
export async function requestTraining(db: Kysely<DB>, actor: Actor): Promise<{ jobId: number | null; queued: boolean }> {
  requireRole(actor, 'dispatcher');
  return db.transaction().execute(async (trx) => {
    const jobId = await enqueueRouterTraining(trx, 'manual', actor.userId);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'demand.router.train', targetType: 'router_model', details: { jobId } });
    return { jobId, queued: jobId !== null };
  });
}

export async function listModels(db: Kysely<DB>, actor: Actor): Promise<RouterModelList> {
  requireRole(actor, 'dispatcher');
  const rows = await db
    .selectFrom('router_models')
    .select(['version', 'labels', 'examples', 'held_out_accuracy', 'train_seconds', 'trigger', 'trained_at'])
    .orderBy('version', 'desc')
    .limit(50)
    .execute();
  return {
    items: rows.map((r, i) => ({
      version: r.version,
      labels: r.labels,
      examples: r.examples,
      heldOutAccuracy: r.held_out_accuracy,
      trainSeconds: r.train_seconds,
      trigger: r.trigger,
      trainedAt: new Date(r.trained_at).toISOString(),
      isCurrent: i === 0,
    })),
  };
}
