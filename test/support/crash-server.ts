/**
 * A real server process on an embedded database directory, for the crash test: prints "listening <url>"
 * once ready. Created with an admin account (username crash-admin, password in CRASH_PASSWORD).
 */
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { hashPassword } from '../../src/server/modules/auth/passwords.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DATABASE_URL: '' });
const database = await openDatabase({ databaseUrl: null, pgliteDir: config.pgliteDir });
await migrateToLatest(database.db as Kysely<unknown>);
const existing = await database.db.selectFrom('users').where('username', '=', 'crash-admin').select('id').executeTakeFirst();
if (!existing) {
  const org = await database.db.insertInto('organizations').values({ type: 'platform', name: 'platform', code: 'platform', service_team: null }).returning('id').executeTakeFirstOrThrow();
  await database.db
    .insertInto('users')
    .values({ org_id: org.id, username: 'crash-admin', display_name: 'Crash admin', password_hash: await hashPassword(process.env.CRASH_PASSWORD!), roles: ['admin'] })
    .execute();
}
const app = await buildApp({ config, database, serveWeb: false });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening ${url}`);
