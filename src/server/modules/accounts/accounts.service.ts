import type { Kysely } from 'kysely';
import type { DB, OrgType, Role } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { bumpRevocation, clearThrottle, deleteUserSessions, updatePassword } from '../auth/index.ts';
import { assertPasswordStrong, hashPassword } from '../auth/index.ts';
import { assertCanAssignRoles, assertCanManageAccounts, assertCanReadAccounts, assertNotSelfLockout, assertRoleChangeAllowed, assertRolesFit, assertSameAdminKind, type AdminKind } from './accounts.policy.ts';
import * as repo from './accounts.repository.ts';
import { presentAdminUser, presentOrg } from './accounts.presenter.ts';
import type { AdminUser, CreateOrgInput, CreateUserInput, Org, UpdateUserInput, UserStatusFilter } from './accounts.schemas.ts';
import type { SessionCache } from '../auth/index.ts';
import type { PageRequest } from '../../platform/pagination.ts';

export async function listUsers(db: Kysely<DB>, actor: Actor, filter: { q?: string; orgId?: number; role?: Role; status?: UserStatusFilter }, page: PageRequest) {
  assertCanReadAccounts(actor);
  const { rows, total } = await repo.findUsers(db, filter, page);
  return { items: rows.map((row) => presentAdminUser(row)), total, ...page };
}

async function loadUser(db: Kysely<DB>, id: number): Promise<AdminUser> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('User');
  return presentAdminUser(row);
}

/** Creates an account in an organisation with roles that fit it; the password must meet the policy. */
export async function createUser(db: Kysely<DB>, actor: Actor, input: CreateUserInput): Promise<AdminUser> {
  assertCanManageAccounts(actor);
  const org = await repo.findOrgById(db, input.orgId);
  if (!org) throw new AppError('validation_failed', 'No such organisation', [{ path: 'body/orgId', message: 'unknown organisation' }]);
  assertRolesFit(input.roles, org.type);
  assertSameAdminKind(actor, input.roles, 'create');
  assertPasswordStrong(input.password, 'body/password', input.username);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.usernameExists(trx, input.username)) throw new AppError('conflict', `The username ${input.username} is taken`);
    const userId = await repo.insertUser(trx, {
      org_id: org.id,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: input.roles,
      // The administrator knows the initial password, so the user must choose their own.
      must_change_password: true,
    });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'user.create',
      targetType: 'user',
      targetId: userId,
      details: { username: input.username, orgId: org.id, roles: input.roles },
    });
    return userId;
  });
  return loadUser(db, id);
}

/** Renames, disables or re-enables (the system administrator) an account of no administrator kind or of its own. */
export async function updateUser(db: Kysely<DB>, sessions: SessionCache, actor: Actor, id: number, patch: UpdateUserInput): Promise<AdminUser> {
  assertCanManageAccounts(actor);
  const current = await repo.findUserById(db, id);
  if (!current) throw notFound('User');
  assertSameAdminKind(actor, current.roles, 'change');
  assertNotSelfLockout(actor, id, patch);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.isDisabled !== undefined && { is_disabled: patch.isDisabled }),
    });
    // A disabled user signs in again (if re-enabled), so no session outlives the decision.
    if (patch.isDisabled) await deleteUserSessions(trx, id);
    else await bumpRevocation(trx);
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      details: { before: { displayName: current.display_name, isDisabled: current.is_disabled }, after: patch },
    });
  });
  sessions.deleteUser(id);
  return loadUser(db, id);
}

/**
 * Gives an account a new set of roles (the security administrator, 三权分立): roles that fit its
 * organisation, on an account holding no administrator kind, never an administrator kind, never one's own.
 * The account's sessions end on every instance, so no session keeps the old powers. The same set again
 * changes nothing (no audit entry, sessions kept).
 */
export async function assignRoles(db: Kysely<DB>, sessions: SessionCache, actor: Actor, id: number, roles: readonly Role[]): Promise<AdminUser> {
  assertCanAssignRoles(actor);
  const current = await repo.findUserById(db, id);
  if (!current) throw notFound('User');
  assertRoleChangeAllowed(actor, id, current.roles, roles);
  assertRolesFit(roles, current.org_type);
  const unchanged = roles.length === current.roles.length && roles.every((role) => current.roles.includes(role));
  if (unchanged) return presentAdminUser(current);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { roles: [...roles] });
    await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'user.role_assign',
      targetType: 'user',
      targetId: id,
      details: { username: current.username, orgId: current.org_id, before: current.roles, after: roles },
    });
  });
  sessions.deleteUser(id);
  return loadUser(db, id);
}

/** Sets a new password chosen by the administrator, unlocks the account and ends its sessions. */
export async function resetPassword(db: Kysely<DB>, sessions: SessionCache, actor: Actor, id: number, newPassword: string): Promise<void> {
  assertCanManageAccounts(actor);
  const user = await repo.findUserById(db, id);
  if (!user) throw notFound('User');
  assertSameAdminKind(actor, user.roles, 'reset the password of');
  assertPasswordStrong(newPassword, 'body/newPassword', user.username);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await updatePassword(trx, id, passwordHash, true);
    await clearThrottle(trx, user.username);
    await deleteUserSessions(trx, id);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'user.reset_password', targetType: 'user', targetId: id });
  });
  sessions.deleteUser(id);
}

export async function listOrgs(db: Kysely<DB>, actor: Actor, filter: { type?: OrgType; q?: string }, page: PageRequest) {
  assertCanReadAccounts(actor);
  const { rows, total } = await repo.findOrgs(db, filter, page);
  return { items: rows.map(presentOrg), total, ...page };
}

export async function createOrg(db: Kysely<DB>, actor: Actor, input: CreateOrgInput): Promise<Org> {
  assertCanManageAccounts(actor);
  const id = await db.transaction().execute(async (trx) => {
    if (input.code && (await repo.orgCodeExists(trx, input.type, input.code))) {
      throw new AppError('conflict', `An organisation of type ${input.type} with code ${input.code} exists`);
    }
    const orgId = await repo.insertOrg(trx, { type: input.type, name: input.name, code: input.code ?? null });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'org.create', targetType: 'organization', targetId: orgId, details: { ...input } });
    return orgId;
  });
  return presentOrg((await repo.findOrgById(db, id))!);
}

/**
 * Creates a platform administrator of one kind from the command line, with the platform organisation if
 * there is none yet: how a production deployment (no demo data) gets its first accounts, and the only way
 * to create a security administrator or an auditor (no administrator creates another kind).
 */
export async function createPlatformAdmin(db: Kysely<DB>, input: { username: string; displayName: string; password: string; kind?: AdminKind }): Promise<number> {
  const kind = input.kind ?? 'admin';
  assertPasswordStrong(input.password, 'password', input.username);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await repo.usernameExists(trx, input.username)) throw new AppError('conflict', `The username ${input.username} is taken`);
    const existing = await repo.findOrgs(trx, { type: 'platform' }, { page: 1, pageSize: 1 });
    const orgId = existing.rows[0]?.id ?? (await repo.insertOrg(trx, { type: 'platform', name: '垫小二平台运营中心', code: 'platform' }));
    const userId = await repo.insertUser(trx, { org_id: orgId, username: input.username, display_name: input.displayName, password_hash: passwordHash, roles: [kind], must_change_password: true });
    await bumpRevocation(trx);
    await recordAudit(trx, { actorUserId: null, actorUsername: 'cli', actorOrgId: null, requestId: null, ip: null, action: 'user.create', targetType: 'user', targetId: userId, details: { username: input.username, roles: [kind], via: 'cli' } });
    return userId;
  });
}
