import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { DEMO_PASSWORD, hashPassword } from '../../src/server/modules/auth/passwords.ts';
import { prepareDatabase } from '../../src/server/server.ts';
import { createTestDatabase, testDatabaseUrl } from '../db.ts';
import { createOrg } from '../factories/accounts.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A configuration on a fresh embedded database directory (the start-up path opens its own database). */
function configFor(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-start-'));
  dirs.push(dataDir);
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env });
}

describe.skipIf(testDatabaseUrl())('start-up outside demo mode', () => {
  it('refuses to start while the demo password opens an account, and starts once it is changed', async () => {
    const config = configFor({ NODE_ENV: 'production' });
    const first = await prepareDatabase(config, () => {});
    const org = await createOrg(first.db, 'platform');
    await first.db.insertInto('users').values({ org_id: org, username: 'admin', display_name: 'Admin', password_hash: await hashPassword(DEMO_PASSWORD), roles: ['admin'] }).execute();
    await first.close();

    await expect(prepareDatabase(config, () => {})).rejects.toThrow(/refusing to start in production: the demo password opens 1 account\(s\) \(admin\)/);

    // The operator changes the password (directly here; in life through the account page or create-admin).
    const fixing = await openDatabase({ databaseUrl: null, pgliteDir: config.pgliteDir });
    await fixing.db.updateTable('users').set({ password_hash: await hashPassword('a-real-password-2026') }).execute();
    await fixing.close();
    const started = await prepareDatabase(config, () => {});
    await started.close();
  });

  it('does not seed demo data into an empty production database', async () => {
    const database = await prepareDatabase(configFor({ NODE_ENV: 'production' }), () => {});
    const { n } = await database.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
    await database.close();
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new ones', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory' });
    const app = await buildApp({ config, database, serveWeb: false });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    app.get('/api/test/slow', async () => {
      await held;
      return { finished: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const inFlight = fetch(`${url}/api/test/slow`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the request is now being handled
      const closing = app.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(fetch(`${url}/api/health`)).rejects.toThrow(); // no new connections while closing
      release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ finished: true });
      await closing;
    } finally {
      await database.destroy();
    }
  });
});
