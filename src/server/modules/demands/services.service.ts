/**
 * The service catalogue (服务超市) of the three teams: non-market (departments, free), quasi-market (the SME
 * public service centre, the SME association) and market (service firms). Everybody signed in browses it;
 * provider staff (and department staff for their department's free items) edit their own organisation's items.
 */
import type { Kysely } from 'kysely';
import type { DB, ServiceRow, ServiceTeam } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import { auditContextOfActor, hasRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './demands.repository.ts';
import type { CreateServiceInput, ServiceItem, ServiceListQuery, UpdateServiceInput } from './demands.schemas.ts';
import { requireCategory } from './demands.steps.ts';

async function present(db: Kysely<DB>, rows: readonly (ServiceRow & { provider_name: string })[]): Promise<ServiceItem[]> {
  const categories = new Map((await repo.findCategories(db)).map((c) => [c.code, c]));
  return rows.map((r) => {
    const c = categories.get(r.category_code)!;
    return {
      id: r.id,
      provider: { id: r.provider_org_id, name: r.provider_name },
      team: r.team,
      kind: r.kind as ServiceItem['kind'],
      category: { code: c.code, nameZh: c.name_zh, nameEn: c.name_en },
      name: r.name,
      description: r.description,
      priceFen: r.price_fen === null ? null : Number(r.price_fen),
      isFree: r.is_free,
      ratingCount: r.rating_count,
      ratingAverage: r.rating_count > 0 ? Math.round((r.rating_sum / r.rating_count) * 100) / 100 : null,
      isActive: r.is_active,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

function base(db: Kysely<DB>) {
  return db.selectFrom('services').innerJoin('organizations', 'organizations.id', 'services.provider_org_id');
}

export async function listServices(db: Kysely<DB>, actor: Actor, query: Omit<ServiceListQuery, 'page' | 'pageSize'>, page: PageRequest) {
  let filtered = base(db);
  if (query.mine) filtered = filtered.where('services.provider_org_id', '=', actor.orgId);
  else filtered = filtered.where('services.is_active', '=', true);
  if (query.team) filtered = filtered.where('services.team', '=', query.team);
  if (query.kind) filtered = filtered.where('services.kind', '=', query.kind);
  if (query.categoryCode) filtered = filtered.where('services.category_code', '=', query.categoryCode);
  if (query.providerOrgId) filtered = filtered.where('services.provider_org_id', '=', query.providerOrgId);
  if (query.isFree !== undefined) filtered = filtered.where('services.is_free', '=', query.isFree);
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or([eb('services.name', 'like', like), eb('services.description', 'like', like), eb('organizations.name', 'like', like)]));
  }
  const { rows, total } = await findPage(filtered, (q) => q.selectAll('services').select('organizations.name as provider_name').orderBy('services.team').orderBy('services.id'), page);
  return { items: await present(db, rows), total, ...page };
}

/** The team of an organisation's items: departments are non-market; providers as registered. */
function teamOf(org: { type: string; service_team: ServiceTeam | null }): ServiceTeam {
  if (org.type === 'department') return 'non_market';
  return org.service_team ?? 'market';
}

function assertCanEditCatalogue(actor: Actor): void {
  const isProvider = hasRole(actor, 'provider_staff') && actor.orgType === 'service_provider';
  const isDepartment = hasRole(actor, 'department_staff') && actor.orgType === 'department';
  if (!isProvider && !isDepartment) throw new AppError('forbidden', 'Catalogue items are edited by the staff of the providing organisation');
}

async function getService(db: Kysely<DB>, id: number): Promise<ServiceItem> {
  const row = await base(db).where('services.id', '=', id).selectAll('services').select('organizations.name as provider_name').executeTakeFirst();
  if (!row) throw notFound('Service');
  return (await present(db, [row]))[0];
}

export async function createService(db: Kysely<DB>, actor: Actor, input: CreateServiceInput): Promise<ServiceItem> {
  assertCanEditCatalogue(actor);
  await requireCategory(db, input.categoryCode);
  const org = (await repo.findOrg(db, actor.orgId))!;
  const price = input.priceFen ?? null;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('services')
      .values({ provider_org_id: actor.orgId, team: teamOf(org), kind: input.kind, category_code: input.categoryCode, name: input.name.trim(), description: input.description ?? '', price_fen: price, is_free: price === null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'service.create', targetType: 'service', targetId: row.id, details: { ...input } });
    return row.id;
  });
  return getService(db, id);
}

export async function updateService(db: Kysely<DB>, actor: Actor, id: number, input: UpdateServiceInput): Promise<ServiceItem> {
  assertCanEditCatalogue(actor);
  if (input.categoryCode) await requireCategory(db, input.categoryCode);
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('services').where('id', '=', id).select(['provider_org_id']).forUpdate().executeTakeFirst();
    if (!existing) throw notFound('Service');
    if (existing.provider_org_id !== actor.orgId) throw new AppError('forbidden', 'Only the providing organisation edits its items');
    await trx
      .updateTable('services')
      .set({
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.categoryCode !== undefined && { category_code: input.categoryCode }),
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.priceFen !== undefined && { price_fen: input.priceFen, is_free: input.priceFen === null }),
        ...(input.isActive !== undefined && { is_active: input.isActive }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'service.update', targetType: 'service', targetId: id, details: { ...input } });
  });
  return getService(db, id);
}
