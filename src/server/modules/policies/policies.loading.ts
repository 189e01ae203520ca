/**
 * Loading a policy for an actor, the way every catalogue use case starts: 404 for what the actor may not
 * see (never revealing that it exists), 403 for what it sees but may not manage.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, type AuditAction } from '../audit/index.ts';
import { canManage, requireManage, visibleVersion, visibleVersions } from './policies.policy.ts';
import * as repo from './policies.repository.ts';

export type Db = Kysely<DB>;

/** A policy, all its versions and the one the actor sees. */
export interface LoadedPolicy {
  policy: repo.PolicyRef;
  versions: repo.VersionRow[];
  version: repo.VersionRow;
}

/** A policy with the version the actor sees (or `version` by number), or 404 (also for a policy the actor may not see). */
export async function loadVisible(db: Db, actor: Actor, id: number, versionNumber?: number): Promise<LoadedPolicy> {
  const policy = await repo.findPolicy(db, id);
  if (!policy) throw notFound('Policy');
  const versions = await repo.findVersions(db, id);
  const version = versionNumber === undefined ? visibleVersion(actor, policy, versions) : (visibleVersions(actor, policy, versions).find((v) => v.version === versionNumber) ?? null);
  if (!version) throw notFound(versionNumber === undefined ? 'Policy' : 'Policy version');
  return { policy, versions, version };
}

/** A policy the actor manages; 403 for one the actor only reads, 404 for one it may not see at all. */
export async function loadManaged(db: Db, actor: Actor, id: number): Promise<{ policy: repo.PolicyRef; versions: repo.VersionRow[] }> {
  const policy = await repo.findPolicy(db, id);
  if (!policy) throw notFound('Policy');
  const versions = await repo.findVersions(db, id);
  if (!canManage(actor, policy) && !visibleVersion(actor, policy, versions)) throw notFound('Policy');
  requireManage(actor, policy);
  return { policy, versions };
}

/** The draft or the version in review: at most one is open at a time. */
export const openVersion = (versions: readonly repo.VersionRow[]) => versions.find((v) => v.status === 'draft' || v.status === 'in_review') ?? null;
/** The live version, if any. */
export const publishedVersion = (versions: readonly repo.VersionRow[]) => versions.find((v) => v.status === 'published') ?? null;

/** Records an audit entry about a policy, in the caller's transaction when it gives one. */
export async function auditPolicy(db: Parameters<typeof recordAudit>[0], actor: Actor, action: AuditAction, policyId: number, details: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(db, { ...auditContextOfActor(actor), action, targetType: 'policy', targetId: policyId, details });
}
