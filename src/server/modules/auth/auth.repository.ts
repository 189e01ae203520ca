import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export async function findSessionWithUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .crossJoin('auth_state')
    .where('sessions.token_hash', '=', tokenHash)
    .select([
      'auth_state.revocation',
      'auth_state.password_max_age_days',
      'users.password_changed_at',
      'sessions.token_hash',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.roles',
      'users.is_disabled',
      'users.must_change_password',
      'organizations.id as org_id',
      'organizations.type as org_type',
      'organizations.name as org_name',
      'organizations.code as org_code',
    ])
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  session: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/**
 * Bumps the revocation counter: every instance reloads its cached sessions on its next request. Called in
 * the transaction that ends sessions or changes an account, so no instance sees the new counter before
 * the change.
 */
export async function bumpRevocation(db: Executor): Promise<void> {
  await db.updateTable('auth_state').set((eb) => ({ revocation: eb('revocation', '+', 1) })).execute();
}

/** Ends the oldest sessions of a user beyond `max` (newest kept); returns how many ended. */
export async function endSessionsBeyond(db: Executor, userId: number, max: number): Promise<number> {
  const keep = db.selectFrom('sessions').where('user_id', '=', userId).select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(max);
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', 'not in', keep).executeTakeFirst();
  const ended = Number(result.numDeletedRows);
  if (ended > 0) await bumpRevocation(db);
  return ended;
}

export async function touchSession(db: Executor, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  await bumpRevocation(db);
}

/**
 * Ends every session of a user except, optionally, the one making the change, and bumps the revocation
 * counter (always: the caller may also have changed the account's roles or password state).
 */
export async function deleteUserSessions(db: Executor, userId: number, exceptTokenHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
  await bumpRevocation(db);
}

/** Ends one session by its id; returns its user, or undefined when there was none. */
export async function deleteSessionById(db: Executor, id: number): Promise<number | undefined> {
  const row = await db.deleteFrom('sessions').where('id', '=', id).returning('user_id').executeTakeFirst();
  if (row) await bumpRevocation(db);
  return row?.user_id;
}

/** Live sessions (not expired), newest first, with their user; optionally of one user. */
export async function findSessions(db: Executor, filter: { userId?: number }, page: PageRequest, now = new Date()) {
  let query = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .where('sessions.expires_at', '>', now);
  if (filter.userId) query = query.where('sessions.user_id', '=', filter.userId);
  return findPage(
    query,
    (q) =>
      q
        .select([
          'sessions.id',
          'sessions.token_hash',
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'sessions.ip',
          'sessions.user_agent',
          'users.id as user_id',
          'users.username',
          'users.display_name',
          'users.roles',
          'organizations.name as org_name',
        ])
        .orderBy('sessions.last_seen_at', 'desc')
        .orderBy('sessions.id', 'desc'),
    page,
  );
}

/** Pairs (name typed, source address) locked now, with the account when the name is one. */
export async function findLockouts(db: Executor, page: PageRequest, now = new Date()) {
  const query = db
    .selectFrom('login_throttle')
    .leftJoin('users', (join) => join.on(sql`lower(users.username)`, '=', sql.ref('login_throttle.username')))
    .where('login_throttle.locked_until', '>', now);
  return findPage(
    query,
    (q) =>
      q
        .select([
          'login_throttle.username',
          'login_throttle.ip',
          'login_throttle.locks',
          'login_throttle.locked_until',
          'login_throttle.last_failure_at',
          'users.id as user_id',
          'users.display_name',
        ])
        .orderBy('login_throttle.locked_until', 'desc')
        .orderBy('login_throttle.username')
        .orderBy('login_throttle.ip'),
    page,
  );
}

export async function deleteExpiredSessions(db: Executor, idleCutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', new Date()), eb('last_seen_at', '<', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findUserForLogin(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .where(sql`lower(users.username)`, '=', username.toLowerCase())
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.password_hash',
      'users.is_disabled',
      'users.roles',
      'users.must_change_password',
      'users.password_changed_at',
      'users.org_id',
      'organizations.type as org_type',
      'organizations.name as org_name',
      'organizations.code as org_code',
    ])
    .executeTakeFirst();
}

export async function findThrottle(db: Executor, username: string, ip: string) {
  return db.selectFrom('login_throttle').where('username', '=', username).where('ip', '=', ip).selectAll().executeTakeFirst();
}

/** Counts one more failure of the pair atomically (two instances may see failures of the same pair at once). */
export async function incrementFailures(db: Executor, username: string, ip: string, at: Date): Promise<{ failures: number; locks: number }> {
  return db
    .insertInto('login_throttle')
    .values({ username, ip, failures: 1, last_failure_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), last_failure_at: at })),
    )
    .returning(['failures', 'locks'])
    .executeTakeFirstOrThrow();
}

/** Locks the pair until then; the failures start again from zero and the lock count grows. */
export async function lockPair(db: Executor, username: string, ip: string, until: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ locked_until: until, failures: 0, locks: eb('locks', '+', 1) }))
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute();
}

/** Forgets the failures of a name: from one address (its own successful sign-in) or from all of them (unlock). */
export async function clearThrottle(db: Executor, username: string, ip?: string): Promise<number> {
  let query = db.deleteFrom('login_throttle').where('username', '=', username.toLowerCase());
  if (ip !== undefined) query = query.where('ip', '=', ip);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function markLoggedIn(db: Executor, userId: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function findPasswordHash(db: Executor, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').where('id', '=', userId).select('password_hash').executeTakeFirst();
  return row?.password_hash;
}

export async function updatePassword(db: Executor, userId: number, passwordHash: string, mustChange: boolean, at = new Date()): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function updateAuthSettings(db: Executor, settings: { password_max_age_days?: number | null; max_sessions_per_user?: number | null }): Promise<void> {
  await db
    .updateTable('auth_state')
    .set((eb) => ({ ...settings, revocation: eb('revocation', '+', 1), updated_at: new Date() }))
    .execute();
}

/**
 * When a user's password expires under a maximum age in days (0: never — callers check maxAgeDays > 0),
 * as SQL over the `users` row in scope: the one expression of password expiry (the security
 * administrator's list and the role home both count with it).
 */
export function passwordExpiresAtSql(maxAgeDays: number): RawBuilder<Date> {
  return sql<Date>`(password_changed_at + ${maxAgeDays} * interval '1 day')`;
}

/** Active accounts whose password expires by `until` (or has expired), soonest first. */
export async function findPasswordsExpiringBy(db: Executor, maxAgeDays: number, until: Date, limit: number) {
  return db
    .selectFrom('users')
    .where('is_disabled', '=', false)
    .where(passwordExpiresAtSql(maxAgeDays), '<=', until)
    .select(['id', 'username', 'display_name', 'password_changed_at'])
    .orderBy('password_changed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
