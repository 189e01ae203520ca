/**
 * 免申即享 (granted without application): the owning department proposes a grant list from the policy's
 * stored eligible matches (with their amounts), removes enterprises with a reason, confirms — which
 * publishes the list for public notice (公示) and tells each enterprise it receives the benefit without
 * applying — and after the notice pays every item by maker–checker (one disbursement per item). An
 * enterprise is never granted the same policy twice: an included item holds (policy, enterprise) by a
 * unique index, and a new proposal leaves out those already granted and those who applied.
 */
import type { Kysely } from 'kysely';
import { decideAutoGrant, type AutoGrantAction } from '../../../core/applications/auto-grant.ts';
import { formatFen } from '../../../core/money/money.ts';
import { dueAfterWorkingDays } from '../../../core/sla/calendar.ts';
import type { Executor } from '../../db/database.ts';
import type { AutoGrantRow, AutoGrantStatus, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { auditContextOfActing, type Acting } from '../../platform/acting.ts';
import { assertOwningDepartmentStaff } from '../../platform/department-access.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { refusalError } from '../../platform/workflow-refusal.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { notifyEnterprises, type NotificationInput } from '../notifications/index.ts';
import { approveMany, prepareMany } from '../payments/index.ts';
import * as repo from './auto-grants.repository.ts';
import type { AutoGrantDetail, AutoGrantSummary, BatchResult } from './auto-grants.schemas.ts';

/** The job that moves grants whose 公示 is over to notice_passed. */
export const AUTO_GRANT_NOTICE_JOB = 'auto-grants.notices';

function decideOrThrow(grant: { status: AutoGrantStatus | null; notice_until?: Date | null }, counts: { included: number; paid: number }, action: AutoGrantAction, actor: 'staff' | 'system', now: Date, reason?: string | null): AutoGrantStatus {
  const decision = decideAutoGrant({ status: grant.status, includedItems: counts.included, paidItems: counts.paid, noticeUntil: grant.notice_until ?? null }, { action, actor, reason, now });
  if (!decision.ok) throw refusalError(decision.refusal);
  return decision.status;
}

function grantedNotification(grant: { id: number; policy_id: number; policy_title: string; notice_until: Date }, item: { id: number; amount_fen: number }): NotificationInput {
  return {
    kind: 'grant.auto',
    params: { autoGrantId: grant.id, itemId: item.id, policyId: grant.policy_id, amountFen: item.amount_fen, noticeUntil: grant.notice_until.toISOString() },
    titleZh: `您无需申报即可享受《${grant.policy_title}》`.slice(0, 500),
    titleEn: `You receive "${grant.policy_title}" without applying`.slice(0, 500),
    bodyZh: `贵企业符合《${grant.policy_title}》条件，无需申报即可享受 ${formatFen(item.amount_fen, 'zh-CN')}。名单公示至 ${grant.notice_until.toISOString().slice(0, 10)}，公示期满后拨付。`,
    bodyEn: `Your enterprise qualifies for "${grant.policy_title}" and receives ${formatFen(item.amount_fen, 'en-US')} without applying. The list is publicly noticed until ${grant.notice_until.toISOString().slice(0, 10)}; payment follows.`,
    link: `/portal/policies/${grant.policy_id}`,
    dedupeKey: `grant.auto:${grant.id}:${item.id}`,
  };
}

/** The enterprise's message: its grant item has been paid. */
export function paidNotification(grant: { id: number; policy_id: number; policy_title: string }, item: { id: number; amount_fen: number }): NotificationInput {
  return {
    kind: 'grant.paid',
    params: { autoGrantId: grant.id, itemId: item.id, policyId: grant.policy_id, amountFen: item.amount_fen },
    titleZh: `《${grant.policy_title}》资金已拨付`.slice(0, 500),
    titleEn: `"${grant.policy_title}" has been paid`.slice(0, 500),
    bodyZh: `${formatFen(item.amount_fen, 'zh-CN')}已拨付至贵企业（免申即享）。`,
    bodyEn: `${formatFen(item.amount_fen, 'en-US')} has been paid to your enterprise (granted without application).`,
    link: `/portal/policies/${grant.policy_id}`,
    dedupeKey: `grant.paid:${grant.id}:${item.id}`,
  };
}

export async function loadOwnedGrant(db: Executor, actor: Actor, id: number): Promise<repo.GrantRow> {
  const grant = await repo.findGrant(db, id);
  if (!grant) throw notFound('Auto grant');
  assertOwningDepartmentStaff(actor, grant.department_org_id);
  return grant;
}

/** Items of a grant shown per page unless asked otherwise: a grant lists many small rows. */
export const ITEMS_PAGE_SIZE = 100;

/** A grant with its counts and one page of its items. */
export async function getAutoGrant(db: Kysely<DB>, actor: Actor, id: number, filter: { status?: 'included' | 'removed' } = {}, page: PageRequest = { page: 1, pageSize: ITEMS_PAGE_SIZE }): Promise<AutoGrantDetail> {
  const grant = await loadOwnedGrant(db, actor, id);
  const [counts, items] = await Promise.all([repo.countItems(db, id), repo.findItems(db, id, filter, page)]);
  return {
    ...presentGrant(grant, counts),
    items: {
      items: items.rows.map((row) => ({
        id: row.id,
        enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc },
        amountFen: row.amount_fen,
        status: row.status,
        removedReason: row.removed_reason,
        removedAt: row.removed_at?.toISOString() ?? null,
        disbursement: row.disbursement_id ? { id: row.disbursement_id, status: row.disbursement_status!, preparedBy: row.prepared_by!, paidAt: row.paid_at?.toISOString() ?? null } : null,
      })),
      total: items.total,
      ...page,
    },
  };
}

function presentGrant(grant: repo.GrantRow, counts: Awaited<ReturnType<typeof repo.countItems>>): AutoGrantSummary {
  return {
    id: grant.id,
    policy: { id: grant.policy_id, code: grant.policy_code, title: grant.policy_title, departmentName: grant.department_name },
    policyVersionId: grant.policy_version_id,
    status: grant.status,
    createdAt: grant.created_at.toISOString(),
    confirmedAt: grant.confirmed_at?.toISOString() ?? null,
    noticeUntil: grant.notice_until?.toISOString() ?? null,
    noticePassedAt: grant.notice_passed_at?.toISOString() ?? null,
    paidAt: grant.paid_at?.toISOString() ?? null,
    publicNoticeDays: grant.public_notice_days,
    counts: { included: counts.included, removed: counts.removed, prepared: counts.prepared, paid: counts.paid, includedFen: counts.included_fen, paidFen: counts.paid_fen },
  };
}

/**
 * GET of a grant: its page of items names enterprises and their amounts, read by the department: one audit
 * entry per request (the writes that answer with the grant are audited as the writes they are).
 */
export async function readAutoGrant(db: Kysely<DB>, actor: Actor, id: number, filter: { status?: 'included' | 'removed' } = {}, page: PageRequest = { page: 1, pageSize: ITEMS_PAGE_SIZE }): Promise<AutoGrantDetail> {
  const grant = await getAutoGrant(db, actor, id, filter, page);
  await recordRead(db, actor, 'auto_grant.read', { type: 'auto_grant', id }, { policyId: grant.policy.id, filter, page, count: grant.items.items.length, total: grant.items.total });
  return grant;
}

/** The department's grants (newest first). */
export async function listAutoGrants(db: Kysely<DB>, actor: Actor, filter: { policyId?: number; status?: AutoGrantStatus }, page: PageRequest) {
  if (!actor.roles.includes('department_staff')) throw new AppError('forbidden', 'Auto grants are run by department staff');
  const { rows, total } = await repo.findGrants(db, actor.orgId, filter, page);
  const items = await Promise.all(rows.map(async (row) => presentGrant(row, await repo.countItems(db, row.id))));
  return { items, total, ...page };
}

/**
 * Proposes a grant list for a 免申即享 policy from its published version's stored eligible matches:
 * one item per enterprise with its estimated amount, leaving out enterprises already granted the policy,
 * with an application for it, not operating, or without an amount; an enterprise holding another policy of
 * the exclusion group (applications.exclusivity.ts) is listed as removed, with the reason. 409 while another proposal of the
 * policy is open; 422 when the policy is not 免申即享 or nobody is left to grant.
 */
export async function proposeAutoGrant(db: Kysely<DB>, actor: Actor, policyId: number): Promise<AutoGrantDetail> {
  const policy = await repo.findGrantablePolicy(db, policyId);
  if (!policy) throw notFound('Policy');
  assertOwningDepartmentStaff(actor, policy.department_org_id);
  if (!policy.version_id) throw new AppError('unprocessable', 'The policy has no published version', [{ reason: 'not_published' }]);
  if (!policy.is_auto_grant) throw new AppError('unprocessable', 'The policy is not 免申即享 (is_auto_grant): enterprises apply for it', [{ reason: 'not_auto_grant' }]);
  decideOrThrow({ status: null }, { included: 0, paid: 0 }, 'propose', 'staff', new Date());
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const grantId = await repo.insertGrant(trx, { policy_id: policyId, policy_version_id: policy.version_id!, created_by: actor.userId });
      const { included, exclusive } = await repo.insertProposedItems(trx, grantId, policyId, policy.version_id!, policy.exclusion_group, new Date());
      const leftOut = { ...(await repo.countLeftOut(trx, policyId, policy.version_id!, grantId)), exclusive_group: exclusive };
      if (included === 0) throw new AppError('unprocessable', 'No enterprise is left to grant: every eligible match is granted already, has applied, holds another policy of the exclusion group, or has no amount', [{ reason: 'nothing_to_grant', leftOut }]);
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auto_grant.propose', targetType: 'auto_grant', targetId: grantId, details: { policyId, versionId: policy.version_id, included, leftOut } });
      return grantId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Another proposal of this policy is open: confirm it first', [{ reason: 'proposal_open' }]);
      throw error;
    });
  return getAutoGrant(db, actor, id);
}

/** Removes an enterprise from a proposed grant, with the reason (kept, and shown to the department). */
export async function removeAutoGrantItem(db: Kysely<DB>, actor: Actor, id: number, itemId: number, reason: string, now: Date = new Date()): Promise<AutoGrantDetail> {
  await loadOwnedGrant(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const grant = (await repo.lockGrant(trx, id))!;
    const item = await repo.lockItem(trx, itemId);
    if (!item || item.auto_grant_id !== id) throw notFound('Item');
    decideOrThrow(grant, { included: 1, paid: 0 }, 'remove_item', 'staff', now, reason);
    if (!(await repo.markItemRemoved(trx, itemId, reason.trim(), actor.userId, now))) throw new AppError('conflict', 'The item is already removed');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auto_grant.remove_item', targetType: 'auto_grant', targetId: id, details: { itemId, enterpriseId: item.enterprise_id, amountFen: item.amount_fen, reason } });
  });
  return getAutoGrant(db, actor, id);
}

/**
 * Confirms a proposed grant: the list goes into public notice for the policy's notice period (working
 * days) and every included enterprise is told it receives the benefit without applying. A job ends the
 * notice when the period is over.
 */
export async function confirmAutoGrant(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<AutoGrantDetail> {
  const owned = await loadOwnedGrant(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const grant = (await repo.lockGrant(trx, id))!;
    const counts = await repo.countItems(trx, id);
    const status = decideOrThrow(grant, counts, 'confirm', 'staff', now);
    const noticeUntil = dueAfterWorkingDays(now, owned.public_notice_days, await loadWorkingCalendar(trx));
    await repo.updateGrant(trx, id, { status, confirmed_by: actor.userId, confirmed_at: now, notice_until: noticeUntil });
    const items = await repo.findIncludedItems(trx, id);
    await notifyEnterprises(trx, items.map((item) => ({ enterpriseId: item.enterprise_id, notification: grantedNotification({ id, policy_id: owned.policy_id, policy_title: owned.policy_title, notice_until: noticeUntil }, item) })));
    await enqueueJob(trx, AUTO_GRANT_NOTICE_JOB, {}, { runAt: new Date(noticeUntil.getTime() + 1000), dedupeKey: `${AUTO_GRANT_NOTICE_JOB}:auto_grant:${id}` });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auto_grant.confirm', targetType: 'auto_grant', targetId: id, details: { policyId: owned.policy_id, included: counts.included, includedFen: counts.included_fen, noticeUntil: noticeUntil.toISOString() } });
  });
  return getAutoGrant(db, actor, id);
}

async function endGrantNotice(trx: Executor, acting: Acting, grant: AutoGrantRow, now: Date): Promise<void> {
  const counts = await repo.countItems(trx, grant.id);
  const status = decideOrThrow(grant, counts, 'end_notice', acting.kind === 'user' ? 'staff' : 'system', now);
  await repo.updateGrant(trx, grant.id, { status, notice_passed_at: now });
  await recordAudit(trx, { ...auditContextOfActing(acting), action: 'auto_grant.end_notice', targetType: 'auto_grant', targetId: grant.id, details: { policyId: grant.policy_id, noticeUntil: grant.notice_until?.toISOString() } });
}

/** Ends the notice of a grant by hand, once the period is over (the job does it anyway). */
export async function endAutoGrantNotice(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<AutoGrantDetail> {
  await loadOwnedGrant(db, actor, id);
  await db.transaction().execute(async (trx) => endGrantNotice(trx, { kind: 'user', actor }, (await repo.lockGrant(trx, id))!, now));
  return getAutoGrant(db, actor, id);
}

/**
 * Moves every grant whose notice is over to notice_passed (the notice job). Idempotent: a grant moved is
 * not found again; one being moved by another instance is skipped.
 * @returns how many grants moved
 */
export async function passDueAutoGrantNotices(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const grants = await repo.lockDueGrantNotices(trx, now, 1000);
    for (const grant of grants) await endGrantNotice(trx, { kind: 'system' }, grant, now);
    return grants.length;
  });
}

/** Marks the grant paid when its last included item is paid (inside the paying transaction). */
export async function completeIfAllPaid(trx: Executor, grantId: number, now: Date): Promise<void> {
  const grant = (await repo.lockGrant(trx, grantId))!;
  const counts = await repo.countItems(trx, grantId);
  if (grant.status !== 'notice_passed' || counts.paid < counts.included) return;
  const status = decideOrThrow(grant, counts, 'complete', 'system', now);
  await repo.updateGrant(trx, grantId, { status, paid_at: now });
  await recordAudit(trx, { ...auditContextOfActing({ kind: 'system' }), action: 'auto_grant.complete', targetType: 'auto_grant', targetId: grantId, details: { paid: counts.paid, paidFen: counts.paid_fen } });
}

// Item payments (the payments service calls auto-grants.payable.ts; grant → item → payment lock order) ----

/** Locks an item after its grant (the lock order of every grant payment path) and checks the caller and the item's state. */
export async function lockItemForPayment(trx: Executor, actor: Actor, itemId: number) {
  const peek = await trx.selectFrom('auto_grant_items').where('id', '=', itemId).select('auto_grant_id').executeTakeFirst();
  if (!peek) throw notFound('Auto grant item');
  await repo.lockGrant(trx, peek.auto_grant_id);
  const item = (await repo.lockItem(trx, itemId))!;
  assertOwningDepartmentStaff(actor, item.department_org_id);
  if (item.status !== 'included') throw new AppError('conflict', 'The item was removed from the grant', [{ reason: 'illegal_transition' }]);
  if (item.grant_status !== 'notice_passed' && item.grant_status !== 'paid') {
    throw new AppError('conflict', `Items are paid after the public notice; the grant is ${item.grant_status}`, [{ reason: 'illegal_transition' }]);
  }
  return item;
}

/**
 * Maker for the whole list: prepares a disbursement for every included item without one, in one
 * statement. Still one disbursement per item; approving needs another person.
 */
export async function prepareAllItems(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<BatchResult> {
  const owned = await loadOwnedGrant(db, actor, id);
  const count = await db.transaction().execute(async (trx) => {
    const grant = (await repo.lockGrant(trx, id))!;
    if (grant.status !== 'notice_passed') throw new AppError('conflict', `Items are paid after the public notice; the grant is ${grant.status}`, [{ reason: 'illegal_transition' }]);
    const items = await repo.findIncludedItems(trx, id);
    const prepared = await prepareMany(trx, actor, repo.AUTO_GRANT_ITEM_KIND, items.map((item) => ({ targetId: item.id, policyId: owned.policy_id, enterpriseId: item.enterprise_id, amountFen: item.amount_fen })), now);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.prepare_batch', targetType: 'auto_grant', targetId: id, details: { policyId: owned.policy_id, count: prepared.length, totalFen: prepared.reduce((sum, d) => sum + d.amountFen, 0), disbursementIds: prepared.map((d) => d.id) } });
    return prepared.length;
  });
  return { count, skippedOwn: 0, grant: await getAutoGrant(db, actor, id) };
}

/**
 * Checker for the whole list: pays every prepared item disbursement of the grant that the caller did not
 * prepare (those are left for another checker and counted in skippedOwn), notifies each enterprise paid,
 * and marks the grant paid when nothing is left.
 */
export async function approveAllItems(db: Kysely<DB>, actor: Actor, id: number, paymentRef: string, now: Date = new Date()): Promise<BatchResult> {
  const owned = await loadOwnedGrant(db, actor, id);
  const result = await db.transaction().execute(async (trx) => {
    const grant = (await repo.lockGrant(trx, id))!;
    if (grant.status !== 'notice_passed') throw new AppError('conflict', `Items are paid after the public notice; the grant is ${grant.status}`, [{ reason: 'illegal_transition' }]);
    const items = await repo.findIncludedItems(trx, id);
    const { paid, skippedOwn } = await approveMany(trx, actor, repo.AUTO_GRANT_ITEM_KIND, items.map((item) => item.id), paymentRef, now);
    await notifyEnterprises(trx, paid.map((d) => ({ enterpriseId: d.enterpriseId, notification: paidNotification({ id, policy_id: owned.policy_id, policy_title: owned.policy_title }, { id: d.targetId, amount_fen: d.amountFen }) })));
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'disbursement.approve_batch', targetType: 'auto_grant', targetId: id, details: { policyId: owned.policy_id, count: paid.length, totalFen: paid.reduce((sum, d) => sum + d.amountFen, 0), paymentRef, disbursementIds: paid.map((d) => d.id), skippedOwn } });
    await completeIfAllPaid(trx, id, now);
    return { count: paid.length, skippedOwn };
  });
  return { ...result, grant: await getAutoGrant(db, actor, id) };
}
