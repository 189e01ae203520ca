import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { NewUser, OrgType, Role, UserUpdate } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import type { UserStatusFilter } from './accounts.schemas.ts';

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

function usersQuery(db: Executor) {
  return db.selectFrom('users').innerJoin('organizations', 'organizations.id', 'users.org_id');
}

/** The latest lock of the account's name from any address (sign-in failures are counted per name and address). */
const lockedUntil = sql<Date | null>`(select max(t.locked_until) from login_throttle t where t.username = lower(users.username))`;

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.roles',
  'users.is_disabled',
  'users.must_change_password',
  'users.last_login_at',
  'users.created_at',
  'organizations.id as org_id',
  'organizations.type as org_type',
  'organizations.name as org_name',
  lockedUntil.as('locked_until'),
] as const;


export async function findUserById(db: Executor, id: number) {
  return usersQuery(db).where('users.id', '=', id).select(USER_COLUMNS).executeTakeFirst();
}

export async function findUsers(db: Executor, filter: { q?: string; orgId?: number; role?: Role; status?: UserStatusFilter }, page: PageRequest, now = new Date()) {
  let query = usersQuery(db);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('users.username', 'ilike', pattern), eb('users.display_name', 'ilike', pattern)]));
  }
  if (filter.orgId) query = query.where('users.org_id', '=', filter.orgId);
  if (filter.role) query = query.where(sql<boolean>`${filter.role} = any(users.roles)`);
  if (filter.status === 'locked') query = query.where(lockedUntil, '>', now);
  if (filter.status === 'never_signed_in') query = query.where('users.last_login_at', 'is', null).where('users.is_disabled', '=', false);
  if (filter.status === 'disabled') query = query.where('users.is_disabled', '=', true);
  return findPage(query, (q) => q.select(USER_COLUMNS).orderBy('users.id'), page);
}

export async function usernameExists(db: Executor, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').where(sql`lower(username)`, '=', username.toLowerCase()).select('id').executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(db: Executor, user: NewUser): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Executor, id: number, patch: UserUpdate): Promise<void> {
  await db.updateTable('users').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function findOrgById(db: Executor, id: number) {
  return db.selectFrom('organizations').where('id', '=', id).selectAll().executeTakeFirst();
}

export async function findOrgs(db: Executor, filter: { type?: OrgType; q?: string }, page: PageRequest) {
  let query = db.selectFrom('organizations');
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('code', 'ilike', pattern)]));
  }
  return findPage(query, (q) => q.selectAll().orderBy('type').orderBy('id'), page);
}

export async function insertOrg(db: Executor, org: { type: OrgType; name: string; code: string | null }): Promise<number> {
  const row = await db.insertInto('organizations').values(org).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function orgCodeExists(db: Executor, type: OrgType, code: string): Promise<boolean> {
  const row = await db.selectFrom('organizations').where('type', '=', type).where('code', '=', code).select('id').executeTakeFirst();
  return row !== undefined;
}
