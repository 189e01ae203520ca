import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { backupDatabase, restoreDatabase, tableFingerprints } from '../../src/server/db/backup.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { recordAudit, verifyAuditChain } from '../../src/server/modules/audit/index.ts';
import { createUser } from '../factories/accounts.ts';
import { createTestDatabase } from '../db.ts';

const serverUrl = process.env.DATABASE_URL || null;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-backup-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Data of several kinds (organisations, users, audit entries with Chinese text and JSON, money). */
async function writeData(db: Kysely<DB>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const user = await createUser(db, { roles: i % 2 ? ['admin'] : ['auditor'] });
    await recordAudit(db, { actorUserId: user.id, actorUsername: user.username, actorOrgId: user.orgId, requestId: `r${i}`, ip: '10.0.0.1',
      action: 'user.create', targetType: 'user', targetId: user.id, details: { 名称: `企业${i}`, amountFen: 123_456_789_012 + i, list: [i, null] } });
  }
  await sql`insert into server_secrets (name, value) values ('backup-test', ${randomBytes(16).toString('hex')})`.execute(db);
}

async function expectSameData(source: Database, restored: Database): Promise<void> {
  const before = await tableFingerprints(source.db as Kysely<unknown>);
  const after = await tableFingerprints(restored.db as Kysely<unknown>);
  expect(Object.keys(after)).toEqual(Object.keys(before));
  expect(after).toEqual(before);
  expect(Number(before.audit_log?.split(':')[0])).toBeGreaterThanOrEqual(5);
  expect(Number(before.users?.split(':')[0])).toBeGreaterThanOrEqual(5);
  // The hash chain came through: the restored log verifies, and the restored database writes on it.
  expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true });
  await recordAudit(restored.db, { actorUserId: null, actorUsername: null, actorOrgId: null, requestId: null, ip: null, action: 'auth.login' });
  expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true });
  // Running the migrations again changes nothing: the restored schema is current.
  expect((await migrateToLatest(restored.db as Kysely<unknown>)).results).toEqual([]);
}

describe.runIf(!serverUrl)('backup and restore on PGlite (data directory archive)', () => {
  it('round-trips: written, backed up, restored into an empty directory, read back equal', async () => {
    const templatePath = inject('pgliteTemplatePath');
    const sourceDir = path.join(dir, 'source');
    const source = await openDatabase({ databaseUrl: null, pgliteDir: sourceDir, pgliteTemplate: templatePath ? new Blob([fs.readFileSync(templatePath)]) : undefined });
    if (!templatePath) await migrateToLatest(source.db as Kysely<unknown>);
    await writeData(source.db);
    await source.close();

    const file = path.join(dir, 'backup.tar.gz');
    await backupDatabase({ databaseUrl: null, pgliteDir: sourceDir }, file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const restoredDir = path.join(dir, 'restored');
    await restoreDatabase({ databaseUrl: null, pgliteDir: restoredDir }, file);
    // Never over an existing database.
    await expect(restoreDatabase({ databaseUrl: null, pgliteDir: sourceDir }, file)).rejects.toThrow(/not empty/);

    const reopened = await openDatabase({ databaseUrl: null, pgliteDir: sourceDir });
    const restored = await openDatabase({ databaseUrl: null, pgliteDir: restoredDir });
    try {
      await expectSameData(reopened, restored);
    } finally {
      await reopened.close();
      await restored.close();
    }
  });
});

describe.runIf(serverUrl)('backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  it('round-trips: written, backed up, restored into a fresh database, read back equal', async () => {
    const source = await createTestDatabase();
    const name = `dxe_restore_${randomBytes(6).toString('hex')}`;
    const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl!, max: 1 }) }) });
    try {
      await writeData(source.db);
      const file = path.join(dir, 'backup.dump');
      await backupDatabase({ databaseUrl: source.url, pgliteDir: null }, file);
      await sql`create database ${sql.id(name)}`.execute(admin);
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      await restoreDatabase({ databaseUrl: url.toString(), pgliteDir: null }, file);
      const restored = await openDatabase({ databaseUrl: url.toString(), pgliteDir: null, poolSize: 2, onPoolError: () => {} });
      try {
        await expectSameData(source, restored);
      } finally {
        await restored.close();
      }
    } finally {
      await source.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    }
  });
});
