/**
 * Intake: an enterprise files its demand on the portal, a cadre files one for an enterprise it may act for,
 * a dispatcher (or a system with a dispatcher's account) files through the API; 12345 hotline work orders
 * arrive by import (demands.import.ts). Near-duplicate open demands of the same enterprise are pointed out
 * before submitting. Attachments are checked by their bytes (PDF, PNG, JPEG, DOCX, XLSX) and size.
 *
 * Which enterprises a cadre may act for: those linked to the cadre now (千人联千企, the cadres module's
 * cadre_links, asked through the enterprises face). A visit's problems are filed the same way, in the
 * visit's transaction (fileDemandsForVisit).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { OPEN_STATES } from '../../../core/demands/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, DemandChannel } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { hasRole, auditContextOfActor, type Actor } from '../../request-context.ts';
import { placeFile, readMagic, receiveFile, removeStoredFile, storedFilePath, type ReceivedFile } from '../../storage/files.ts';
import { recordAudit } from '../audit/index.ts';
import { linkedEnterprisesOfCadreUser } from '../enterprises/index.ts';
import { pickInTransaction } from './demands.dispatch.ts';
import { assertCanSeeDemand } from './demands.policy.ts';
import { presentFile } from './demands.presenter.ts';
import * as repo from './demands.repository.ts';
import { computeSuggestion, suggestCategories, textSimilarity } from './demands.router.ts';
import type { CategorySuggestionInput, CategorySuggestionList, CreateDemandInput, DemandDetail, DemandFile, DuplicateList, DuplicatesInput } from './demands.schemas.ts';
import type { DemandSettings } from './demands.settings.ts';
import { accessFacts, getDemandDetail, recordStep, requireCategory, requireDemand, slaRulesOf } from './demands.steps.ts';

/** Open demands at least this similar (0–1) are pointed out as possible duplicates. */
export const DUPLICATE_THRESHOLD = 0.5;
export const FILES_PER_DEMAND = 10;
const DEMANDS_DIR = 'demands';

interface Filer {
  enterprise: { id: number; town_code: string | null };
  channel: DemandChannel;
  cadreId: number | null;
}

/** Whose demand the actor files, and through which channel; 403 when the actor may not file for it. */
async function resolveFiler(db: Kysely<DB>, actor: Actor, enterpriseId: number | undefined): Promise<Filer> {
  if (hasRole(actor, 'enterprise_user') && actor.orgType === 'enterprise') {
    const own = await db.selectFrom('enterprises').where('org_id', '=', actor.orgId).select(['id', 'town_code']).executeTakeFirst();
    if (!own) throw new AppError('forbidden', 'Your account is not linked to an enterprise');
    if (enterpriseId !== undefined && enterpriseId !== own.id) throw new AppError('forbidden', 'An enterprise files demands for itself only');
    return { enterprise: own, channel: 'portal', cadreId: null };
  }
  if (enterpriseId === undefined) {
    throw new AppError('validation_failed', 'Name the enterprise the demand is for', [{ path: 'body/enterpriseId', message: 'required when filing for an enterprise' }]);
  }
  const enterprise = await db.selectFrom('enterprises').where('id', '=', enterpriseId).select(['id', 'town_code']).executeTakeFirst();
  if (hasRole(actor, 'cadre')) {
    const cadre = await repo.findCadreOfUser(db, actor.userId);
    if (!cadre) throw new AppError('forbidden', 'Your account is not on the cadre roster');
    if (!enterprise) throw notFound('Enterprise');
    if (!(await linkedEnterprisesOfCadreUser(db, actor.userId, [enterprise.id])).has(enterprise.id)) {
      throw new AppError('forbidden', 'A cadre files demands for the enterprises linked to them only (千人联千企)', [{ path: 'body/enterpriseId', reason: 'not_linked' }]);
    }
    return { enterprise, channel: 'cadre', cadreId: cadre.id };
  }
  if (hasRole(actor, 'dispatcher')) {
    if (!enterprise) throw notFound('Enterprise');
    return { enterprise, channel: 'api', cadreId: null };
  }
  throw new AppError('forbidden', 'Demands are filed by enterprises, by cadres for them, or by the dispatch centre');
}

/** Files a demand: suggestion computed, timeline started, audited; 点单 at once when a service is picked. */
export async function createDemand(db: Kysely<DB>, settings: DemandSettings, actor: Actor, input: CreateDemandInput, now = new Date()): Promise<DemandDetail> {
  const filer = await resolveFiler(db, actor, input.enterpriseId);
  if (input.categoryCode) await requireCategory(db, input.categoryCode);
  if (input.serviceId !== undefined && !hasRole(actor, 'enterprise_user')) throw new AppError('forbidden', 'Only the enterprise picks a service (点单)');
  const suggestion = await computeSuggestion(db, {
    title: input.title,
    description: input.description,
    declaredCategoryCode: input.categoryCode ?? null,
    enterpriseTownCode: filer.enterprise.town_code,
    onBehalfCadreId: filer.cadreId,
  }, now);
  const rules = input.serviceId !== undefined ? await slaRulesOf(db, settings) : null;
  const id = await db.transaction().execute(async (trx) => {
    const demandId = await repo.insertDemand(trx, {
      enterprise_id: filer.enterprise.id,
      title: input.title.trim(),
      description: input.description.trim(),
      declared_category_code: input.categoryCode ?? null,
      category_code: null,
      urgency: input.urgency ?? 'normal',
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      channel: filer.channel,
      external_ref: null,
      submitted_by: actor.userId,
      on_behalf_cadre_id: filer.cadreId,
      dispatch_mode: null,
      handler_org_id: null,
      handler_user_id: null,
      leader_cadre_id: null,
      service_id: null,
      offer_org_ids: null,
      suggestion: JSON.stringify(suggestion),
      created_at: now,
      updated_at: now,
    });
    await recordStep(trx, { kind: 'user', actor }, demandId, {
      action: 'submit',
      from: null,
      to: 'submitted',
      details: { channel: filer.channel, enterpriseId: filer.enterprise.id, ...(filer.cadreId !== null ? { cadreId: filer.cadreId } : {}), suggestedCategory: suggestion.category?.code ?? null },
    });
    if (input.serviceId !== undefined) {
      const demand = (await repo.lockDemand(trx, demandId))!;
      await pickInTransaction(trx, rules!, actor, demand, input.serviceId, now);
    }
    return demandId;
  });
  return getDemandDetail(db, settings, actor, id, now);
}

/** A problem a cadre collected on a visit, to be filed as a demand on the enterprise's behalf. */
export interface OnBehalfProblem {
  title: string;
  description: string;
  categoryCode?: string;
  urgency?: CreateDemandInput['urgency'];
}

/** Problems checked and their routing suggestions computed, ready to be filed inside a transaction. */
export interface PreparedOnBehalfDemands {
  enterpriseId: number;
  cadreId: number;
  items: { problem: OnBehalfProblem; suggestion: Awaited<ReturnType<typeof computeSuggestion>> }[];
}

/**
 * First half of filing a visit's problems (channel 'cadre', on the enterprise's behalf): checks the
 * categories and computes the routing suggestions, outside any transaction (the caller has checked that
 * the cadre is linked to the enterprise). Throws 400 for an unknown category.
 */
export async function prepareOnBehalfDemands(
  db: Kysely<DB>,
  filing: { enterpriseId: number; enterpriseTownCode: string | null; cadreId: number },
  problems: readonly OnBehalfProblem[],
  now = new Date(),
): Promise<PreparedOnBehalfDemands> {
  const items: PreparedOnBehalfDemands['items'] = [];
  for (const problem of problems) {
    if (problem.categoryCode) await requireCategory(db, problem.categoryCode);
    const suggestion = await computeSuggestion(db, {
      title: problem.title,
      description: problem.description,
      declaredCategoryCode: problem.categoryCode ?? null,
      enterpriseTownCode: filing.enterpriseTownCode,
      onBehalfCadreId: filing.cadreId,
    }, now);
    items.push({ problem, suggestion });
  }
  return { enterpriseId: filing.enterpriseId, cadreId: filing.cadreId, items };
}

/** Second half: files the prepared demands in the caller's transaction (timeline and audit as any intake); their ids in order. */
export async function fileOnBehalfDemands(trx: Executor, actor: Actor, prepared: PreparedOnBehalfDemands, now = new Date()): Promise<number[]> {
  const ids: number[] = [];
  for (const { problem, suggestion } of prepared.items) {
    const demandId = await repo.insertDemand(trx, {
      enterprise_id: prepared.enterpriseId,
      title: problem.title.trim(),
      description: problem.description.trim(),
      declared_category_code: problem.categoryCode ?? null,
      category_code: null,
      urgency: problem.urgency ?? 'normal',
      contact_name: null,
      contact_phone: null,
      channel: 'cadre',
      external_ref: null,
      submitted_by: actor.userId,
      on_behalf_cadre_id: prepared.cadreId,
      dispatch_mode: null,
      handler_org_id: null,
      handler_user_id: null,
      leader_cadre_id: null,
      service_id: null,
      offer_org_ids: null,
      suggestion: JSON.stringify(suggestion),
      created_at: now,
      updated_at: now,
    });
    await recordStep(trx, { kind: 'user', actor }, demandId, {
      action: 'submit',
      from: null,
      to: 'submitted',
      details: { channel: 'cadre', enterpriseId: prepared.enterpriseId, cadreId: prepared.cadreId, suggestedCategory: suggestion.category?.code ?? null, via: 'visit' },
    });
    ids.push(demandId);
  }
  return ids;
}

/** Open demands of the same enterprise that look like this one (before submitting). */
export async function findDuplicates(db: Kysely<DB>, actor: Actor, input: DuplicatesInput): Promise<DuplicateList> {
  const filer = await resolveFiler(db, actor, input.enterpriseId);
  const open = await repo.findOpenDemandsOfEnterprise(db, filer.enterprise.id, OPEN_STATES);
  const text = `${input.title}\n${input.description ?? ''}`;
  const items = open
    .map((d) => ({
      id: d.id,
      title: d.title,
      state: d.state,
      createdAt: new Date(d.created_at).toISOString(),
      similarity: Math.round(Math.max(textSimilarity(input.title, d.title), textSimilarity(text, `${d.title}\n${d.description}`)) * 1000) / 1000,
    }))
    .filter((d) => d.similarity >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
  return { items, threshold: DUPLICATE_THRESHOLD };
}

/**
 * The category hint while a demand is written, for whoever may file one (an enterprise user, a cadre, a
 * dispatcher): the same rules and model as the stored suggestion, categories only — no office, leader or
 * similar cases, which stay on the government side.
 */
export async function suggestCategoriesFor(db: Kysely<DB>, actor: Actor, input: CategorySuggestionInput): Promise<CategorySuggestionList> {
  const mayFile = (hasRole(actor, 'enterprise_user') && actor.orgType === 'enterprise') || hasRole(actor, 'cadre') || hasRole(actor, 'dispatcher');
  if (!mayFile) throw new AppError('forbidden', 'Demands are filed by enterprises, by cadres for them, or by the dispatch centre');
  const description = input.description ?? '';
  if (`${input.title}${description}`.trim().length < 2) return { source: 'none', items: [] };
  return suggestCategories(db, input.title, description);
}

// Attachments ----------------------------------------------------------------------------------

const ATTACHABLE_STATES = ['submitted', 'triaged', 'offered', 'assigned', 'accepted', 'in_progress', 'waiting', 'resolved'];

interface AttachmentType {
  ext: 'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx';
  contentType: string;
}

const OOXML: Record<string, AttachmentType> = {
  docx: { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

/** The type of a received file from its first bytes (Office files: with their name); null when not allowed. */
async function attachmentType(file: ReceivedFile, fileName: string): Promise<AttachmentType | null> {
  const magic = await readMagic(file.tempPath, 8);
  if (magic.subarray(0, 5).toString('latin1') === '%PDF-') return { ext: 'pdf', contentType: 'application/pdf' };
  if (magic.length >= 8 && magic.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: 'png', contentType: 'image/png' };
  if (magic[0] === 0xff && magic[1] === 0xd8 && magic[2] === 0xff) return { ext: 'jpg', contentType: 'image/jpeg' };
  const isZip = magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04;
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return isZip && OOXML[ext] ? OOXML[ext] : null;
}

function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'attachment').slice(0, 255);
}

export function receiveDemandAttachment(storageDir: string, source: Readable, maxBytes: number): Promise<ReceivedFile> {
  return receiveFile(storageDir, DEMANDS_DIR, source, maxBytes);
}

/** Checks, before a byte is stored, that the actor may attach a file to this demand now. */
export async function assertCanAttach(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const demand = await requireDemand(db, id);
  const sides = assertCanSeeDemand(actor, await accessFacts(db, demand));
  if (!sides.has('enterprise') && !sides.has('filer') && !sides.has('handler')) throw new AppError('forbidden', 'Attachments are added by the enterprise, the cadre who filed the demand, or its handler');
  if (!ATTACHABLE_STATES.includes(demand.state)) throw new AppError('conflict', `Attachments are not added to a ${demand.state} demand`);
  const { n } = await db.selectFrom('demand_files').where('demand_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) >= FILES_PER_DEMAND) throw new AppError('conflict', `A demand has at most ${FILES_PER_DEMAND} attachments`);
}

/** Records a received attachment: type by content, placed, row + timeline + audit in one transaction. */
export async function attachDemandFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, upload: { fileName: string; file: ReceivedFile }): Promise<DemandFile> {
  await assertCanAttach(db, actor, id);
  const type = await attachmentType(upload.file, upload.fileName);
  if (!type) throw new AppError('unsupported_media_type', 'Attachments are PDF, PNG, JPEG, DOCX or XLSX files', [{ path: 'body/file', message: 'the file’s content is none of these types' }]);
  const relative = await placeFile(storageDir, upload.file, path.posix.join(DEMANDS_DIR, String(id), `${upload.file.sha256.slice(0, 12)}-${randomUUID().slice(0, 8)}.${type.ext}`));
  try {
    const fileId = await db.transaction().execute(async (trx) => {
      const demand = await requireDemand(trx, id, true);
      if (!ATTACHABLE_STATES.includes(demand.state)) throw new AppError('conflict', `Attachments are not added to a ${demand.state} demand`);
      const inserted = await trx
        .insertInto('demand_files')
        .values({ demand_id: id, file_name: cleanFileName(upload.fileName), content_type: type.contentType, size_bytes: upload.file.bytes, sha256: upload.file.sha256, storage_path: relative, uploaded_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordStep(trx, { kind: 'user', actor }, id, {
        action: 'attach_file',
        from: demand.state,
        to: demand.state,
        details: { fileId: inserted.id, fileName: cleanFileName(upload.fileName), sha256: upload.file.sha256, sizeBytes: upload.file.bytes },
      });
      return inserted.id;
    });
    const row = await db.selectFrom('demand_files').where('id', '=', fileId).selectAll().executeTakeFirstOrThrow();
    return presentFile(row);
  } catch (error) {
    await removeStoredFile(storageDir, relative);
    throw error;
  }
}

/** Opens an attachment for download (anyone who may see the demand; audited). */
export async function openDemandFile(db: Kysely<DB>, storageDir: string, actor: Actor, id: number, fileId: number) {
  const demand = await requireDemand(db, id);
  assertCanSeeDemand(actor, await accessFacts(db, demand));
  const file = await db.selectFrom('demand_files').where('id', '=', fileId).where('demand_id', '=', id).selectAll().executeTakeFirst();
  if (!file) throw notFound('Attachment');
  await recordAudit(db, { ...auditContextOfActor(actor), action: 'demand.file.download', targetType: 'demand', targetId: id, details: { fileId } });
  return { fileName: file.file_name, contentType: file.content_type, sizeBytes: Number(file.size_bytes), sha256: file.sha256, stream: fs.createReadStream(storedFilePath(storageDir, file.storage_path)) };
}
