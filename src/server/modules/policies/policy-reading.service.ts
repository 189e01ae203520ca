/** Reading the catalogue: the list of policies and the detail of one. */
import type { Actor } from '../../request-context.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { detailOf, type PolicyInsightsReader } from './policies.detail.ts';
import { loadVisible, type Db } from './policies.loading.ts';
import { presentPolicySummary } from './policies.presenter.ts';
import * as repo from './policies.repository.ts';
import type { PolicyDetail, PolicyListFilter, PolicySummary } from './policies.schemas.ts';

/** What the actor's list shows: its department's drafts, and for non-government callers only policies in force by default. */
export function policyListScope(actor: Actor, filter: PolicyListFilter): { scope: repo.ListScope; effective: repo.ListFilter } {
  const isGovernment = actor.orgType === 'department' || actor.roles.some((r) => r === 'dispatcher' || r === 'cadre' || r === 'data_admin');
  return {
    scope: { ownDepartmentId: actor.orgType === 'department' && actor.roles.includes('department_staff') ? actor.orgId : null },
    effective: { ...filter, ...(filter.status === undefined && !isGovernment && { status: 'published' }) },
  };
}

/**
 * Lists policies: published ones for everyone (and, by default, only those in force for enterprises,
 * banks and providers), plus the actor's department's own drafts. Lapsed versions are stored as expired
 * on the way (lazy expiry).
 */
export async function listPolicies(db: Db, actor: Actor, filter: PolicyListFilter, { page, pageSize }: PageRequest): Promise<{ items: PolicySummary[]; total: number; page: number; pageSize: number }> {
  const today = todayInCounty();
  await repo.expireLapsedVersions(db, today);
  const { scope, effective } = policyListScope(actor, filter);
  const { rows, total } = await repo.listPolicies(db, scope, effective, today, page, pageSize);
  return {
    items: rows.map((row) => presentPolicySummary({ ...row, id: row.policy_id }, row, today)),
    total,
    page,
    pageSize,
  };
}

/** One policy with the version the actor sees (or `version` by number), its rendering and, for its department, stored match counts and the funnel. */
export async function getPolicy(db: Db, actor: Actor, id: number, readInsights: PolicyInsightsReader, versionNumber?: number): Promise<PolicyDetail> {
  await repo.expireLapsedVersions(db, todayInCounty());
  return detailOf(db, actor, await loadVisible(db, actor, id, versionNumber), readInsights);
}
