import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export async function findSessionWithUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .where('sessions.token_hash', '=', tokenHash)
    .select([
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
  session: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      last_seen_at: new Date(),
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

export async function touchSession(db: Executor, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user except, optionally, the one making the change. */
export async function deleteUserSessions(db: Executor, userId: number, exceptTokenHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
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
      'users.org_id',
      'organizations.type as org_type',
      'organizations.name as org_name',
      'organizations.code as org_code',
    ])
    .executeTakeFirst();
}

export async function findThrottle(db: Executor, username: string) {
  return db.selectFrom('login_throttle').where('username', '=', username).selectAll().executeTakeFirst();
}

/** Counts one more failure atomically (two instances may see failures of the same name at once). */
export async function incrementFailures(db: Executor, username: string, at: Date): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ username, failures: 1, last_failure_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), last_failure_at: at })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockUsername(db: Executor, username: string, until: Date): Promise<void> {
  await db.updateTable('login_throttle').set({ locked_until: until, failures: 0 }).where('username', '=', username).execute();
}

export async function clearThrottle(db: Executor, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username.toLowerCase()).execute();
}

export async function markLoggedIn(db: Executor, userId: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function findPasswordHash(db: Executor, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').where('id', '=', userId).select('password_hash').executeTakeFirst();
  return row?.password_hash;
}

export async function updatePassword(db: Executor, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: new Date(), updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}
