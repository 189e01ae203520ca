import type { Kysely } from 'kysely';
import type { DB, OrgType, Role } from '../../src/server/db/schema.ts';
import { hashPassword } from '../../src/server/modules/auth/passwords.ts';

export const TEST_PASSWORD = 'correct-horse-42';
let passwordHash: Promise<string> | undefined;
let sequence = 0;

/** Creates an organisation of this type, with a unique code and (unless given) a name made from it. */
export async function createOrg(db: Kysely<DB>, type: OrgType = 'platform', name?: string): Promise<number> {
  sequence++;
  const row = await db
    .insertInto('organizations')
    .values({ type, name: name ?? `${type} ${sequence}`, code: `${type}-${sequence}`, service_team: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const ORG_TYPE_OF_ROLE: Record<Role, OrgType> = {
  enterprise_user: 'enterprise',
  department_staff: 'department',
  dispatcher: 'dispatch_centre',
  cadre: 'department',
  provider_staff: 'service_provider',
  bank_staff: 'bank',
  data_admin: 'platform',
  admin: 'platform',
  auditor: 'platform',
  security_admin: 'platform',
  leader: 'platform',
};

/** Creates a user (and, unless given, an organisation fitting the first role) with TEST_PASSWORD. */
export async function createUser(
  db: Kysely<DB>,
  options: { roles: Role[]; username?: string; orgId?: number; isDisabled?: boolean },
): Promise<{ id: number; username: string; orgId: number }> {
  sequence++;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const orgId = options.orgId ?? (await createOrg(db, ORG_TYPE_OF_ROLE[options.roles[0]]));
  const username = options.username ?? `user${sequence}`;
  const row = await db
    .insertInto('users')
    .values({
      org_id: orgId,
      username,
      display_name: `Test ${username}`,
      password_hash: await passwordHash,
      roles: options.roles,
      is_disabled: options.isDisabled ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, orgId };
}
