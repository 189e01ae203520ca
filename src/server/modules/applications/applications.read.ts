/** Reading applications: one with its timeline, files and payments; lists; the public notices (公示). */
import type { Kysely } from 'kysely';
import { availableActions } from '../../../core/applications/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { requireOwnEnterprise } from '../enterprises/index.ts';
import { findPaymentsOfTarget } from '../payments/index.ts';
import { otherPublicNotices } from './applications.grant-routes.ts';
import { isCountyReader } from '../../platform/department-access.ts';
import { assertCanListApplications, assertCanSeeApplication, sideOf } from './applications.policy.ts';
import { presentApplicationDetail, presentApplicationSummary } from './applications.presenter.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationDetail, ApplicationListFilter, ApplicationSummary, PublicNotice } from './applications.schemas.ts';
import { APPLICATION_PAYABLE_KIND, paymentStateOf, stateOf } from './applications.transition.ts';

/** One application with its timeline, files, payments and what the caller may do next. */
export async function getApplication(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<ApplicationDetail> {
  const row = await repo.findApplication(db, id);
  if (!row) throw notFound('Application');
  // County readers (the leader …) read it too, with no action: every change stays the department's.
  const side = isCountyReader(actor) && !sideOf(actor, row) ? 'reader' : assertCanSeeApplication(actor, row);
  const [events, files, disbursements, payment] = await Promise.all([
    repo.findEvents(db, id),
    repo.findFiles(db, id),
    findPaymentsOfTarget(db, { kind: APPLICATION_PAYABLE_KIND, id }),
    paymentStateOf(db, id),
  ]);
  // The enterprise's application is its data: a read by the department is recorded (issue 3's rule).
  if (side !== 'enterprise') await recordAudit(db, { ...auditContextOfActor(actor), action: 'application.read', targetType: 'application', targetId: id, details: { enterpriseId: row.enterprise_id } });
  return presentApplicationDetail(row, { events, files, disbursements, availableActions: side === 'reader' ? [] : availableActions(stateOf(row, payment), side) }, now);
}

/** Whose applications the actor lists (and exports): its department's, its enterprise's or the county's. */
export async function applicationScopeOf(db: Kysely<DB>, actor: Actor, filter: { orgId?: number; from?: string; to?: string }): Promise<repo.ApplicationScope> {
  if (filter.from && filter.to && filter.from > filter.to) throw new AppError('validation_failed', 'The period ends before it starts', [{ path: 'querystring/to', message: 'before from' }]);
  const side = assertCanListApplications(actor, filter);
  if (side === 'staff') return { kind: 'department', orgId: actor.orgId };
  if (side === 'county') return { kind: 'county' };
  return { kind: 'enterprise', enterpriseId: (await requireOwnEnterprise(db, actor)).id };
}

/**
 * Applications the caller sees: a department those of its policies, an enterprise its own. Filters:
 * policy, status, overdue (the department's step past its deadline), department, submitted from/to
 * (county dates). County readers (the leader …) see the whole county, read-only.
 */
export async function listApplications(db: Kysely<DB>, actor: Actor, filter: ApplicationListFilter, page: PageRequest, now: Date = new Date()): Promise<{ items: ApplicationSummary[]; total: number; page: number; pageSize: number }> {
  const scope = await applicationScopeOf(db, actor, filter);
  const { rows, total } = await repo.findApplications(db, scope, filter, now, page);
  // Enterprises' applications listed to a department or a county reader: one audit entry for the request.
  if (scope.kind !== 'enterprise') await recordRead(db, actor, 'application.list', { type: 'application' }, { scope: scope.kind, filter, page, count: rows.length, total });
  return { items: rows.map((row) => presentApplicationSummary(row, now)), total, ...page };
}

/** The public notices (公示) running now — approved applications and 免申即享 items; every signed-in user. */
export async function listPublicNotices(db: Kysely<DB>, filter: { policyId?: number; q?: string }, page: PageRequest, now: Date = new Date()): Promise<{ items: PublicNotice[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await repo.findPublicNotices(db, filter, now, otherPublicNotices(now), page);
  return {
    items: rows.map((r) => ({
      // The API knows the kinds 'application' and 'auto_grant' (the only grant route so far).
      kind: r.kind as PublicNotice['kind'],
      id: r.id,
      applicationNumber: r.application_number,
      policy: { id: r.policy_id, code: r.policy_code, title: r.policy_title, departmentName: r.department_name },
      enterprise: { name: r.enterprise_name, uscc: r.enterprise_uscc },
      amountFen: Number(r.amount_fen),
      noticeFrom: new Date(r.notice_from).toISOString(),
      noticeUntil: new Date(r.notice_until).toISOString(),
    })),
    total,
    ...page,
  };
}
