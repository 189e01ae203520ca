/**
 * Visits (走访) and quarterly visit plans. A visit is recorded by the cadre linked to the firm now, for a
 * day not in the future and not before the link began; each problem collected becomes a demand filed on
 * the enterprise's behalf (channel 'cadre') in the visit's own transaction, so a visit never exists without
 * its demands nor a demand without its visit. Photos follow, one upload each (JPEG, PNG or WebP by their
 * bytes, within PHOTO_MAX_BYTES, at most PHOTOS_PER_VISIT).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { isQuarter, quarterOf, quarterRange } from '../../../core/cadres/coverage.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, VisitPhotosTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { placeFile, readMagic, receiveFile, removeStoredFile, storedFilePath, type ReceivedFile } from '../../storage/files.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { fileOnBehalfDemands, prepareOnBehalfDemands } from '../demands/index.ts';
import { viewsAllCadres } from './cadres.policy.ts';
import { presentVisit } from './cadres.presenter.ts';
import * as repo from './cadres.repository.ts';
import type { CreateVisitInput, PlanInput, VisitDetail, VisitListQuery } from './cadres.schemas.ts';
import { requireOwnCadre } from './cadres.service.ts';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_PER_VISIT = 6;
const VISITS_DIR = 'visits';

/** Records a visit and files its problems as demands, all in one transaction; audited. */
export async function createVisit(db: Kysely<DB>, actor: Actor, input: CreateVisitInput, now = new Date()): Promise<VisitDetail> {
  const cadre = await requireOwnCadre(db, actor);
  const enterprise = await db.selectFrom('enterprises').where('id', '=', input.enterpriseId).select(['id', 'town_code']).executeTakeFirst();
  if (!enterprise) throw notFound('Enterprise');
  const link = await repo.findCurrentLink(db, cadre.id, enterprise.id);
  if (!link) throw new AppError('forbidden', 'You record visits to the enterprises linked to you only', [{ path: 'body/enterpriseId', reason: 'not_linked' }]);
  const today = todayInCounty(now);
  if (input.visitedOn > today) throw new AppError('validation_failed', 'The visit day is in the future', [{ path: 'body/visitedOn', message: `after today (${today})`, reason: 'future_date' }]);
  if (input.visitedOn < link.linked_on) {
    throw new AppError('unprocessable', 'The visit day is before you were linked to the enterprise', [{ path: 'body/visitedOn', message: `before the link began (${link.linked_on})`, reason: 'before_link' }]);
  }
  const prepared = await prepareOnBehalfDemands(db, { enterpriseId: enterprise.id, enterpriseTownCode: enterprise.town_code, cadreId: cadre.id }, input.problems ?? [], now);
  const visitId = await db.transaction().execute(async (trx) => {
    // The link may have been closed since the checks above: look again under the transaction.
    const still = await trx.selectFrom('cadre_links').where('id', '=', link.id).where('unlinked_on', 'is', null).select('id').forShare().executeTakeFirst();
    if (!still) throw new AppError('forbidden', 'You record visits to the enterprises linked to you only', [{ path: 'body/enterpriseId', reason: 'not_linked' }]);
    const { id } = await trx
      .insertInto('visits')
      .values({ cadre_id: cadre.id, enterprise_id: enterprise.id, visited_on: input.visitedOn, people_met: input.peopleMet.trim(), findings: input.findings.trim(), created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const demandIds = await fileOnBehalfDemands(trx, actor, prepared, now);
    if (demandIds.length > 0) await trx.insertInto('visit_demands').values(demandIds.map((demandId) => ({ visit_id: id, demand_id: demandId }))).execute();
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'visit.create', targetType: 'enterprise', targetId: enterprise.id, details: { visitId: id, cadreId: cadre.id, visitedOn: input.visitedOn, demandIds } });
    return id;
  });
  return visitDetail(db, visitId);
}

async function visitDetail(db: Executor, id: number): Promise<VisitDetail> {
  const row = await repo.findVisit(db, id);
  if (!row) throw notFound('Visit');
  const [photos, demands] = await Promise.all([repo.findVisitPhotos(db, id), repo.findVisitDemands(db, id)]);
  return {
    ...presentVisit(row),
    photos: photos.map((p) => ({ id: p.id, fileName: p.file_name, contentType: p.content_type, sizeBytes: Number(p.size_bytes), uploadedAt: new Date(p.uploaded_at).toISOString() })),
    demands: demands.map((d) => ({ id: d.id, title: d.title, state: d.state, createdAt: new Date(d.created_at).toISOString() })),
  };
}

/** The visit, for government viewers or the cadre who made it. */
async function requireVisibleVisit(db: Executor, actor: Actor, id: number) {
  const visit = await db.selectFrom('visits as v').innerJoin('cadres as c', 'c.id', 'v.cadre_id').where('v.id', '=', id).select(['v.id', 'v.cadre_id', 'c.user_id']).executeTakeFirst();
  if (!visit) throw notFound('Visit');
  if (!viewsAllCadres(actor) && visit.user_id !== actor.userId) throw new AppError('forbidden', 'A cadre sees their own visits only');
  return visit;
}

export async function getVisit(db: Kysely<DB>, actor: Actor, id: number): Promise<VisitDetail> {
  const visit = await requireVisibleVisit(db, actor, id);
  const detail = await visitDetail(db, id);
  // Another's visit (what a cadre saw at an enterprise) read by a government viewer: recorded; the visiting cadre's own read is not.
  if (visit.user_id !== actor.userId) await recordRead(db, actor, 'visit.read', { type: 'visit', id }, { cadreId: visit.cadre_id });
  return detail;
}

/** Visits, newest first: government viewers any (filters), a cadre their own. */
export async function listVisits(db: Kysely<DB>, actor: Actor, query: Omit<VisitListQuery, 'page' | 'pageSize'>, page: PageRequest) {
  const filter = { ...query };
  if (!viewsAllCadres(actor)) {
    const cadre = await requireOwnCadre(db, actor);
    if (filter.cadreId !== undefined && filter.cadreId !== cadre.id) throw new AppError('forbidden', 'A cadre sees their own visits only');
    filter.cadreId = cadre.id;
  }
  const { rows, total } = await repo.findVisitPage(db, filter, page);
  if (viewsAllCadres(actor)) await recordRead(db, actor, 'visit.list', { type: 'visit' }, { filter, page, count: rows.length, total });
  return { items: rows.map(presentVisit), total, ...page };
}

// Photos --------------------------------------------------------------------------------------------

const PHOTO_TYPES: { contentType: VisitPhotosTable['content_type']; ext: string; test: (b: Buffer) => boolean }[] = [
  { contentType: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { contentType: 'image/png', ext: 'png', test: (b) => b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { contentType: 'image/webp', ext: 'webp', test: (b) => b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** Checks, before a byte is stored, that the actor is the visit's cadre and the visit has room for a photo. */
export async function assertCanAddPhoto(db: Executor, actor: Actor, visitId: number): Promise<void> {
  const visit = await db.selectFrom('visits as v').innerJoin('cadres as c', 'c.id', 'v.cadre_id').where('v.id', '=', visitId).select(['v.id', 'c.user_id']).executeTakeFirst();
  if (!visit) throw notFound('Visit');
  if (visit.user_id === null || visit.user_id !== actor.userId) throw new AppError('forbidden', 'Photos are added by the cadre who made the visit');
  const { n } = await db.selectFrom('visit_photos').where('visit_id', '=', visitId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) >= PHOTOS_PER_VISIT) throw new AppError('conflict', `A visit has at most ${PHOTOS_PER_VISIT} photos`);
}

export function receiveVisitPhoto(storageDir: string, source: Readable): Promise<ReceivedFile> {
  return receiveFile(storageDir, VISITS_DIR, source, PHOTO_MAX_BYTES);
}

function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'photo').slice(0, 255);
}

/** Stores a received photo: type by its bytes (JPEG, PNG, WebP; anything else 415, nothing kept); row + audit in one transaction. */
export async function addVisitPhoto(db: Kysely<DB>, storageDir: string, actor: Actor, visitId: number, upload: { fileName: string; file: ReceivedFile }): Promise<VisitDetail> {
  await assertCanAddPhoto(db, actor, visitId);
  const magic = await readMagic(upload.file.tempPath, 12);
  const type = PHOTO_TYPES.find((t) => t.test(magic));
  if (!type) throw new AppError('unsupported_media_type', 'Visit photos are JPEG, PNG or WebP images', [{ path: 'body/file', message: 'the file’s content is none of these types', reason: 'photo_type' }]);
  const relative = await placeFile(storageDir, upload.file, path.posix.join(VISITS_DIR, String(visitId), `${upload.file.sha256.slice(0, 12)}-${randomUUID().slice(0, 8)}.${type.ext}`));
  try {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('visits').where('id', '=', visitId).select('id').forUpdate().executeTakeFirstOrThrow();
      const { n } = await trx.selectFrom('visit_photos').where('visit_id', '=', visitId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) >= PHOTOS_PER_VISIT) throw new AppError('conflict', `A visit has at most ${PHOTOS_PER_VISIT} photos`);
      const photoId = await repo.insertPhoto(trx, {
        visit_id: visitId,
        file_name: cleanFileName(upload.fileName),
        content_type: type.contentType,
        size_bytes: upload.file.bytes,
        sha256: upload.file.sha256,
        storage_path: relative,
        uploaded_by: actor.userId,
      });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'visit.photo.upload', targetType: 'visit', targetId: visitId, details: { photoId, sha256: upload.file.sha256, sizeBytes: upload.file.bytes } });
    });
  } catch (error) {
    await removeStoredFile(storageDir, relative);
    throw error;
  }
  return visitDetail(db, visitId);
}

export async function openVisitPhoto(db: Kysely<DB>, storageDir: string, actor: Actor, visitId: number, photoId: number) {
  await requireVisibleVisit(db, actor, visitId);
  const photo = await db.selectFrom('visit_photos').where('id', '=', photoId).where('visit_id', '=', visitId).selectAll().executeTakeFirst();
  if (!photo) throw notFound('Photo');
  await recordAudit(db, { ...auditContextOfActor(actor), action: 'visit.photo.download', targetType: 'visit', targetId: visitId, details: { photoId } });
  return { fileName: photo.file_name, contentType: photo.content_type, sizeBytes: Number(photo.size_bytes), stream: fs.createReadStream(storedFilePath(storageDir, photo.storage_path)) };
}

// Plans ---------------------------------------------------------------------------------------------

/** Plans of a quarter with the cadre's last visit to each firm within it (viewers: any cadre; a cadre: their own). */
export async function listPlans(db: Kysely<DB>, actor: Actor, query: { quarter?: string; cadreId?: number }, now = new Date()) {
  const quarter = query.quarter ?? quarterOf(todayInCounty(now));
  let cadreIds: number[] | undefined = query.cadreId !== undefined ? [query.cadreId] : undefined;
  if (!viewsAllCadres(actor)) {
    const cadre = await requireOwnCadre(db, actor);
    if (query.cadreId !== undefined && query.cadreId !== cadre.id) throw new AppError('forbidden', 'A cadre sees their own plan only');
    cadreIds = [cadre.id];
  }
  const { from, to } = quarterRange(quarter);
  const [plans, visits] = await Promise.all([repo.findPlans(db, quarter, cadreIds), repo.findVisitsBetween(db, from, to, cadreIds)]);
  const last = new Map<string, string>();
  for (const v of visits) {
    const key = `${v.cadre_id}:${v.enterprise_id}`;
    if ((last.get(key) ?? '') < v.visited_on) last.set(key, v.visited_on);
  }
  return {
    quarter,
    items: plans.map((p) => ({
      id: p.id,
      cadreId: p.cadre_id,
      cadreName: p.cadre_name,
      enterprise: { id: p.enterprise_id, name: p.enterprise_name },
      quarter: p.quarter,
      plannedOn: p.planned_on,
      visitedOn: last.get(`${p.cadre_id}:${p.enterprise_id}`) ?? null,
    })),
  };
}

/**
 * The signed-in cadre's plan for a quarter (this one or a later one), replacing the quarter's earlier
 * plan: every firm must be linked to the cadre now, each planned day within the quarter. One transaction; audited.
 */
export async function savePlan(db: Kysely<DB>, actor: Actor, input: PlanInput, now = new Date()) {
  const cadre = await requireOwnCadre(db, actor);
  if (!isQuarter(input.quarter)) throw new AppError('validation_failed', 'Not a quarter', [{ path: 'body/quarter', message: "e.g. '2026-Q4'" }]);
  const today = todayInCounty(now);
  if (input.quarter < quarterOf(today)) throw new AppError('validation_failed', 'A past quarter is not planned any more', [{ path: 'body/quarter', message: 'before the current quarter' }]);
  const { from, to } = quarterRange(input.quarter);
  const ids = input.items.map((i) => i.enterpriseId);
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', 'An enterprise appears twice in the plan', [{ path: 'body/items', message: 'duplicate enterprise' }]);
  const linked = (await repo.findLinksOfCadre(db, cadre.id)).filter((l) => l.unlinked_on === null).map((l) => l.enterprise_id);
  const details = input.items.flatMap((item, index) => [
    ...(linked.includes(item.enterpriseId) ? [] : [{ path: `body/items/${index}/enterpriseId`, message: 'not linked to you', reason: 'not_linked' }]),
    ...(item.plannedOn !== undefined && (item.plannedOn < from || item.plannedOn > to) ? [{ path: `body/items/${index}/plannedOn`, message: `outside ${input.quarter}` }] : []),
  ]);
  if (details.some((d) => d.reason === 'not_linked')) throw new AppError('forbidden', 'A plan holds the enterprises linked to you only', details);
  if (details.length > 0) throw new AppError('validation_failed', 'The plan is invalid', details);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('visit_plans').where('cadre_id', '=', cadre.id).where('quarter', '=', input.quarter).execute();
    if (input.items.length > 0) {
      await trx
        .insertInto('visit_plans')
        .values(input.items.map((item) => ({ cadre_id: cadre.id, enterprise_id: item.enterpriseId, quarter: input.quarter, planned_on: item.plannedOn ?? null, created_by: actor.userId })))
        .execute();
    }
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'visit_plan.save', targetType: 'cadre', targetId: cadre.id, details: { quarter: input.quarter, enterpriseIds: ids } });
  });
  return listPlans(db, actor, { quarter: input.quarter }, now);
}
