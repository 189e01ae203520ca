/**
 * The security administrator's side of auth (安全管理员): the password policy in force, sign-in locks
 * (seen and lifted), live sessions (seen and ended) and the passwords about to expire. Nobody else reaches
 * these; every change is audited and takes effect on every instance at once (revocation counter).
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { PasswordPolicyView } from './auth.schemas.ts';
import * as repo from './auth.repository.ts';
import { effectiveMaxAgeDays, passwordAge } from './auth.service.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { readAuthState } from './revocation.ts';
import type { SessionCache } from './session-cache.ts';

export function assertSecurityAdmin(actor: Actor): void {
  requireRole(actor, 'security_admin');
}

/** The password lifetime in force (the security administrator's setting, else the configuration's) and its warning. */
export async function passwordPolicyInForce(db: Kysely<DB>, config: Readonly<Config>): Promise<{ maxAgeDays: number; warnDays: number }> {
  return { maxAgeDays: effectiveMaxAgeDays(config, await readAuthState(db)), warnDays: config.password.warnDays };
}

/** The policy in force, as the API shows it. */
export type PasswordPolicy = Static<typeof PasswordPolicyView>;

export async function readPasswordPolicy(db: Kysely<DB>, config: Readonly<Config>, actor: Actor): Promise<PasswordPolicy> {
  assertSecurityAdmin(actor);
  const state = await readAuthState(db);
  return {
    minLength: MIN_PASSWORD_LENGTH,
    minClasses: 3,
    maxAgeDays: effectiveMaxAgeDays(config, state),
    maxAgeDaysDefault: config.password.maxAgeDays,
    maxSessionsPerUser: state.maxSessionsPerUser ?? config.session.maxPerUser,
    maxSessionsPerUserDefault: config.session.maxPerUser,
    lockAfterFailures: config.login.maxFailures,
    lockMinutes: config.login.lockMinutes,
  };
}

/** Sets the password lifetime and the session limit (null: back to the configuration's value). */
export async function updatePasswordPolicy(
  db: Kysely<DB>,
  config: Readonly<Config>,
  actor: Actor,
  patch: { maxAgeDays?: number | null; maxSessionsPerUser?: number | null },
): Promise<PasswordPolicy> {
  assertSecurityAdmin(actor);
  const before = await readPasswordPolicy(db, config, actor);
  await db.transaction().execute(async (trx) => {
    await repo.updateAuthSettings(trx, {
      ...(patch.maxAgeDays !== undefined && { password_max_age_days: patch.maxAgeDays }),
      ...(patch.maxSessionsPerUser !== undefined && { max_sessions_per_user: patch.maxSessionsPerUser }),
    });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'auth.policy_update',
      targetType: 'password_policy',
      details: { before: { maxAgeDays: before.maxAgeDays, maxSessionsPerUser: before.maxSessionsPerUser }, after: patch },
    });
  });
  return readPasswordPolicy(db, config, actor);
}

export async function listLockouts(db: Kysely<DB>, actor: Actor, page: PageRequest, now = new Date()) {
  assertSecurityAdmin(actor);
  const { rows, total } = await repo.findLockouts(db, page, now);
  return {
    items: rows.map((row) => ({
      username: row.username,
      ip: row.ip,
      locks: row.locks,
      lockedUntil: row.locked_until!.toISOString(),
      lastFailureAt: row.last_failure_at.toISOString(),
      user: row.user_id === null ? null : { id: row.user_id, displayName: row.display_name! },
    })),
    total,
    ...page,
  };
}

/** Lifts the locks of a name: from one address, or from every address when none is given. */
export async function unlock(db: Kysely<DB>, actor: Actor, input: { username: string; ip?: string }): Promise<void> {
  assertSecurityAdmin(actor);
  const username = input.username.trim().toLowerCase();
  await db.transaction().execute(async (trx) => {
    const cleared = await repo.clearThrottle(trx, username, input.ip);
    if (cleared === 0) throw notFound('Lock');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auth.unlock', targetType: 'username', targetId: username, details: { ip: input.ip ?? null, cleared } });
  });
}

export async function listSessions(db: Kysely<DB>, actor: Actor, filter: { userId?: number }, page: PageRequest, now = new Date()) {
  assertSecurityAdmin(actor);
  const { rows, total } = await repo.findSessions(db, filter, page, now);
  return {
    items: rows.map((row) => ({
      id: row.id,
      user: { id: row.user_id, username: row.username, displayName: row.display_name, roles: row.roles, orgName: row.org_name },
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      isCurrent: row.token_hash === actor.sessionHash,
    })),
    total,
    ...page,
  };
}

/** Ends one session (the security administrator's own included: it is their choice). */
export async function endSession(db: Kysely<DB>, cache: SessionCache, actor: Actor, sessionId: number): Promise<void> {
  assertSecurityAdmin(actor);
  const userId = await db.transaction().execute(async (trx) => {
    const owner = await repo.deleteSessionById(trx, sessionId);
    if (owner === undefined) throw notFound('Session');
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auth.session_end', targetType: 'user', targetId: owner, details: { sessionId } });
    return owner;
  });
  cache.deleteUser(userId);
}

/** Ends every session of an account (not the actor's own: signing out does that). */
export async function endUserSessions(db: Kysely<DB>, cache: SessionCache, actor: Actor, userId: number): Promise<void> {
  assertSecurityAdmin(actor);
  if (userId === actor.userId) throw new AppError('forbidden', 'Sign out to end your own session');
  await db.transaction().execute(async (trx) => {
    await repo.deleteUserSessions(trx, userId);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auth.session_end', targetType: 'user', targetId: userId, details: { all: true } });
  });
  cache.deleteUser(userId);
}

/** Active accounts whose password has expired or expires within the warning period, soonest first. */
export async function listPasswordExpiry(db: Kysely<DB>, config: Readonly<Config>, actor: Actor, now = new Date()) {
  assertSecurityAdmin(actor);
  const maxAgeDays = effectiveMaxAgeDays(config, await readAuthState(db));
  if (maxAgeDays === 0) return { maxAgeDays, items: [] };
  const rows = await repo.findPasswordsExpiringBy(db, maxAgeDays, new Date(now.getTime() + config.password.warnDays * 86_400_000), 200);
  return {
    maxAgeDays,
    items: rows.map((row) => {
      const age = passwordAge(row.password_changed_at.getTime(), maxAgeDays, now.getTime());
      return { id: row.id, username: row.username, displayName: row.display_name, passwordChangedAt: row.password_changed_at.toISOString(), expired: age.expired, daysLeft: age.daysLeft ?? 0 };
    }),
  };
}
