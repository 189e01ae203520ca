import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { checkAppRole, grantAppRole, roleFacts, setUpAppRole } from '../../src/server/db/roles.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/index.ts';
import { prepareDatabase } from '../../src/server/server.ts';
import { createTestApp, TestClient } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

const serverUrl = process.env.DATABASE_URL || null;

/**
 * The application's database role on PostgreSQL (src/server/db/roles.ts). PGlite has no roles (one process,
 * one user): there the append-only triggers and the hash chain are the protection (docs/security.md).
 */
describe.skipIf(!serverUrl)('the application role on PostgreSQL', () => {
  let owner: TestDatabase;
  let app: Database;
  // A role of this run (roles are cluster-wide; dropped at the end) so creating it is really exercised.
  const role = `dxe_app_t${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    owner = await createTestDatabase();
    const config = { databaseUrl: owner.url!, migrationDatabaseUrl: null, appRole: { name: role, password: null } };
    // Several instances (or test files) starting together: one creates the role, the others find it.
    const setups = await Promise.all([1, 2, 3, 4].map(() => setUpAppRole(owner.db as Kysely<unknown>, config, () => {})));
    expect(new Set(setups.map((s) => s.appRole))).toEqual(new Set([role]));
    app = await openDatabase({ databaseUrl: setups[0]!.appUrl, pgliteDir: null, poolSize: 3, onPoolError: () => {} });
  });
  afterAll(async () => {
    await app?.close();
    await sql`drop owned by ${sql.id(role)}`.execute(owner.db);
    await owner.destroy();
    const other = await createTestDatabase();
    await sql`drop role if exists ${sql.id(role)}`.execute(other.db).catch(() => {});
    await other.destroy();
  });

  it('is its own login, owns no table, is no superuser and may only insert and read the audit log', async () => {
    const facts = await checkAppRole(app.db as Kysely<unknown>, role);
    expect(facts).toEqual({ role, isSuperuser: false, ownedTables: 0, auditLogWrites: [] });
    const ownerFacts = await roleFacts(owner.db as Kysely<unknown>);
    expect(ownerFacts.ownedTables).toBeGreaterThan(10);
  });

  it('cannot UPDATE, DELETE or TRUNCATE the audit log, disable its triggers or switch them off by replication role', async () => {
    await sql`insert into audit_log (action, outcome) values ('auth.login', 'success')`.execute(app.db);
    const denied = { code: '42501' };
    await expect(sql`update audit_log set action = 'forged'`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`delete from audit_log`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`truncate audit_log`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`alter table audit_log disable trigger all`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`set session_replication_role = replica`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`drop table audit_log`.execute(app.db)).rejects.toMatchObject(denied);
    // Nor become the owner, nor write the chain.
    await expect(sql`set role postgres`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`insert into audit_chain (seq, audit_id, prev_hash, hash) values (999999, 1, 'x', 'y')`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`update audit_chain_head set seq = 0`.execute(app.db)).rejects.toMatchObject(denied);
    await expect(sql`create table mine (id int)`.execute(app.db)).rejects.toMatchObject(denied);
    // Its insert is chained by the owner's trigger, and the chain holds.
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });

  it('still runs the platform: a sign-in as the application role is audited and chained', async () => {
    const user = await createUser(owner.db, { roles: ['auditor'] });
    const t = await createTestApp({}, { ...app, url: null, destroy: async () => {} });
    try {
      const client = new TestClient(t.app);
      expect((await client.login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
      expect((await client.get('/api/audit?pageSize=1')).statusCode).toBe(200);
    } finally {
      await t.app.close();
    }
    const login = await owner.db.selectFrom('audit_log').innerJoin('audit_chain', 'audit_chain.audit_id', 'audit_log.id')
      .select('audit_chain.seq').where('audit_log.actor_user_id', '=', user.id).where('action', '=', 'auth.login').execute();
    expect(login.length).toBe(1);
    expect(await verifyAuditChain(owner.db)).toMatchObject({ ok: true });
  });

  it('the start path (one URL, the server creates dxe_app) hands the application that role, not the owner', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DEMO: 'false', DATABASE_URL: owner.url! });
    const database = await prepareDatabase(config, () => {});
    try {
      const facts = await roleFacts(database.db as Kysely<unknown>);
      expect(facts).toMatchObject({ role: 'dxe_app', isSuperuser: false, ownedTables: 0, auditLogWrites: [] });
    } finally {
      await database.close();
      await sql`revoke all on all tables in schema public from dxe_app`.execute(owner.db);
      await sql`revoke all on all sequences in schema public from dxe_app`.execute(owner.db);
      await sql`revoke all on schema public from dxe_app`.execute(owner.db);
      await sql`revoke all on database ${sql.id(new URL(owner.url!).pathname.slice(1))} from dxe_app`.execute(owner.db);
    }
  });

  it('two URLs: the application login named by DATABASE_URL gets the grants; a superuser there is refused', async () => {
    const login = `${role}_two`;
    await sql`create role ${sql.id(login)} login`.execute(owner.db);
    try {
      const url = new URL(owner.url!);
      url.username = login;
      const setup = await setUpAppRole(owner.db as Kysely<unknown>, { databaseUrl: url.toString(), migrationDatabaseUrl: owner.url!, appRole: { name: 'unused', password: null } }, () => {});
      expect(setup).toEqual({ appUrl: url.toString(), appRole: login });
      const second = await openDatabase({ databaseUrl: setup.appUrl, pgliteDir: null, poolSize: 1, onPoolError: () => {} });
      try {
        expect(await checkAppRole(second.db as Kysely<unknown>, login)).toMatchObject({ role: login, ownedTables: 0 });
        await expect(sql`delete from audit_log`.execute(second.db)).rejects.toMatchObject({ code: '42501' });
      } finally {
        await second.close();
      }
      // The owner itself as the application's login is refused at start.
      await expect(checkAppRole(owner.db as Kysely<unknown>, 'postgres')).rejects.toThrow(/could erase the audit log/);
    } finally {
      await sql`drop owned by ${sql.id(login)}`.execute(owner.db);
      await sql`drop role ${sql.id(login)}`.execute(owner.db);
    }
  });

  it('grants are idempotent and cover tables created after them (re-granted after each migration)', async () => {
    await sql`create table later_table (id int)`.execute(owner.db);
    await expect(sql`insert into later_table values (1)`.execute(app.db)).rejects.toMatchObject({ code: '42501' });
    await grantAppRole(owner.db as Kysely<unknown>, role);
    await grantAppRole(owner.db as Kysely<unknown>, role);
    await sql`insert into later_table values (1)`.execute(app.db);
    await expect(sql`truncate later_table`.execute(app.db)).rejects.toMatchObject({ code: '42501' });
  });
});

describe.skipIf(serverUrl)('the application role on PGlite', () => {
  it.skip('has no roles to separate: one process owns the embedded database (docs/security.md); runs on PostgreSQL', () => {});
});
