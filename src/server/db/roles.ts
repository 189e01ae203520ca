/**
 * The application's database role on PostgreSQL (issue 13 item 2, docs/security.md).
 *
 * Migrations run as the OWNER of the schema (MIGRATION_DATABASE_URL, or DATABASE_URL when it is the only URL);
 * the application's pool connects as a restricted LOGIN role that owns no table, is not a superuser (so it
 * cannot disable triggers or set session_replication_role) and may only INSERT and SELECT the audit log (and
 * read its hash chain). It connects AS that role — not as the owner with SET ROLE, which any query could undo
 * with RESET ROLE.
 *
 *   two URLs    DATABASE_URL is the application's login; after migrating, the owner grants it what it needs.
 *   one URL     the URL is the owner's; when it may create roles (superuser or CREATEROLE), the server creates
 *               DATABASE_APP_ROLE (default dxe_app) once, race-safe (several databases of one cluster may start
 *               together: roles are cluster-wide), grants it per database and connects as it. Its password is
 *               DATABASE_APP_PASSWORD, else derived from the owner's password (HMAC-SHA256), so every instance
 *               with the same URL agrees without storing it; with a password-less owner URL (local trust
 *               authentication, a fresh clone, CI) the role gets no password: it can only log in where the
 *               server trusts the connection, never with a guessable password.
 *   not allowed the owner cannot create roles: the application runs as the owner, with a warning (the
 *               append-only triggers still hold against the code, not against a compromised process).
 */
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export const APP_ROLE_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables the application reads but never writes (besides the audit log, which it appends to). */
const READ_ONLY_TABLES = ['audit_chain', 'audit_chain_head', 'kysely_migration', 'kysely_migration_lock'];

/** The password of the application role in one-URL mode (see above). */
export function appRolePassword(ownerUrl: string, role: string, configured: string | null): string | null {
  if (configured) return configured;
  const ownerPassword = decodeURIComponent(new URL(ownerUrl).password);
  if (!ownerPassword) return null;
  return createHmac('sha256', ownerPassword).update(`dianxiaoer-app-role:${role}`).digest('base64url');
}

/** The same server and database, logged in as another role. */
export function urlAsRole(url: string, role: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = password ? encodeURIComponent(password) : '';
  return parsed.toString();
}

const isDuplicate = (error: unknown): boolean => {
  const code = (error as { code?: string }).code;
  // duplicate_object, or the unique index of pg_authid when two sessions create the role at the same instant.
  return code === '42710' || code === '23505';
};

/**
 * Creates the restricted login role unless it exists. Returns false when the owner may not create roles.
 * An existing role is used as it is (its password is not changed: another database of the cluster may be
 * using it), but it is refused if it is a superuser or may bypass row security.
 */
export async function ensureAppRole(owner: Kysely<unknown>, role: string, password: string | null): Promise<boolean> {
  if (!APP_ROLE_PATTERN.test(role)) throw new Error(`DATABASE_APP_ROLE "${role}" is not a plain lower-case identifier`);
  const me = await sql<{ rolsuper: boolean; rolcreaterole: boolean }>`
    select rolsuper, rolcreaterole from pg_roles where rolname = current_user`.execute(owner);
  const exists = async () => (await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
    select rolsuper, rolbypassrls from pg_roles where rolname = ${role}`.execute(owner)).rows[0];
  let found = await exists();
  if (!found) {
    const can = me.rows[0];
    if (!can || (!can.rolsuper && !can.rolcreaterole)) return false;
    try {
      await sql`create role ${sql.id(role)} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit password ${sql.raw(password === null ? 'null' : `'${password.replace(/'/g, "''")}'`)}`.execute(owner);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    found = await exists();
  }
  if (!found) throw new Error(`the database role ${role} could not be created`);
  if (found.rolsuper || found.rolbypassrls) throw new Error(`the database role ${role} is a superuser or bypasses row security: it cannot be the application's role`);
  return true;
}

/**
 * Grants `role` what the application needs in this database (run by the owner after every migration: it
 * covers the tables the migrations just created): connect, DML on every table, INSERT and SELECT only on the
 * audit log, SELECT only on the chain and the migration bookkeeping, sequences' values. Nothing else: no
 * TRUNCATE, REFERENCES or TRIGGER anywhere, no ownership.
 */
export async function grantAppRole(owner: Kysely<unknown>, role: string): Promise<void> {
  if (!APP_ROLE_PATTERN.test(role)) throw new Error(`database role "${role}" is not a plain lower-case identifier`);
  // Instances starting together grant at once: concurrent GRANTs on one object fail with "tuple concurrently
  // updated", so they queue on a lock of this database.
  await owner.transaction().execute((trx) => grantInTransaction(trx, role));
}

async function grantInTransaction(owner: Kysely<unknown>, role: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('dianxiaoer.grant-app-role'))`.execute(owner);
  const r = sql.id(role);
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(owner);
  await sql`grant connect on database ${sql.id(rows[0]!.db)} to ${r}`.execute(owner);
  await sql`grant usage on schema public to ${r}`.execute(owner);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(owner);
  await sql`revoke truncate, references, trigger on all tables in schema public from ${r}`.execute(owner);
  await sql`revoke insert, update, delete on audit_log from ${r}`.execute(owner);
  await sql`grant insert on audit_log to ${r}`.execute(owner);
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' and tablename = any(${READ_ONLY_TABLES})`.execute(owner);
  for (const { name } of tables.rows) await sql`revoke insert, update, delete on ${sql.id(name)} from ${r}`.execute(owner);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(owner);
}

export interface RoleFacts {
  role: string;
  isSuperuser: boolean;
  ownedTables: number;
  /** Privileges on audit_log other than INSERT and SELECT. */
  auditLogWrites: string[];
}

/** What the connected role is and may do, for the start's check and the tests. */
export async function roleFacts(db: Kysely<unknown>): Promise<RoleFacts> {
  const { rows } = await sql<{ role: string; is_superuser: boolean; owned: number }>`
    select current_user as role,
           (select rolsuper from pg_roles where rolname = current_user) as is_superuser,
           (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned`.execute(db);
  const writes: string[] = [];
  for (const privilege of ['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) {
    const { rows: has } = await sql<{ ok: boolean }>`select has_table_privilege('audit_log', ${privilege}) as ok`.execute(db);
    if (has[0]?.ok) writes.push(privilege);
  }
  const row = rows[0]!;
  return { role: row.role, isSuperuser: row.is_superuser, ownedTables: Number(row.owned), auditLogWrites: writes };
}

export interface RoleSetup {
  /** Where the application's pool connects. */
  appUrl: string;
  /** The role it connects as, or null when it runs as the owner (the owner may not create roles). */
  appRole: string | null;
}

/**
 * After migrating (as the owner): makes sure the application's role exists and has its grants in this
 * database, and says where the application connects. See the header for the two modes.
 */
export async function setUpAppRole(
  owner: Kysely<unknown>,
  config: { databaseUrl: string; migrationDatabaseUrl: string | null; appRole: { name: string; password: string | null } },
  log: (message: string) => void,
): Promise<RoleSetup> {
  if (config.migrationDatabaseUrl) {
    const role = decodeURIComponent(new URL(config.databaseUrl).username);
    if (!role) throw new Error('DATABASE_URL must name its user (the application role) when MIGRATION_DATABASE_URL is set');
    const { rows } = await sql<{ me: string }>`select current_user as me`.execute(owner);
    if (rows[0]?.me === role) {
      log(`warning: DATABASE_URL and MIGRATION_DATABASE_URL log in as the same role (${role}): the application runs as the owner`);
      return { appUrl: config.databaseUrl, appRole: null };
    }
    await grantAppRole(owner, role);
    return { appUrl: config.databaseUrl, appRole: role };
  }
  const role = config.appRole.name;
  const password = appRolePassword(config.databaseUrl, role, config.appRole.password);
  if (!(await ensureAppRole(owner, role, password))) {
    log(`warning: the database login of DATABASE_URL may not create roles, so the application runs as the schema's owner; ` +
      'create a restricted login and set MIGRATION_DATABASE_URL (docs/security.md)');
    return { appUrl: config.databaseUrl, appRole: null };
  }
  await grantAppRole(owner, role);
  return { appUrl: urlAsRole(config.databaseUrl, role, password), appRole: role };
}

/** Refuses an application role that could erase the audit log; used at start after connecting. */
export async function checkAppRole(db: Kysely<unknown>, expected: string): Promise<RoleFacts> {
  let facts: RoleFacts;
  try {
    facts = await roleFacts(db);
  } catch (error) {
    throw new Error(`the application cannot log in to the database as ${expected}: ${(error as Error).message} ` +
      '(set DATABASE_APP_PASSWORD, or create the role and use MIGRATION_DATABASE_URL; docs/security.md)', { cause: error });
  }
  if (facts.isSuperuser || facts.ownedTables > 0 || facts.auditLogWrites.length > 0) {
    throw new Error(`the application's database role ${facts.role} could erase the audit log ` +
      `(superuser: ${facts.isSuperuser}, tables owned: ${facts.ownedTables}, audit_log privileges beyond INSERT/SELECT: ${facts.auditLogWrites.join(', ') || 'none'})`);
  }
  return facts;
}
