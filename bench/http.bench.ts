/**
 * `npm run bench:http`: requests/s and p99 latency of GET /api/auth/me with a valid session under 50
 * concurrent connections, side by side with a bare Fastify route in the same run, and their ratio.
 * The database is a scratch one: PGlite in memory, or a new database on the PostgreSQL server DATABASE_URL
 * names (dropped afterwards). Options:
 *   --seconds N (default 10)  --connections N (default 50)
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/modules/auth/passwords.ts';
import { openScratchDatabase } from './scratch-database.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const duration = Number(values.seconds);
const connections = Number(values.connections);

interface Figures {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // A short warm-up so JIT and connection set-up do not count.
  await autocannon({ url, connections, duration: 2, headers });
  const result = await autocannon({ url, connections, duration, headers });
  return { requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory', JOBS_ENABLED: 'false' });
const { database, drop } = await openScratchDatabase(config.databaseUrl, 'http');
await migrateToLatest(database.db as Kysely<unknown>);
const org = await database.db.insertInto('organizations').values({ type: 'department', name: 'bench', code: `bench-${Date.now()}`, service_team: null }).returning('id').executeTakeFirstOrThrow();
const username = `bench${Date.now()}`;
await database.db
  .insertInto('users')
  .values({ org_id: org.id, username, display_name: 'Bench', password_hash: await hashPassword('bench-password-1'), roles: ['department_staff'] })
  .execute();

/** Signs in as a browser would (CSRF token, then login) and returns the session cookie. */
async function signIn(appUrl: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { token } = (await csrf.json()) as { token: string };
  const login = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ username, password: 'bench-password-1' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const app = await buildApp({ config, database, serveWeb: false });
const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const sessionCookie = await signIn(appUrl);
// The same app with the session cache off: one session read per request.
const uncached = await buildApp({ config: { ...config, session: { ...config.session, cacheSeconds: 0 } }, database, serveWeb: false });
const uncachedUrl = await uncached.listen({ host: '127.0.0.1', port: 0 });
const uncachedCookie = await signIn(uncachedUrl);

const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ user: { id: 1, username: 'bench' } }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

console.log(`database: ${database.kind}; ${connections} connections; ${duration} s per run`);
const me = await load(`${appUrl}/api/auth/me`, { cookie: sessionCookie });
console.log(`GET /api/auth/me (session cache ${config.session.cacheSeconds} s): ${me.requestsPerSecond} req/s, p99 ${me.p99Ms} ms, errors ${me.errors}`);
const meUncached = await load(`${uncachedUrl}/api/auth/me`, { cookie: uncachedCookie });
console.log(`GET /api/auth/me (no cache, ${database.kind} read): ${meUncached.requestsPerSecond} req/s, p99 ${meUncached.p99Ms} ms, errors ${meUncached.errors}`);
const baseline = await load(`${bareUrl}/bare`);
console.log(`bare Fastify route:                      ${baseline.requestsPerSecond} req/s, p99 ${baseline.p99Ms} ms, errors ${baseline.errors}`);
const ratio = me.requestsPerSecond / baseline.requestsPerSecond;
console.log(`ratio /api/auth/me ÷ bare: ${(ratio * 100).toFixed(1)}%`);

await app.close();
await uncached.close();
await bare.close();
await drop();
console.log(JSON.stringify({ database: database.kind, connections, seconds: duration, me, meUncached, bare: baseline, ratio: Number(ratio.toFixed(3)) }));
