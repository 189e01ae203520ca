import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, OrgType, Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { metrics } from '../../platform/metrics.ts';
import { auditContextOfActor, type Actor, type AuditContext } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './auth.repository.ts';
import { assertPasswordStrong, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import type { SessionCache } from './session-cache.ts';

/** Sessions are refreshed at most once a minute, so a busy user costs one write a minute, not one a request. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  org: { id: number; type: OrgType; name: string; code: string | null };
  mustChangePassword: boolean;
}

/**
 * Finds the user of a session token. Returns null for an unknown, expired, idle or disabled session and
 * deletes it when it is dead, so a stolen old cookie is useless. A session read from the database is
 * cached for a few seconds (see SessionCache).
 */
export async function resolveSession(
  db: Kysely<DB>,
  config: Readonly<Config>,
  cache: SessionCache,
  token: string,
  now = new Date(),
): Promise<(SessionUser & { sessionHash: string }) | null> {
  const tokenHash = hashSessionToken(token);
  const nowMs = now.getTime();
  const idleMs = config.session.idleMinutes * 60_000;

  const cached = cache.get(tokenHash, nowMs);
  if (cached && nowMs <= cached.lastSeenAt + idleMs && nowMs < cached.expiresAt) {
    if (nowMs - cached.lastSeenAt > TOUCH_INTERVAL_MS) {
      await repo.touchSession(db, tokenHash, now);
      cached.lastSeenAt = nowMs;
    }
    return { ...cached.user, sessionHash: tokenHash };
  }

  const row = await repo.findSessionWithUser(db, tokenHash);
  if (!row) return null;
  const idleLimit = row.last_seen_at.getTime() + idleMs;
  if (row.is_disabled || nowMs > idleLimit || now >= row.expires_at) {
    cache.delete(tokenHash);
    await repo.deleteSession(db, tokenHash);
    return null;
  }
  let lastSeenAt = row.last_seen_at.getTime();
  if (nowMs - lastSeenAt > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, tokenHash, now);
    lastSeenAt = nowMs;
  }
  const user: SessionUser = {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    org: { id: row.org_id, type: row.org_type, name: row.org_name, code: row.org_code },
    mustChangePassword: row.must_change_password,
  };
  cache.set(tokenHash, { user, lastSeenAt, expiresAt: row.expires_at.getTime(), cachedAt: nowMs });
  return { ...user, sessionHash: tokenHash };
}

export interface LoginInput {
  username: string;
  password: string;
  userAgent: string | null;
}

/**
 * Signs a user in. Wrong password, unknown user and disabled account all give the same 401 and take the
 * same time; after `maxFailures` failures the name is locked for `lockMinutes` whether or not it exists.
 */
export async function login(
  db: Kysely<DB>,
  config: Readonly<Config>,
  input: LoginInput,
  context: AuditContext,
  now = new Date(),
): Promise<{ token: string; user: SessionUser }> {
  const username = input.username.trim().toLowerCase();
  const throttle = await repo.findThrottle(db, username);
  if (throttle?.locked_until && throttle.locked_until > now) {
    metrics.loginFailures.inc();
    await recordAudit(db, { ...context, actorUsername: username, action: 'auth.login', outcome: 'failure', details: { reason: 'locked' } });
    throw new AppError('account_locked', 'Too many failed sign-ins; the account is locked for a while', [
      { lockedUntil: throttle.locked_until.toISOString() },
    ]);
  }

  const user = await repo.findUserForLogin(db, username);
  const isValid = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !isValid || user.is_disabled) {
    const failures = await repo.incrementFailures(db, username, now);
    const isNowLocked = failures >= config.login.maxFailures;
    const lockedUntil = new Date(now.getTime() + config.login.lockMinutes * 60_000);
    if (isNowLocked) await repo.lockUsername(db, username, lockedUntil);
    metrics.loginFailures.inc();
    if (isNowLocked) metrics.loginLockouts.inc();
    await recordAudit(db, {
      ...context,
      actorUserId: user?.id ?? null,
      actorUsername: username,
      actorOrgId: user?.org_id ?? null,
      action: 'auth.login',
      outcome: 'failure',
      details: { reason: !user ? 'unknown_user' : user.is_disabled ? 'disabled' : 'wrong_password', failures, locked: isNowLocked },
    });
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }

  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashSessionToken(token);
  await db.transaction().execute(async (trx) => {
    await repo.clearThrottle(trx, username);
    await repo.insertSession(trx, {
      tokenHash,
      userId: user.id,
      expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3_600_000),
      ip: context.ip,
      userAgent: input.userAgent,
    });
    await repo.markLoggedIn(trx, user.id, now);
    await recordAudit(trx, { ...context, actorUserId: user.id, actorUsername: user.username, actorOrgId: user.org_id, action: 'auth.login' });
  });
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: user.roles,
      org: { id: user.org_id, type: user.org_type, name: user.org_name, code: user.org_code },
      mustChangePassword: user.must_change_password,
    },
  };
}

export async function logout(db: Kysely<DB>, cache: SessionCache, actor: Actor): Promise<void> {
  cache.delete(actor.sessionHash);
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionHash);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auth.logout' });
  });
}

/** Changes the actor's own password and ends their other sessions (a leaked password loses its grip). */
export async function changePassword(db: Kysely<DB>, cache: SessionCache, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const passwordHash = await repo.findPasswordHash(db, actor.userId);
  if (!passwordHash || !(await verifyPassword(passwordHash, currentPassword))) {
    await recordAudit(db, { ...auditContextOfActor(actor), action: 'auth.password_change', outcome: 'failure', details: { reason: 'wrong_current_password' } });
    throw new AppError('invalid_credentials', 'The current password is wrong');
  }
  assertPasswordStrong(newPassword, 'body/newPassword', actor.username);
  if (newPassword === currentPassword) {
    throw new AppError('validation_failed', 'The new password must differ from the current one', [{ path: 'body/newPassword', message: 'same as current' }]);
  }
  const newHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, actor.userId, newHash, false);
    await repo.deleteUserSessions(trx, actor.userId, actor.sessionHash);
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'auth.password_change', targetType: 'user', targetId: actor.userId });
  });
  cache.deleteUser(actor.userId);
}
