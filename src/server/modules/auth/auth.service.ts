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
import { readAuthState, type AuthState, type RevocationClock } from './revocation.ts';
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
  /** The password must be changed before anything else: initial, reset by an administrator, or expired. */
  mustChangePassword: boolean;
  /** Whole days until the password expires, within the warning period (PASSWORD_WARN_DAYS); else null. */
  passwordExpiresInDays: number | null;
}

/** What a session holds before the password's age is applied to it at a given moment. */
export interface StoredSessionUser extends Omit<SessionUser, 'mustChangePassword' | 'passwordExpiresInDays'> {
  mustChangeFlag: boolean;
  passwordChangedAt: number;
}

const DAY_MS = 86_400_000;

/** The password's age under the policy in force: expired, and days left (null when passwords do not expire). */
export function passwordAge(changedAtMs: number, maxAgeDays: number, nowMs: number): { expired: boolean; daysLeft: number | null } {
  if (maxAgeDays === 0) return { expired: false, daysLeft: null };
  const expiresAt = changedAtMs + maxAgeDays * DAY_MS;
  return { expired: nowMs >= expiresAt, daysLeft: Math.max(0, Math.floor((expiresAt - nowMs) / DAY_MS)) };
}

export function effectiveMaxAgeDays(config: Readonly<Config>, state: Pick<AuthState, 'passwordMaxAgeDays'>): number {
  return state.passwordMaxAgeDays ?? config.password.maxAgeDays;
}

/** The days left to show as a warning: within the warning period only. */
function warningDays(daysLeft: number | null, warnDays: number): number | null {
  return daysLeft !== null && daysLeft <= warnDays ? daysLeft : null;
}

function sessionUserAt(stored: StoredSessionUser, maxAgeDays: number, warnDays: number, nowMs: number): SessionUser {
  const { mustChangeFlag, passwordChangedAt, ...user } = stored;
  const age = passwordAge(passwordChangedAt, maxAgeDays, nowMs);
  return { ...user, mustChangePassword: mustChangeFlag || age.expired, passwordExpiresInDays: warningDays(age.daysLeft, warnDays) };
}

/**
 * Finds the user of a session token. Returns null for an unknown, expired, idle or disabled session and
 * deletes it when it is dead, so a stolen old cookie is useless. With the cache on, every request reads
 * the revocation counter (shared by concurrent requests, see RevocationClock) and trusts a cached entry
 * only if nothing was revoked since it was loaded, on any instance; otherwise it reads the session.
 */
export async function resolveSession(
  db: Kysely<DB>,
  config: Readonly<Config>,
  cache: SessionCache,
  clock: RevocationClock,
  token: string,
  now = new Date(),
): Promise<(SessionUser & { sessionHash: string }) | null> {
  const tokenHash = hashSessionToken(token);
  const nowMs = now.getTime();
  const idleMs = config.session.idleMinutes * 60_000;

  const state = config.session.cacheSeconds > 0 ? await clock.read() : null;
  const cached = state ? cache.get(tokenHash, nowMs) : undefined;
  if (state && cached && cached.revocation === state.revocation && nowMs <= cached.lastSeenAt + idleMs && nowMs < cached.expiresAt) {
    if (nowMs - cached.lastSeenAt > TOUCH_INTERVAL_MS) {
      await repo.touchSession(db, tokenHash, now);
      cached.lastSeenAt = nowMs;
    }
    return { ...sessionUserAt(cached.user, effectiveMaxAgeDays(config, state), config.password.warnDays, nowMs), sessionHash: tokenHash };
  }

  const row = await repo.findSessionWithUser(db, tokenHash);
  if (!row) {
    cache.delete(tokenHash);
    return null;
  }
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
  const user: StoredSessionUser = {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    org: { id: row.org_id, type: row.org_type, name: row.org_name, code: row.org_code },
    mustChangeFlag: row.must_change_password,
    passwordChangedAt: row.password_changed_at.getTime(),
  };
  // Stamped with the counter read before the row: a revocation committed in between reloads it next time.
  if (state) cache.set(tokenHash, { user, lastSeenAt, expiresAt: row.expires_at.getTime(), cachedAt: nowMs, revocation: state.revocation });
  const maxAgeDays = row.password_max_age_days ?? config.password.maxAgeDays;
  return { ...sessionUserAt(user, maxAgeDays, config.password.warnDays, nowMs), sessionHash: tokenHash };
}

export interface LoginInput {
  username: string;
  password: string;
  userAgent: string | null;
}

/** How long the n-th lock (1, 2, …) of a (name, address) pair lasts: doubling each time, at most a day. */
export function lockDurationMs(config: Readonly<Config>, lockNumber: number): number {
  return Math.min(config.login.lockMinutes * 60_000 * 2 ** Math.max(0, lockNumber - 1), DAY_MS);
}

/**
 * Signs a user in. Wrong password, unknown user and disabled account all give the same 401 and take the
 * same time. Failures are counted per name AND source address: after `maxFailures` the pair is locked,
 * whether or not the name exists, for `lockMinutes` doubling with each new lock of the pair, so an
 * outsider failing from elsewhere never locks the user out of their own address. Beyond the account's
 * session limit, its oldest sessions end.
 */
export async function login(
  db: Kysely<DB>,
  config: Readonly<Config>,
  input: LoginInput,
  context: AuditContext,
  now = new Date(),
): Promise<{ token: string; user: SessionUser }> {
  const username = input.username.trim().toLowerCase();
  const ip = context.ip ?? '';
  const throttle = await repo.findThrottle(db, username, ip);
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
    const { failures, locks } = await repo.incrementFailures(db, username, ip, now);
    const isNowLocked = failures >= config.login.maxFailures;
    const lockedUntil = new Date(now.getTime() + lockDurationMs(config, locks + 1));
    if (isNowLocked) await repo.lockPair(db, username, ip, lockedUntil);
    metrics.loginFailures.inc();
    if (isNowLocked) metrics.loginLockouts.inc();
    await recordAudit(db, {
      ...context,
      actorUserId: user?.id ?? null,
      actorUsername: username,
      actorOrgId: user?.org_id ?? null,
      action: 'auth.login',
      outcome: 'failure',
      details: {
        reason: !user ? 'unknown_user' : user.is_disabled ? 'disabled' : 'wrong_password',
        failures,
        locked: isNowLocked,
        ...(isNowLocked && { lockedUntil: lockedUntil.toISOString() }),
      },
    });
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }

  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashSessionToken(token);
  const state = await readAuthState(db);
  const maxSessions = state.maxSessionsPerUser ?? config.session.maxPerUser;
  await db.transaction().execute(async (trx) => {
    await repo.clearThrottle(trx, username, ip);
    await repo.insertSession(trx, {
      tokenHash,
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3_600_000),
      ip: context.ip,
      userAgent: input.userAgent,
    });
    const ended = await repo.endSessionsBeyond(trx, user.id, maxSessions);
    await repo.markLoggedIn(trx, user.id, now);
    await recordAudit(trx, {
      ...context,
      actorUserId: user.id,
      actorUsername: user.username,
      actorOrgId: user.org_id,
      action: 'auth.login',
      ...(ended > 0 && { details: { endedOldestSessions: ended, maxSessions } }),
    });
  });
  const age = passwordAge(user.password_changed_at.getTime(), effectiveMaxAgeDays(config, state), now.getTime());
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: user.roles,
      org: { id: user.org_id, type: user.org_type, name: user.org_name, code: user.org_code },
      mustChangePassword: user.must_change_password || age.expired,
      passwordExpiresInDays: warningDays(age.daysLeft, config.password.warnDays),
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
